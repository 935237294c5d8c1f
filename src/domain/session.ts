import { BUDGET_LIMITS, DEFAULT_STEP_MINUTES, parseStepBudgets, STEP_COUNT, stepBudgets } from './agenda';
import type { UserRefInput } from './commands';
import { LIMITS } from './limits';
import { buildDeck, pastedLines, type PastedDeck } from './session-deck';
import { isRuleError, sessionFail, type SessionError } from './session-errors';
import { SESSION_LIMITS, type SessionState } from './session-types';
import { cleanText, textLength, truncate, visibleText } from './text';
import type { Actor, Deck, Language, LeaderRef } from './types';

/** What the organiser filled in on the session form, as typed. */
export interface SessionForm {
  title?: string;
  goal?: string;
  outcomeUse?: string;
  /** One per line. */
  policyGoals?: string;
  /** 1..60; the form sends text. */
  maxParticipants?: string | number;
  /** Minutes per step, seven numbers in the order of the steps; empty: the defaults. */
  stepMinutes?: string;
  ingredients?: PastedDeck;
  intentions?: PastedDeck;
}

export interface NewSessionInput {
  code: string;
  actor: Actor;
  tenantId: string;
  thread: string;
  language: Language;
  form: SessionForm;
  defaultTitle: string;
  defaultDeck: Deck;
  now: number;
}

export interface CreatedSession {
  type: 'ok';
  session: SessionState;
  /** Pasted cards that were already in the deck and were kept once, per deck. */
  merged: { ingredients: string[]; intentions: string[] };
}

function leaderRef(actor: Actor): LeaderRef {
  return {
    id: actor.id,
    name: truncate(cleanText(actor.name), LIMITS.displayName),
    ...(actor.channelUserId ? { channelUserId: actor.channelUserId } : {}),
  };
}

/** Optional free text: cleaned, undefined when empty, refused when too long. */
function optionalText(raw: string | undefined, field: string, max: number): string | undefined | SessionError {
  const text = cleanText(raw ?? '');
  if (textLength(text) > max) return sessionFail('fieldTooLong', { field, max });
  return text || undefined;
}

function tableSize(raw: string | number | undefined): number | SessionError {
  const range = { min: SESSION_LIMITS.minTableSize, max: SESSION_LIMITS.maxTableSize };
  if (raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return SESSION_LIMITS.defaultTableSize;
  const n = typeof raw === 'number' ? raw : /^\s*\d{1,3}\s*$/.test(raw) ? Number(raw) : Number.NaN;
  return Number.isInteger(n) && n >= range.min && n <= range.max ? n : sessionFail('invalidTableSize', range);
}

function sameBudgets(budgets: ReturnType<typeof stepBudgets>): boolean {
  return Object.entries(DEFAULT_STEP_MINUTES).every(([phase, minutes]) => budgets[phase as keyof typeof budgets] === minutes);
}

function isError<T>(x: T | SessionError): x is SessionError {
  return isRuleError(x);
}

/**
 * A new session from the organiser's form: every field checked, the decks built. Pure: the code and
 * the clock come in. The first rule broken is returned, so the form can say what to fix.
 */
export function createSession(input: NewSessionInput): CreatedSession | SessionError {
  const { form } = input;
  // A title that looks blank is no title: the default, as for an empty one.
  const title = visibleText(form.title ?? '').replace(/\s+/g, ' ');
  if (textLength(title) > SESSION_LIMITS.title) return sessionFail('titleTooLong', { max: SESSION_LIMITS.title });
  const goal = optionalText(form.goal, 'goal', SESSION_LIMITS.goal);
  if (isError(goal)) return goal;
  const outcomeUse = optionalText(form.outcomeUse, 'outcomeUse', SESSION_LIMITS.outcomeUse);
  if (isError(outcomeUse)) return outcomeUse;
  const policyGoals = pastedLines(form.policyGoals ?? '');
  if (policyGoals.length > LIMITS.policyGoals)
    return sessionFail('tooManyPolicyGoals', { max: LIMITS.policyGoals, count: policyGoals.length });
  if (policyGoals.some((g) => textLength(g) > LIMITS.policyGoal))
    return sessionFail('fieldTooLong', { field: 'policyGoal', max: LIMITS.policyGoal });
  const maxParticipants = tableSize(form.maxParticipants);
  if (isError(maxParticipants)) return maxParticipants;
  const steps = parseStepBudgets(form.stepMinutes ?? '');
  if (!steps.ok)
    return sessionFail('invalidStepMinutes', {
      count: STEP_COUNT,
      min: BUDGET_LIMITS.minStep,
      max: BUDGET_LIMITS.maxStep,
      total: BUDGET_LIMITS.maxTotal,
    });
  // The defaults typed out again are no choice of the organiser's: tables keep following the method's.
  const stepMinutes = steps.budgets && !sameBudgets(steps.budgets) ? steps.budgets : undefined;
  const ingredients = buildDeck('ingredient', form.ingredients, input.defaultDeck.ingredients);
  if (isError(ingredients)) return ingredients;
  const intentions = buildDeck('intention', form.intentions, input.defaultDeck.intentions, new Set(ingredients.cards.map((c) => c.id)));
  if (isError(intentions)) return intentions;

  const session: SessionState = {
    schemaVersion: 1,
    code: input.code,
    title: title || input.defaultTitle,
    createdAt: input.now,
    updatedAt: input.now,
    organiser: leaderRef(input.actor),
    coOrganisers: [],
    tenantId: input.tenantId,
    thread: input.thread,
    language: input.language,
    ...(goal ? { goal } : {}),
    ...(outcomeUse ? { outcomeUse } : {}),
    policyGoals,
    maxParticipants,
    ...(stepMinutes ? { stepMinutes } : {}),
    deck: { ingredients: ingredients.cards, intentions: intentions.cards },
    deckChoice: { ingredients: ingredients.origin, intentions: intentions.origin },
    tables: [],
  };
  return { type: 'ok', session, merged: { ingredients: ingredients.merged, intentions: intentions.merged } };
}

function matches(ref: LeaderRef, actor: Pick<Actor, 'id' | 'channelUserId'>): boolean {
  return ref.id === actor.id || (ref.channelUserId !== undefined && ref.channelUserId === actor.channelUserId);
}

/** The organiser or a co-organiser: who may erase the session and add co-organisers. */
export function isOrganiser(session: SessionState, actor: Pick<Actor, 'id' | 'channelUserId'>): boolean {
  return matches(session.organiser, actor) || session.coOrganisers.some((c) => matches(c, actor));
}

/** The organiser (or a co-organiser) shares the session's rights with someone named by @mention. */
export function addCoOrganiser(
  session: SessionState,
  actor: Actor,
  to: UserRefInput | undefined,
  now: number,
): SessionState | SessionError {
  // No name in the refusal: the organiser is named only to the session's own people (its card in the thread).
  if (!isOrganiser(session, actor)) return sessionFail('notOrganiser');
  const id = to?.id ?? to?.channelUserId;
  if (!to || !id) return sessionFail('noMention');
  const name = truncate(visibleText(to.name), LIMITS.displayName) || id;
  const ref: LeaderRef = { id, name, ...(to.channelUserId ? { channelUserId: to.channelUserId } : {}) };
  if (isOrganiser(session, ref)) return sessionFail('alreadyOrganiser', { name });
  if (session.coOrganisers.length >= SESSION_LIMITS.coOrganisers)
    return sessionFail('tooManyCoOrganisers', { max: SESSION_LIMITS.coOrganisers });
  return { ...session, coOrganisers: [...session.coOrganisers, ref], updatedAt: now };
}
