import type { Deck, Language, LeaderRef, Phase } from './types';

/**
 * An organiser's session (sessie): created in a team channel, it gives tables a join code, its goal,
 * decks and policy goals, and collects every linked table's summary in the channel.
 */
export interface SessionState {
  schemaVersion: 1;
  /**
   * The join code in its canonical form: six characters from CODE_ALPHABET, e.g. "KX7M4P". Shown as
   * "KX7-M4P" (formatCode); typed in any case, with or without the dash (parseCode).
   */
  code: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  organiser: LeaderRef;
  /** People the organiser added; they have the organiser's rights in this session. */
  coOrganisers: LeaderRef[];
  /** The tenant of the organiser's team; tables from another tenant cannot link. */
  tenantId: string;
  /** The channel thread the session lives in: the conversation id `<channelId>;messageid=<rootId>`. */
  thread: string;
  /** The organiser's language: the channel posts (summaries, totaalbeeld) use it. */
  language: Language;
  goal?: string;
  outcomeUse?: string;
  policyGoals: string[];
  maxParticipants: number;
  /** Minutes per step for the tables' agenda; the method's defaults when absent (agenda.ts). */
  stepMinutes?: Record<Phase, number>;
  deck: Deck;
  /** Where each deck came from, for the session card ("standaard, aangevuld met 3 eigen kaartjes"). */
  deckChoice: { ingredients: DeckOrigin; intentions: DeckOrigin };
  /** Linked tables by table token (see store/table-key.ts), in link order. */
  tables: LinkedTable[];
}

/** default = the default deck as is; extended = default plus the organiser's; own = only the organiser's. */
export type DeckOrigin = 'default' | 'extended' | 'own';

export interface LinkedTable {
  token: string;
  title: string;
  linkedAt: number;
  /** The table's conversation (in the session's tenant), so that `sessie wis` can delete the table. */
  conversationId: string;
  /**
   * When the table ended (afsluiting or `stop`): it still counts in the totaalbeeld, but no longer
   * against the limit of tables, so a finished or mistaken table frees its place.
   */
  stoppedAt?: number;
}

/** At most this many running tables per session (the limit); ended tables do not count. */
export const MAX_TABLES_PER_SESSION = 50;

/**
 * Ended tables free their place, but stay in the session (its totaalbeeld and exports): this many
 * linked tables in all, so that a session and its totaalbeeld stay a size that can be read.
 */
export const MAX_LINKED_TABLES = 3 * MAX_TABLES_PER_SESSION;

/** The tables that take a place in the limit: linked and not ended. */
export function runningTables(session: Pick<SessionState, 'tables'>): LinkedTable[] {
  return session.tables.filter((t) => t.stoppedAt === undefined);
}

/** Lengths and counts for what the organiser enters, in characters after trimming. */
export const SESSION_LIMITS = {
  title: 100,
  goal: 1000,
  outcomeUse: 1000,
  /** The method says 8 per table; the organiser may raise it up to Teams' 60 users per refresh. */
  minTableSize: 1,
  maxTableSize: 60,
  defaultTableSize: 8,
  /** A pasted card's title, as for the blank cards at the table. */
  cardTitle: 60,
  /** A table picks three different ingredients, and a ranking needs at least two intentions. */
  minIngredients: 3,
  minIntentions: 2,
  coOrganisers: 10,
} as const;
