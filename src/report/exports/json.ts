import {
  own,
  PICK_ROLES,
  rankIntentions,
  stickersUsed,
  type Card,
  type Language,
  type Participant,
  type Placement,
  type SessionState,
} from '../../domain';
import { t } from '../../i18n';
import { combineTables, type CombinedPicture } from '../combined';
import { leaderLabel, personRef } from '../people';
import type { ExportScope, NumberedTable } from './types';

/**
 * Everything, for monitoring over time. Versioned: a reader checks `formatVersion` and the field
 * meanings below stay as they are within a version. People are referred to by their participant
 * number; a name appears only for participants who consented, and no Teams or Entra id appears at
 * all. Silent input that was never revealed stays out, as in the report.
 */
export const JSON_FORMAT_VERSION = 1;

export interface JsonExport {
  format: 'sociale-basis-export';
  formatVersion: typeof JSON_FORMAT_VERSION;
  exportedAt: string;
  language: Language;
  scope: 'table' | 'session';
  session?: JsonSession;
  /** The totaalbeeld, for a session. */
  combined?: CombinedPicture;
  tables: JsonTable[];
}

export interface JsonSession {
  code: string;
  title: string;
  createdAt: string;
  goal?: string;
  outcomeUse?: string;
  policyGoals: string[];
  maxParticipants: number;
  /** Tables linked to the session, including tables whose data has been deleted since. */
  linkedTables: number;
}

export interface JsonPerson {
  number: number;
  /** The name with consent, otherwise "deelnemer 3". */
  label: string;
  named: boolean;
  guest: boolean;
}

export interface JsonCard {
  id: string;
  title: string;
  description?: string;
  own: boolean;
  /** For an own card: the participant number of who added it, or "leader". */
  addedBy?: number | 'leader';
}

export interface JsonTable {
  number: number;
  title: string;
  phase: string;
  sessionCode?: string;
  createdAt: string;
  updatedAt: string;
  endedAt?: string;
  settings: { language: Language; maxParticipants: number; goal?: string; outcomeUse?: string; policyGoals: string[] };
  leaders: { lead: string; coLeads: string[]; notetaker?: string };
  participants: Array<JsonPerson & { role?: string; involvement?: string }>;
  deck: { ingredients: JsonCard[]; intentions: JsonCard[] };
  pickRounds: Array<{
    number: number;
    openedAt: string;
    revealedAt?: string;
    submitted: number;
    /** Empty until the round is revealed. */
    picks: Array<{ participant: number; role: string; cardId: string; argument: string; enteredByLeader: boolean; submittedAt: string }>;
  }>;
  round2: {
    /** The current place of each placed card. */
    placements: JsonPlacement[];
    /** Every placement in order, moves and changed marks included. */
    history: JsonPlacement[];
    polls: Array<{
      number: number;
      cardId: string;
      openedAt: string;
      closedAt?: string;
      /** Empty while the poll is open. */
      votes: Array<{ participant: number; zone: string; enteredByLeader: boolean }>;
    }>;
    conclusions: Array<{ text: string; at: string }>;
  };
  round3: {
    votingClosed: boolean;
    closedAt?: string;
    /** Voters so far; their stickers are only listed once the voting is closed. */
    voters: number;
    stickers: Array<{ participant: number; counts: Record<string, number>; enteredByLeader: boolean; at: string }>;
    /** Empty until the voting is closed. */
    ranking: Array<{ rank: number; tied: boolean; cardId: string; title: string; stickers: number }>;
    discussion: { mainIntention?: string; agreements?: string; disagreements?: string; policyRelation?: string };
  };
  closing: Array<{ participant: number; learned?: string; action?: string; enteredByLeader: boolean; at: string }>;
  notes: Array<{ text: string; at: string }>;
}

export interface JsonPlacement {
  cardId: string;
  zone: string;
  agreement: string;
  purpose?: string;
  trait?: string;
  placedAt: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function buildJson(scope: ExportScope, tables: ReadonlyArray<NumberedTable>, lang: Language, now: number): JsonExport {
  return {
    format: 'sociale-basis-export',
    formatVersion: JSON_FORMAT_VERSION,
    exportedAt: iso(now),
    language: lang,
    scope: scope.type,
    ...(scope.type === 'session' ? { session: jsonSession(scope.session), combined: combineTables(scope.tables, lang) } : {}),
    tables: tables.map((tb) => jsonTable(tb, lang)),
  };
}

function jsonSession(s: SessionState): JsonSession {
  return {
    code: s.code,
    title: s.title,
    createdAt: iso(s.createdAt),
    ...(s.goal ? { goal: s.goal } : {}),
    ...(s.outcomeUse ? { outcomeUse: s.outcomeUse } : {}),
    policyGoals: s.policyGoals,
    maxParticipants: s.maxParticipants,
    linkedTables: s.tables.length,
  };
}

function jsonTable({ number, state }: NumberedTable, lang: Language): JsonTable {
  const numberOf = new Map(state.participants.map((p) => [p.id, p.number]));
  const members = state.participants;
  const each = <T>(record: Record<string, T>): Array<[Participant, T]> =>
    members.flatMap((p) => {
      const v = own(record, p.id);
      return v === undefined ? [] : [[p, v] as [Participant, T]];
    });
  const card = (c: Card): JsonCard => ({
    id: c.id,
    title: c.title,
    ...(c.description ? { description: c.description } : {}),
    own: c.addedBy !== undefined,
    ...(c.addedBy !== undefined ? { addedBy: numberOf.get(c.addedBy) ?? 'leader' } : {}),
  });
  const placement = (p: Placement): JsonPlacement => ({
    cardId: p.cardId,
    zone: p.zone,
    agreement: p.agreement,
    ...(p.purpose ? { purpose: p.purpose } : {}),
    ...(p.trait ? { trait: p.trait } : {}),
    placedAt: iso(p.placedAt),
  });
  const closed = state.round3.closedAt !== undefined;
  const voters = each(state.round3.stickers).filter(([, s]) => stickersUsed(s.counts) > 0);
  // Before the vote closes the view holds nobody's stickers, only who placed them.
  const voterCount = closed ? voters.length : state.round3.voted.length;
  const { discussion } = state.round3;
  return {
    number,
    title: state.title,
    phase: state.phase,
    ...(state.sessionCode ? { sessionCode: state.sessionCode } : {}),
    createdAt: iso(state.createdAt),
    updatedAt: iso(state.updatedAt),
    ...(state.stoppedAt !== undefined ? { endedAt: iso(state.stoppedAt) } : {}),
    settings: {
      language: state.settings.language,
      maxParticipants: state.settings.maxParticipants,
      goal: state.settings.goal ?? t(lang, 'welcome.defaultGoal'),
      outcomeUse: state.settings.outcomeUse ?? t(lang, 'welcome.defaultOutcome'),
      policyGoals: state.settings.policyGoals ?? [],
    },
    leaders: {
      lead: leaderLabel(state, state.lead, lang),
      coLeads: state.coLeads.map((c) => leaderLabel(state, c, lang)),
      ...(state.notetaker ? { notetaker: leaderLabel(state, state.notetaker, lang) } : {}),
    },
    participants: members.map((p) => {
      const intro = own(state.intro, p.id);
      return {
        ...personRef(p, lang),
        ...(intro?.role ? { role: intro.role } : {}),
        ...(intro?.involvement ? { involvement: intro.involvement } : {}),
      };
    }),
    deck: { ingredients: state.deck.ingredients.map(card), intentions: state.deck.intentions.map(card) },
    pickRounds: state.pickRounds.map((round) => ({
      number: round.number,
      openedAt: iso(round.openedAt),
      ...(round.revealedAt !== undefined ? { revealedAt: iso(round.revealedAt) } : {}),
      submitted: round.submitted.length,
      picks:
        round.revealedAt === undefined
          ? []
          : each(round.picks).flatMap(([p, entry]) =>
              PICK_ROLES.map((role) => ({
                participant: p.number,
                role,
                cardId: entry.picks[role].cardId,
                argument: entry.picks[role].argument,
                enteredByLeader: entry.enteredBy !== undefined,
                submittedAt: iso(entry.submittedAt),
              })),
            ),
    })),
    round2: {
      placements: Object.values(state.round2.placements)
        .sort((a, b) => a.placedAt - b.placedAt)
        .map(placement),
      history: state.round2.history.map(placement),
      polls: state.round2.polls.map((poll) => ({
        number: poll.number,
        cardId: poll.cardId,
        openedAt: iso(poll.openedAt),
        ...(poll.closedAt !== undefined ? { closedAt: iso(poll.closedAt) } : {}),
        votes:
          poll.closedAt === undefined
            ? []
            : each(poll.votes).map(([p, v]) => ({ participant: p.number, zone: v.zone, enteredByLeader: v.enteredBy !== undefined })),
      })),
      conclusions: state.round2.conclusions.map((c) => ({ text: c.text, at: iso(c.at) })),
    },
    round3: {
      votingClosed: closed,
      ...(closed ? { closedAt: iso(state.round3.closedAt ?? 0) } : {}),
      voters: voterCount,
      stickers: closed
        ? voters.map(([p, s]) => ({
            participant: p.number,
            counts: { ...s.counts },
            enteredByLeader: s.enteredBy !== undefined,
            at: iso(s.at),
          }))
        : [],
      ranking: closed
        ? rankIntentions(state)
            .filter((r) => r.total > 0)
            .map((r) => ({ rank: r.rank, tied: r.tied, cardId: r.card.id, title: r.card.title, stickers: r.total }))
        : [],
      discussion: {
        ...(discussion.mainIntention ? { mainIntention: discussion.mainIntention } : {}),
        ...(discussion.agreements ? { agreements: discussion.agreements } : {}),
        ...(discussion.disagreements ? { disagreements: discussion.disagreements } : {}),
        ...(discussion.policyRelation ? { policyRelation: discussion.policyRelation } : {}),
      },
    },
    closing: each(state.closing)
      .filter(([, a]) => a.learned || a.action)
      .map(([p, a]) => ({
        participant: p.number,
        ...(a.learned ? { learned: a.learned } : {}),
        ...(a.action ? { action: a.action } : {}),
        enteredByLeader: a.enteredBy !== undefined,
        at: iso(a.at),
      })),
    notes: state.notes.map((n) => ({ text: n.text, at: iso(n.at) })),
  };
}
