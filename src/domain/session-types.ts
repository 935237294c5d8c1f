import type { Deck, LeaderRef } from './types';

/**
 * An organiser's session (sessie): created in a team channel, it gives tables a join code, its goal,
 * decks and policy goals, and collects every linked table's summary in the channel.
 */
export interface SessionState {
  schemaVersion: 1;
  /** The join code, e.g. "KX7-M4P": short, easy to read aloud, no characters that look alike. */
  code: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  organiser: LeaderRef;
  /** The tenant of the organiser's team; tables from another tenant cannot link. */
  tenantId: string;
  goal?: string;
  outcomeUse?: string;
  policyGoals: string[];
  maxParticipants: number;
  deck: Deck;
  /** Linked tables by table token (see store/table-key.ts), in link order. */
  tables: LinkedTable[];
}

export interface LinkedTable {
  token: string;
  title: string;
  linkedAt: number;
}

/** At most this many tables per session (the limit). */
export const MAX_TABLES_PER_SESSION = 50;
