import { findParticipant, own, type TableView } from '../../domain';
import { introView, renderCard, welcomeView, type AdaptiveCard, type Message } from '../../views';
import type { ActionContext } from './action-context';

export function welcomeCard(a: ActionContext, state: TableView, error?: Message): AdaptiveCard {
  const viewer = findParticipant(state, a.actor);
  return renderCard('welcome', welcomeView(state, a.lang, {
    retentionDays: a.deps.settings.retentionDays,
    ...(viewer ? { viewer } : {}),
    ...(error ? { error } : {}),
  }));
}

export async function join(a: ActionContext): Promise<AdaptiveCard> {
  const result = await a.run({ type: 'join' });
  if (result.type === 'ok') return welcomeCard(a, a.viewAfter(result));
  // Pressing "Doe mee" twice is not a mistake: show the participant their own view again.
  if (result.code === 'alreadyJoined') return welcomeCard(a, a.viewAfter(result));
  return welcomeCard(a, a.viewAfter(result), a.error(result));
}

export async function setConsent(a: ActionContext, consent: boolean): Promise<AdaptiveCard> {
  const result = await a.run({ type: 'setNameConsent', consent });
  if (result.type === 'ok') return welcomeCard(a, a.viewAfter(result));
  return welcomeCard(a, a.viewAfter(result), a.error(result));
}

export function introForm(a: ActionContext): AdaptiveCard {
  const me = a.participant;
  if (!me) return renderCard('intro', introView(a.view, a.lang, { type: 'shared', error: { key: 'error.notParticipant' } }));
  return renderCard('intro', introView(a.view, a.lang, { type: 'form' }, own(a.view.intro, me.id)));
}

export async function introSubmit(a: ActionContext, role: string | undefined, involvement: string | undefined): Promise<AdaptiveCard> {
  const values = { ...(role !== undefined ? { role } : {}), ...(involvement !== undefined ? { involvement } : {}) };
  const result = await a.run({ type: 'answerIntro', ...values });
  if (result.type === 'ok') return renderCard('intro', introView(a.viewAfter(result), a.lang, { type: 'saved' }));
  const state = a.viewAfter(result);
  if (result.code === 'notParticipant') return renderCard('intro', introView(state, a.lang, { type: 'shared', error: a.error(result) }));
  return renderCard('intro', introView(state, a.lang, { type: 'form', values, error: a.error(result) }));
}
