import { textLength, truncate } from '../domain';
import { keepRendered, renderCard, type CardData, type CardName } from './render';

/**
 * Teams refuses a message above 28 KB; a card gets 26 KB so the activity around it fits too.
 * Measured as UTF-8 bytes of the card's JSON.
 */
export const CARD_BUDGET = 26 * 1024;

export function cardBytes(card: object): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

/**
 * The data of the first variant whose card fits the budget: `fits` go from the whole card to the most
 * compact one, and a card that grows with the deck or with what people typed only gets shorter when
 * it has to. The last variant is returned even when it is still too big: it is the best there is.
 * The card rendered to measure it is kept, so `renderCard(name, data)` does not render it again.
 */
export function fitView<N extends CardName, F, D extends CardData[N]>(
  name: N,
  fits: ReadonlyArray<F>,
  view: (fit: F) => D,
  budget = CARD_BUDGET,
): D {
  if (fits.length === 0) throw new Error(`no fits for ${name}`);
  let data: D | undefined;
  for (const fit of fits) {
    data = view(fit);
    const card = renderCard(name, data);
    keepRendered(name, data, card);
    if (cardBytes(card) <= budget) break;
  }
  return data!;
}

/** Text cut to `max` characters, ending in "…"; the whole text without a maximum. */
export function cutText(text: string, max: number | undefined): string {
  if (max === undefined || textLength(text) <= max) return text;
  return `${truncate(text, max)}…`;
}

/**
 * Cuts what a variant shortens and remembers whether it cut anything, so that the card says it was
 * shortened only when it was.
 */
export class Shortener {
  shortened = false;

  cut(text: string, max: number | undefined): string {
    const cut = cutText(text, max);
    if (cut !== text) this.shortened = true;
    return cut;
  }

  /**
   * Titles cut to `max` characters, but never so far that two of them read the same: a title that
   * would look like another one keeps as many characters as it takes to tell them apart.
   */
  titles(titles: ReadonlyArray<string>, max: number | undefined): string[] {
    const out = titles.map((title) => cutText(title, max));
    if (max !== undefined) {
      for (let length = max + 1; ; length++) {
        const byText = new Map<string, number[]>();
        out.forEach((text, i) => byText.set(text, [...(byText.get(text) ?? []), i]));
        const clashing = [...byText.values()]
          .filter((ids) => ids.length > 1)
          .flat()
          .filter((i) => out[i] !== titles[i]);
        if (clashing.length === 0) break;
        for (const i of clashing) out[i] = cutText(titles[i]!, length);
      }
    }
    if (out.some((text, i) => text !== titles[i])) this.shortened = true;
    return out;
  }

  /** At most `max` items, then one more saying how many were left out (`more`). */
  limit<T, R>(items: ReadonlyArray<T>, max: number | undefined, render: (item: T) => R, more: (count: number) => R): R[] {
    if (max === undefined || items.length <= max) return items.map(render);
    this.shortened = true;
    return [...items.slice(0, max).map(render), more(items.length - max)];
  }
}
