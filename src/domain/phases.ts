import { ok, type DecideResult } from './decision';
import { fail } from './errors';
import { currentPickRound, openPickRound } from './pick-rounds';
import { isLeader } from './roles';
import type { Actor, Phase, TableState } from './types';

const ORDER: ReadonlyArray<Phase> = ['setup', 'intro', 'round1', 'round2', 'round3', 'closing', 'ended'];

export function nextPhase(phase: Phase): Phase | undefined {
  return ORDER[ORDER.indexOf(phase) + 1];
}

const ROUND_PHASE = { 1: 'round1', 2: 'round2', 3: 'round3' } as const;

function enter(state: TableState, to: Phase, now: number): DecideResult {
  const from = state.phase;
  let next: TableState = { ...state, phase: to };
  // Round 1 always starts with its silent pick round; going back to it keeps the picks made.
  if (to === 'round1' && state.pickRounds.length === 0) next = openPickRound(next, now);
  if (to === 'ended') next = { ...next, stoppedAt: now };
  return ok(next, { type: 'phaseChanged', from, to });
}

/** Round 1 ends with the reveal: the conversation of Round 2 is about the picks and their arguments. */
function blockedByUnrevealedPicks(state: TableState): boolean {
  const round = currentPickRound(state);
  return state.phase === 'round1' && round !== undefined && round.revealedAt === undefined;
}

export function next(state: TableState, actor: Actor, now: number): DecideResult {
  if (!isLeader(state, actor)) return fail('notLeader');
  if (blockedByUnrevealedPicks(state)) return fail('notRevealed');
  const to = nextPhase(state.phase);
  if (!to) return fail('tableStopped');
  return enter(state, to, now);
}

export function goToRound(state: TableState, actor: Actor, round: 1 | 2 | 3, now: number): DecideResult {
  if (!isLeader(state, actor)) return fail('notLeader');
  // The type says 1 | 2 | 3, but a command may come from stored or parsed data: check anyway.
  const to = Object.hasOwn(ROUND_PHASE, round) ? ROUND_PHASE[round] : undefined;
  if (!to) return fail('unknownRound');
  if (state.phase === to) return fail('alreadyInPhase', { round });
  if (round > 1 && (state.pickRounds.length === 0 || blockedByUnrevealedPicks(state))) return fail('notRevealed');
  return enter(state, to, now);
}

export function stop(state: TableState, actor: Actor, now: number): DecideResult {
  if (!isLeader(state, actor)) return fail('notLeader');
  return enter(state, 'ended', now);
}
