/**
 * Text fitting for the PowerPoint export. PowerPoint only shrinks text to fit when it re-renders a
 * slide, and LibreOffice not reliably at all, so the export picks font sizes itself: the largest size
 * at which the estimated text fits its box, and below the smallest readable size it leaves items out
 * ("+ nog 4") rather than overflow. The estimate is deliberately a little pessimistic.
 */

/**
 * Average character width of Arial as a fraction of the font size, slightly on the safe side: card
 * titles (capitals, short words that wrap early) and running prose (mostly lower case).
 */
export const TITLE_EM = 0.53;
export const PROSE_EM = 0.47;
const LINE = 1.2;

/** Characters per line of a text of `size` pt in a box `widthIn` inches wide (insets excluded). */
export function charsPerLine(widthIn: number, size: number, bold = false, em = TITLE_EM): number {
  return Math.max(4, Math.floor((widthIn * 72) / (size * em * (bold ? 1.07 : 1))));
}

/** Lines a text takes when wrapped at word boundaries; explicit line breaks start a new line. */
export function lineCount(text: string, cpl: number): number {
  let total = 0;
  for (const paragraph of text.split('\n')) {
    let lines = 1;
    let current = 0;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      let len = [...word].length;
      if (current > 0 && current + 1 + len <= cpl) {
        current += 1 + len;
        continue;
      }
      if (current > 0) lines += 1;
      // A word longer than a line is broken.
      while (len > cpl) {
        lines += 1;
        len -= cpl;
      }
      current = len;
    }
    total += lines;
  }
  return total;
}

/** Height in inches of `lines` lines of `size` pt. */
export function linesHeight(lines: number, size: number): number {
  return (lines * size * LINE) / 72;
}

export interface FitItem {
  /** The plain text as it will wrap (runs joined). */
  text: string;
  bold?: boolean;
}

export interface FitResult<T> {
  size: number;
  /** The items that fit; when some were left out, `hidden` says how many. */
  items: T[];
  hidden: number;
}

/**
 * The largest size from `sizes` (largest first) at which `height(items, size)` stays within
 * `available`; at the smallest size, as many leading items as fit, leaving room for a "+ nog N" line.
 */
export function fitItems<T>(
  items: ReadonlyArray<T>,
  sizes: ReadonlyArray<number>,
  available: number,
  height: (items: ReadonlyArray<T>, size: number, more: boolean) => number,
): FitResult<T> {
  for (const size of sizes) {
    if (height(items, size, false) <= available) return { size, items: [...items], hidden: 0 };
  }
  const size = sizes[sizes.length - 1] ?? 10;
  let count = items.length;
  while (count > 0 && height(items.slice(0, count), size, true) > available) count -= 1;
  return { size, items: items.slice(0, count), hidden: items.length - count };
}

/** Cuts a text to `max` characters at a word boundary, with an ellipsis. */
export function shorten(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  if (chars.length <= max) return chars.join('');
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, '')}…`;
}
