/**
 * The two message catalogs, checked at run time. The compiler already rejects a missing or extra key
 * in en.ts, and a `{placeholder}` that exists in one language only (src/i18n/placeholders.ts), but
 * not an empty text, a brace that is not a placeholder (the compiler would read `{a b}` as one, where
 * t() fills only `{word}`), or an odd number of `**` markers (the card would show the asterisks
 * instead of bold text). The placeholder check is kept here too, for a catalog added without types.
 *
 * The checks are plain functions, tested first against small catalogs with each kind of mistake, so
 * that a green run on the real catalogs means something.
 */
import { en } from '../../src/i18n/en';
import { nl } from '../../src/i18n/nl';

type Catalog = Record<string, unknown>;
type Catalogs = Record<string, Catalog>;

/** `{name}` as t() in src/i18n/index.ts fills it. */
const PLACEHOLDER = /\{(\w+)\}/g;

function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))].sort();
}

function boldMarkerCount(text: string): number {
  return text.split('**').length - 1;
}

/** Keys present in one catalog but not in another, per language. */
function keyProblems(catalogs: Catalogs): string[] {
  const problems: string[] = [];
  const all = new Set(Object.values(catalogs).flatMap((c) => Object.keys(c)));
  for (const [lang, catalog] of Object.entries(catalogs)) {
    for (const key of all) {
      if (!Object.prototype.hasOwnProperty.call(catalog, key)) {
        const has = Object.entries(catalogs)
          .filter(([, c]) => Object.prototype.hasOwnProperty.call(c, key))
          .map(([l]) => l);
        problems.push(`${lang}: missing '${key}' (present in ${has.join(', ')})`);
      }
    }
  }
  return problems;
}

/** Values that are not text, are empty or only white space. */
function emptyProblems(catalogs: Catalogs): string[] {
  const problems: string[] = [];
  for (const [lang, catalog] of Object.entries(catalogs)) {
    for (const [key, value] of Object.entries(catalog)) {
      if (typeof value !== 'string') problems.push(`${lang}: '${key}' is not a string (${typeof value})`);
      else if (value.trim() === '') problems.push(`${lang}: '${key}' is empty`);
    }
  }
  return problems;
}

/** Keys whose `{placeholders}` differ between the languages. */
function placeholderProblems(catalogs: Catalogs): string[] {
  const problems: string[] = [];
  const entries = Object.entries(catalogs);
  const [first, ...rest] = entries;
  if (!first) return problems;
  const [firstLang, firstCatalog] = first;
  for (const [key, value] of Object.entries(firstCatalog)) {
    if (typeof value !== 'string') continue;
    const expected = placeholdersOf(value);
    for (const [lang, catalog] of rest) {
      const other = catalog[key];
      if (typeof other !== 'string') continue;
      const got = placeholdersOf(other);
      if (expected.join(',') !== got.join(',')) {
        problems.push(`'${key}': ${firstLang} has {${expected.join('}, {')}} but ${lang} has {${got.join('}, {')}}`);
      }
    }
  }
  return problems;
}

/** Values with a `{` or `}` that is not part of a `{word}` placeholder. */
function braceProblems(catalogs: Catalogs): string[] {
  const problems: string[] = [];
  for (const [lang, catalog] of Object.entries(catalogs)) {
    for (const [key, value] of Object.entries(catalog)) {
      if (typeof value === 'string' && /[{}]/.test(value.replace(PLACEHOLDER, '')))
        problems.push(`${lang}: '${key}' has a brace outside a {placeholder}: ${value}`);
    }
  }
  return problems;
}

/** Values with an odd number of `**` markers. */
function boldProblems(catalogs: Catalogs): string[] {
  const problems: string[] = [];
  for (const [lang, catalog] of Object.entries(catalogs)) {
    for (const [key, value] of Object.entries(catalog)) {
      if (typeof value !== 'string') continue;
      const n = boldMarkerCount(value);
      if (n % 2 !== 0) problems.push(`${lang}: '${key}' has ${n} '**' markers (unbalanced): ${value}`);
    }
  }
  return problems;
}

describe('the catalog checks themselves', () => {
  it('find a key that one language lacks, and an extra key', () => {
    expect(keyProblems({ nl: { a: 'x', b: 'y' }, en: { a: 'x', c: 'z' } })).toEqual([
      "nl: missing 'c' (present in en)",
      "en: missing 'b' (present in nl)",
    ]);
    expect(keyProblems({ nl: { a: 'x' }, en: { a: 'y' } })).toEqual([]);
  });

  it('find empty and blank texts', () => {
    expect(emptyProblems({ nl: { a: '', b: '  \n', c: 'ok' }, en: { a: 'ok', b: 3 } })).toEqual([
      "nl: 'a' is empty",
      "nl: 'b' is empty",
      "en: 'b' is not a string (number)",
    ]);
  });

  it('find placeholders that differ, in name or in presence, but not in order or repetition', () => {
    expect(placeholdersOf('{b} en {a} en {b}')).toEqual(['a', 'b']);
    expect(
      placeholderProblems({
        nl: { a: 'Hallo {name}', b: '{done} van {total}', c: 'Geen', d: '{x} en {y}' },
        en: { a: 'Hello {naam}', b: '{done} of them', c: 'None {x}', d: '{y} and {x} and {y}' },
      }),
    ).toEqual(["'a': nl has {name} but en has {naam}", "'b': nl has {done}, {total} but en has {done}", "'c': nl has {} but en has {x}"]);
  });

  it('find braces that are not a placeholder', () => {
    expect(braceProblems({ nl: { a: '{name} en {count}', b: '{twee woorden}', c: 'een { los' }, en: { a: '{}', b: 'x}' } })).toEqual([
      "nl: 'b' has a brace outside a {placeholder}: {twee woorden}",
      "nl: 'c' has a brace outside a {placeholder}: een { los",
      "en: 'a' has a brace outside a {placeholder}: {}",
      "en: 'b' has a brace outside a {placeholder}: x}",
    ]);
  });

  it('find unbalanced bold markers', () => {
    expect(boldMarkerCount('typ **volgende** of **stop**')).toBe(4);
    expect(boldProblems({ nl: { a: 'typ **volgende', b: 'typ **volgende**' }, en: { a: '**a** and **b', b: 'fine' } })).toEqual([
      "nl: 'a' has 1 '**' markers (unbalanced): typ **volgende",
      "en: 'a' has 3 '**' markers (unbalanced): **a** and **b",
    ]);
  });
});

describe('the message catalogs (src/i18n)', () => {
  const catalogs: Catalogs = { nl, en };

  it('are not empty', () => {
    expect(Object.keys(nl).length).toBeGreaterThan(0);
    expect(Object.keys(en).length).toBeGreaterThan(0);
  });

  it('have exactly the same keys in Dutch and English', () => {
    expect(keyProblems(catalogs)).toEqual([]);
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
  });

  it('have no empty text', () => {
    expect(emptyProblems(catalogs)).toEqual([]);
  });

  it('use the same {placeholders} for a key in both languages', () => {
    expect(placeholderProblems(catalogs)).toEqual([]);
  });

  it('have no brace outside a {placeholder}', () => {
    expect(braceProblems(catalogs)).toEqual([]);
  });

  it('have balanced ** bold markers', () => {
    expect(boldProblems(catalogs)).toEqual([]);
  });
});
