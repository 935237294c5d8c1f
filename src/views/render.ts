import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CardData, CardName } from './card-data';
import { compileTemplate } from './card-template';

/** An Adaptive Card as sent to Teams. */
export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard' };

export type { CardData, CardName } from './card-data';

function findCardsDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'cards');
    if (existsSync(path.join(candidate, 'notice.json'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(`cards/ not found above ${__dirname}`);
}

const cardsDir = findCardsDir();
const templates = new Map<CardName, (data: unknown) => unknown>();

/** The card's template, read and compiled on first use. */
export function template(name: CardName): (data: unknown) => unknown {
  let tpl = templates.get(name);
  if (!tpl) {
    tpl = compileTemplate(JSON.parse(readFileSync(path.join(cardsDir, `${name}.json`), 'utf8')));
    templates.set(name, tpl);
  }
  return tpl;
}

/** The parsed JSON of a card's template, as it is in `cards/`. */
export function templateJson(name: CardName): unknown {
  return JSON.parse(readFileSync(path.join(cardsDir, `${name}.json`), 'utf8'));
}

/** Cards already rendered from a view's data while fitting it to the budget (see fit.ts). */
const rendered = new WeakMap<object, { name: CardName; card: AdaptiveCard }>();

/** Binds a template from `cards/` to the data a view built; the name fixes which data (CardData). */
export function renderCard<N extends CardName>(name: N, data: CardData[N]): AdaptiveCard {
  const kept = rendered.get(data);
  if (kept?.name === name) {
    // Handed out once, so that two callers never share (and change) one card object.
    rendered.delete(data);
    return kept.card;
  }
  const card = prune(template(name)(data)) as AdaptiveCard;
  delete card.$schema;
  return card;
}

/** Keeps the card just rendered from `data`, for the next renderCard(name, data). */
export function keepRendered(name: CardName, data: object, card: AdaptiveCard): void {
  rendered.set(data, { name, card });
}

/** `$when` on a property (such as `refresh`) leaves a null behind; Teams wants the property absent. */
export function prune(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== null).map(prune);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = prune(v);
    return out;
  }
  return value;
}
