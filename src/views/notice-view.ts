import type { Language } from '../domain';
import type { MessageKey, Params } from '../i18n';
import { rich } from './rich-text';

export type NoticeStyle = 'default' | 'good' | 'attention' | 'accent';

/** A short message from the bot, e.g. a refusal that says what to do instead. */
export function noticeView(lang: Language, key: MessageKey, params: Params = {}, style: NoticeStyle = 'default') {
  return { runs: rich(lang, key, params), style };
}
