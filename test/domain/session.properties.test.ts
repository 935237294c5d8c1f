/**
 * Invariants of join codes and session decks for any input: codes never hold a character that looks
 * like another, always parse back however they are typed, and pasted decks always give unique ids.
 */
import fc from 'fast-check';
import {
  CODE_ALPHABET,
  CODE_LENGTH,
  createSession,
  defaultDeck,
  formatCode,
  generateCode,
  LIMITS,
  parseCode,
  sameTitleKey,
  type DeckMode,
} from '../../src/domain';

/** Characters people confuse when reading a code aloud or from a screen. */
const LOOK_ALIKES = ['0', 'O', 'Q', '1', 'I', 'L', '5', 'S', '2', 'Z', '8', 'B', '6', 'G', 'U', 'V'];

/** A random source as the adapter passes it, driven by fast-check (any integers, also out of range). */
const randomSourceArb = fc.array(fc.integer({ min: -5, max: 1000 }), { minLength: 1, maxLength: 20 }).map((values) => {
  let i = 0;
  return (max: number) => {
    const v = values[i++ % values.length]!;
    return v >= 0 && v < max ? v : v;
  };
});

/** How a person may type a code: case, a dash or spaces anywhere between the characters. */
function typedArb(code: string) {
  return fc
    .record({
      lower: fc.array(fc.boolean(), { minLength: CODE_LENGTH, maxLength: CODE_LENGTH }),
      gaps: fc.array(fc.constantFrom('', '', ' ', '-', ' - ', '  '), { minLength: CODE_LENGTH + 1, maxLength: CODE_LENGTH + 1 }),
    })
    .map(({ lower, gaps }) => gaps[0] + [...code].map((ch, i) => (lower[i] ? ch.toLowerCase() : ch) + gaps[i + 1]).join(''));
}

describe('join codes (properties)', () => {
  it('the alphabet itself has no look-alikes', () => {
    for (const ch of LOOK_ALIKES) expect(CODE_ALPHABET).not.toContain(ch);
  });

  it('a generated code never contains a look-alike character, has a digit and a letter, and parses back as typed', () => {
    fc.assert(
      fc.property(
        randomSourceArb.chain((random) => {
          const code = generateCode(random);
          return fc.tuple(fc.constant(code), typedArb(code));
        }),
        ([code, typed]) => {
          expect(code).toHaveLength(CODE_LENGTH);
          for (const ch of code) expect(CODE_ALPHABET).toContain(ch);
          for (const ch of LOOK_ALIKES) expect(code).not.toContain(ch);
          expect(code).toMatch(/[0-9]/);
          expect(code).toMatch(/[A-Z]/);
          expect(parseCode(code)).toBe(code);
          expect(parseCode(formatCode(code))).toBe(code);
          expect(parseCode(typed)).toBe(code);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('parseCode of any text is undefined or a canonical code that formats and parses to itself', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom(...CODE_ALPHABET, ...LOOK_ALIKES, '-', ' ', 'a', 'k') })),
        (text) => {
          const code = parseCode(text);
          if (code === undefined) return;
          expect(code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`));
          expect(parseCode(formatCode(code))).toBe(code);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('session decks (properties)', () => {
  const titleArb = fc.oneof(
    fc.constantFrom(
      'Buurthuis',
      'buurt huis',
      'Het Park',
      'het park',
      'Café',
      'Cafe',
      'Repair café',
      '🌳',
      '- Speeltuin',
      '1. Speeltuin',
      'Koor',
    ),
    fc.string({ minLength: 1, maxLength: 30 }),
  );
  const deckArb = fc.record({
    mode: fc.constantFrom<DeckMode>('extend', 'replace'),
    text: fc.array(titleArb, { maxLength: 60 }).map((l) => l.join('\n')),
  });

  it('ids are unique over both decks, titles unique ignoring case and spaces, and never more than the deck limit', () => {
    fc.assert(
      fc.property(deckArb, deckArb, (ingredients, intentions) => {
        const r = createSession({
          code: 'KX7M4P',
          actor: { id: 'o', name: 'O' },
          tenantId: 't',
          thread: 'th',
          language: 'nl',
          form: { ingredients, intentions },
          defaultTitle: 'Sessie',
          defaultDeck: defaultDeck(),
          now: 0,
        });
        if (r.type === 'error') {
          expect(['cardTooLong', 'deckTooSmall', 'deckTooLarge']).toContain(r.code);
          return;
        }
        const all = [...r.session.deck.ingredients, ...r.session.deck.intentions];
        expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
        for (const deck of [r.session.deck.ingredients, r.session.deck.intentions]) {
          expect(new Set(deck.map((c) => sameTitleKey(c.title))).size).toBe(deck.length);
          expect(deck.length).toBeLessThanOrEqual(LIMITS.deckSize);
          for (const c of deck) expect(c.title.trim()).toBe(c.title);
        }
      }),
      { numRuns: 500 },
    );
  });
});
