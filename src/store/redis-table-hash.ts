import type { TableState } from '../domain';
import type { DeckCache } from './deck-cache';
import { ParsedCache } from './parsed-cache';
import { tableShape, tableWithoutDeckShape } from './schema/table-state';
import { readStoredJson, type StoredRead } from './schema/versioned';

/** The `state` field of a table hash since the deck has a field of its own. */
export type SharedPart = Omit<TableState, 'deck'>;

/** Reads of the `state` field (see ParsedCache): every click reads it, and most clicks leave it as it was. */
export function sharedPartCache(capacity: number): ParsedCache<SharedPart> {
  return new ParsedCache((json) => readStoredJson(tableWithoutDeckShape, json), capacity);
}

/**
 * A table in its Redis hash: `rev`, `state` and `deck`. Two layouts are stored:
 * - the deck in a field of its own, written only when it changes (since 2026-11-25, ccff6b3);
 * - before that, no `deck` field and the deck inside `state`. Such a table is read whole, and its
 *   next write splits it: that write has no deck JSON read to compare with, so it writes the field.
 * `shared`: the `state` texts read before (the old layout is rare and read without it).
 */
export function readTableHash(
  state: string,
  deck: string | null,
  decks: DeckCache,
  shared?: ParsedCache<SharedPart>,
): StoredRead<TableState> {
  if (deck === null) return readStoredJson(tableShape, state);
  const read = shared ? shared.parse(state) : readStoredJson(tableWithoutDeckShape, state);
  if (!read.ok) return read;
  const parsedDeck = decks.parse(deck);
  // A new object each time: the parts may be shared (and frozen), the table is the reader's own.
  return parsedDeck.ok ? { ok: true, value: { ...read.value, deck: parsedDeck.value } } : parsedDeck;
}

/** The fields a write stores: the state without its deck, and the deck's JSON (left alone when it did not change). */
export function tableHashFields(state: TableState, decks: DeckCache): { state: string; deck: string } {
  const { deck, ...rest } = state;
  return { state: JSON.stringify(rest), deck: decks.stringify(deck) };
}
