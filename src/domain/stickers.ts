import { ok, type DecideResult } from './decision';
import { fail, tooLong, type TextField } from './errors';
import { LIMITS } from './limits';
import { isLeader } from './roles';
import { isSubject, subjectOf } from './subject';
import { cleanText, own, textLength } from './text';
import type { Actor, Card, TableState } from './types';

export function votingOpen(state: TableState): boolean {
  return state.phase === 'round3' && state.round3.closedAt === undefined;
}

/**
 * A participant's three stickers over the intentions, several on one allowed. The whole set is
 * replaced at once, so a retried or concurrent click can never add a fourth sticker.
 */
export function setStickers(
  state: TableState,
  actor: Actor,
  counts: Record<string, number>,
  now: number,
  onBehalfOf?: string,
): DecideResult {
  const subject = subjectOf(state, actor, onBehalfOf);
  if (!isSubject(subject)) return subject;
  if (state.phase !== 'round3') return fail('wrongPhase');
  if (state.round3.closedAt !== undefined) return fail('votingClosed');
  const known = new Set(state.deck.intentions.map((c) => c.id));
  const clean: Record<string, number> = {};
  let total = 0;
  for (const [id, count] of Object.entries(counts)) {
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) return fail('invalidStickers');
    if (!known.has(id)) return fail('unknownIntention');
    if (count === 0) continue;
    clean[id] = count;
    total += count;
  }
  if (total > LIMITS.stickers) return fail('tooManyStickers', { max: LIMITS.stickers, count: total });
  const id = subject.participant.id;
  const previous = own(state.round3.stickers, id);
  if (total === 0) {
    // Taking every sticker back leaves no entry, so "has placed stickers" stays true to its word.
    if (!previous) return ok(state);
    const { [id]: _removed, ...rest } = state.round3.stickers;
    return ok({ ...state, round3: { ...state.round3, stickers: rest } }, { type: 'stickersSet', userId: id, first: false });
  }
  if (previous && sameCounts(previous.counts, clean)) return ok(state);
  const set = { counts: clean, at: now, ...(subject.enteredBy ? { enteredBy: subject.enteredBy } : {}) };
  return ok(
    { ...state, round3: { ...state.round3, stickers: { ...state.round3.stickers, [id]: set } } },
    { type: 'stickersSet', userId: id, first: !previous },
  );
}

function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] ?? 0) === (b[k] ?? 0));
}

export function stickersUsed(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

export function closeVoting(state: TableState, actor: Actor, now: number): DecideResult {
  if (!isLeader(state, actor)) return fail('notLeader');
  if (state.phase !== 'round3') return fail('wrongPhase');
  if (state.round3.closedAt !== undefined) return fail('votingClosed');
  if (Object.values(state.round3.stickers).every((s) => stickersUsed(s.counts) === 0)) return fail('noStickers');
  return ok({ ...state, round3: { ...state.round3, closedAt: now } }, { type: 'votingClosed' });
}

export interface RankedIntention {
  /** 1-based; equal totals share a rank (1, 2, 2, 4). */
  rank: number;
  card: Card;
  total: number;
  /** True when another intention has the same total. */
  tied: boolean;
}

/**
 * Intentions by stickers, most first. Equal totals share a rank and keep the deck's order, so the
 * same stickers always give the same ranking; intentions without stickers come last.
 */
export function rankIntentions(state: TableState): RankedIntention[] {
  const totals = new Map<string, number>();
  for (const set of Object.values(state.round3.stickers)) {
    for (const [id, n] of Object.entries(set.counts)) totals.set(id, (totals.get(id) ?? 0) + n);
  }
  const rows = state.deck.intentions.map((card, index) => ({ card, index, total: totals.get(card.id) ?? 0 }));
  rows.sort((a, b) => b.total - a.total || a.index - b.index);
  const perTotal = new Map<number, number>();
  for (const r of rows) perTotal.set(r.total, (perTotal.get(r.total) ?? 0) + 1);
  return rows.map((r) => ({
    rank: rows.findIndex((x) => x.total === r.total) + 1,
    card: r.card,
    total: r.total,
    tied: (perTotal.get(r.total) ?? 0) > 1,
  }));
}

function longText(raw: string | undefined, field: TextField, max: number): string | ReturnType<typeof fail> {
  const text = cleanText(raw ?? '');
  return textLength(text) > max ? tooLong(field, max) : text;
}

/** The table's discussion of the ranking: hoofdbedoeling, agreement, disagreement, policy goals. */
export function recordDiscussion(
  state: TableState,
  actor: Actor,
  input: { mainIntention?: string; agreements?: string; disagreements?: string; policyRelation?: string; policyGoals?: string[] },
): DecideResult {
  if (!isLeader(state, actor)) return fail('notLeader');
  if (state.phase !== 'round3' && state.phase !== 'closing') return fail('wrongPhase');
  if (state.round3.closedAt === undefined) return fail('votingOpen');
  if (input.mainIntention && !state.deck.intentions.some((c) => c.id === input.mainIntention)) return fail('unknownIntention');
  const fields = { agreements: input.agreements, disagreements: input.disagreements, policyRelation: input.policyRelation };
  const discussion: TableState['round3']['discussion'] = input.mainIntention ? { mainIntention: input.mainIntention } : {};
  for (const [name, raw] of Object.entries(fields)) {
    const text = longText(raw, name as keyof typeof fields, LIMITS.discussion);
    if (typeof text !== 'string') return text;
    if (text) discussion[name as keyof typeof fields] = text;
  }
  let settings = state.settings;
  if (input.policyGoals) {
    const goals = input.policyGoals.map((g) => cleanText(g)).filter(Boolean);
    if (goals.length > LIMITS.policyGoals) return fail('tooManyGoals', { max: LIMITS.policyGoals });
    if (goals.some((g) => textLength(g) > LIMITS.policyGoal)) return tooLong('policyGoal', LIMITS.policyGoal);
    settings = { ...settings, policyGoals: goals };
  }
  return ok({ ...state, settings, round3: { ...state.round3, discussion } }, { type: 'discussionRecorded' });
}
