import type { Language } from '../domain';
import type { LooseParams, Message, MessageKey, ParamArgs } from '../i18n';
import { renderCard, type AdaptiveCard } from './render';
import { rich, type TextRun } from './rich-text';

export type NoticeStyle = 'default' | 'good' | 'attention' | 'accent';

/** A short message from the bot, e.g. a refusal that says what to do instead. */
export function noticeView(lang: Language, message: Message, style?: NoticeStyle): { runs: TextRun[]; style: NoticeStyle };
export function noticeView<K extends MessageKey>(
  lang: Language,
  key: K,
  ...args: ParamArgs<K, [style?: NoticeStyle]>
): { runs: TextRun[]; style: NoticeStyle };
export function noticeView(lang: Language, what: MessageKey | Message, paramsOrStyle?: LooseParams | NoticeStyle, style?: NoticeStyle) {
  // The signatures above have checked the params against the key.
  const [message, chosen] =
    typeof what === 'string' ? [{ key: what, params: paramsOrStyle } as Message, style] : [what, paramsOrStyle as NoticeStyle | undefined];
  return { runs: rich(lang, message), style: chosen ?? 'default' };
}

/**
 * The one way a short message becomes a card: posted into the chat, or given as an invoke's answer.
 * Without a style it is a refusal's (`attention`).
 */
export function noticeCard(lang: Language, message: Message, style?: NoticeStyle): AdaptiveCard;
export function noticeCard<K extends MessageKey>(lang: Language, key: K, ...args: ParamArgs<K, [style?: NoticeStyle]>): AdaptiveCard;
export function noticeCard(
  lang: Language,
  what: MessageKey | Message,
  paramsOrStyle?: LooseParams | NoticeStyle,
  style?: NoticeStyle,
): AdaptiveCard {
  // The signatures above have checked the params against the key.
  const [message, chosen] =
    typeof what === 'string' ? [{ key: what, params: paramsOrStyle } as Message, style] : [what, paramsOrStyle as NoticeStyle | undefined];
  return renderCard('notice', noticeView(lang, message, chosen ?? 'attention'));
}
