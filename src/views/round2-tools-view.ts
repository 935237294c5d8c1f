import type { Language } from '../domain';
import { t } from '../i18n';
import type { Message } from './error-view';
import { heading, rich } from './rich-text';

/**
 * The buttons of Round 2 on a message of their own, posted once: the forms they open replace this
 * card for whoever pressed, and nothing the others do updates it, so nobody loses what they typed.
 * The model board beside it changes with every placement and therefore carries no buttons. The
 * leider's "Kaartje plaatsen" is on their own view of this card (leader-controls.ts).
 */
export function round2ToolsView(lang: Language, error?: Message) {
  return {
    heading: heading(t(lang, 'tools.title'), 'Medium'),
    intro: rich(lang, 'tools.intro'),
    ...(error ? { error: rich(lang, error) } : {}),
    addOwn: t(lang, 'board.addOwn'),
  };
}
