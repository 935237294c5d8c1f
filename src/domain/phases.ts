import { ok, type DecideResult } from './decision';
import { fail, type DomainError } from './errors';
import { openPoll } from './placements';
import { stickersUsed } from './stickers';
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
  // A timer belongs to the step it was set in: a new step (or the end) cancels it.
  const { timer: _cancelled, ...untimed } = state;
  let next: TableState = { ...untimed, phase: to, phaseStartedAt: now };
  // Round 1 always starts with its silent pick round; going back to it keeps the picks made.
  if (to === 'round1' && state.pickRounds.length === 0) next = openPickRound(next, now);
  if (to === 'ended') next = { ...next, stoppedAt: now };
  return ok(next, { type: 'phaseChanged', from, to });
}

/**
 * What must be closed before the table leaves its phase: Round 1 ends with the reveal (Round 2 is
 * about those picks); silent input given in Round 2 or 3 is revealed or closed, never left hanging.
 */
function leaveBlocker(state: TableState): DomainError | undefined {
  const round = currentPickRound(state);
  const unrevealed = round !== undefined && round.revealedAt === undefined;
  // Round 1's own pick round; extra rounds opened in Round 2 belong to Round 2.
  if (state.phase === 'round1' && state.pickRounds[0]?.revealedAt === undefined) return fail('notRevealed');
  if (state.phase === 'round2') {
    if (unrevealed && Object.keys(round.picks).length > 0) return fail('notRevealed');
    if (openPoll(state)) return fail('pollOpen');
  }
  const stickersPlaced = Object.values(state.round3.stickers).some((s) => stickersUsed(s.counts) > 0);
  if (state.phase === 'round3' && state.round3.closedAt === undefined && stickersPlaced) return fail('votingOpen');
  return undefined;
}

export function next(state: TableState, actor: Actor, now: number): DecideResult {
  if (!isLeader(state, actor)) return fail('notLeader');
  const blocker = leaveBlocker(state);
  if (blocker) return blocker;
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
  if (round > 1 && state.pickRounds.length === 0) return fail('notRevealed');
  const blocker = leaveBlocker(state);
  if (blocker) return blocker;
  return enter(state, to, now);
}

export function stop(state: TableState, actor: Actor, now: number): DecideResult {
  if (!isLeader(state, actor)) return fail('notLeader');
  return enter(state, 'ended', now);
}
