import { UniqueIds, uniqueId } from '../../src/store/unique-id';

describe('unique ids', () => {
  it('are 16 base64url characters, and none comes twice', () => {
    const seen = new Set(Array.from({ length: 10_000 }, () => uniqueId()));
    expect(seen.size).toBe(10_000);
    for (const id of seen) expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  it('draw a new prefix when the counter has had all its values, so an id does not come again after a wrap', () => {
    const draws: number[] = [];
    let drawn = 0;
    // A counter of one character: 64 ids per prefix. Each draw gives other bytes, as randomBytes does.
    const ids = new UniqueIds(8, 1, (bytes) => (draws.push(bytes), Buffer.alloc(bytes, ++drawn)));
    const taken = Array.from({ length: 64 * 3 + 1 }, () => ids.next());
    expect(new Set(taken).size).toBe(taken.length);
    expect(draws).toEqual([6, 6, 6, 6]);
    expect(new Set(taken.map((id) => id.slice(0, 7))).size).toBe(4);
    for (const id of taken) expect(id).toMatch(/^[A-Za-z0-9_-]{8}$/);
    // Every counter value is used under each prefix, in the alphabet's order.
    expect(
      taken
        .slice(0, 64)
        .map((id) => id[7])
        .join(''),
    ).toBe('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
  });

  it('take the counter over several characters', () => {
    const ids = new UniqueIds(6, 2, (bytes) => Buffer.alloc(bytes));
    const taken = Array.from({ length: 66 }, () => ids.next());
    expect(taken.slice(0, 3).map((id) => id.slice(4))).toEqual(['AA', 'AB', 'AC']);
    expect(taken.slice(63, 66).map((id) => id.slice(4))).toEqual(['A_', 'BA', 'BB']);
  });
});
