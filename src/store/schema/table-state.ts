import { z } from 'zod/v4';
import { AGREEMENTS, PHASES, PICK_ROLES, ZONES, type Deck, type TableState } from '../../domain';
import { sameType, type SameType } from './same-type';
import type { StoredShape } from './versioned';

/**
 * The stored table, version 1 (`schemaVersion: 1`): every table written since the first release.
 * Types only, no limits: a read checks that the data has the shape the rules expect, not the rules
 * themselves (a limit that changes must not make stored tables vanish).
 *
 * zod/v4 (shipped inside the zod 3.25 we have) rather than the v3 API of the card schemas: every
 * click reads the table, and v4's check of a 4.6 KB state costs about a third of v3's (8 against
 * 27 µs, beside 16 µs for JSON.parse; bench/stored-shapes.ts).
 */

const userId = z.string();
export const languageSchema = z.enum(['nl', 'en']);

const card = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().optional(),
  kind: z.enum(['ingredient', 'intention']),
  addedBy: userId.optional(),
});

export const deckSchema = z.object({ ingredients: z.array(card), intentions: z.array(card) });

export const leaderRefSchema = z.object({
  id: userId,
  name: z.string(),
  channelUserId: z.string().optional(),
  nameConsent: z.boolean().optional(),
});

const participant = z.object({
  id: userId,
  name: z.string(),
  channelUserId: z.string().optional(),
  number: z.number(),
  nameConsent: z.boolean(),
  joinedAt: z.number(),
  guest: z.boolean(),
});

const pick = z.object({ cardId: z.string(), argument: z.string() });
const pickSet = z.object({ in: pick, out: pick, doubt: pick });
// The roles are the keys of a pick set: a role added to the domain must be added here too.
sameType<SameType<keyof z.infer<typeof pickSet>, (typeof PICK_ROLES)[number]>>(true);

const submittedPicks = z.object({ picks: pickSet, submittedAt: z.number(), enteredBy: userId.optional() });

const pickRound = z.object({
  number: z.number(),
  openedAt: z.number(),
  revealedAt: z.number().optional(),
  picks: z.record(userId, submittedPicks),
});

const introAnswer = z.object({
  role: z.string().optional(),
  involvement: z.string().optional(),
  answeredAt: z.number(),
  enteredBy: userId.optional(),
});

const settings = z.object({
  maxParticipants: z.number(),
  goal: z.string().optional(),
  outcomeUse: z.string().optional(),
  language: languageSchema,
  policyGoals: z.array(z.string()).optional(),
  stepMinutes: z.record(z.enum(PHASES), z.number()).optional(),
});

const zone = z.enum(ZONES);

const placement = z.object({
  cardId: z.string(),
  zone,
  agreement: z.enum(AGREEMENTS),
  purpose: z.string().optional(),
  trait: z.string().optional(),
  placedAt: z.number(),
  placedBy: userId,
});

const pollVote = z.object({ zone, at: z.number(), enteredBy: userId.optional() });

const poll = z.object({
  number: z.number(),
  cardId: z.string(),
  openedAt: z.number(),
  closedAt: z.number().optional(),
  votes: z.record(userId, pollVote),
});

const textBy = z.object({ text: z.string(), by: userId, at: z.number() });

const round2 = z.object({
  placements: z.record(z.string(), placement),
  history: z.array(placement),
  polls: z.array(poll),
  conclusions: z.array(textBy),
});

const stickerSet = z.object({ counts: z.record(z.string(), z.number()), at: z.number(), enteredBy: userId.optional() });

const round3 = z.object({
  stickers: z.record(userId, stickerSet),
  closedAt: z.number().optional(),
  discussion: z.object({
    mainIntention: z.string().optional(),
    agreements: z.string().optional(),
    disagreements: z.string().optional(),
    policyRelation: z.string().optional(),
  }),
});

const closingAnswer = z.object({
  learned: z.string().optional(),
  action: z.string().optional(),
  at: z.number(),
  enteredBy: userId.optional(),
});

export const tableStateV1 = z.object({
  schemaVersion: z.literal(1),
  title: z.string(),
  phase: z.enum(PHASES),
  createdAt: z.number(),
  updatedAt: z.number(),
  stoppedAt: z.number().optional(),
  lead: leaderRefSchema,
  coLeads: z.array(leaderRefSchema),
  settings,
  deck: deckSchema,
  participants: z.array(participant),
  intro: z.record(userId, introAnswer),
  pickRounds: z.array(pickRound),
  round2,
  round3,
  closing: z.record(userId, closingAnswer),
  notes: z.array(textBy),
  notetaker: leaderRefSchema.optional(),
  timer: z.object({ minutes: z.number(), startedAt: z.number(), endsAt: z.number() }).optional(),
  phaseStartedAt: z.number().optional(),
  sessionCode: z.string().optional(),
});

/**
 * One participant's own input, in a field of its own beside the table's shared part (see
 * participant-input.ts): keyed by pick round and poll number. `at` is when it was last written.
 */
export const participantInputV1 = z.object({
  at: z.number(),
  intro: introAnswer.optional(),
  picks: z.record(z.string(), submittedPicks).optional(),
  votes: z.record(z.string(), pollVote).optional(),
  stickers: stickerSet.optional(),
  closing: closingAnswer.optional(),
});

// The schema is the domain's type, field for field: this line stops compiling when either changes alone.
sameType<SameType<z.infer<typeof tableStateV1>, TableState>>(true);
sameType<SameType<z.infer<typeof deckSchema>, Deck>>(true);

/** A table with its deck: as the memory store keeps it, and as Redis did before the deck had a field of its own. */
export const tableShape: StoredShape<TableState> = { version: 1, schema: tableStateV1, older: {} };

/**
 * The `state` field of a table's Redis hash: the table without its deck, which is read apart (and
 * checked once per process, see deck-cache.ts). A new version adds its step to both shapes.
 */
export const tableWithoutDeckShape: StoredShape<Omit<TableState, 'deck'>> = {
  version: 1,
  schema: tableStateV1.omit({ deck: true }),
  older: {},
};
