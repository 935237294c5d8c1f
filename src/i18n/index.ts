import type { Language } from '../domain';
import { en } from './en';
import { nl } from './nl';
import type { LooseParams, Message, MessageKey, ParamArgs } from './placeholders';

export type {
  LooseParams,
  Message,
  MessageKey,
  NoParams,
  ParamArgs,
  ParamsOf,
  ParamValue,
  PlaceholderMismatch,
  PlaceholderOf,
  PlainKey,
} from './placeholders';

const CATALOGS: Record<Language, Record<MessageKey, string>> = { nl, en };

/** Teams sends the user's locale (`nl-NL`, `en-US`, ...); Dutch unless it is English. */
export function languageOf(locale: string | undefined): Language {
  return locale && /^en\b/i.test(locale) ? 'en' : 'nl';
}

/** A message with its `{placeholders}` filled. Values are inserted as they are: escape them where markdown applies. */
export function t<K extends MessageKey>(lang: Language, key: K, ...[params]: ParamArgs<K>): string {
  return fill(CATALOGS[lang][key], params);
}

/** t() for a message chosen elsewhere, whose params were checked when it was made. */
export function textOf(lang: Language, message: Message): string {
  return fill(CATALOGS[lang][message.key], message.params);
}

/**
 * A key and its params as one Message, from a wrapper's arguments (whatever follows the params, such
 * as a notice's style, is the wrapper's own and left out). The signature checks the params against
 * the key; the compiler cannot see that a generic key and its params make one member of the union.
 */
export function messageOf<K extends MessageKey>(key: K, ...[params]: ParamArgs<K, unknown[]>): Message {
  return (params === undefined ? { key } : { key, params }) as Message;
}

/** t() with every text value passed through `escape` first (Markdown); the message's own text is kept as it is. */
export function tEscaped<K extends MessageKey>(
  lang: Language,
  escape: (value: string) => string,
  key: K,
  ...[params]: ParamArgs<K>
): string {
  const escaped: LooseParams = {};
  for (const [name, value] of Object.entries(params ?? {})) escaped[name] = typeof value === 'string' ? escape(value) : value;
  return fill(CATALOGS[lang][key], escaped);
}

function fill(text: string, params: LooseParams = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A bound translator for one language, so views need not pass the language around. */
export type Translate = <K extends MessageKey>(key: K, ...params: ParamArgs<K>) => string;

export function translator(lang: Language): Translate {
  return (key, ...params) => t(lang, key, ...params);
}

/** "Anna, Piet en Kees" */
export function joinNames(lang: Language, names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${t(lang, 'list.and')} ${names[names.length - 1]}`;
}
