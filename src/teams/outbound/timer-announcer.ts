import { randomUUID } from 'node:crypto';
import { type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import { conversationReference } from './conversation-reference';
import type { Logger } from 'pino';
import { timerStillRuns, type Language } from '../../domain';
import { t } from '../../i18n';
import {
  readTimerPayload,
  timerPayloadJson,
  type StoredReference,
  type TableKey,
  type TableStore,
  type TimerPayload,
  type TimerQueue,
} from '../../store';
import { noticeCard } from '../../views';
import { cardMessage, sendMessage } from './outbound';
import type { SharedCardReminder } from '../publish/shared-card-updater';

export interface TimerRequest {
  key: TableKey;
  activity: Activity;
  minutes: number;
  dueAt: number;
  lang: Language;
}

export interface TimerAnnouncerOptions {
  adapter: CloudAdapter;
  appId: string;
  queue: TimerQueue;
  /** Where the announcer checks that a due timer still runs (the step and the table go on). */
  tables: Pick<TableStore, 'get'>;
  log: Logger;
  /** How often the queue is asked for what is due. */
  intervalMs?: number;
  /** Shared card reminders share the queue (see SharedCardUpdater); they go here. */
  onCardReminder?: (reminder: SharedCardReminder) => void;
}

/**
 * Says "de 5 minuten zijn om" when a leider's timer ends, and hands shared card reminders to the updater. The timer lives in the store, so it fires
 * after a restart too and only once across bot processes. It never closes a phase: the leider does.
 */
export class TimerAnnouncer {
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;

  private readonly adapter: CloudAdapter;
  private readonly appId: string;
  private readonly queue: TimerQueue;
  private readonly tables: Pick<TableStore, 'get'>;
  private readonly log: Logger;
  private readonly intervalMs: number;
  private readonly onCardReminder: (reminder: SharedCardReminder) => void;

  constructor(options: TimerAnnouncerOptions) {
    this.adapter = options.adapter;
    this.appId = options.appId;
    this.queue = options.queue;
    this.tables = options.tables;
    this.log = options.log;
    this.intervalMs = options.intervalMs ?? 1000;
    this.onCardReminder = options.onCardReminder ?? (() => {});
  }

  async schedule(request: TimerRequest): Promise<void> {
    const reference = conversationReference(request.activity);
    await this.queue.add(
      request.dueAt,
      timerPayloadJson({
        type: 'timer',
        id: randomUUID(),
        key: request.key,
        reference,
        minutes: request.minutes,
        endsAt: request.dueAt,
        lang: request.lang,
      }),
    );
  }

  start(): void {
    this.timer = setInterval(() => {
      this.ticking ??= this.tick().finally(() => (this.ticking = undefined));
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.ticking;
  }

  /**
   * Announces every timer that is due now. `takeDue` has removed the batch, so each payload is
   * delivered on its own: one that does not parse or fails is logged, and the rest still go.
   */
  async tick(now = Date.now()): Promise<void> {
    let due: string[];
    try {
      due = await this.queue.takeDue(now);
    } catch (err) {
      this.log.warn({ err }, 'could not read due timers');
      return;
    }
    for (const raw of due) {
      const payload = readTimerPayload(raw);
      if (!payload.ok) {
        this.log.warn({ stored: 'timer', ...payload.unreadable }, 'a due timer does not parse and is skipped');
        continue;
      }
      try {
        await this.deliver(payload.value);
      } catch (err) {
        this.log.warn(
          { err, type: payload.value.type, conversation: payload.value.reference.conversation.id },
          'timer announcement failed',
        );
      }
    }
  }

  private async deliver(payload: TimerPayload): Promise<void> {
    const reference = botReference(payload.reference);
    switch (payload.type) {
      case 'card':
        this.onCardReminder({ type: 'card', key: payload.key, kind: payload.kind, reference });
        return;
      case 'timer': {
        const { minutes } = payload;
        // A new step, the end of the table or a newer timer cancels this one: the queue keeps it,
        // the table says whether it still counts. Read when due, so no later change is missed:
        // neither a `taal` since the timer was set (the table's language now, not the one it had).
        const table = await this.tables.get(payload.key);
        if (!table || !timerStillRuns(table, payload.endsAt)) return;
        const lang = table.settings.language;
        const card = noticeCard(lang, 'timer.done', { minutes }, 'accent');
        await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
          await sendMessage(context, cardMessage(card, t(lang, 'timer.done', { minutes })));
        });
        return;
      }
      default: {
        const never: never = payload;
        throw new Error(`unknown timer payload ${String(never)}`);
      }
    }
  }
}

/**
 * The stored reference is what conversationReference() took from an activity. Botbuilder's type
 * claims conversation fields (isGroup, name) that Teams does not always send, hence the cast.
 */
function botReference(stored: StoredReference): Partial<ConversationReference> {
  return stored as Partial<ConversationReference>;
}
