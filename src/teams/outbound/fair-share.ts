import type { TurnContext } from 'botbuilder';
import { languageOf, t } from '../../i18n';
import { noticeCard } from '../../views';
import { actorOf, tableKeyOf } from '../routing/activity-identity';
import type { BotDeps } from '../deps';
import { post, postInformationally } from './outbound';

/**
 * Whether to post an answer that only informs the asker (help, status, the board, the summary, a
 * refusal). Whoever steers the table (its leiders; a session's organisers) is always answered, as
 * before. Anyone else's answers wait behind the posts that steer the table and count against their
 * allowance (a few a minute, on every bot process): once it is spent, the first request gets one
 * short "even geduld", later ones nothing, until the allowance frees up again. One participant
 * typing `help` a hundred times thus posts a handful of cards and never holds the leider's `volgende`.
 */
export async function mayAnswer(context: TurnContext, deps: BotDeps, asker: { steers: boolean }): Promise<boolean> {
  if (asker.steers) return true;
  postInformationally(context);
  const activity = context.activity;
  const decision = await deps.allowance.take(tableKeyOf(activity), actorOf(activity).id);
  if (decision.type === 'granted') return true;
  if (decision.notify) {
    const lang = languageOf(activity.locale);
    await post(context, noticeCard(lang, 'error.slowDown'), t(lang, 'error.slowDown'));
  }
  return false;
}
