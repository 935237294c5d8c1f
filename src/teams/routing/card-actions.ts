import { z } from 'zod';
import { cardInteger } from './card-number';

/**
 * The data of a card button, checked at the edge. Anything a card claims about who acts is not
 * part of these schemas: identity comes from the activity. Unknown extra fields are dropped.
 */
const roundNumber = cardInteger(1, 50);
const cardId = z.string().max(100).optional();
const argument = z.string().max(20000).optional();
const text = z.string().max(20000).optional();
/** A guest the leider fills in for; empty means the acting user. Only a guest id can be named here. */
const forGuest = z.string().max(100).optional();
const kind = z.enum(['ingredient', 'intention']);
const consent = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

export const cardActionSchema = z.discriminatedUnion('verb', [
  z.object({ verb: z.literal('join') }),
  z.object({ verb: z.literal('welcome.view') }),
  z.object({ verb: z.literal('consent.set'), consent }),
  /** `person`: whom the card asks (see leader-consent.ts); it can only refuse, never choose whose answer is stored. */
  z.object({ verb: z.literal('leader.consent'), consent, person: z.string().max(100).optional() }),
  z.object({ verb: z.literal('leader.consent.open') }),
  z.object({ verb: z.literal('intro.open') }),
  z.object({ verb: z.literal('intro.submit'), role: z.string().max(20000).optional(), involvement: z.string().max(20000).optional() }),
  z.object({ verb: z.literal('picks.open'), round: roundNumber, for: forGuest }),
  z.object({ verb: z.literal('picks.info'), round: roundNumber }),
  z.object({
    verb: z.literal('picks.submit'),
    round: roundNumber,
    for: forGuest,
    inCard: cardId,
    inArgument: argument,
    outCard: cardId,
    outArgument: argument,
    doubtCard: cardId,
    doubtArgument: argument,
  }),
  z.object({ verb: z.literal('board.place.open') }),
  z.object({ verb: z.literal('board.view') }),
  z.object({ verb: z.literal('intentions.view') }),
  z.object({ verb: z.literal('ranking.view') }),
  z.object({ verb: z.literal('board.place'), card: cardId, zone: cardId, agreement: cardId, purpose: text, trait: text }),
  z.object({ verb: z.literal('poll.open'), card: cardId, zone: cardId, agreement: cardId, purpose: text, trait: text }),
  z.object({ verb: z.literal('poll.vote.open'), poll: roundNumber, for: forGuest }),
  z.object({ verb: z.literal('poll.vote'), poll: roundNumber, zone: cardId, for: forGuest }),
  z.object({ verb: z.literal('poll.close'), poll: roundNumber }),
  z.object({ verb: z.literal('owncard.open'), kind }),
  z.object({ verb: z.literal('owncard.add'), kind, title: text, description: text }),
  z.object({ verb: z.literal('stickers.open'), for: forGuest }),
  z.object({
    verb: z.literal('stickers.submit'),
    for: forGuest,
    sticker1: cardId,
    sticker2: cardId,
    sticker3: cardId,
    /** Another client may send counts instead of three choices; the core checks them. */
    counts: z.record(z.string().max(100), z.number()).optional(),
  }),
  z.object({ verb: z.literal('discussion.open') }),
  z.object({ verb: z.literal('discussion.save'), mainIntention: cardId, agreements: text, disagreements: text, policyRelation: text, policyGoals: text }),
  z.object({ verb: z.literal('closing.open'), for: forGuest }),
  z.object({ verb: z.literal('closing.submit'), for: forGuest, learned: text, action: text }),
]);

export type CardAction = z.infer<typeof cardActionSchema>;
export type Verb = CardAction['verb'];

const invokeValueSchema = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string().max(100),
    data: z.record(z.string(), z.unknown()).nullish(),
  }),
  trigger: z.string().optional(),
});

export type ParsedAction = { ok: true; action: CardAction; automatic: boolean } | { ok: false; verb?: string };

/** The Universal Actions invoke value: `{ action: { verb, data }, trigger }`. */
export function parseCardAction(value: unknown): ParsedAction {
  const invoke = invokeValueSchema.safeParse(value);
  if (!invoke.success) return { ok: false };
  const { verb, data } = invoke.data.action;
  const action = cardActionSchema.safeParse({ ...(data ?? {}), verb });
  if (!action.success) return { ok: false, verb };
  return { ok: true, action: action.data, automatic: invoke.data.trigger === 'automatic' };
}
