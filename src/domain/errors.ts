/**
 * Expected rule violations. They are values, not exceptions: the adapter turns each code into a
 * Dutch (or English) message that says what to do instead.
 */
export type DomainErrorCode =
  | 'noTable'
  | 'tableStopped'
  | 'notLeader'
  | 'notLeaderOrNotetaker'
  | 'notParticipant'
  | 'alreadyJoined'
  | 'tableFull'
  | 'wrongPhase'
  | 'unknownUser'
  | 'alreadyLeader'
  | 'duplicateCards'
  | 'missingCard'
  | 'missingArgument'
  | 'argumentTooLong'
  | 'textTooLong'
  | 'unknownCard'
  | 'roundClosed'
  | 'unknownRound'
  | 'nothingToReveal'
  | 'notRevealed'
  | 'alreadyInPhase'
  | 'notGuest'
  /** A name consent sent along with one's own input: only a leider records it, for a guest. */
  | 'consentForGuestOnly'
  | 'emptyText'
  /** Not empty, but only spaces, fillers and invisible characters: it would look empty on a card. */
  | 'blankText'
  | 'duplicateCard'
  | 'deckFull'
  | 'roundOpen'
  | 'pollOpen'
  | 'noPoll'
  | 'invalidZone'
  | 'invalidAgreement'
  /** Taking a card off the model that is not on it. */
  | 'notPlaced'
  | 'invalidStickers'
  | 'tooManyStickers'
  | 'unknownIntention'
  | 'votingOpen'
  | 'votingClosed'
  | 'invalidMinutes'
  | 'unknownLanguage'
  | 'noStickers'
  | 'tooManyGoals';

/**
 * The free-text fields a `textTooLong` refusal names (`params.field`), so that the message can say
 * which field, by its label as the form shows it, and its maximum.
 */
export type TextField =
  | 'introRole'
  | 'introInvolvement'
  | 'ownCardTitle'
  | 'ownCardDescription'
  | 'purpose'
  | 'trait'
  | 'conclusion'
  | 'note'
  | 'agreements'
  | 'disagreements'
  | 'policyRelation'
  | 'policyGoal'
  | 'learned'
  | 'action';

/** "too long" for one field: the field and its maximum go with it. */
export function tooLong(field: TextField, max: number): DomainError {
  return fail('textTooLong', { field, max });
}

/** A table's rule refused; `family` tells it from a session's (see RuleError). */
export interface DomainError {
  type: 'error';
  family: 'table';
  code: DomainErrorCode;
  /** Values the message may mention (a name, a limit, a card title). */
  params?: Record<string, string | number>;
}

export function fail(code: DomainErrorCode, params?: DomainError['params']): DomainError {
  return params ? { type: 'error', family: 'table', code, params } : { type: 'error', family: 'table', code };
}
