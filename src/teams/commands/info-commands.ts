import { groupView, isLeader } from '../../domain';
import { t } from '../../i18n';
import { boardView, helpView, renderCard, statusView } from '../../views';
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
  chatCommand({
    name: 'status',
    words: { nl: ['status', 'stand'], en: ['status'] },
    who: 'anyone',
    phases: 'any',
    args: none,
    async handle(turn) {
      const state = await turn.table();
      if (!(await turn.mayInform(await steers(turn)))) return;
      if (!state) return void (await turn.notify('error.noTable'));
      await turn.post(renderCard('status', statusView(groupView(state), turn.lang)), t(turn.lang, 'status.title', { title: state.title }));
    },
  }),
  chatCommand({
    name: 'summary',
    words: { nl: ['samenvatting'], en: ['summary'] },
    who: 'anyone',
    phases: 'any',
    args: none,
    async handle(turn) {
      const state = await turn.table();
      if (!(await turn.mayInform(await steers(turn)))) return;
      if (!state) return void (await turn.notify('error.noTable'));
      await postMarkdownSummary(turn.context, groupView(state));
      // A leider's `samenvatting` also brings the organiser's copy up to date (one message per table).
      if (isLeader(state, turn.actor)) await turn.deps.sessions.channel.shareSummary(turn.key, groupView(state));
    },
  }),
  chatCommand({
    name: 'board',
    words: { nl: ['model'], en: ['board'] },
    who: 'anyone',
    phases: 'any',
    args: none,
    async handle(turn) {
      const state = await turn.table();
      if (!(await turn.mayInform(await steers(turn)))) return;
      if (!state) return void (await turn.notify('error.noTable'));
      // A fresh copy at the bottom of the chat; from now on that one is kept up to date.
      const id = await turn.post(renderCard('board', boardView(groupView(state), state.settings.language)), t(turn.lang, 'board.title'));
      if (id) await turn.deps.store.setRef(turn.key, refNames.board, id);
    },
  }),
];
