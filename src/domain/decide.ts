import type { Envelope } from './commands';
import { ok, type DecideResult } from './decision';
import { fail } from './errors';
import { addCoLead, answerIntro, handOver, join, setNameConsent } from './participants';
import { goToRound, next, stop } from './phases';
import { reveal, submitPicks } from './pick-rounds';
import type { TableState } from './types';

/**
 * The workshop rules: given a table and one command, the new table and what happened, or the rule
 * that was broken. Pure: the clock comes in as `now`, and a refusal leaves `state` untouched.
 */
export function decide(state: TableState, { actor, command }: Envelope, now: number): DecideResult {
  if (state.phase === 'ended') return fail('tableStopped');
  const result = apply(state, { actor, command }, now);
  if (result.type === 'error' || result.state === state) return result;
  return ok({ ...result.state, updatedAt: now }, ...result.events);
}

function apply(state: TableState, { actor, command }: Envelope, now: number): DecideResult {
  switch (command.type) {
    case 'join':
      return join(state, actor, now);
    case 'setNameConsent':
      return setNameConsent(state, actor, command.consent);
    case 'answerIntro':
      return answerIntro(state, actor, command.role, command.involvement, now);
    case 'handOver':
      return handOver(state, actor, command.to);
    case 'addCoLead':
      return addCoLead(state, actor, command.to);
    case 'next':
      return next(state, actor, now);
    case 'goToRound':
      return goToRound(state, actor, command.round, now);
    case 'submitPicks':
      return submitPicks(state, actor, command.round, command.picks, now);
    case 'reveal':
      return reveal(state, actor, now);
    case 'stop':
      return stop(state, actor, now);
    default: {
      const unknown: never = command;
      throw new Error(`Unhandled command ${JSON.stringify(unknown)}`);
    }
  }
}
