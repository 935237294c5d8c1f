import { AGREEMENTS, LIMITS, ZONES, type Language, type TableView, type Zone, type Agreement } from '../domain';
import { t } from '../i18n';
import { withMax } from './field-label';
import { cardById, pickedCardIds } from './board-view';
import type { Message } from './error-view';
import { choiceTitle } from './picks-view';
import { heading, rich } from './rich-text';

export interface PlaceValues {
  card?: string;
  zone?: Zone | string;
  agreement?: Agreement | string;
  purpose?: string;
  trait?: string;
}

/** The leider's own form to record a card's place, or to ask the table for a silent placement first. */
export function placeFormView(state: TableView, lang: Language, values: PlaceValues = {}, error?: Message, done?: Message) {
  const picked = pickedCardIds(state);
  const pickedSet = new Set(picked);
  // A card on the model says where it lies: placing it again moves it, "Van het model halen" takes it off.
  const placedMark = (id: string, title: string) => {
    const placement = state.round2.placements[id];
    return placement ? t(lang, 'place.placedMark', { title, zone: t(lang, `zone.short.${placement.zone}`) }) : title;
  };
  const pickedChoices = picked.flatMap((id) => {
    const card = cardById(state, id);
    return card ? [{ title: placedMark(id, t(lang, 'place.pickedMark', { title: choiceTitle(lang, card) })), value: id }] : [];
  });
  const rest = state.deck.ingredients
    .filter((c) => !pickedSet.has(c.id))
    .map((c) => ({ title: placedMark(c.id, choiceTitle(lang, c)), value: c.id }));
  return {
    heading: heading(t(lang, 'place.title'), 'Large'),
    note: rich(lang, 'place.private'),
    ...(done ? { done: rich(lang, done) } : {}),
    ...(error ? { error: rich(lang, error) } : {}),
    labels: {
      card: t(lang, 'place.card'),
      chooseCard: t(lang, 'place.chooseCard'),
      required: t(lang, 'place.required'),
      zone: t(lang, 'place.zone'),
      agreement: t(lang, 'place.agreement'),
      purpose: withMax(lang, t(lang, 'place.purpose'), LIMITS.reason),
      trait: withMax(lang, t(lang, 'place.trait'), LIMITS.reason),
      save: t(lang, 'place.save'),
      poll: t(lang, 'place.poll'),
      remove: t(lang, 'place.remove'),
      back: t(lang, 'tools.back'),
    },
    cardHint: picked.length > 0 ? rich(lang, 'place.cardHint') : [],
    cardChoices: [...pickedChoices, ...rest],
    zoneChoices: ZONES.map((z) => ({ title: t(lang, `zone.${z}`), value: z })),
    agreementChoices: AGREEMENTS.map((a) => ({ title: t(lang, `agreement.${a}`), value: a })),
    values: {
      card: values.card ?? '',
      zone: values.zone ?? '',
      agreement: values.agreement ?? '',
      purpose: values.purpose ?? '',
      trait: values.trait ?? '',
    },
    max: LIMITS.reason,
  };
}
