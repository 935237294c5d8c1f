import { groupView, isLeader, type GroupView, type TableState } from '../../domain';
import { t } from '../../i18n';
import { helpView, renderCard, statusView } from '../../views';
import { sharedCard } from '../publish/controlled-cards';
import { postMarkdownSummary } from '../publish/summary-post';
import { refNames } from '../publish/shared-cards';
import { chatCommand, type CommandSpec } from '../routing/command-spec';
import type { Turn } from '../turn';
import { steers } from './command-turns';

/** Words after the command are ignored: "status graag" is still `status`. */
const none = () => ({});

/** The help card; `unknown`: the text was no command, so the card says so first. */
export async function answerHelp(turn: Turn, unknown: boolean): Promise<void> {
  if (!(await turn.mayInform(await steers(turn)))) return;
  await turn.post(renderCard('help', helpView(turn.lang, unknown)), t(turn.lang, 'help.title'));
}

/**
 * A command that shows something of the table: answered within the asker's allowance, with the
 * table as everyone may see it (the answer is posted in the chat), or with "no table here".
 */
function aboutTheTable(
  name: string,
  words: CommandSpec['words'],
  show: (turn: Turn, state: TableState, view: GroupView) => Promise<void>,
): CommandSpec {
  return chatCommand({
    name,
    words,
    who: 'anyone',
    phases: 'any',
    args: none,
    async handle(turn) {
      const state = await turn.table();
      if (!(await turn.mayInform(await steers(turn)))) return;
      if (!state) return void (await turn.notify('error.noTable'));
      await show(turn, state, groupView(state));
    },
  });
}

/** Everything here only informs the asker: a leider's answers always, anyone else's within their allowance. */
export const infoCommands: ReadonlyArray<CommandSpec> = [
  chatCommand({
    name: 'help',
    words: { nl: ['help', 'hulp', '?', 'uitleg'], en: ['help'] },
    who: 'anyone',
    phases: 'any',
    args: none,
    handle: (turn) => answerHelp(turn, false),
  }),
  aboutTheTable('status', { nl: ['status', 'stand'], en: ['status'] }, async (turn, state, view) => {
    await turn.post(renderCard('status', statusView(view, turn.lang)), t(turn.lang, 'status.title', { title: state.title }));
  }),
  aboutTheTable('summary', { nl: ['samenvatting'], en: ['summary'] }, async (turn, state, view) => {
    await postMarkdownSummary(turn.context, view);
    // A leider's `samenvatting` also brings the organiser's copy up to date (one message per table).
    if (isLeader(state, turn.actor)) await turn.deps.sessions.channel.shareSummary(turn.key, view);
  }),
  aboutTheTable('board', { nl: ['model'], en: ['board'] }, async (turn, state, view) => {
    // A fresh copy at the bottom of the chat; from now on that one is kept up to date.
    const id = await turn.post(sharedCard(view, { card: 'board' }, turn.deps.settings.retentionDays)!, t(turn.lang, 'board.title'));
    if (id) await turn.deps.store.setRef(turn.key, refNames.board, id);
  }),
];
