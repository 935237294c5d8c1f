import type { UserRefInput } from './commands';
import { addCoOrganiser } from './session';
import { isRuleError, type SessionError } from './session-errors';
import { linkTable, markTableStopped, unlinkTable, type TableLink } from './session-link';
import type { SessionState } from './session-types';
import type { Actor } from './types';

/** What the organiser, or a table linking itself, asks of a session. The actor comes from the activity. */
export type SessionCommand =
  | { type: 'addCoOrganiser'; to?: UserRefInput }
  /** The session's side of `koppel` / `start <code>`: the table's own side is `linkSession` in `decide`. */
  | { type: 'linkTable'; table: TableLink }
  /** A table erased, or moved to another session. */
  | { type: 'unlinkTable'; token: string }
  /** A linked table ended: it frees its place in the limit. */
  | { type: 'tableStopped'; token: string };

export type SessionEvent =
  | { type: 'coOrganiserAdded'; userId: string }
  | { type: 'tableLinked'; token: string; alreadyLinked: boolean }
  | { type: 'tableUnlinked'; token: string }
  | { type: 'tableStopped'; token: string };

export interface SessionDecision {
  type: 'ok';
  session: SessionState;
  events: SessionEvent[];
}

/**
 * The session's rules, as `decide` is the table's: given a session and one command, the new session
 * and what happened, or the rule that was broken. Pure; a refusal leaves `session` untouched, and a
 * command that changes nothing returns the same object and no events.
 */
export function decideSession(
  session: SessionState,
  { actor, command }: { actor: Actor; command: SessionCommand },
  now: number,
): SessionDecision | SessionError {
  switch (command.type) {
    case 'addCoOrganiser': {
      const next = addCoOrganiser(session, actor, command.to, now);
      if (isRuleError(next)) return next;
      const added = next.coOrganisers[next.coOrganisers.length - 1]!;
      return { type: 'ok', session: next, events: [{ type: 'coOrganiserAdded', userId: added.id }] };
    }
    case 'linkTable': {
      const r = linkTable(session, command.table, now);
      if (r.type === 'error') return r;
      return {
        type: 'ok',
        session: r.session,
        events: [{ type: 'tableLinked', token: command.table.token, alreadyLinked: r.alreadyLinked }],
      };
    }
    case 'unlinkTable': {
      const next = unlinkTable(session, command.token, now);
      return { type: 'ok', session: next, events: next === session ? [] : [{ type: 'tableUnlinked', token: command.token }] };
    }
    case 'tableStopped': {
      const next = markTableStopped(session, command.token, now);
      return { type: 'ok', session: next, events: next === session ? [] : [{ type: 'tableStopped', token: command.token }] };
    }
    default: {
      const never: never = command;
      throw new Error(`Unhandled session command ${JSON.stringify(never)}`);
    }
  }
}
