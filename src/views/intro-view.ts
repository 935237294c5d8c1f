import { LIMITS, type IntroAnswer, type Language, type TableView } from '../domain';
import { t } from '../i18n';
import { withMax } from './field-label';
import type { Message } from './error-view';
import { stepLine } from './step-view';
import { heading, rich } from './rich-text';

export type IntroMode =
  | { type: 'shared'; error?: Message }
  /** `guest`: the guest a leider fills this in for (their name), and their id for the answer. */
  | { type: 'form'; values?: { role?: string; involvement?: string }; error?: Message; guest?: { id: string; name: string } }
  | { type: 'saved'; for?: string };

export function introView(state: TableView, lang: Language, mode: IntroMode, answer?: IntroAnswer) {
  const base = {
    heading: heading(t(lang, 'intro.title'), 'Large'),
    ...stepLine(state, lang, 'intro'),
    question: rich(lang, 'intro.question'),
    hint: rich(lang, 'intro.hint'),
    next: state.phase === 'intro' ? rich(lang, 'intro.next') : [],
  };
  switch (mode.type) {
    case 'shared':
      return { ...base, open: t(lang, 'intro.open'), ...(mode.error ? { error: rich(lang, mode.error) } : {}) };
    case 'form':
      return {
        ...base,
        form: {
          ...(mode.guest ? { current: rich(lang, 'for.current', { name: t(lang, 'guest.label', { name: mode.guest.name }) }) } : {}),
          for: mode.guest?.id ?? '',
          roleLabel: withMax(lang, t(lang, 'intro.roleLabel'), LIMITS.introRole),
          rolePlaceholder: t(lang, 'intro.rolePlaceholder'),
          role: mode.values?.role ?? answer?.role ?? '',
          roleMax: LIMITS.introRole,
          involvementLabel: withMax(lang, t(lang, 'intro.involvementLabel'), LIMITS.introInvolvement),
          involvement: mode.values?.involvement ?? answer?.involvement ?? '',
          involvementMax: LIMITS.introInvolvement,
          note: rich(lang, 'joined.private'),
          submit: t(lang, 'intro.submit'),
        },
        ...(mode.error ? { error: rich(lang, mode.error) } : {}),
      };
    case 'saved':
      return { ...base, saved: { text: rich(lang, 'intro.saved'), change: t(lang, 'intro.change'), for: mode.for ?? '' } };
    default: {
      const never: never = mode;
      throw new Error(`Unknown intro mode ${JSON.stringify(never)}`);
    }
  }
}
