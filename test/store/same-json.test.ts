import { splitTable } from '../../src/store/participant-input';
import { sameJson } from '../../src/store/same-json';
import { round1Revealed } from '../report/fixtures';

describe('sameJson: the same data as JSON stores it', () => {
  const { shared } = splitTable(round1Revealed());
  const { deck: _deck, ...rest } = shared;
  const read = JSON.parse(JSON.stringify(shared)) as typeof shared;
  const ignore = new Set(['deck', 'updatedAt']);

  test('a shared part and its stored JSON parsed again, but for what is ignored', () => {
    expect(sameJson(rest, read, ignore)).toBe(true);
    expect(sameJson({ ...rest, updatedAt: rest.updatedAt + 60_000 }, read, ignore)).toBe(true);
    expect(sameJson({ ...rest, updatedAt: rest.updatedAt + 60_000 }, read)).toBe(false);
    expect(sameJson(rest, read)).toBe(false); // the deck is in one only
  });

  test('keys in another order, and a key whose value is undefined (JSON leaves it out): the same', () => {
    expect(sameJson(Object.fromEntries(Object.entries(rest).reverse()), read, ignore)).toBe(true);
    expect(sameJson({ ...rest, timer: undefined }, read, ignore)).toBe(true);
    expect(sameJson(read, { ...rest, timer: undefined }, ignore)).toBe(true);
  });

  test.each<[string, unknown]>([
    ['another title', { ...rest, title: `${rest.title}!` }],
    ['a participant more', { ...rest, participants: [...rest.participants, { ...rest.participants[0]!, id: 'nieuw' }] }],
    [
      'a participant’s name changed deep inside',
      { ...rest, participants: rest.participants.map((p, i) => (i === 2 ? { ...p, name: 'X' } : p)) },
    ],
    ['a field less', (({ phaseStartedAt: _p, ...without }) => without)(rest)],
    ['a field more', { ...rest, stoppedAt: 5 }],
    ['someone’s input inside it (a table written whole)', (({ deck: _d, ...whole }) => whole)(round1Revealed())],
    ['a pick round’s picks not empty', { ...rest, pickRounds: rest.pickRounds.map((r) => ({ ...r, picks: { x: {} } })) }],
    ['an array for an object', { ...rest, round2: [] }],
    ['null for an object', { ...rest, round3: null }],
    ['a number as a string', { ...rest, createdAt: String(rest.createdAt) }],
    ['NaN (JSON would store null)', { ...rest, createdAt: NaN }],
    ['a Date (JSON would store a string)', { ...rest, stoppedAt: new Date(0) }],
  ])('%s: not the same', (_name, next) => {
    expect(sameJson(next, read, ignore)).toBe(false);
    expect(sameJson(read, next, ignore)).toBe(false);
  });

  test('arrays: same length and the same values in order', () => {
    expect(sameJson([1, { a: [2] }], [1, { a: [2] }])).toBe(true);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson([1], [1, undefined])).toBe(false);
    expect(sameJson({ 0: 1 }, [1])).toBe(false);
  });
});
