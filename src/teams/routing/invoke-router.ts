import type { TurnContext } from 'botbuilder';
import { languageOf } from '../../i18n';
import { boardView, intentionsView, noticeView, rankingView, renderCard, round1View, type AdaptiveCard } from '../../views';
import { actorOf, tableKeyOf } from './activity-identity';
import { ActionContext } from '../actions/action-context';
import { addOwnCard, closePoll, openOwnCard, openPlaceForm, openPollVote, placeCard, startPoll, votePoll } from '../actions/board-actions';
import { openClosing, submitClosing } from '../actions/closing-actions';
import { answerLeaderConsent, openLeaderConsent } from '../actions/leader-consent-actions';
import { openPicks, submitPicks } from '../actions/pick-actions';
import { openDiscussion, openStickers, saveDiscussion, submitStickers } from '../actions/sticker-actions';
import { introForm, introSubmit, join, setConsent, welcomeCard } from '../actions/welcome-actions';
import { parseCardAction } from './card-actions';
import type { BotDeps } from '../deps';
import { handleSessionAction } from '../actions/session-actions';

/**
 * A button on a card (Universal Actions). The answer is the card that this user, and only this
 * user, sees in place of the one they pressed: that is how picks stay private in a shared chat.
 */
export async function handleCardAction(context: TurnContext, deps: BotDeps): Promise<AdaptiveCard> {
  // The session's buttons (form, erase confirmation) work where there is no table: they go first.
  const sessionAnswer = await handleSessionAction(context, deps);
  if (sessionAnswer) return sessionAnswer;
  const lang = languageOf(context.activity.locale);
  const parsed = parseCardAction(context.activity.value);
  if (!parsed.ok) return renderCard('notice', noticeView(lang, 'error.badCardData', {}, 'attention'));
  const key = tableKeyOf(context.activity);
  const state = await deps.runner.get(key);
  if (!state) return renderCard('notice', noticeView(lang, 'error.noTable', {}, 'attention'));
  const a = new ActionContext(context, deps, key, lang, actorOf(context.activity), state);
  const action = parsed.action;

  switch (action.verb) {
    case 'join':
      return join(a);
    case 'welcome.view':
      return welcomeCard(a, a.view);
    case 'consent.set':
      return setConsent(a, action.consent);
    case 'leader.consent':
      return answerLeaderConsent(a, action.consent, action.person);
    case 'leader.consent.open':
      return openLeaderConsent(a);
    case 'intro.open':
      return introForm(a);
    case 'intro.submit':
      return introSubmit(a, action.role, action.involvement);
    case 'picks.open':
      return openPicks(a, action.round, action.for);
    case 'picks.submit':
      return submitPicks(a, action);
    case 'picks.info':
      // Back from one's own form to the shared explanation of the round (the spheres and the deck).
      return renderCard('round1', round1View(a.view, lang, action.round));
    case 'board.place.open':
      return openPlaceForm(a);
    // Back from a personal form to the shared card it came from, as it is now.
    case 'board.view':
      return renderCard('board', boardView(a.view, lang));
    case 'intentions.view':
      return renderCard('intentions', intentionsView(a.view, lang));
    case 'ranking.view':
      return renderCard('ranking', rankingView(a.view, lang));
    case 'board.place':
      return placeCard(a, action);
    case 'poll.open':
      return startPoll(a, action);
    case 'poll.vote.open':
      return openPollVote(a, action.poll, action.for);
    case 'poll.vote':
      return votePoll(a, action);
    case 'poll.close':
      return closePoll(a, action.poll);
    case 'owncard.open':
      return openOwnCard(a, action.kind);
    case 'owncard.add':
      return addOwnCard(a, action);
    case 'stickers.open':
      return openStickers(a, action.for);
    case 'stickers.submit':
      return submitStickers(a, action);
    case 'discussion.open':
      return openDiscussion(a);
    case 'discussion.save':
      return saveDiscussion(a, action);
    case 'closing.open':
      return openClosing(a, action.for);
    case 'closing.submit':
      return submitClosing(a, action);
    default: {
      const never: never = action;
      throw new Error(`Unhandled verb ${JSON.stringify(never)}`);
    }
  }
}
