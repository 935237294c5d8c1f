import type { Envelope } from './commands';
import { ok, type DecideResult } from './decision';
import { fail } from './errors';
import { answerClosing, startTimer } from './closing';
import { withGuestConsent } from './guest-consent';
import { setLeaderConsent } from './leader-consent';
import { addOwnCard } from './own-cards';
import { addCoLead, addGuest, answerIntro, handOver, join, setNameConsent, setNotetaker } from './participants';
import { goToRound, next, stop } from './phases';
import { openExtraPickRound, reveal, submitPicks } from './pick-rounds';
import { addConclusion, addNote, closePoll, placeCard, startPoll, votePoll } from './placements';
import { removePlacement } from './remove-placement';
import { closeVoting, recordDiscussion, setStickers } from './stickers';
import { isRuleError } from './session-errors';
import { setLanguage } from './table-language';
import { applySessionToTable } from './session-link';
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
      return setNameConsent(state, actor, command.consent, command.onBehalfOf);
    case 'setLeaderConsent':
      return setLeaderConsent(state, actor, command.consent);
    case 'answerIntro':
      return withGuestConsent(state, actor, command, (s) =>
        answerIntro(s, actor, command.role, command.involvement, now, command.onBehalfOf),
      );
    case 'addGuest':
      return addGuest(state, actor, command.name, now, command.nameConsent);
    case 'setNotetaker':
      return setNotetaker(state, actor, command.to);
    case 'handOver':
      return handOver(state, actor, command.to);
    case 'addCoLead':
      return addCoLead(state, actor, command.to);
    case 'next':
      return next(state, actor, now);
    case 'goToRound':
      return goToRound(state, actor, command.round, now);
    case 'submitPicks':
      return withGuestConsent(state, actor, command, (s) => submitPicks(s, actor, command.round, command.picks, now, command.onBehalfOf));
    case 'reveal':
      return reveal(state, actor, now);
    case 'openPickRound':
      return openExtraPickRound(state, actor, now);
    case 'addOwnCard':
      return addOwnCard(state, actor, command.kind, command.title, command.description);
    case 'openPoll':
      return startPoll(state, actor, command.cardId, now);
    case 'votePoll':
      return withGuestConsent(state, actor, command, (s) => votePoll(s, actor, command.poll, command.zone, now, command.onBehalfOf));
    case 'closePoll':
      return closePoll(state, actor, now, command.poll);
    case 'placeCard':
      return placeCard(state, actor, command, now);
    case 'removePlacement':
      return removePlacement(state, actor, command.cardId);
    case 'addConclusion':
      return addConclusion(state, actor, command.text, now);
    case 'addNote':
      return addNote(state, actor, command.text, now);
    case 'setStickers':
      return withGuestConsent(state, actor, command, (s) => setStickers(s, actor, command.counts, now, command.onBehalfOf));
    case 'closeVoting':
      return closeVoting(state, actor, now);
    case 'close':
      return state.phase === 'round3' ? closeVoting(state, actor, now) : closePoll(state, actor, now);
    case 'recordDiscussion':
      return recordDiscussion(state, actor, command);
    case 'answerClosing':
      return withGuestConsent(state, actor, command, (s) =>
        answerClosing(s, actor, command.learned, command.action, now, command.onBehalfOf),
      );
    case 'startTimer':
      return startTimer(state, actor, command.minutes, now);
    case 'setLanguage':
      return setLanguage(state, actor, command.language);
    case 'stop':
      return stop(state, actor, now);
    case 'linkSession': {
      const linked = applySessionToTable(state, command.session, actor, now);
      if (isRuleError(linked)) return linked;
      return linked === state ? ok(state) : ok(linked, { type: 'sessionLinked', code: command.session.code });
    }
    default: {
      const unknown: never = command;
      throw new Error(`Unhandled command ${JSON.stringify(unknown)}`);
    }
  }
}
