import type { TurnContext } from 'botbuilder';

const NO_RECORD = Symbol('leaveNoRecord');

/**
 * Says that this turn erased what its record would be kept beside (a table, a session's thread).
 * The bot then records nothing of the turn, not even the answer that names what was erased: a
 * record is a key under the erased table's tag, written after the erase. A copy Teams re-sends runs
 * again and finds nothing left to erase.
 */
export function leaveNoRecord(context: TurnContext): void {
  context.turnState.set(NO_RECORD, true);
}

export function leavesNoRecord(context: TurnContext): boolean {
  return context.turnState.get(NO_RECORD) === true;
}
