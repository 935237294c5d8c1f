import { canTakeNotes, fail, isLeader, type Actor, type DomainError, type TableState } from '../../domain';

/**
 * Who may use a button or a command, as declared in the registry. For what runs a domain command the
 * rules in `decide` have the last word (and a test holds the declaration to them). What only opens a
 * form or shows a card is refused here when it is a leider's or notulist's, with the domain's own
 * refusal; `member` is left to the handler, because whom a form is for (the presser, or the guest a
 * leider fills in for) is part of the form.
 *
 * - anyone: whoever is in the chat;
 * - member: a participant or a leider (a leider fills forms in for guests);
 * - leader: the gespreksleider or a co-leider;
 * - notetaker: a leider or the notulist;
 * - organiser: a session's organisers (checked by the session's handlers, where the session is known).
 */
export type Who = 'anyone' | 'member' | 'leader' | 'notetaker' | 'organiser';

/** Why `actor` may not use what is declared for `who` at this table; undefined when they may. */
export function refusalFor(who: Who, state: TableState, actor: Actor): DomainError | undefined {
  switch (who) {
    case 'anyone':
    case 'organiser':
    case 'member':
      return undefined;
    case 'leader':
      return isLeader(state, actor) ? undefined : fail('notLeader');
    case 'notetaker':
      return canTakeNotes(state, actor) ? undefined : fail('notLeader');
    default: {
      const never: never = who;
      throw new Error(`Unknown role ${String(never)}`);
    }
  }
}
