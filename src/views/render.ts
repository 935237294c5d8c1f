import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import type { CardData, CardName } from './card-data';
import { neutralizeCard } from './teams-date-time';

/** An Adaptive Card as sent to Teams. */
export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard' };

export type { CardData, CardName } from './card-data';

// A missing value must render as nothing, never as its `${binding}`.
ACData.GlobalSettings.getUndefinedFieldValueSubstitutionString = () => '';

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
const templates = new Map<CardName, ACData.Template>();

function template(name: CardName): ACData.Template {
  let tpl = templates.get(name);
  if (!tpl) {
    tpl = new ACData.Template(JSON.parse(readFileSync(path.join(cardsDir, `${name}.json`), 'utf8')));
    templates.set(name, tpl);
  }
  return tpl;
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
  const card = neutralizeCard(template(name).expand({ $root: data })) as AdaptiveCard;
  delete card.$schema;
  return card;
}

/** Keeps the card just rendered from `data`, for the next renderCard(name, data). */
export function keepRendered(name: CardName, data: object, card: AdaptiveCard): void {
  rendered.set(data, { name, card });
}
