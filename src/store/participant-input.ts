import type { ClosingAnswer, IntroAnswer, PollVote, StickerSet, SubmittedPicks, TableState, UserId } from '../domain';
import { sameType, type SameType } from './schema/same-type';

/**
 * What one participant wrote that only they change: their intro, picks per pick round, silent
 * placements per poll, stickers and closing answer (a leider's entry for a guest is the guest's).
 * Stored apart from the table's shared part, so that the people of a table write side by side
 * instead of retrying against each other; `at` is when it was last written, for `updatedAt`.
 */
export interface ParticipantInput {
  at: number;
  intro?: IntroAnswer;
  /** By pick round number. */
  picks?: Record<string, SubmittedPicks>;
  /** By poll number. */
  votes?: Record<string, PollVote>;
  stickers?: StickerSet;
  closing?: ClosingAnswer;
}

/** A table taken apart: everything but the participants' own input, and that input per participant. */
export interface SplitTable {
  shared: TableState;
  inputs: Map<UserId, ParticipantInput>;
}

/** The table without anyone's own input, and each participant's input; `at` of every input is the table's `updatedAt`. */
export function splitTable(state: TableState): SplitTable {
  const inputs = new Map<UserId, ParticipantInput>();
  const of = (id: UserId): ParticipantInput => {
    let input = inputs.get(id);
    if (!input) inputs.set(id, (input = { at: state.updatedAt }));
    return input;
  };
  for (const [id, answer] of Object.entries(state.intro)) of(id).intro = answer;
  for (const round of state.pickRounds) {
    for (const [id, picks] of Object.entries(round.picks)) (of(id).picks ??= {})[String(round.number)] = picks;
  }
  for (const poll of state.round2.polls) {
    for (const [id, vote] of Object.entries(poll.votes)) (of(id).votes ??= {})[String(poll.number)] = vote;
  }
  for (const [id, stickers] of Object.entries(state.round3.stickers)) of(id).stickers = stickers;
  for (const [id, answer] of Object.entries(state.closing)) of(id).closing = answer;
  const shared: TableState = {
    ...state,
    intro: {},
    pickRounds: state.pickRounds.map((r) => ({ ...r, picks: {} })),
    round2: { ...state.round2, polls: state.round2.polls.map((p) => ({ ...p, votes: {} })) },
    round3: { ...state.round3, stickers: {} },
    closing: {},
  };
  return { shared, inputs };
}

/**
 * The table as the rules see it: the shared part with each participant's input put back, in join
 * order (input of someone not among the participants after them). Input for a pick round or poll the
 * shared part does not have is left out. A shared part that still holds input (stored before the
 * split) keeps it. `updatedAt` is the latest write of either.
 */
export function assembleTable(shared: TableState, inputs: ReadonlyMap<UserId, ParticipantInput>): TableState {
  if (inputs.size === 0) return shared;
  const ids = orderedIds(shared, inputs);
  const intro = { ...shared.intro };
  const closing = { ...shared.closing };
  const stickers = { ...shared.round3.stickers };
  const pickRounds = shared.pickRounds.map((r) => ({ ...r, picks: { ...r.picks } }));
  const polls = shared.round2.polls.map((p) => ({ ...p, votes: { ...p.votes } }));
  let updatedAt = shared.updatedAt;
  for (const id of ids) {
    const input = inputs.get(id)!;
    updatedAt = Math.max(updatedAt, input.at);
    if (input.intro) intro[id] = input.intro;
    if (input.closing) closing[id] = input.closing;
    if (input.stickers) stickers[id] = input.stickers;
    for (const round of pickRounds) {
      const picks = input.picks?.[String(round.number)];
      if (picks) round.picks[id] = picks;
    }
    for (const poll of polls) {
      const vote = input.votes?.[String(poll.number)];
      if (vote) poll.votes[id] = vote;
    }
  }
  return {
    ...shared,
    updatedAt,
    intro,
    pickRounds,
    round2: { ...shared.round2, polls },
    round3: { ...shared.round3, stickers },
    closing,
  };
}

function orderedIds(shared: TableState, inputs: ReadonlyMap<UserId, ParticipantInput>): UserId[] {
  const joined = shared.participants.map((p) => p.id).filter((id) => inputs.has(id));
  const known = new Set(joined);
  return [...joined, ...[...inputs.keys()].filter((id) => !known.has(id)).sort()];
}

/** An input without its `at`, as JSON: equal text means nothing of it changed. */
export function inputContent(input: ParticipantInput): string {
  const { at: _at, ...content } = input;
  return JSON.stringify(content);
}

/**
 * Whether two inputs are made of the very same objects, `at` aside: then nothing of them differs,
 * found without stringifying either. The input read shares its parts with the table assembled from
 * it, and a decision that leaves someone's input alone leaves those objects as they were.
 */
export function sameParts(a: ParticipantInput, b: ParticipantInput): boolean {
  return PARTS.every((part) => a[part] === b[part]) && BY_NUMBER.every((part) => sameEntries(a[part], b[part]));
}

const PARTS = ['intro', 'stickers', 'closing'] as const;
const BY_NUMBER = ['picks', 'votes'] as const;
// Every part of an input is compared: one added to ParticipantInput must be added above.
sameType<SameType<Exclude<keyof ParticipantInput, 'at'>, (typeof PARTS)[number] | (typeof BY_NUMBER)[number]>>(true);

function sameEntries(a: Readonly<Record<string, unknown>> | undefined, b: Readonly<Record<string, unknown>> | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && a[key] === b[key]);
}
