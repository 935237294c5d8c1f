import { groupView, type GroupView, type TableState } from '../../domain';
import { t } from '../../i18n';
import { helpView, renderCard, statusView } from '../../views';
import { sharedCard } from '../publish/controlled-cards';
import { modelPictureOf } from '../publish/model-picture';
import { shareShortSummary } from '../publish/summary-post';
import { refNames } from '../publish/shared-cards';
import { chatCommand, type CommandSpec } from '../routing/command-spec';
import type { Turn } from '../turn';
import { steers } from './command-turns';

/** Words after the command are ignored: "status graag" is still `status`. */
const none = () => ({});

/**
 * The help card. It is posted in the chat, so at a table it speaks the table's language; elsewhere
 * the asker's. (Text that is no command gets one line with the nearest command instead: router.ts.)
 */
async function answerHelp(turn: Turn): Promise<void> {
  if (!(await turn.mayInform(await steers(turn)))) return;
  const lang = (await turn.table())?.settings.language ?? turn.lang;
  await turn.post(renderCard('help', helpView(lang)), t(lang, 'help.title'));
}

/**
 * A command that shows something of the table: answered within the asker's allowance, with the
 * table as everyone may see it, in the table's language (the answer is posted in the chat), or
 * with "no table here".
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
    handle: answerHelp,
  }),
  aboutTheTable('status', { nl: ['status', 'stand'], en: ['status'] }, async (turn, state, view) => {
    const lang = state.settings.language;
    await turn.post(renderCard('status', statusView(view, lang)), t(lang, 'status.title', { title: state.title }));
  }),
  aboutTheTable('summary', { nl: ['samenvatting'], en: ['summary'] }, (turn, state) => shareShortSummary(turn, state)),
  aboutTheTable('board', { nl: ['model'], en: ['board'] }, async (turn, state, view) => {
    // A fresh copy at the bottom of the chat; from now on that one is kept up to date.
    const lang = state.settings.language;
    const card = sharedCard(view, { card: 'board' }, turn.deps.settings.retentionDays, () =>
      modelPictureOf(turn.deps.pictures, turn.key, state),
    )!;
    const id = await turn.post(card, t(lang, 'board.title'));
    if (id) await turn.deps.store.setRef(turn.key, refNames.board, id);
  }),
];
