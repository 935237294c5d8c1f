import type { Deck } from '../domain';
import { ParsedCache } from './parsed-cache';
import { deckSchema } from './schema/table-state';
import { check, parseJson, type StoredRead } from './schema/versioned';

/**
 * Parsed decks by their JSON. Every table of a session (and every table on the default deck) holds
 * the same deck, so each bot process parses and checks it once instead of on every read. The decks
 * handed out are shared, hence frozen: a view that sorted one in place would throw in the tests
 * instead of quietly changing other tables' cards.
 */
export class DeckCache {
  private readonly decks: ParsedCache<Deck>;
  private readonly jsonOf = new WeakMap<Deck, string>();

  constructor(capacity = 64) {
    this.decks = new ParsedCache((json) => {
      const read = parseJson(json);
      const deck = read.ok ? check(deckSchema, read.value, { at: 'deck' }) : read;
      if (deck.ok) this.jsonOf.set(deck.value, json);
      return deck;
    }, capacity);
  }

  /** The deck in this JSON, or why it is not one (such a JSON is not kept). */
  parse(json: string): StoredRead<Deck> {
    return this.decks.parse(json);
  }

  /** The deck's JSON: known without stringifying it when the deck came from this cache. */
  stringify(deck: Deck): string {
    const known = this.jsonOf.get(deck);
    if (known !== undefined) return known;
    const json = JSON.stringify(deck);
    this.jsonOf.set(deck, json);
    return json;
  }
}
