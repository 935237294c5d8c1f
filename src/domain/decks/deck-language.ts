import type { Card, Deck, Language } from '../types';
import { DEFAULT_INGREDIENTS } from './default-ingredients';
import { DEFAULT_INTENTIONS } from './default-intentions';
import { ENGLISH_INGREDIENTS, ENGLISH_INTENTIONS } from './english';

/** The title of each default card per language, by id and kind (the two decks share no ids, but a table's own cards may). */
const TITLES: Record<Card['kind'], Map<string, Record<Language, string>>> = {
  ingredient: titlesOf(DEFAULT_INGREDIENTS, ENGLISH_INGREDIENTS),
  intention: titlesOf(DEFAULT_INTENTIONS, ENGLISH_INTENTIONS),
};

function titlesOf(cards: ReadonlyArray<Card>, english: Readonly<Record<string, string>>): Map<string, Record<Language, string>> {
  return new Map(cards.map((c) => [c.id, { nl: c.title, en: english[c.id] ?? c.title }]));
}

/**
 * A card's title in `lang`. Only a default card is translated: one nobody added, whose id is a default
 * id and whose title is still that card's title in one of the languages. Whatever an organiser or a
 * participant typed stays as typed.
 */
export function cardIn(card: Card, lang: Language): Card {
  if (card.addedBy !== undefined) return card;
  const titles = TITLES[card.kind].get(card.id);
  if (!titles || (card.title !== titles.nl && card.title !== titles.en) || card.title === titles[lang]) return card;
  return { ...card, title: titles[lang] };
}

/**
 * The decks a store hands out are frozen and shared by every table on them (deck-cache.ts): their
 * titles in each language are made once, not on every view of every click (two views a click, each
 * copying 76 cards). A deck that is not frozen could still change, so it is translated each time.
 */
const translated = new WeakMap<Deck, Partial<Record<Language, Deck>>>();

export function deckIn(deck: Deck, lang: Language): Deck {
  if (!Object.isFrozen(deck)) return translate(deck, lang);
  let byLang = translated.get(deck);
  if (!byLang) translated.set(deck, (byLang = {}));
  return (byLang[lang] ??= frozen(translate(deck, lang)));
}

function frozen(deck: Deck): Deck {
  for (const card of [...deck.ingredients, ...deck.intentions]) Object.freeze(card);
  Object.freeze(deck.ingredients);
  Object.freeze(deck.intentions);
  return Object.freeze(deck);
}

function translate(deck: Deck, lang: Language): Deck {
  const ingredients = deck.ingredients.map((c) => cardIn(c, lang));
  const intentions = deck.intentions.map((c) => cardIn(c, lang));
  const same = ingredients.every((c, i) => c === deck.ingredients[i]) && intentions.every((c, i) => c === deck.intentions[i]);
  return same ? deck : { ingredients, intentions };
}

/** A table (or a view of one) with its default cards titled in `lang`; everything else is kept as it is. */
export function withDeckIn<T extends { deck: Deck }>(table: T, lang: Language): T {
  return { ...table, deck: deckIn(table.deck, lang) };
}
