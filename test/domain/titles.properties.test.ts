/**
 * Titles compared as people read them, for any title (issue 10, point 7). A title is generated as
 * what a reader sees (a sequence of letters, digits and symbols) and then spelled in one of the ways
 * that look or read the same: capitals or not, an accent or not, an accent composed or as a separate
 * mark, full-width letters, spaces of any kind and invisible characters anywhere. Spellings of one
 * reading must give one key; different readings must keep different keys.
 */
import fc from 'fast-check';
import { sameTitleKey } from '../../src/domain';

/** Each entry is one thing a reader sees, with the ways it may be typed. */
const GLYPHS: ReadonlyArray<ReadonlyArray<string>> = [
  ['a', 'A', 'á', 'à', 'ä', 'â', 'Ä', 'ａ'],
  ['b', 'B'],
  ['c', 'C', 'ç', 'Ç'],
  ['d', 'D'],
  ['e', 'E', 'é', 'è', 'ë', 'ê', 'É', 'Ë', 'ｅ'],
  ['i', 'I', 'í', 'ï', 'Ï'],
  ['k', 'K'],
  ['n', 'N', 'ñ', 'Ñ'],
  ['o', 'O', 'ó', 'ö', 'ô', 'Ö'],
  ['r', 'R', 'ｒ'],
  ['s', 'S'],
  ['t', 'T'],
  ['u', 'U', 'ú', 'ü', 'Ü'],
  ['z', 'Z'],
  ['1', '１'],
  ['2'],
  ['9'],
  ['ø', 'Ø'],
  ['ж', 'Ж'],
  ['σ', 'Σ', 'ς'],
  ['中'],
  ['🏠'],
  ['👩‍⚕️'],
  ['-'],
  ['’'],
];

/** What may stand between two letters without changing what a reader sees (or reads as one word). */
const GAPS = [
  '',
  '',
  '',
  ' ',
  '  ',
  '\t',
  '\u00a0',
  '\u3000',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\u00ad',
  '\ufeff',
  '\u3164',
  '\u2800',
  '\u180e',
];

const readingArb = fc.array(fc.nat({ max: GLYPHS.length - 1 }), { minLength: 1, maxLength: 12 });

/** One way of typing a reading: a spelling per glyph, composed or decomposed, with gaps around. */
function spellingArb(reading: readonly number[]) {
  return fc
    .tuple(
      fc.tuple(...reading.map((g) => fc.constantFrom(...GLYPHS[g]!))),
      fc.array(fc.constantFrom('NFC', 'NFD') as fc.Arbitrary<'NFC' | 'NFD'>, { minLength: reading.length, maxLength: reading.length }),
      fc.array(fc.constantFrom(...GAPS), { minLength: reading.length + 1, maxLength: reading.length + 1 }),
    )
    .map(([glyphs, forms, gaps]) => gaps[0] + glyphs.map((g, i) => g.normalize(forms[i]!) + gaps[i + 1]).join(''));
}

const RUNS = 500;

describe('sameTitleKey (properties)', () => {
  it('gives every spelling of one reading the same key', () => {
    fc.assert(
      fc.property(
        readingArb.chain((reading) => fc.tuple(spellingArb(reading), spellingArb(reading))),
        ([a, b]) => {
          expect(sameTitleKey(a)).toBe(sameTitleKey(b));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('keeps titles that read differently apart, also when they differ in one place only', () => {
    const nearArb = readingArb.chain((reading) =>
      fc.tuple(
        fc.constant(reading),
        fc.oneof(
          // Another reading altogether.
          readingArb,
          // One glyph replaced, left out or added.
          fc
            .tuple(fc.nat({ max: reading.length - 1 }), fc.nat({ max: GLYPHS.length - 1 }), fc.constantFrom('replace', 'drop', 'add'))
            .map(([at, glyph, how]) => {
              const other = [...reading];
              if (how === 'replace') other[at] = glyph;
              else if (how === 'drop') other.splice(at, 1);
              else other.splice(at, 0, glyph);
              return other;
            }),
        ),
      ),
    );
    fc.assert(
      fc.property(
        nearArb.chain(([a, b]) =>
          fc.tuple(fc.constant(a), fc.constant(b), spellingArb(a), b.length > 0 ? spellingArb(b) : fc.constant('')),
        ),
        ([a, b, spelledA, spelledB]) => {
          const sameReading = a.length === b.length && a.every((g, i) => g === b[i]);
          expect(sameTitleKey(spelledA) === sameTitleKey(spelledB)).toBe(sameReading);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
