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

export function deckIn(deck: Deck, lang: Language): Deck {
  return { ingredients: deck.ingredients.map((c) => cardIn(c, lang)), intentions: deck.intentions.map((c) => cardIn(c, lang)) };
}

/** A table (or a view of one) with its default cards titled in `lang`; everything else is kept as it is. */
export function withDeckIn<T extends { deck: Deck }>(table: T, lang: Language): T {
  return { ...table, deck: deckIn(table.deck, lang) };
}
