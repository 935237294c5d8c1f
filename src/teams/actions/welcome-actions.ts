import { findParticipant, own, type TableState } from '../../domain';
import { introView, renderCard, welcomeView, type AdaptiveCard, type Message } from '../../views';
import type { ActionContext } from './action-context';

export function welcomeCard(a: ActionContext, state: TableState, error?: Message): AdaptiveCard {
  const viewer = findParticipant(state, a.actor);
  return renderCard('welcome', welcomeView(state, a.lang, {
    retentionDays: a.deps.settings.retentionDays,
    ...(viewer ? { viewer } : {}),
    ...(error ? { error } : {}),
  }));
}

export async function join(a: ActionContext): Promise<AdaptiveCard> {
  const result = await a.run({ type: 'join' });
  if (result.type === 'ok') return welcomeCard(a, result.state);
  // Pressing "Doe mee" twice is not a mistake: show the participant their own view again.
  if (result.code === 'alreadyJoined') return welcomeCard(a, a.stateAfter(result));
  return welcomeCard(a, a.stateAfter(result), a.error(result));
}

export async function setConsent(a: ActionContext, consent: boolean): Promise<AdaptiveCard> {
  const result = await a.run({ type: 'setNameConsent', consent });
  if (result.type === 'ok') return welcomeCard(a, result.state);
  return welcomeCard(a, a.stateAfter(result), a.error(result));
}

export function introForm(a: ActionContext): AdaptiveCard {
  const me = a.viewer;
  if (!me) return renderCard('intro', introView(a.state, a.lang, { type: 'shared', error: { key: 'error.notParticipant' } }));
  return renderCard('intro', introView(a.state, a.lang, { type: 'form' }, own(a.state.intro, me.id)));
}

export async function introSubmit(a: ActionContext, role: string | undefined, involvement: string | undefined): Promise<AdaptiveCard> {
  const values = { ...(role !== undefined ? { role } : {}), ...(involvement !== undefined ? { involvement } : {}) };
  const result = await a.run({ type: 'answerIntro', ...values });
  if (result.type === 'ok') return renderCard('intro', introView(result.state, a.lang, { type: 'saved' }));
  const state = a.stateAfter(result);
  if (result.code === 'notParticipant') return renderCard('intro', introView(state, a.lang, { type: 'shared', error: a.error(result) }));
  return renderCard('intro', introView(state, a.lang, { type: 'form', values, error: a.error(result) }));
}
