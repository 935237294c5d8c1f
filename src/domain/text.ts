/**
 * Normalises free text from users: trims, turns Windows line ends into plain ones and removes
 * control characters that would only confuse a card or a CSV.
 */
export function cleanText(input: string): string {
  return input
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim();
}

/** Text counted as the user sees it: by code points, so an emoji counts once. */
export function textLength(text: string): number {
  return [...text].length;
}
