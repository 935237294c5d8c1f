import { LIMITS, PICK_ROLES, type Card, type Language, type PickRole, type SubmittedPicks, type TableState } from '../domain';
import { t } from '../i18n';
import type { Message } from './error-view';
import type { SubjectSwitch } from './subject-switch';
import { bold, heading, plain, rich } from './rich-text';

/** What the user had typed, kept when the form comes back with an error so nothing is lost. */
export type PickFormValues = Partial<Record<PickRole, { cardId?: string; argument?: string }>>;

export function pickFormView(
  state: TableState,
  lang: Language,
  round: number,
  values: PickFormValues = {},
  error?: Message,
  who: SubjectSwitch & { for?: string } = { current: [], switches: [] },
) {
  const choices = state.deck.ingredients.map((c) => ({ title: choiceTitle(lang, c), value: c.id }));
  return {
    heading: heading(t(lang, 'form.title'), 'Large'),
    note: rich(lang, 'form.private'),
    current: who.current,
    switches: who.switches.map((s) => ({ ...s, round })),
    ...(error ? { error: rich(lang, error.key, error.params) } : {}),
    sections: PICK_ROLES.map((role) => ({
      cardInput: `${role}Card`,
      argumentInput: `${role}Argument`,
      label: t(lang, `form.${role}.label`),
      cardPlaceholder: t(lang, 'form.cardPlaceholder'),
      cardRequired: t(lang, 'form.cardRequired'),
      choices,
      card: values[role]?.cardId ?? '',
      argumentLabel: t(lang, `form.${role}.argument`),
      argumentPlaceholder: t(lang, 'form.argumentPlaceholder', { max: LIMITS.argument }),
      argument: values[role]?.argument ?? '',
      argumentMax: LIMITS.argument,
      argumentRequired: t(lang, 'form.argumentRequired'),
    })),
    submit: { title: t(lang, 'form.submit'), round, for: who.for ?? '' },
    back: t(lang, 'r1.back'),
  };
}

export function valuesOf(submitted: SubmittedPicks | undefined): PickFormValues {
  if (!submitted) return {};
  const v: PickFormValues = {};
  for (const role of PICK_ROLES) v[role] = { ...submitted.picks[role] };
  return v;
}

export function cardTitle(state: TableState, cardId: string): string {
  return state.deck.ingredients.find((c) => c.id === cardId)?.title ?? cardId;
}

/** A card's title as shown in lists, with own cards marked as such everywhere. */
export function choiceTitle(lang: Language, card: Card): string {
  if (!card.addedBy) return card.title;
  return `${card.title} (${t(lang, card.kind === 'intention' ? 'card.ownIntention' : 'card.own')})`;
}

/** The participant's own confirmation: what they submitted, and a way to change it until the reveal. */
export function picksSavedView(state: TableState, lang: Language, round: number, submitted: SubmittedPicks, revealed: boolean, forId = '') {
  return {
    heading: heading(t(lang, 'picks.savedTitle'), 'Large'),
    note: rich(lang, revealed ? 'picks.frozen' : 'picks.private'),
    entries: PICK_ROLES.map((role) => ({
      label: bold(t(lang, `role.${role}`)),
      card: plain(cardTitle(state, submitted.picks[role].cardId)),
      argument: plain(submitted.picks[role].argument, true),
    })),
    ...(revealed ? {} : { change: { title: t(lang, 'picks.change'), round, for: forId } }),
    back: { title: t(lang, 'r1.back'), round },
  };
}
