import { z } from 'zod';
import { closingView, renderCard, VERB } from '../../views';
import { field, guestFields, onBehalfOf } from '../routing/card-fields';
import { tableVerb } from '../routing/verb-spec';

export const closingVerbs = [
  tableVerb({
    verb: VERB.closingOpen,
    data: z.object({ for: field.forGuest }),
    who: 'member',
    phases: ['closing', 'ended'],
    guestForm: true,
    handle(a, { for: forId }) {
      const { subject, who } = a.subject(forId);
      if (!subject) return renderCard('closing', closingView(a.view, a.lang, { type: 'shared', error: { key: 'error.notParticipant' } }));
      return renderCard('closing', closingView(a.view, a.lang, { type: 'form', subject, who }));
    },
  }),
  tableVerb({
    verb: VERB.closingSubmit,
    data: z.object({ ...guestFields, learned: field.text, action: field.text }),
    who: 'member',
    phases: ['closing'],
    guestForm: true,
    command: (data) => ({
      type: 'answerClosing',
      learned: data.learned ?? '',
      action: data.action ?? '',
      ...onBehalfOf(data.for, data.guestConsent),
    }),
    async handle(a, data, command) {
      const result = await a.run(command);
      const state = a.viewAfter(result);
      const { subject, who } = a.subject(data.for, state);
      if (result.type === 'ok')
        return renderCard('closing', closingView(state, a.lang, { type: 'saved', ...(who.for ? { for: who.for } : {}) }));
      if (!subject) return renderCard('closing', closingView(state, a.lang, { type: 'shared', error: a.error(result) }));
      const values = { learned: command.learned ?? '', action: command.action ?? '' };
      return renderCard('closing', closingView(state, a.lang, { type: 'form', subject, who, values, error: a.error(result) }));
    },
  }),
] as const;
