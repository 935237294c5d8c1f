import { TurnContext } from 'botbuilder';
import { groupView, isLeader, type Command, type TableState } from '../../domain';
import { renderCard, welcomeView } from '../../views';
import { TABLE_CONVERSATION_REF } from '../../app/session-runner';
import { askLeaderConsent } from '../publish/leader-consent';
import { publish } from '../publish/publisher';
import { refNames } from '../publish/shared-cards';
import type { Turn } from '../turn';

/**
 * Runs a command at this conversation's table: what changed is posted and updated for everyone; a
 * refusal is said to the sender (within their allowance, so that a participant typing `volgende`
 * a hundred times does not flood the chat).
 */
export async function runAtTable(turn: Turn, command: Command): Promise<void> {
  // Decided first on the table the claim of the message read (no read of its own); the write checks it is still current.
  const result = await turn.deps.runner.run(turn.key, turn.actor, command, await turn.table());
  if (result.type === 'ok') return publish(turn.context, turn.key, result.state, result.events, turn.deps);
  if (!(await turn.mayInform(result.state !== undefined && isLeader(result.state, turn.actor)))) return;
  await turn.refuse(result, result.state);
}

/** Whether the sender steers this table: a leider's informational answers are never rationed. */
export async function steers(turn: Turn): Promise<boolean> {
  const state = await turn.table();
  return state !== undefined && isLeader(state, turn.actor);
}

/**
 * A table just started here (with `start`, or `start <code>`): its welcome card, the references the
 * bot needs to update that card and to post later, and the question to the leider whether their name
 * may appear in the report.
 */
export async function openTable(turn: Turn, state: TableState): Promise<void> {
  const view = groupView(state);
  const id = await turn.post(
    renderCard('welcome', welcomeView(view, state.settings.language, { retentionDays: turn.deps.settings.retentionDays })),
    state.title,
  );
  if (id) await turn.deps.store.setRef(turn.key, refNames.welcome, id);
  await turn.deps.store.setRef(turn.key, TABLE_CONVERSATION_REF, JSON.stringify(TurnContext.getConversationReference(turn.activity)));
}

/** The leider's consent card, after everything else the start posted. */
export function askStarterConsent(turn: Turn, state: TableState): Promise<void> {
  return askLeaderConsent(turn.context, groupView(state), turn.actor);
}
