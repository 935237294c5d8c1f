import { currentPickRound, own, type PickSet, type TableView } from '../../domain';
import { pickFormView, picksSavedView, renderCard, round1View, valuesOf, type AdaptiveCard, type Message, type PickFormValues } from '../../views';
import type { CardAction } from '../routing/card-actions';
import type { ActionContext } from './action-context';

type Submit = Extract<CardAction, { verb: 'picks.submit' }>;

export function openPicks(a: ActionContext, roundNumber: number, forId: string | undefined): AdaptiveCard {
  const { subject, who } = a.subject(forId);
  if (!subject) return renderCard('round1', round1View(a.view, a.lang, roundNumber, { key: 'error.notParticipant' }));
  const round = currentPickRound(a.view);
  if (!round || round.number !== roundNumber || round.revealedAt !== undefined || (a.view.phase !== 'round1' && a.view.phase !== 'round2')) {
    return closedRound(a, roundNumber, subject.id, undefined, a.view, who.for);
  }
  return renderCard('pick-form', pickFormView(a.view, a.lang, round.number, valuesOf(own(round.picks, subject.id)), undefined, who));
}

export async function submitPicks(a: ActionContext, action: Submit): Promise<AdaptiveCard> {
  const values: PickFormValues = {
    in: { cardId: action.inCard ?? '', argument: action.inArgument ?? '' },
    out: { cardId: action.outCard ?? '', argument: action.outArgument ?? '' },
    doubt: { cardId: action.doubtCard ?? '', argument: action.doubtArgument ?? '' },
  };
  const { onBehalfOf, who } = a.subject(action.for);
  const result = await a.run({ type: 'submitPicks', round: action.round, picks: values as PickSet, ...(onBehalfOf ? { onBehalfOf } : {}) });
  const state = a.viewAfter(result);
  const { subject } = a.subject(action.for, state);
  if (result.type === 'ok') {
    const round = state.pickRounds.find((r) => r.number === action.round);
    const submitted = subject && round && own(round.picks, subject.id);
    if (submitted) return renderCard('picks-saved', picksSavedView(state, a.lang, action.round, submitted, false, who.for));
    return renderCard('round1', round1View(state, a.lang, action.round));
  }
  switch (result.code) {
    case 'roundClosed':
    case 'unknownRound':
    case 'wrongPhase':
      return closedRound(a, action.round, subject?.id, a.error(result), state, who.for);
    case 'notParticipant':
      return renderCard('round1', round1View(state, a.lang, action.round, a.error(result)));
    default:
      // Keep everything the participant typed, so fixing one field does not mean typing it all again.
      return renderCard('pick-form', pickFormView(state, a.lang, action.round, values, a.error(result), who));
  }
}

/** A round that no longer takes picks: the participant's own (frozen) picks, or why not. */
function closedRound(a: ActionContext, roundNumber: number, userId: string | undefined, error: Message | undefined, state: TableView, forId?: string): AdaptiveCard {
  const round = state.pickRounds.find((r) => r.number === roundNumber);
  const submitted = userId && round ? own(round.picks, userId) : undefined;
  if (round && submitted) return renderCard('picks-saved', picksSavedView(state, a.lang, round.number, submitted, round.revealedAt !== undefined, forId));
  return renderCard('round1', round1View(state, a.lang, roundNumber, error ?? { key: 'error.roundClosed' }));
}
