import { DeckCache } from '../../src/store/deck-cache';
import { splitTable } from '../../src/store/participant-input';
import { readTableHash, sharedPartCache, tableHashFields } from '../../src/store/redis-table-hash';
import { round1Revealed } from '../report/fixtures';

describe('the state field of a table hash', () => {
  test('read through the cache: each read its own table, the parts shared and frozen', () => {
    const { shared } = splitTable(round1Revealed());
    const decks = new DeckCache();
    const parts = sharedPartCache(2);
    const fields = tableHashFields(shared, decks);
    const one = readTableHash(fields.state, fields.deck, decks, parts);
    const two = readTableHash(fields.state, fields.deck, decks, parts);
    if (!one.ok || !two.ok) throw new Error('expected the table to read');
    expect(one.value).toEqual(shared);
    expect(two.value).not.toBe(one.value);
    expect(two.value.participants).toBe(one.value.participants);
    expect(Object.isFrozen(one.value.pickRounds[0]!.picks)).toBe(true);
    expect(parts.size).toBe(1);
  });

  test('a state that does not parse is not kept, and says why each time', () => {
    const decks = new DeckCache();
    const parts = sharedPartCache(2);
    const deck = tableHashFields(round1Revealed(), decks).deck;
    for (let i = 0; i < 2; i++)
      expect(readTableHash('{"schemaVersion":1', deck, decks, parts)).toEqual({ ok: false, unreadable: { reason: 'notJson' } });
    expect(parts.size).toBe(0);
  });
});
