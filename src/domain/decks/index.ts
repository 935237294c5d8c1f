import type { Deck } from '../types';
import { DEFAULT_INGREDIENTS } from './default-ingredients';
import { DEFAULT_INTENTIONS } from './default-intentions';

/** A fresh copy, so a table may extend its own deck without touching the defaults. */
export function defaultDeck(): Deck {
  return {
    ingredients: DEFAULT_INGREDIENTS.map((c) => ({ ...c })),
    intentions: DEFAULT_INTENTIONS.map((c) => ({ ...c })),
  };
}

export { cardIn, deckIn, withDeckIn } from './deck-language';
