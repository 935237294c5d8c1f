import { fail, type DomainError } from './errors';
import { findParticipant, isLeader } from './roles';
import type { Actor, Participant, TableState, UserId } from './types';

export interface Subject {
  participant: Participant;
  /** The leider who entered this for a guest. */
  enteredBy?: UserId;
}

/**
 * Whose input this is: the acting participant, or a guest the leider enters it for. Card data can
 * only name a guest, and only a leider may act for one, so nobody can act for another member.
 */
export function subjectOf(state: TableState, actor: Actor, onBehalfOf: UserId | undefined): Subject | DomainError {
  if (onBehalfOf === undefined) {
    const me = findParticipant(state, actor);
    return me ? { participant: me } : fail('notParticipant');
  }
  if (!isLeader(state, actor)) return fail('notLeader');
  const guest = state.participants.find((p) => p.guest && p.id === onBehalfOf);
  return guest ? { participant: guest, enteredBy: actor.id } : fail('notGuest');
}

export function isSubject(x: Subject | DomainError): x is Subject {
  return 'participant' in x;
}
