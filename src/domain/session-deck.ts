import { LIMITS } from './limits';
import { sessionFail, type SessionError } from './session-errors';
import { SESSION_LIMITS, type DeckOrigin } from './session-types';
import { cleanText, sameTitleKey, textLength, truncate, visibleText } from './text';
import type { Card, CardKind } from './types';

/** extend = the default deck plus the pasted cards; replace = only the pasted cards. */
export type DeckMode = 'extend' | 'replace';

export interface PastedDeck {
  mode: DeckMode;
  /** The organiser's cards, one per line, as pasted (bullets and numbering are fine). */
  text: string;
}

export interface BuiltDeck {
  cards: Card[];
  origin: DeckOrigin;
  /** Pasted titles that were already in the deck (as people read them, see sameTitleKey) and were kept once. */
  merged: string[];
}

/** "- Buurthuis", "• Buurthuis", "3. Buurthuis" and "3) Buurthuis" are all "Buurthuis". */
const BULLET = /^(?:[-–—•·*▪◦]|\d{1,3}[.)])\s+/;

/** The lines of a pasted list, cleaned, without bullets and without lines that are empty or look it. */
export function pastedLines(text: string): string[] {
  return cleanText(text)
    .split('\n')
    .map((line) => visibleText(cleanText(line).replace(BULLET, '').replace(/\s+/g, ' ')))
    .filter(Boolean);
}

/**
 * A readable, stable id from a title: "Het Buurtcafé" → "org-het-buurtcafe". Stable ids keep reports
 * and exports comparable over sessions; a clash gets a number ("org-buurtcafe-2").
 */
export function cardIdFor(title: string, taken: ReadonlySet<string>): string {
  const slug = title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    // Short: every id goes into each choice of the pick form three times; with 100 cards, long ids
    // alone would take most of what a Teams message may hold. Ids of decks made earlier stay as they are.
    .slice(0, 24)
    .replace(/-+$/g, '');
  const base = `org-${slug || 'kaartje'}`;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * One deck of the session: the default deck, extended with or replaced by the organiser's cards.
 * Duplicates (as people read them, see sameTitleKey; also against the default deck) are merged and reported,
 * not refused: pasting a list twice or repeating "Buurthuis" is not a mistake worth a form error.
 * `taken` holds ids already used by the other deck, so ids are unique over both.
 */
export function buildDeck(
  kind: CardKind,
  pasted: PastedDeck | undefined,
  defaults: ReadonlyArray<Card>,
  taken: ReadonlySet<string> = new Set(),
): BuiltDeck | SessionError {
  const lines = pastedLines(pasted?.text ?? '');
  const mode = pasted?.mode ?? 'extend';
  const deckName = kind === 'ingredient' ? 'ingredients' : 'intentions';
  const tooLong = lines.find((line) => textLength(line) > SESSION_LIMITS.cardTitle);
  if (tooLong) return sessionFail('cardTooLong', { deck: deckName, title: `${truncate(tooLong, 40)}…`, max: SESSION_LIMITS.cardTitle });

  const cards: Card[] = mode === 'extend' ? defaults.map((c) => ({ ...c })) : [];
  const ids = new Set([...taken, ...defaults.map((c) => c.id)]);
  const seen = new Map(cards.map((c) => [sameTitleKey(c.title), c.title]));
  const merged: string[] = [];
  for (const title of lines) {
    const key = sameTitleKey(title);
    if (seen.has(key)) {
      merged.push(title);
      continue;
    }
    const id = cardIdFor(title, ids);
    ids.add(id);
    seen.set(key, title);
    cards.push({ id, title, kind });
  }

  const min = kind === 'ingredient' ? SESSION_LIMITS.minIngredients : SESSION_LIMITS.minIntentions;
  if (cards.length < min) return sessionFail('deckTooSmall', { deck: deckName, min, count: cards.length });
  if (cards.length > LIMITS.deckSize) return sessionFail('deckTooLarge', { deck: deckName, max: LIMITS.deckSize, count: cards.length });
  const own = cards.length - (mode === 'extend' ? defaults.length : 0);
  const origin: DeckOrigin = mode === 'replace' ? 'own' : own > 0 ? 'extended' : 'default';
  return { cards, origin, merged };
}
