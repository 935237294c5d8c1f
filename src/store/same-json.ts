/**
 * Whether two values are the same data as JSON would store them, without stringifying either: equal
 * primitives, arrays of the same values, objects with the same keys holding the same values (in any
 * order; a key whose value is `undefined` is absent, as in JSON). Parts that are the very same object
 * are not looked into, so comparing a table with one made from it by a small change costs only the
 * parts that were rebuilt. What JSON would turn into something else (NaN, a Date) only compares
 * unequal, which is the safe way for its callers (they then write).
 * `ignore`: top-level keys left out of the comparison.
 */
export function sameJson(a: unknown, b: unknown, ignore: ReadonlySet<string> = NONE): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let keys = 0;
  for (const key of Object.keys(x)) {
    if (x[key] === undefined || ignore.has(key)) continue;
    if (!Object.hasOwn(y, key) || !sameJson(x[key], y[key])) return false;
    keys++;
  }
  for (const key of Object.keys(y)) if (y[key] !== undefined && !ignore.has(key)) keys--;
  return keys === 0;
}

const NONE: ReadonlySet<string> = new Set();
