/**
 * Normalises free text from users: trims, turns Windows line ends into plain ones, removes control
 * characters that would only confuse a card or a CSV, and composes accents (NFC), so that "é" typed
 * as one character or as "e" plus a separate accent mark is stored, counted and exported the same.
 */
export function cleanText(input: string): string {
  return (
    input
      .normalize('NFC')
      .replace(/\r\n?/g, '\n')
      // Zero-width joiners stay: they hold emoji such as 👩‍⚕️ together.
      // eslint-disable-next-line no-control-regex -- control characters are what this removes
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
      .trim()
  );
}

/**
 * Characters that show nothing on their own: spaces of every kind, controls, format characters
 * (\p{Cf}: zero-width space and joiners, word joiner, soft hyphen, byte order mark, bidi marks, tags),
 * the default-ignorable ones (the Hangul fillers U+115F, U+1160, U+3164, U+FFA0, variation selectors)
 * and the blank braille pattern U+2800, which fonts draw as an empty cell.
 */
const INVISIBLE = /[\p{White_Space}\p{Cc}\p{Cf}\p{Cs}\p{Default_Ignorable_Code_Point}\u2800]/gu;

/** Whether the text shows nothing: empty, or only spaces and invisible characters. */
export function isBlank(text: string): boolean {
  return text.replace(INVISIBLE, '') === '';
}

/**
 * Text that names a person or a card, cleaned (see cleanText), or '' when it would look blank. The
 * one rule for "is there a name?": a name of fillers is no name. What is visible keeps its invisible
 * characters (the joiners inside an emoji).
 */
export function visibleText(input: string): string {
  const text = cleanText(input);
  return isBlank(text) ? '' : text;
}

/** Accents of the Latin, Greek and Cyrillic alphabets as separate marks (after NFKD). */
// eslint-disable-next-line no-misleading-character-class -- lone combining marks are what this matches
const ACCENTS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\ufe20-\ufe2f]/g;

/**
 * The key under which two titles are the same card, as people read them: "Repair café", "Repair
 * Cafe", "Repair cafe" + U+0301, "REPAIR  CAFÉ", "Ｒｅｐａｉｒ café" and "Repair\u2060café" are one.
 * Compatibility forms are unfolded (NFKD: full-width letters, ligatures), case is folded (upper then
 * lower case, so "ß" and "ss" meet), accents are dropped, and spaces and invisible characters do not
 * count. Marks that other scripts need (Devanagari vowel signs, Arabic) stay, so different words there
 * stay different. Only for comparing: titles are stored as typed, in NFC.
 */
export function sameTitleKey(title: string): string {
  return (
    cleanText(title)
      .normalize('NFKD')
      .replace(INVISIBLE, '')
      .toUpperCase()
      .toLowerCase()
      // Case folding proper: a final sigma is a sigma (lower-casing chooses by position in the word).
      .replace(/ς/g, 'σ')
      .normalize('NFKD')
      .replace(ACCENTS, '')
  );
}

/** Text counted as the user sees it: by code points, so an emoji counts once. */
export function textLength(text: string): number {
  return [...text].length;
}

/** Cuts to at most `max` code points, never through a surrogate pair, and trims what is left. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max).join('').trim();
}

/** A record's own entry only: a user id such as `constructor` must not find Object's prototype. */
export function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
