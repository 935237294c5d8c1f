/**
 * The state of one table (tafel): one Teams conversation running the Gespreksmodel Sociale Basis.
 * Plain data only, so it can be stored as JSON and reasoned about without any I/O.
 */

/** A participant's stable id: the Entra object id when Teams gives one, else the channel user id. */
export type UserId = string;

/** Who acts, as taken from the authenticated activity (never from card data). */
export interface Actor {
  id: UserId;
  name: string;
  /** The Teams channel id (`29:...`), used to resolve @mentions. */
  channelUserId?: string;
}

export const PHASES = ['setup', 'intro', 'round1', 'round2', 'round3', 'closing', 'ended'] as const;
/** setup = opzet, intro = kennismaking, closing = slotvraag, ended = afsluiting. */
export type Phase = (typeof PHASES)[number];

export type CardKind = 'ingredient' | 'intention';

export interface Card {
  id: string;
  title: string;
  /** A short explanation (the back of the paper card), optional. */
  description?: string;
  kind: CardKind;
  /** Set for cards a participant added (the blank cards). */
  addedBy?: UserId;
}

export interface Deck {
  ingredients: Card[];
  intentions: Card[];
}

export interface Participant {
  id: UserId;
  name: string;
  channelUserId?: string;
  /** 1-based join order; "deelnemer 3" in reports when the name may not be used. */
  number: number;
  /** Consent to show the name in reports and shared cards. Default false (AVG). */
  nameConsent: boolean;
  joinedAt: number;
  /** A guest is in the room without a device; the leider acts on their behalf. */
  guest: boolean;
}

export interface LeaderRef {
  id: UserId;
  name: string;
  channelUserId?: string;
  /**
   * Whether a leider or notulist who is not a participant lets their name appear in the report and
   * the exports. Absent: not asked yet, which counts as no (tables stored before this field read so).
   * For someone who also joined as participant, the participant's `nameConsent` is the one answer.
   */
  nameConsent?: boolean;
}

export const PICK_ROLES = ['in', 'out', 'doubt'] as const;
/** in = hoort erbij, out = hoort er niet bij, doubt = twijfel. */
export type PickRole = (typeof PICK_ROLES)[number];

export interface Pick {
  cardId: string;
  argument: string;
}

export type PickSet = Record<PickRole, Pick>;

export interface SubmittedPicks {
  picks: PickSet;
  submittedAt: number;
  /** Set when the leider entered the picks for a guest. */
  enteredBy?: UserId;
}

/** One silent pick round. Round 1 is the first; Round 2 may open more. */
export interface PickRound {
  number: number;
  openedAt: number;
  revealedAt?: number;
  picks: Record<UserId, SubmittedPicks>;
}

export interface IntroAnswer {
  /** Organisation or role, optional. */
  role?: string;
  /** How the participant is involved in the sociale basis, optional. */
  involvement?: string;
  answeredAt: number;
  enteredBy?: UserId;
}

export type Language = 'nl' | 'en';

export interface TableSettings {
  maxParticipants: number;
  /** Goal of the session, shown on the opening card; the default text when absent. */
  goal?: string;
  /** What will happen with the results; the default text when absent. */
  outcomeUse?: string;
  /** Language of the shared cards: the starter's, Dutch unless their Teams speaks English. */
  language: Language;
  /** The municipality's policy goals, shown beside the intention ranking in Round 3. */
  policyGoals?: string[];
  /** Minutes per step (the agenda), from the organiser's session; the method's defaults when absent (agenda.ts). */
  stepMinutes?: Record<Phase, number>;
}

export const ZONES = ['personal', 'community', 'institutional', 'outside', 'border'] as const;
/**
 * The five places on the model: the three spheres (persoonlijk, gemeenschappelijk, institutioneel)
 * inside the sociale basis, niet sociale basis outside it, and twijfel / grensgebied.
 */
export type Zone = (typeof ZONES)[number];

export function isZone(value: string): value is Zone {
  return (ZONES as readonly string[]).includes(value);
}

export const AGREEMENTS = ['agree', 'divided', 'disagree'] as const;
/** eens, verdeeld, oneens: disagreement is a result, not a failure. */
export type Agreement = (typeof AGREEMENTS)[number];

export function isAgreement(value: string): value is Agreement {
  return (AGREEMENTS as readonly string[]).includes(value);
}

/** Where the group put a card, how much they agreed and why. */
export interface Placement {
  cardId: string;
  zone: Zone;
  agreement: Agreement;
  /** What the card does (doel / effect), e.g. "draagt bij aan verbinding tussen inwoners". */
  purpose?: string;
  /** What the card is (karaktereigenschap), e.g. "door vrijwilligers". */
  trait?: string;
  placedAt: number;
  placedBy: UserId;
}

export interface PollVote {
  zone: Zone;
  at: number;
  enteredBy?: UserId;
}

/** A quick silent placement of one card by everyone, to see the spread of opinions. */
export interface PlacementPoll {
  number: number;
  cardId: string;
  openedAt: number;
  closedAt?: number;
  votes: Record<UserId, PollVote>;
}

export interface Conclusion {
  text: string;
  by: UserId;
  at: number;
}

export interface Round2State {
  /** Current place of each card that has one. */
  placements: Record<string, Placement>;
  /** Every placement in order, moves included, for the report. */
  history: Placement[];
  polls: PlacementPoll[];
  /** Voorlopige conclusies: "we rekenen iets tot de sociale basis als ...". */
  conclusions: Conclusion[];
}

export interface StickerSet {
  /** Intention id → number of stickers; the counts add up to at most three. */
  counts: Record<string, number>;
  at: number;
  enteredBy?: UserId;
}

export interface Round3State {
  stickers: Record<UserId, StickerSet>;
  closedAt?: number;
  /** The table's discussion of the ranking, recorded by the leider. */
  discussion: {
    /** An intention id, or absent when there is no clear hoofdbedoeling. */
    mainIntention?: string;
    agreements?: string;
    disagreements?: string;
    policyRelation?: string;
  };
}

export interface ClosingAnswer {
  learned?: string;
  action?: string;
  at: number;
  enteredBy?: UserId;
}

export interface Note {
  text: string;
  by: UserId;
  at: number;
}

/** A reminder that a silent phase's time is up; it never closes anything by itself. */
export interface TableTimer {
  minutes: number;
  startedAt: number;
  endsAt: number;
}

export interface TableState {
  /** Bumped on each change of shape, so stored tables can be migrated. */
  schemaVersion: 1;
  title: string;
  phase: Phase;
  createdAt: number;
  updatedAt: number;
  stoppedAt?: number;
  lead: LeaderRef;
  coLeads: LeaderRef[];
  settings: TableSettings;
  deck: Deck;
  /** In join order. */
  participants: Participant[];
  intro: Record<UserId, IntroAnswer>;
  pickRounds: PickRound[];
  round2: Round2State;
  round3: Round3State;
  closing: Record<UserId, ClosingAnswer>;
  /** Notes and quotes by the notulist or the leider, for the report. */
  notes: Note[];
  /** The notulist, who may record conclusions and notes besides the leiders. */
  notetaker?: LeaderRef;
  timer?: TableTimer;
  /** When the current step (phase) began; "tot 14:35" on its cards is this plus the step's budget. */
  phaseStartedAt?: number;
  /** Join code of the organiser's session, when the table is linked to one. */
  sessionCode?: string;
}
