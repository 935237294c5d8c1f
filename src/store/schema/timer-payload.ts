import { z } from 'zod/v4';
import { readStoredJson, step, type StoredRead, type StoredShape } from './versioned';
import { languageSchema } from './table-state';

/**
 * What waits in the timer queue: a leider's timer ("de 5 minuten zijn om") and a shared card's
 * reminder (see teams/shared-card-updater.ts). Both keep the table's key at the top, where an
 * erased table's reminders are found (teams/session-runner.ts).
 */

const tableKey = z.object({ tenantId: z.string(), conversationId: z.string() });

/**
 * Where to send later, as teams/conversation-reference.ts takes it from an activity: the
 * conversation and the bot, never the user. Only the conversation's id is needed to find it again.
 */
const reference = z.object({
  channelId: z.string().optional(),
  serviceUrl: z.string().optional(),
  locale: z.string().optional(),
  bot: z.object({ id: z.string(), name: z.string().optional() }).optional(),
  conversation: z.object({ id: z.string() }),
});
export type StoredReference = z.infer<typeof reference>;

export const SHARED_CARD_KINDS = ['welcome', 'progress', 'board', 'poll', 'intentions', 'stickers', 'ranking', 'discussion'] as const;
const kind = z.enum(SHARED_CARD_KINDS);

const TIMER_PAYLOAD_VERSION = 1;

const timerV1 = z.object({
  schemaVersion: z.literal(TIMER_PAYLOAD_VERSION),
  type: z.literal('timer'),
  id: z.string(),
  key: tableKey,
  reference,
  minutes: z.number(),
  /** The table's timer this announces (absent in payloads queued before): a newer timer or a new step replaces it. */
  endsAt: z.number().optional(),
  /** The language when the timer was set; the announcement speaks the table's language when it is due. */
  lang: languageSchema,
});

const cardReminderV1 = z.object({
  schemaVersion: z.literal(TIMER_PAYLOAD_VERSION),
  type: z.literal('card'),
  key: tableKey,
  kind,
  reference,
});

const timerPayloadV1 = z.discriminatedUnion('type', [timerV1, cardReminderV1]);

export type TimerPayload = z.infer<typeof timerPayloadV1>;
export type TimerAnnouncement = z.infer<typeof timerV1>;
export type StoredCardReminder = z.infer<typeof cardReminderV1>;

/** Version 0, before payloads had a version: a timer had no `type` either. */
const payloadV0 = z.union([cardReminderV1.omit({ schemaVersion: true }), timerV1.omit({ schemaVersion: true, type: true })]);

const timerPayloadShape: StoredShape<TimerPayload> = {
  version: TIMER_PAYLOAD_VERSION,
  schema: timerPayloadV1,
  older: { 0: step(payloadV0, (old) => ('type' in old ? { schemaVersion: 1, ...old } : { schemaVersion: 1, type: 'timer', ...old })) },
  unversioned: 0,
};

/** A payload as `takeDue` hands it out, of any version still in a queue. */
export function readTimerPayload(raw: string): StoredRead<TimerPayload> {
  return readStoredJson(timerPayloadShape, raw);
}

/**
 * What a caller queues: a payload without its version, its reference as the adapter holds it (where
 * every field is optional; one without a conversation does not read back, and is skipped then).
 */
export type QueuedTimer = TimerPayload extends infer T
  ? T extends unknown
    ? Omit<T, 'schemaVersion' | 'reference'> & { reference: Partial<StoredReference> }
    : never
  : never;

/**
 * The JSON to queue, with this release's version. The same payload gives the same JSON (field order
 * as given), so a reminder queued again moves its due time instead of adding a second one.
 */
export function timerPayloadJson(payload: QueuedTimer): string {
  return JSON.stringify({ schemaVersion: TIMER_PAYLOAD_VERSION, ...payload });
}
