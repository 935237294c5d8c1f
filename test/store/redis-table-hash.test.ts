import { DeckCache } from '../../src/store/deck-cache';
import { splitTable } from '../../src/store/participant-input';
import { readTableHash, sameStateText, sharedPartCache, tableHashFields } from '../../src/store/redis-table-hash';
import { round1Revealed } from '../report/fixtures';

describe('the state field of a table hash', () => {
  const { shared } = splitTable(round1Revealed());
  const { deck: _deck, ...rest } = shared;
  const stored = { text: JSON.stringify(rest), updatedAt: rest.updatedAt };

  test('a shared part is the one stored when only its updatedAt differs', () => {
    expect(sameStateText(rest, stored)).toBe(true);
    expect(sameStateText({ ...rest, updatedAt: rest.updatedAt + 60_000 }, stored)).toBe(true);
  });

  test.each([
    ['another title', { ...rest, title: `${rest.title}!` }],
    ['a participant more', { ...rest, participants: [...rest.participants, { ...rest.participants[0]!, id: 'nieuw' }] }],
    ['a field less', (({ phaseStartedAt: _p, ...without }) => without)(rest)],
  ])('is not the one stored with %s', (_name, changed) => {
    expect(sameStateText(changed, stored)).toBe(false);
  });

  test.each([
    ['participants’ input inside it (written whole)', JSON.stringify(round1Revealed())],
    ['its keys in another order (another release)', JSON.stringify(Object.fromEntries(Object.entries(rest).reverse()))],
    ['spaces in it', JSON.stringify(rest, null, 1)],
  ])('stored with %s compares unequal, so the write stores it again', (_name, text) => {
    expect(JSON.parse(text)).toMatchObject({ title: rest.title, phase: rest.phase });
    expect(sameStateText(rest, { text, updatedAt: rest.updatedAt })).toBe(false);
  });

  test('read through the cache: each read its own table, the parts shared and frozen', () => {
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
});
