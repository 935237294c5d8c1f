/**
 * Join codes: six characters that are easy to read aloud and to type over. The alphabet leaves out
 * characters that look alike (0/O/Q, 1/I/L, 5/S, 2/Z, 8/B, 6/G, U/V), and every code has at least one
 * digit and one letter, so that it never reads as a word and `start <code>` can tell it from a title.
 */
export const CODE_ALPHABET = 'ACDEFHJKMNPRTWXY3479';
export const CODE_LENGTH = 6;

const DIGITS = /[0-9]/;
const LETTERS = /[A-Z]/;
const CODE_DIGITS = CODE_ALPHABET.replace(/[^0-9]/g, '');
const CODE_LETTERS = CODE_ALPHABET.replace(/[0-9]/g, '');

/** A random integer in [0, max): the adapter passes crypto.randomInt, tests a seeded source. */
export type RandomInt = (max: number) => number;

export function generateCode(randomInt: RandomInt): string {
  const chars = Array.from({ length: CODE_LENGTH }, () => pick(CODE_ALPHABET, randomInt));
  // Without a digit (about one code in five) or a letter, one place gets one: no loop, so even a
  // poor random source cannot keep this from returning.
  if (!chars.some((c) => DIGITS.test(c))) chars[index(randomInt, CODE_LENGTH)] = pick(CODE_DIGITS, randomInt);
  else if (!chars.some((c) => LETTERS.test(c))) chars[index(randomInt, CODE_LENGTH)] = pick(CODE_LETTERS, randomInt);
  return chars.join('');
}

function pick(from: string, randomInt: RandomInt): string {
  return from[index(randomInt, from.length)]!;
}

/** A random source that answers out of range (or not a number) still gives a valid index. */
function index(randomInt: RandomInt, n: number): number {
  const i = Math.floor(randomInt(n));
  return Number.isFinite(i) ? ((i % n) + n) % n : 0;
}

/** A code as stored: exactly CODE_LENGTH alphabet characters, at least one digit and one letter. */
export function isCanonicalCode(code: string): boolean {
  if (code.length !== CODE_LENGTH) return false;
  for (const ch of code) if (!CODE_ALPHABET.includes(ch)) return false;
  return DIGITS.test(code) && LETTERS.test(code);
}

/** "KX7M4P" → "KX7-M4P": two groups of three, as people read numbers aloud. */
export function formatCode(code: string): string {
  return `${code.slice(0, 3)}-${code.slice(3)}`;
}

/**
 * What a person typed, as a canonical code, or undefined when it cannot be one. Case, spaces and
 * dashes do not matter: "kx7 m4p", "KX7-M4P" and "kx7m4p" are the same code.
 */
export function parseCode(typed: string): string | undefined {
  const code = typed
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-‐‑‒–—_.]/g, '');
  return isCanonicalCode(code) ? code : undefined;
}
