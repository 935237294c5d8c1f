import { ParsedCache } from '../../src/store/parsed-cache';
import { parseJson } from '../../src/store/schema/versioned';

describe('ParsedCache', () => {
  function counted(capacity: number) {
    const parsed: string[] = [];
    const cache = new ParsedCache((text) => (parsed.push(text), parseJson(text)), capacity);
    return { cache, parsed };
  }

  test('parses each text once while it is kept, and hands out the same frozen value', () => {
    const { cache, parsed } = counted(4);
    const one = cache.parse('{"a":{"b":[1]}}');
    const two = cache.parse('{"a":{"b":[1]}}');
    expect(parsed).toEqual(['{"a":{"b":[1]}}']);
    if (!one.ok || !two.ok) throw new Error('expected JSON');
    expect(two.value).toBe(one.value);
    expect(Object.isFrozen((one.value as { a: { b: number[] } }).a.b)).toBe(true);
    expect(() => (one.value as { a: { b: number[] } }).a.b.push(2)).toThrow(TypeError);
  });

  test('keeps no text that does not parse: it is parsed (and can be logged) every time', () => {
    const { cache, parsed } = counted(4);
    expect(cache.parse('{').ok).toBe(false);
    expect(cache.parse('{').ok).toBe(false);
    expect(parsed).toEqual(['{', '{']);
    expect(cache.size).toBe(0);
  });

  test('holds at most its capacity, letting go of the oldest not used since (a used one gets a second chance)', () => {
    const { cache, parsed } = counted(3);
    for (const n of [1, 2, 3]) cache.parse(String(n));
    cache.parse('1'); // used: survives the next eviction, which takes 2 instead
    cache.parse('4');
    expect(cache.size).toBe(3);
    parsed.length = 0;
    for (const n of [1, 3, 4]) cache.parse(String(n));
    expect(parsed).toEqual([]);
    cache.parse('2');
    expect(parsed).toEqual(['2']);
    expect(cache.size).toBe(3);
  });

  test('ends an eviction when every entry was used', () => {
    const { cache } = counted(2);
    for (const n of [1, 2, 1, 2]) cache.parse(String(n));
    cache.parse('3');
    expect(cache.size).toBe(2);
  });
});
