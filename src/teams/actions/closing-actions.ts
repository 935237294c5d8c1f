import { closingView, renderCard, type AdaptiveCard } from '../../views';
import type { CardAction } from '../routing/card-actions';
import type { ActionContext } from './action-context';

export function openClosing(a: ActionContext, forId: string | undefined): AdaptiveCard {
  const { subject, who } = a.subject(forId);
  if (!subject) return renderCard('closing', closingView(a.view, a.lang, { type: 'shared', error: { key: 'error.notParticipant' } }));
  return renderCard('closing', closingView(a.view, a.lang, { type: 'form', subject, who }));
}

export async function submitClosing(a: ActionContext, action: Extract<CardAction, { verb: 'closing.submit' }>): Promise<AdaptiveCard> {
  const values = { learned: action.learned ?? '', action: action.action ?? '' };
  const { onBehalfOf } = a.subject(action.for);
  const result = await a.run({ type: 'answerClosing', learned: values.learned, action: values.action, ...(onBehalfOf ? { onBehalfOf } : {}) });
  const state = a.viewAfter(result);
  if (result.type === 'ok') return renderCard('closing', closingView(state, a.lang, { type: 'saved' }));
  const { subject, who } = a.subject(action.for, state);
  if (!subject) return renderCard('closing', closingView(state, a.lang, { type: 'shared', error: a.error(result) }));
  return renderCard('closing', closingView(state, a.lang, { type: 'form', subject, who, values, error: a.error(result) }));
}
