import { LIMITS } from './limits';
import { truncate, visibleText } from './text';
import type { Actor, Deck, TableSettings, TableState } from './types';

export interface NewTableInput {
  actor: Actor;
  title?: string;
  defaultTitle: string;
  settings: TableSettings;
  deck: Deck;
  sessionCode?: string;
  now: number;
}

/** Whoever starts a table is its gespreksleider. The table opens in the opzet phase. */
export function newTable(input: NewTableInput): TableState {
  // A title that looks blank (only fillers or invisible characters) gets the default, as an empty one.
  const title = truncate(visibleText(input.title ?? ''), LIMITS.title) || input.defaultTitle;
  const lead = {
    id: input.actor.id,
    name: input.actor.name,
    ...(input.actor.channelUserId ? { channelUserId: input.actor.channelUserId } : {}),
  };
  return {
    schemaVersion: 1,
    title,
    phase: 'setup',
    createdAt: input.now,
    updatedAt: input.now,
    phaseStartedAt: input.now,
    lead,
    coLeads: [],
    settings: { ...input.settings },
    deck: input.deck,
    participants: [],
    intro: {},
    pickRounds: [],
    round2: { placements: {}, history: [], polls: [], conclusions: [] },
    round3: { stickers: {}, discussion: {} },
    closing: {},
    notes: [],
    ...(input.sessionCode ? { sessionCode: input.sessionCode } : {}),
  };
}
