import type { Language } from '../domain';
import { en } from './en';
import { nl, type MessageKey } from './nl';

export type { MessageKey } from './nl';
export type Params = Record<string, string | number>;

const CATALOGS: Record<Language, Record<MessageKey, string>> = { nl, en };

/** Teams sends the user's locale (`nl-NL`, `en-US`, ...); Dutch unless it is English. */
export function languageOf(locale: string | undefined): Language {
  return locale && /^en\b/i.test(locale) ? 'en' : 'nl';
}

/** A message with its `{placeholders}` filled. Values are inserted as they are: escape them where markdown applies. */
export function t(lang: Language, key: MessageKey, params: Params = {}): string {
  return CATALOGS[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** A bound translator for one language, so views need not pass the language around. */
export type Translate = (key: MessageKey, params?: Params) => string;

export function translator(lang: Language): Translate {
  return (key, params) => t(lang, key, params);
}

/** "Anna, Piet en Kees" */
export function joinNames(lang: Language, names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${t(lang, 'list.and')} ${names[names.length - 1]}`;
}
