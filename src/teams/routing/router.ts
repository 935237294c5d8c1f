import type { TurnContext } from 'botbuilder';
import { noticeCard, refusalMessage, type AdaptiveCard } from '../../views';
import { ActionContext } from '../actions/action-context';
import { steers } from '../commands/command-turns';
import type { BotDeps } from '../deps';
import { Turn } from '../turn';
import { commandText, firstMention } from './activity-text';
import { parseCommand } from './commands';
import { asGuestForm } from '../actions/guest-form';
import { unreadableAnswer } from '../actions/unreadable';
import { nearestCommand } from './nearest-command';
import { parseCardAction, verbSpec } from './verbs';
import { refusalFor } from './who';

/**
 * A chat message, read once against every command there is; what is no command gets one line with
 * the nearest command. A message without text (an attachment, a card submit from an old client) does nothing.
 */
export async function routeMessage(context: TurnContext, deps: BotDeps): Promise<void> {
  const text = commandText(context.activity);
  if (!text) return;
  const turn = new Turn(context, deps);
  const found = parseCommand(text, firstMention(context.activity));
  if (!found) return answerUnknown(turn, text);
  await found.spec.handle(turn, found.args, found.spec.command?.(found.args));
}

/** One line, not the whole help card: the command most like what was typed, within the sender's allowance. */
async function answerUnknown(turn: Turn, text: string): Promise<void> {
  if (!(await turn.mayInform(await steers(turn)))) return;
  const command = nearestCommand(text);
  await (command ? turn.notify('help.nearest', { command }, 'accent') : turn.notify('help.unknownShort', undefined, 'accent'));
}

/**
 * A button on a card (Universal Actions), read once against every verb there is. The answer is the
 * card that this user, and only this user, sees in place of the one they pressed: that is how picks
 * stay private in a shared chat. A session's buttons work where no table is; a table's need one.
 */
export async function routeInvoke(context: TurnContext, deps: BotDeps): Promise<AdaptiveCard> {
  const parsed = parseCardAction(context.activity.value);
  const turn = new Turn(context, deps);
  if (!parsed.ok) {
    // One of a table's buttons with data that does not read: the step's card with the message.
    const spec = parsed.verb !== undefined ? verbSpec(parsed.verb) : undefined;
    const state = spec?.scope === 'table' ? await turn.table() : undefined;
    return state ? unreadableAnswer(new ActionContext(context, deps, state)) : turn.noticeCard('error.badCardData');
  }
  const { spec, data } = parsed;
  if (spec.scope === 'session') return spec.handle(turn, data);
  const state = await turn.table();
  if (!state) return turn.noticeCard('error.noTable');
  const a = new ActionContext(context, deps, state);
  if (!spec.command) {
    const refused = refusalFor(spec.who, state, a.actor);
    if (refused) {
      const message = refusalMessage(refused, a.lang, state);
      return spec.refused ? spec.refused(a, message, data) : noticeCard(a.lang, message);
    }
  }
  const card = await spec.handle(a, data, spec.command?.(data, a.actor));
  return spec.guestForm ? asGuestForm(a, data, card) : card;
}
