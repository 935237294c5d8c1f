import { ok, type DecideResult } from './decision';
import { fail } from './errors';
import { isLeader } from './roles';
import type { Actor, Language, TableState } from './types';

const LANGUAGES: ReadonlyArray<Language> = ['nl', 'en'];

/**
 * `taal en`: the leider chooses the one language of everything shared at the table. `language` is
 * typed text; the rule checks that it is one the bot speaks. Choosing the current one changes nothing.
 */
export function setLanguage(state: TableState, actor: Actor, language: string): DecideResult {
  if (!isLeader(state, actor)) return fail('notLeader');
  if (!(LANGUAGES as readonly string[]).includes(language)) return fail('unknownLanguage');
  const to = language as Language;
  if (state.settings.language === to) return ok(state);
  return ok({ ...state, settings: { ...state.settings, language: to } }, { type: 'languageChanged', language: to });
}
