import { z } from 'zod';
import { currentPickRound, isLeader, own, PICK_ROLES, takesPicks, type PickSet, type TableView } from '../../domain';
import {
  leaderProgressView,
  progressView,
  pickFormView,
  picksSavedView,
  PICK_INPUTS,
  renderCard,
  round1View,
  valuesOf,
  VERB,
  type AdaptiveCard,
  type Message,
} from '../../views';
import { field, guestFields, onBehalfOf } from '../routing/card-fields';
import { tableVerb } from '../routing/verb-spec';
import type { ActionContext } from './action-context';

/** The three picks as the form sends them: a card and an argument per role, each possibly empty. */
const picksData = z.object({
  round: field.round,
  ...guestFields,
  [PICK_INPUTS.in.card]: field.cardId,
  [PICK_INPUTS.in.argument]: field.text,
  [PICK_INPUTS.out.card]: field.cardId,
  [PICK_INPUTS.out.argument]: field.text,
  [PICK_INPUTS.doubt.card]: field.cardId,
  [PICK_INPUTS.doubt.argument]: field.text,
});
type PicksData = z.output<typeof picksData>;

/** What was typed, an empty text where nothing was: the rules say which part is missing. */
function picksOf(data: PicksData): PickSet {
  const pick = (role: (typeof PICK_ROLES)[number]) => ({
    cardId: data[PICK_INPUTS[role].card] ?? '',
    argument: data[PICK_INPUTS[role].argument] ?? '',
  });
  return { in: pick('in'), out: pick('out'), doubt: pick('doubt') };
}

/** A round that no longer takes picks: the participant's own (frozen) picks, or why not. */
function closedRound(
  a: ActionContext,
  roundNumber: number,
  userId: string | undefined,
  error: Message | undefined,
  state: TableView,
  forId?: string,
): AdaptiveCard {
  const round = state.pickRounds.find((r) => r.number === roundNumber);
  const submitted = userId && round ? own(round.picks, userId) : undefined;
  if (round && submitted)
    return renderCard('picks-saved', picksSavedView(state, a.lang, round.number, submitted, round.revealedAt !== undefined, forId));
  return renderCard('round1', round1View(state, a.lang, roundNumber, error ?? { key: 'error.roundClosed' }));
}

export const pickVerbs = [
  tableVerb({
    verb: VERB.picksOpen,
    data: z.object({ round: field.round, for: field.forGuest }),
    who: 'member',
    phases: ['round1', 'round2'],
    guestForm: true,
    handle(a, { round: roundNumber, for: forId }) {
      const { subject, who } = a.subject(forId);
      if (!subject) return renderCard('round1', round1View(a.view, a.lang, roundNumber, { key: 'error.notParticipant' }));
      const round = currentPickRound(a.view);
      if (!round || !takesPicks(a.state, roundNumber)) return closedRound(a, roundNumber, subject.id, undefined, a.view, who.for);
      return renderCard('pick-form', pickFormView(a.view, a.lang, round.number, valuesOf(own(round.picks, subject.id)), undefined, who));
    },
  }),
  tableVerb({
    verb: VERB.progressView,
    data: z.object({}),
    who: 'anyone',
    phases: 'any',
    // The refresh of the shared progress card: the leider's own view names who is still busy. Anyone
    // else who asks (a forged refresh) gets the shared view.
    handle: (a) => renderCard('progress', isLeader(a.state, a.actor) ? leaderProgressView(a.view, a.lang) : progressView(a.view, a.lang)),
  }),
  tableVerb({
    verb: VERB.picksInfo,
    data: z.object({ round: field.round }),
    who: 'anyone',
    phases: 'any',
    // Back from one's own form to the shared explanation of the round (the spheres and the deck).
    handle: (a, { round }) => renderCard('round1', round1View(a.view, a.lang, round)),
  }),
  tableVerb({
    verb: VERB.picksSubmit,
    data: picksData,
    who: 'member',
    phases: ['round1', 'round2'],
    guestForm: true,
    command: (data) => ({ type: 'submitPicks', round: data.round, picks: picksOf(data), ...onBehalfOf(data.for, data.guestConsent) }),
    async handle(a, data, command) {
      const { who } = a.subject(data.for);
      const result = await a.run(command);
      const state = a.viewAfter(result);
      const { subject } = a.subject(data.for, state);
      if (result.type === 'ok') {
        const round = state.pickRounds.find((r) => r.number === data.round);
        const submitted = subject && round && own(round.picks, subject.id);
        if (submitted) return renderCard('picks-saved', picksSavedView(state, a.lang, data.round, submitted, false, who.for));
        return renderCard('round1', round1View(state, a.lang, data.round));
      }
      switch (result.code) {
        case 'roundClosed':
        case 'unknownRound':
        case 'wrongPhase':
          return closedRound(a, data.round, subject?.id, a.error(result), state, who.for);
        case 'notParticipant':
          return renderCard('round1', round1View(state, a.lang, data.round, a.error(result)));
        default:
          // Keep everything the participant typed, so fixing one field does not mean typing it all again.
          return renderCard('pick-form', pickFormView(state, a.lang, data.round, command.picks, a.error(result), who));
      }
    },
  }),
] as const;
