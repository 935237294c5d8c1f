import type { Agreement, Phase, PickRole, Zone } from '../domain';

/**
 * The table's report as plain data, in the method's order. Names are already resolved under the
 * consent rules: nothing in this model holds a participant's name unless they consented, so the
 * Markdown and the card built from it cannot leak one.
 */
export interface TableSummary {
  title: string;
  /** When the table was started (epoch ms). */
  date: number;
  endedAt?: number;
  phase: Phase;
  /** The session's goal as the table saw it: the organiser's text or the default. */
  goal: string;
  /** What will happen with the results: the organiser's text or the default. */
  outcomeUse: string;
  leaders: LeadersSummary;
  participants: ParticipantsSummary;
  /** Round 1 first, then any extra silent pick rounds opened in Round 2. */
  pickRounds: PickRoundSummary[];
  round2: Round2Summary;
  round3: Round3Summary;
  closing: ClosingEntry[];
  /** Notes and quotes recorded by the notulist or the leider, in order. */
  notes: string[];
}

/** Someone at the table as the report may show them. */
export interface PersonRef {
  /** The name with consent, otherwise "deelnemer 3". */
  label: string;
  number: number;
  named: boolean;
  guest: boolean;
}

export interface LeadersSummary {
  lead: string;
  coLeads: string[];
  notetaker?: string;
}

export interface ParticipantSummary extends PersonRef {
  /** Organisation or role from the kennismaking. */
  role?: string;
  /** How they are involved in the sociale basis, from the kennismaking. */
  involvement?: string;
}

export interface ParticipantsSummary {
  count: number;
  guests: number;
  /** Participants whose name is shown. */
  named: number;
  list: ParticipantSummary[];
}

export interface CardRef {
  id: string;
  title: string;
  /** Added by a participant or leider (the blank cards). */
  own: boolean;
}

export interface PickEntry {
  role: PickRole;
  by: PersonRef;
  argument: string;
  /** The leider entered this for a guest. */
  enteredByLeader: boolean;
}

export interface PickedCard {
  card: CardRef;
  counts: Record<PickRole, number>;
  /** In the method's order (in, out, doubt), then in join order. */
  entries: PickEntry[];
}

/** A pick round is only reported once revealed; before that its picks stay private. */
export type PickRoundSummary =
  | { type: 'revealed'; number: number; submitted: number; participants: number; cards: PickedCard[] }
  | { type: 'hidden'; number: number; submitted: number; participants: number };

export interface ZoneCount {
  zone: Zone;
  count: number;
}

/** A closed silent placement: how the table placed one card before the group decided. */
export interface PollSummary {
  number: number;
  votes: number;
  /** Most-chosen zone first; equal counts in the model's order. */
  spread: ZoneCount[];
  /** Votes the leider entered for guests. */
  enteredForGuests: number;
}

export interface PlacedCard {
  card: CardRef;
  agreement: Agreement;
  purpose?: string;
  trait?: string;
  /** Where the card was before, oldest first, when it was moved. */
  earlierZones: Zone[];
  polls: PollSummary[];
}

export interface ZoneSummary {
  zone: Zone;
  cards: PlacedCard[];
}

export type AddedBy = { type: 'participant'; person: PersonRef } | { type: 'leader' };

export interface OwnCardSummary {
  card: CardRef;
  description?: string;
  addedBy: AddedBy;
}

export interface Round2Summary {
  /** All five zones in the model's order, empty ones included. */
  zones: ZoneSummary[];
  /** Cards the group placed while marking oneens: a result, not a failure. */
  disagreed: Array<{ card: CardRef; zone: Zone }>;
  /** Closed silent placements of cards that have no place on the model. */
  unplacedPolls: Array<{ card: CardRef; polls: PollSummary[] }>;
  ownCards: OwnCardSummary[];
  conclusions: string[];
}

export interface RankRow {
  /** 1-based; equal totals share a rank. */
  rank: number;
  tied: boolean;
  card: CardRef;
  stickers: number;
}

/** Stickers and totals stay private until the leider closes the voting. */
export type VotingSummary =
  | { type: 'notStarted' }
  | { type: 'open'; voters: number }
  | {
      type: 'closed';
      voters: number;
      stickers: number;
      stickersForGuests: number;
      /** Intentions with stickers, most first. */
      ranking: RankRow[];
      /** Intentions nobody put a sticker on, listed last. */
      withoutStickers: CardRef[];
    };

export interface DiscussionSummary {
  recorded: boolean;
  mainIntention?: CardRef;
  agreements?: string;
  disagreements?: string;
  policyRelation?: string;
}

export interface Round3Summary {
  voting: VotingSummary;
  discussion: DiscussionSummary;
  policyGoals: string[];
  ownIntentions: OwnCardSummary[];
}

export interface ClosingEntry {
  by: PersonRef;
  learned?: string;
  action?: string;
  enteredByLeader: boolean;
}
