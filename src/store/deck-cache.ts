import type { Deck } from '../domain';
import { deckSchema } from './schema/table-state';
import { check, parseJson, type StoredRead } from './schema/versioned';

/**
 * Parsed decks by their JSON. Every table of a session (and every table on the default deck) holds
 * the same deck, so each bot process parses and checks it once instead of on every read. The decks
 * handed out are shared, hence frozen: a view that sorted one in place would throw in the tests
 * instead of quietly changing other tables' cards.
 */
export class DeckCache {
  private readonly byJson = new Map<string, Deck>();
  private readonly jsonOf = new WeakMap<Deck, string>();

  constructor(private readonly capacity = 64) {}

  /** The deck in this JSON, or why it is not one (such a JSON is not kept). */
  parse(json: string): StoredRead<Deck> {
    const known = this.byJson.get(json);
    if (known) {
      // Most recently used last, so the oldest is the one to let go.
      this.byJson.delete(json);
      this.byJson.set(json, known);
      return { ok: true, value: known };
    }
    const read = parseJson(json);
    const deck = read.ok ? check(deckSchema, read.value, { at: 'deck' }) : read;
    if (deck.ok) this.remember(json, deepFreeze(deck.value));
    return deck;
  }

  /** The deck's JSON: known without stringifying it when the deck came from this cache. */
  stringify(deck: Deck): string {
    const known = this.jsonOf.get(deck);
    if (known !== undefined) return known;
    const json = JSON.stringify(deck);
    this.jsonOf.set(deck, json);
    return json;
  }

  private remember(json: string, deck: Deck): void {
    this.byJson.set(json, deck);
    this.jsonOf.set(deck, json);
    while (this.byJson.size > this.capacity) {
      const oldest = this.byJson.keys().next().value;
      if (oldest === undefined) break;
      this.byJson.delete(oldest);
    }
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}
