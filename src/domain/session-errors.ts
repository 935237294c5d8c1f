import type { DomainError } from './errors';

/**
 * Rule violations of the organiser's session. Like DomainError they are values with a code; the
 * adapter shows `session.error.<code>` in Dutch (or English). The table's own refusals (notLeader,
 * tableStopped, noTable, ...) stay DomainErrors, so one link attempt can give either.
 */
export const SESSION_ERROR_CODES = [
  'titleTooLong',
  'fieldTooLong',
  'tooManyPolicyGoals',
  'invalidTableSize',
  'invalidStepMinutes',
  'cardTooLong',
  'deckTooLarge',
  'deckTooSmall',
  'codeUnknown',
  /** A code looked up for what only the session's organisers may do: unknown and not theirs get this one answer. */
  'codeRefused',
  /** Too many codes tried that did not work; `minutes` until the next try is counted. */
  'tooManyAttempts',
  'sessionFull',
  /** So many tables linked over time (most of them ended) that the session takes no more. */
  'sessionExhausted',
  'otherTenant',
  'sessionThread',
  'picksMade',
  'tableTooBig',
  'notOrganiser',
  'alreadyOrganiser',
  'tooManyCoOrganisers',
  'noMention',
  'notInChannel',
  'noSession',
  'notRequester',
] as const;

export type SessionErrorCode = (typeof SESSION_ERROR_CODES)[number];

export interface SessionError {
  type: 'error';
  family: 'session';
  code: SessionErrorCode;
  /** Values the message may mention (a limit, a deck, a title). */
  params?: Record<string, string | number>;
}

/**
 * Every expected refusal, of a table's rules or a session's: one family, told apart by `family`, so
 * that one function turns either into a message (views/error-view.ts `refusalMessage`).
 */
export type RuleError = DomainError | SessionError;

export function sessionFail(code: SessionErrorCode, params?: SessionError['params']): SessionError {
  return params ? { type: 'error', family: 'session', code, params } : { type: 'error', family: 'session', code };
}

export function isSessionError(x: unknown): x is SessionError {
  return isRuleError(x) && x.family === 'session';
}

/** A refusal of either kind (a table's or a session's rule), as opposed to a state. */
export function isRuleError(x: unknown): x is RuleError {
  return typeof x === 'object' && x !== null && (x as { type?: unknown }).type === 'error';
}
