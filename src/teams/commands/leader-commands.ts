import { t } from '../../i18n';
import { controlledCard } from '../publish/controlled-cards';
import { chatCommand } from '../routing/command-spec';
import { refusalFor } from '../routing/who';

/**
 * `knoppen`: the leider's controls for the next step as a card of their own, for a client that shows
 * no user-specific views (the Agents Playground). Nothing else writes to that message, so a form
 * opened from it (place a card, record the discussion) stays as typed.
 */
export const leaderCommands = [
  chatCommand({
    name: 'controls',
    words: { nl: ['knoppen', 'bediening'], en: ['controls', 'buttons'] },
    who: 'leader',
    phases: 'any',
    args: () => ({}),
    async handle(turn) {
      const state = await turn.table();
      if (!state) {
        if (await turn.mayInform(false)) await turn.notify('error.noTable');
        return;
      }
      const refused = refusalFor('leader', state, turn.actor);
      if (refused) {
        if (await turn.mayInform(false)) await turn.refuse(refused, state);
        return;
      }
      const card = controlledCard(state, { card: 'controls' }, turn, { retentionDays: turn.deps.settings.retentionDays });
      await turn.post(card, t(turn.lang, 'controls.title'));
    },
  }),
];
