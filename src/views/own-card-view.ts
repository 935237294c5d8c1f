import { LIMITS, type CardKind, type Language } from '../domain';
import { t } from '../i18n';
import { withMax } from './field-label';
import type { Message } from './error-view';
import { VERB } from './card-vocabulary';
import { heading, rich } from './rich-text';

/** The blank card: a participant adds an ingredient (Round 1–2) or an intention (Round 3). */
export function ownCardFormView(
  lang: Language,
  kind: CardKind,
  values: { title?: string; description?: string } = {},
  error?: Message,
  done?: Message,
) {
  return {
    heading: heading(t(lang, kind === 'intention' ? 'own.titleIntention' : 'own.titleIngredient'), 'Medium'),
    intro: rich(lang, 'own.intro'),
    ...(done ? { done: rich(lang, done) } : {}),
    ...(error ? { error: rich(lang, error) } : {}),
    labels: {
      title: t(lang, 'own.cardTitle', { max: LIMITS.ownCardTitle }),
      description: withMax(lang, t(lang, 'own.description'), LIMITS.ownCardDescription),
      submit: t(lang, 'own.submit'),
      required: t(lang, 'place.required'),
      back: t(lang, kind === 'intention' ? 'r3.back' : 'tools.back'),
    },
    backVerb: kind === 'intention' ? VERB.intentionsView : VERB.round2Tools,
    values: { title: values.title ?? '', description: values.description ?? '' },
    titleMax: LIMITS.ownCardTitle,
    descriptionMax: LIMITS.ownCardDescription,
    kind,
  };
}
