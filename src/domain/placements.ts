import { ok, type DecideResult } from './decision';
import { fail, tooLong } from './errors';
import { LIMITS } from './limits';
import { canTakeNotes, isLeader } from './roles';
import { isSubject, subjectOf } from './subject';
import { cleanText, own, textLength } from './text';
import { isAgreement, isZone, ZONES, type Actor, type PlacementPoll, type TableState, type Zone } from './types';

function inRound2(state: TableState): boolean {
  return state.phase === 'round2';
}

function knownIngredient(state: TableState, cardId: string): boolean {
  return state.deck.ingredients.some((c) => c.id === cardId);
}

export function openPoll(state: TableState): PlacementPoll | undefined {
  const last = state.round2.polls[state.round2.polls.length - 1];
  return last && last.closedAt === undefined ? last : undefined;
}

function withPoll(state: TableState, poll: PlacementPoll): TableState {
  const polls = state.round2.polls.map((p) => (p.number === poll.number ? poll : p));
  return { ...state, round2: { ...state.round2, polls } };
}

/** The leider asks everyone to place one card in silence, to see whether the quiet ones agree. */
export function startPoll(state: TableState, actor: Actor, cardId: string, now: number): DecideResult {
  if (!isLeader(state, actor)) return fail('notLeader');
  if (!inRound2(state)) return fail('wrongPhase');
  if (!knownIngredient(state, cardId)) return fail('unknownCard');
  if (openPoll(state)) return fail('pollOpen');
  const poll: PlacementPoll = { number: state.round2.polls.length + 1, cardId, openedAt: now, votes: {} };
  return ok(
    { ...state, round2: { ...state.round2, polls: [...state.round2.polls, poll] } },
    { type: 'pollOpened', poll: poll.number, cardId },
  );
}

export function votePoll(
  state: TableState,
  actor: Actor,
  pollNumber: number,
  zone: string,
  now: number,
  onBehalfOf?: string,
): DecideResult {
  const subject = subjectOf(state, actor, onBehalfOf);
  if (!isSubject(subject)) return subject;
  if (!isZone(zone)) return fail('invalidZone');
  const poll = openPoll(state);
  if (!poll || poll.number !== pollNumber || !inRound2(state)) return fail('roundClosed');
  const id = subject.participant.id;
  const previous = own(poll.votes, id);
  if (previous?.zone === zone) return ok(state);
  const vote = { zone, at: now, ...(subject.enteredBy ? { enteredBy: subject.enteredBy } : {}) };
  return ok(withPoll(state, { ...poll, votes: { ...poll.votes, [id]: vote } }), {
    type: 'pollVoted',
    poll: poll.number,
    userId: id,
    first: !previous,
  });
}

export function closePoll(state: TableState, actor: Actor, now: number, pollNumber?: number): DecideResult {
  if (!isLeader(state, actor)) return fail('notLeader');
  const poll = openPoll(state);
  if (!poll || (pollNumber !== undefined && poll.number !== pollNumber)) return fail('noPoll');
  return ok(withPoll(state, { ...poll, closedAt: now }), { type: 'pollClosed', poll: poll.number });
}

/** How many placed the card in each zone, in the model's order; zones nobody chose are left out. */
export function pollSpread(poll: PlacementPoll): Array<{ zone: Zone; count: number }> {
  const counts = new Map<Zone, number>();
  for (const vote of Object.values(poll.votes)) counts.set(vote.zone, (counts.get(vote.zone) ?? 0) + 1);
  return ZONES.filter((z) => counts.has(z)).map((zone) => ({ zone, count: counts.get(zone)! }));
}

function checkReason(text: string | undefined, field: 'purpose' | 'trait'): string | ReturnType<typeof fail> {
  const clean = cleanText(text ?? '');
  return textLength(clean) > LIMITS.reason ? tooLong(field, LIMITS.reason) : clean;
}

/** The leider records where the group puts a card; placing it again moves it, and the history stays. */
export function placeCard(
  state: TableState,
  actor: Actor,
  input: { cardId: string; zone: string; agreement: string; purpose?: string; trait?: string },
  now: number,
): DecideResult {
  if (!isLeader(state, actor)) return fail('notLeader');
  if (!inRound2(state)) return fail('wrongPhase');
  if (!knownIngredient(state, input.cardId)) return fail('unknownCard');
  const { zone, agreement } = input;
  if (!isZone(zone)) return fail('invalidZone');
  if (!isAgreement(agreement)) return fail('invalidAgreement');
  const purpose = checkReason(input.purpose, 'purpose');
  if (typeof purpose !== 'string') return purpose;
  const trait = checkReason(input.trait, 'trait');
  if (typeof trait !== 'string') return trait;
  const placement = {
    cardId: input.cardId,
    zone,
    agreement,
    ...(purpose ? { purpose } : {}),
    ...(trait ? { trait } : {}),
    placedAt: now,
    placedBy: actor.id,
  };
  const moved = own(state.round2.placements, input.cardId) !== undefined;
  return ok(
    {
      ...state,
      round2: {
        ...state.round2,
        placements: { ...state.round2.placements, [input.cardId]: placement },
        history: [...state.round2.history, placement],
      },
    },
    { type: 'cardPlaced', cardId: input.cardId, moved },
  );
}

function noteText(raw: string, field: 'conclusion' | 'note'): string | ReturnType<typeof fail> {
  const text = cleanText(raw);
  if (!text) return fail('emptyText');
  const max = LIMITS[field];
  return textLength(text) > max ? tooLong(field, max) : text;
}

/** Voorlopige conclusies: "we rekenen iets tot de sociale basis als ...". */
export function addConclusion(state: TableState, actor: Actor, raw: string, now: number): DecideResult {
  if (!canTakeNotes(state, actor)) return fail('notLeader');
  if (state.phase === 'setup' || state.phase === 'intro') return fail('wrongPhase');
  const text = noteText(raw, 'conclusion');
  if (typeof text !== 'string') return text;
  const conclusions = [...state.round2.conclusions, { text, by: actor.id, at: now }];
  return ok({ ...state, round2: { ...state.round2, conclusions } }, { type: 'conclusionAdded' });
}

export function addNote(state: TableState, actor: Actor, raw: string, now: number): DecideResult {
  if (!canTakeNotes(state, actor)) return fail('notLeader');
  const text = noteText(raw, 'note');
  if (typeof text !== 'string') return text;
  return ok({ ...state, notes: [...state.notes, { text, by: actor.id, at: now }] }, { type: 'noteAdded' });
}
