import type { TableState } from '../domain';
import type { DeckCache } from './deck-cache';
import { tableShape, tableWithoutDeckShape } from './schema/table-state';
import { parseJson, readStored, type StoredRead } from './schema/versioned';

/**
 * A table in its Redis hash: `rev`, `state` and `deck`. Two layouts are stored:
 * - the deck in a field of its own, written only when it changes (since 2026-11-25, ccff6b3);
 * - before that, no `deck` field and the deck inside `state`. Such a table is read whole, and its
 *   next write splits it: that write has no deck JSON read to compare with, so it writes the field.
 */
export function readTableHash(state: string, deck: string | null, decks: DeckCache): StoredRead<TableState> {
  const json = parseJson(state);
  if (!json.ok) return json;
  if (deck === null) return readStored(tableShape, json.value);
  const read = readStored(tableWithoutDeckShape, json.value);
  if (!read.ok) return read;
  const parsedDeck = decks.parse(deck);
  return parsedDeck.ok ? { ok: true, value: { ...read.value, deck: parsedDeck.value } } : parsedDeck;
}

/** The fields a write stores: the state without its deck, and the deck's JSON (left alone when it did not change). */
export function tableHashFields(state: TableState, decks: DeckCache): { state: string; deck: string } {
  const { deck, ...rest } = state;
  return { state: JSON.stringify(rest), deck: decks.stringify(deck) };
}
