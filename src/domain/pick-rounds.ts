import { ok, type DecideResult } from './decision';
import { fail } from './errors';
import { LIMITS } from './limits';
import { isLeader } from './roles';
import { isSubject, subjectOf } from './subject';
import { cleanText, own, textLength } from './text';
import { PICK_ROLES, type Actor, type PickRound, type PickSet, type TableState } from './types';

/** The pick round that is open for input or was revealed last; undefined before Round 1. */
export function currentPickRound<S extends TableState>(state: S): S['pickRounds'][number] | undefined {
  return state.pickRounds[state.pickRounds.length - 1];
}

export function openPickRound(state: TableState, now: number): TableState {
  const round: PickRound = { number: state.pickRounds.length + 1, openedAt: now, picks: {} };
  return { ...state, pickRounds: [...state.pickRounds, round] };
}

function canPickIn(state: TableState): boolean {
  return state.phase === 'round1' || state.phase === 'round2';
}

/** Whether pick round `roundNumber` takes picks now: the current round, not yet revealed, in Round 1 or 2. */
export function takesPicks(state: TableState, roundNumber: number): boolean {
  const round = currentPickRound(state);
  return round !== undefined && round.number === roundNumber && round.revealedAt === undefined && canPickIn(state);
}

/** Checks a pick set against the rules of the method and returns it cleaned, or the first violation. */
export function validatePicks(state: TableState, picks: PickSet): PickSet | ReturnType<typeof fail> {
  const known = new Set(state.deck.ingredients.map((c) => c.id));
  const cleaned = {} as PickSet;
  for (const role of PICK_ROLES) {
    const pick = picks[role];
    if (!pick.cardId) return fail('missingCard', { role });
    if (!known.has(pick.cardId)) return fail('unknownCard', { role });
    const argument = cleanText(pick.argument);
    if (!argument) return fail('missingArgument', { role });
    if (textLength(argument) > LIMITS.argument) return fail('argumentTooLong', { role, max: LIMITS.argument });
    cleaned[role] = { cardId: pick.cardId, argument };
  }
  const ids = new Set(PICK_ROLES.map((r) => cleaned[r].cardId));
  if (ids.size !== PICK_ROLES.length) return fail('duplicateCards');
  return cleaned;
}

function samePicks(a: PickSet, b: PickSet): boolean {
  return PICK_ROLES.every((r) => a[r].cardId === b[r].cardId && a[r].argument === b[r].argument);
}

export function submitPicks(
  state: TableState,
  actor: Actor,
  roundNumber: number,
  picks: PickSet,
  now: number,
  onBehalfOf?: string,
): DecideResult {
  const subject = subjectOf(state, actor, onBehalfOf);
  if (!isSubject(subject)) return subject;
  const me = subject.participant;
  const round = currentPickRound(state);
  if (!round) return fail('wrongPhase');
  const target = state.pickRounds.find((r) => r.number === roundNumber);
  if (!target) return fail('unknownRound');
  if (target.revealedAt !== undefined || target !== round || !canPickIn(state)) return fail('roundClosed');
  const valid = validatePicks(state, picks);
  if ('type' in valid) return valid;
  const previous = own(round.picks, me.id);
  if (previous && samePicks(previous.picks, valid)) return ok(state);
  const entry = { picks: valid, submittedAt: now, ...(subject.enteredBy ? { enteredBy: subject.enteredBy } : {}) };
  const updated: PickRound = { ...round, picks: { ...round.picks, [me.id]: entry } };
  return ok(
    { ...state, pickRounds: [...state.pickRounds.slice(0, -1), updated] },
    { type: 'picksSubmitted', round: round.number, userId: me.id, first: previous === undefined },
  );
}

export function reveal(state: TableState, actor: Actor, now: number): DecideResult {
  if (!isLeader(state, actor)) return fail('notLeader');
  const round = currentPickRound(state);
  if (!round || !canPickIn(state)) return fail('wrongPhase');
  if (round.revealedAt !== undefined) return fail('roundClosed');
  if (Object.keys(round.picks).length === 0) return fail('nothingToReveal');
  const updated: PickRound = { ...round, revealedAt: now };
  return ok({ ...state, pickRounds: [...state.pickRounds.slice(0, -1), updated] }, { type: 'picksRevealed', round: round.number });
}

/** Round 2 may take new cards in silence, as in Round 1 (the handleiding: fill them in, then place them). */
export function openExtraPickRound(state: TableState, actor: Actor, now: number): DecideResult {
  if (!isLeader(state, actor)) return fail('notLeader');
  if (state.phase !== 'round2') return fail('wrongPhase');
  const round = currentPickRound(state);
  if (round && round.revealedAt === undefined) return fail('roundOpen');
  const next = openPickRound(state, now);
  return ok(next, { type: 'pickRoundOpened', round: next.pickRounds.length });
}
