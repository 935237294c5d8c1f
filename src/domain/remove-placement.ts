import { ok, type DecideResult } from './decision';
import { fail } from './errors';
import { isLeader } from './roles';
import { own } from './text';
import type { Actor, TableState } from './types';

/**
 * The leider takes a card off the model again: not every card needs a place, and a card placed by
 * mistake must not end up in the report. The history keeps where it lay, as it does for a move.
 */
export function removePlacement(state: TableState, actor: Actor, cardId: string): DecideResult {
  if (!isLeader(state, actor)) return fail('notLeader');
  if (state.phase !== 'round2') return fail('wrongPhase');
  if (own(state.round2.placements, cardId) === undefined) return fail('notPlaced');
  const { [cardId]: _removed, ...placements } = state.round2.placements;
  return ok({ ...state, round2: { ...state.round2, placements } }, { type: 'cardRemoved', cardId });
}
