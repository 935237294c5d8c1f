import { fail, type DomainError } from './errors';
import { LIMITS } from './limits';
import { isLeader } from './roles';
import { sessionFail, type SessionError } from './session-errors';
import { MAX_LINKED_TABLES, MAX_TABLES_PER_SESSION, runningTables, type LinkedTable, type SessionState } from './session-types';
import { sameTitleKey } from './text';
import type { Actor, Card, TableState } from './types';

/** The table as the session sees it when it links. */
export interface TableLink {
  token: string;
  title: string;
  tenantId: string;
  conversationId: string;
}

export type SessionLinkResult = { type: 'ok'; session: SessionState; alreadyLinked: boolean } | SessionError;

/**
 * The session's side of linking: at most 50 running tables, only from the organiser's tenant, never
 * the session's own channel thread. Linking the same table again changes nothing.
 */
export function linkTable(session: SessionState, table: TableLink, now: number): SessionLinkResult {
  if (table.tenantId !== session.tenantId) return sessionFail('otherTenant');
  if (table.conversationId === session.thread) return sessionFail('sessionThread');
  const before = session.tables.find((t) => t.token === table.token);
  if (before && before.stoppedAt === undefined) return { type: 'ok', session, alreadyLinked: true };
  if (runningTables(session).length >= MAX_TABLES_PER_SESSION) return sessionFail('sessionFull', { max: MAX_TABLES_PER_SESSION });
  if (!before && session.tables.length >= MAX_LINKED_TABLES) return sessionFail('sessionExhausted', { max: MAX_LINKED_TABLES });
  const linked: LinkedTable = { token: table.token, title: table.title, linkedAt: now, conversationId: table.conversationId };
  // A new table in the chat of one that ended takes its place in the list, and a place in the limit again.
  const others = session.tables.filter((t) => t.token !== table.token);
  return { type: 'ok', session: { ...session, tables: [...others, linked], updatedAt: now }, alreadyLinked: false };
}

/** The table ended: it stays in the session, but frees its place (the same object when nothing changes). */
export function markTableStopped(session: SessionState, token: string, now: number): SessionState {
  const table = session.tables.find((t) => t.token === token);
  if (!table || table.stoppedAt !== undefined) return session;
  return {
    ...session,
    tables: session.tables.map((t) => (t.token === token ? { ...t, stoppedAt: now } : t)),
    updatedAt: now,
  };
}

/** The session without the table (the same object when it was not linked). */
export function unlinkTable(session: SessionState, token: string, now: number): SessionState {
  if (!session.tables.some((t) => t.token === token)) return session;
  return { ...session, tables: session.tables.filter((t) => t.token !== token), updatedAt: now };
}

/**
 * Whether this person may link this table to any session at all: a leider, of a table that runs.
 * Checked before the code is looked up, so that whoever may not link gets one answer for a real and
 * an unknown code and learns nothing about which codes exist.
 */
export function linkRefusal(table: TableState | undefined, actor: Actor): DomainError | undefined {
  if (!table) return fail('noTable');
  if (table.phase === 'ended') return fail('tableStopped');
  if (!isLeader(table, actor)) return fail('notLeader');
  return undefined;
}

/** Whether any silent pick has been made: from then on the deck is what the table chose from. */
function picksMade(table: TableState): boolean {
  if (table.phase === 'round2' || table.phase === 'round3' || table.phase === 'closing') return true;
  return table.pickRounds.some((r) => Object.keys(r.picks).length > 0);
}

/**
 * The table's side of linking: it takes the session's goal, outcome text, policy goals, table size
 * and decks. Only a leider links, and only before anyone picked in Round 1, because the deck changes.
 * Cards the table added itself stay. Linked to this session already: the same table, unchanged.
 */
export function applySessionToTable(
  table: TableState,
  session: SessionState,
  actor: Actor,
  now: number,
): TableState | DomainError | SessionError {
  const refused = linkRefusal(table, actor);
  if (refused) return refused;
  if (table.sessionCode === session.code) return table;
  if (picksMade(table)) return sessionFail('picksMade');
  if (table.participants.length > session.maxParticipants)
    return sessionFail('tableTooBig', { count: table.participants.length, max: session.maxParticipants });
  const { goal: _goal, outcomeUse: _outcome, policyGoals: _goals, stepMinutes: _steps, ...keep } = table.settings;
  const settings = {
    ...keep,
    maxParticipants: session.maxParticipants,
    ...(session.goal ? { goal: session.goal } : {}),
    ...(session.outcomeUse ? { outcomeUse: session.outcomeUse } : {}),
    ...(session.policyGoals.length > 0 ? { policyGoals: [...session.policyGoals] } : {}),
    ...(session.stepMinutes ? { stepMinutes: { ...session.stepMinutes } } : {}),
  };
  const deck = {
    ingredients: withOwnCards(session.deck.ingredients, table.deck.ingredients),
    intentions: withOwnCards(session.deck.intentions, table.deck.intentions),
  };
  return { ...table, settings, deck, sessionCode: session.code, updatedAt: now };
}

/** The session's deck, then the table's own (blank) cards that it does not have yet. */
function withOwnCards(sessionDeck: ReadonlyArray<Card>, tableDeck: ReadonlyArray<Card>): Card[] {
  const cards = sessionDeck.map((c) => ({ ...c }));
  const titles = new Set(cards.map((c) => sameTitleKey(c.title)));
  const ids = new Set(cards.map((c) => c.id));
  for (const own of tableDeck.filter((c) => c.addedBy !== undefined)) {
    if (cards.length >= LIMITS.deckSize) break;
    if (titles.has(sameTitleKey(own.title)) || ids.has(own.id)) continue;
    cards.push({ ...own });
    titles.add(sameTitleKey(own.title));
    ids.add(own.id);
  }
  return cards;
}
