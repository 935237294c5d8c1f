/**
 * Normalises free text from users: trims, turns Windows line ends into plain ones and removes
 * control characters that would only confuse a card or a CSV.
 */
export function cleanText(input: string): string {
  return input
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    // Zero-width joiners stay: they hold emoji such as 👩‍⚕️ together.
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim();
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
