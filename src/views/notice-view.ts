import type { Language } from '../domain';
import type { MessageKey, Params } from '../i18n';
import { renderCard, type AdaptiveCard } from './render';
import { rich } from './rich-text';

export type NoticeStyle = 'default' | 'good' | 'attention' | 'accent';

/** A short message from the bot, e.g. a refusal that says what to do instead. */
export function noticeView(lang: Language, key: MessageKey, params: Params = {}, style: NoticeStyle = 'default') {
  return { runs: rich(lang, key, params), style };
}

/** The one way a short message becomes a card: posted into the chat, or given as an invoke's answer. */
export function noticeCard(lang: Language, key: MessageKey, params: Params = {}, style: NoticeStyle = 'attention'): AdaptiveCard {
  return renderCard('notice', noticeView(lang, key, params, style));
}
