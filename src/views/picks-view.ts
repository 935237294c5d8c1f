import { LIMITS, PICK_ROLES, type Card, type Language, type PickRole, type SubmittedPicks, type TableView } from '../domain';
import { t } from '../i18n';
import { withMax } from './field-label';
import type { Message } from './error-view';
import { fitView, Shortener } from './fit';
import type { SubjectSwitch } from './subject-switch';
import { PICK_INPUTS } from './card-vocabulary';
import { bold, heading, plain, rich } from './rich-text';

/** What the user had typed, kept when the form comes back with an error so nothing is lost. */
export type PickFormValues = Partial<Record<PickRole, { cardId?: string; argument?: string }>>;

/** How long card titles are in a form's choice lists; every card stays a choice. */
export interface ChoiceFit {
  /** Titles are cut to this many characters, as long as they stay distinct. */
  maxTitle?: number;
  /** Leaves out the placeholders of the text fields (their labels ask the same). */
  terse?: boolean;
}

/**
 * A form with three lists of a whole deck (100 cards at most) can outgrow a Teams message; then the
 * titles in the lists get shorter, and the form says where the full names are. Every card stays a
 * choice in every list, so anyone can still pick any card.
 */
export const CHOICE_FITS: ReadonlyArray<ChoiceFit> = [
  {},
  { maxTitle: 40 },
  { maxTitle: 30 },
  { maxTitle: 20 },
  { maxTitle: 14 },
  { maxTitle: 10, terse: true },
];

/** Every card as a choice, own cards marked; titles cut as `maxTitle` says. */
export function cardChoices(
  lang: Language,
  cards: ReadonlyArray<Card>,
  s: Shortener,
  maxTitle?: number,
): Array<{ title: string; value: string }> {
  const titles = s.titles(
    cards.map((c) => c.title),
    maxTitle,
  );
  return cards.map((c, i) => ({ title: choiceTitle(lang, { ...c, title: titles[i]! }), value: c.id }));
}

/** The participant's own form of a silent round. Without a fit, the fullest variant that fits in one message. */
export function pickFormView(
  state: TableView,
  lang: Language,
  round: number,
  values: PickFormValues = {},
  error?: Message,
  who: SubjectSwitch & { for?: string } = { current: [], switches: [] },
  fit?: ChoiceFit,
): ReturnType<typeof pickFormVariant> {
  const variant = (f: ChoiceFit) => pickFormVariant(state, lang, round, values, error, who, f);
  return fit ? variant(fit) : fitView('pick-form', CHOICE_FITS, variant);
}

function pickFormVariant(
  state: TableView,
  lang: Language,
  round: number,
  values: PickFormValues,
  error: Message | undefined,
  who: SubjectSwitch & { for?: string },
  fit: ChoiceFit,
) {
  const s = new Shortener();
  const choices = cardChoices(lang, state.deck.ingredients, s, fit.maxTitle);
  return {
    heading: heading(t(lang, 'form.title'), 'Large'),
    note: rich(lang, 'form.private'),
    ...(s.shortened ? { shortened: rich(lang, 'form.shortTitles') } : {}),
    current: who.current,
    switches: who.switches.map((s) => ({ ...s, round })),
    ...(error ? { error: rich(lang, error) } : {}),
    sections: PICK_ROLES.map((role) => ({
      cardInput: PICK_INPUTS[role].card,
      argumentInput: PICK_INPUTS[role].argument,
      label: t(lang, `form.${role}.label`),
      cardPlaceholder: t(lang, 'form.cardPlaceholder'),
      cardRequired: t(lang, 'form.cardRequired'),
      choices,
      card: values[role]?.cardId ?? '',
      argumentLabel: withMax(lang, t(lang, `form.${role}.argument`), LIMITS.argument),
      argumentPlaceholder: fit.terse ? '' : t(lang, 'form.argumentPlaceholder', { max: LIMITS.argument }),
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

export function cardTitle(state: TableView, cardId: string): string {
  return state.deck.ingredients.find((c) => c.id === cardId)?.title ?? cardId;
}

/** A card's title as shown in lists, with own cards marked as such everywhere. */
export function choiceTitle(lang: Language, card: Card): string {
  if (!card.addedBy) return card.title;
  return `${card.title} (${t(lang, card.kind === 'intention' ? 'card.ownIntention' : 'card.own')})`;
}

/** The participant's own confirmation: what they submitted, and a way to change it until the reveal. */
export function picksSavedView(state: TableView, lang: Language, round: number, submitted: SubmittedPicks, revealed: boolean, forId = '') {
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
