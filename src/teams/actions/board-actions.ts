import type { Agreement, CardKind, Zone } from '../../domain';
import { t } from '../../i18n';
import { cardById, noticeView, ownCardFormView, placeFormView, pollFormView, pollView, renderCard, type AdaptiveCard, type PlaceValues } from '../../views';
import type { CardAction } from '../routing/card-actions';
import type { ActionContext } from './action-context';

type PlaceAction = Extract<CardAction, { verb: 'board.place' | 'poll.open' }>;

function placeValues(action: PlaceAction): PlaceValues {
  const { card, zone, agreement, purpose, trait } = action;
  return { card, zone, agreement, purpose, trait };
}

/** The leider's form; anyone else is told who places cards, and nothing changes. */
export function openPlaceForm(a: ActionContext): AdaptiveCard {
  const error = a.isLeader ? undefined : { key: 'error.notLeader' as const, params: { lead: a.state.lead.name } };
  return renderCard('place-form', placeFormView(a.view, a.lang, {}, error));
}

export async function placeCard(a: ActionContext, action: Extract<CardAction, { verb: 'board.place' }>): Promise<AdaptiveCard> {
  const result = await a.run({
    type: 'placeCard',
    cardId: action.card ?? '',
    zone: (action.zone ?? '') as Zone,
    agreement: (action.agreement ?? '') as Agreement,
    ...(action.purpose !== undefined ? { purpose: action.purpose } : {}),
    ...(action.trait !== undefined ? { trait: action.trait } : {}),
  });
  const state = a.viewAfter(result);
  if (result.type === 'error') return renderCard('place-form', placeFormView(state, a.lang, placeValues(action), a.error(result)));
  const placement = state.round2.placements[action.card ?? ''];
  const done = placement && {
    key: 'place.saved' as const,
    params: {
      title: cardById(state, placement.cardId)?.title ?? placement.cardId,
      zone: t(a.lang, `zone.${placement.zone}`),
      agreement: t(a.lang, `agreement.${placement.agreement}`),
    },
  };
  // A fresh form, so the leider can go on with the next card.
  return renderCard('place-form', placeFormView(state, a.lang, {}, undefined, done));
}

export async function startPoll(a: ActionContext, action: Extract<CardAction, { verb: 'poll.open' }>): Promise<AdaptiveCard> {
  const result = await a.run({ type: 'openPoll', cardId: action.card ?? '' });
  const state = a.viewAfter(result);
  if (result.type === 'error') return renderCard('place-form', placeFormView(state, a.lang, placeValues(action), a.error(result)));
  const title = cardById(state, action.card ?? '')?.title ?? '';
  return renderCard('place-form', placeFormView(state, a.lang, placeValues(action), undefined, { key: 'place.pollOpened', params: { title } }));
}

function unknownPoll(a: ActionContext): AdaptiveCard {
  return renderCard('notice', noticeView(a.lang, 'error.badCardData', {}, 'attention'));
}

export function openPollVote(a: ActionContext, pollNumber: number, forId: string | undefined): AdaptiveCard {
  const poll = a.view.round2.polls.find((p) => p.number === pollNumber);
  if (!poll) return unknownPoll(a);
  const { subject, who } = a.subject(forId);
  if (!subject) return renderCard('poll', pollView(a.view, a.lang, poll, { key: 'error.notParticipant' }));
  if (poll.closedAt !== undefined) return renderCard('poll', pollView(a.view, a.lang, poll, { key: 'poll.closed' }));
  return renderCard('poll', pollFormView(a.view, a.lang, poll, subject, who));
}

export async function votePoll(a: ActionContext, action: Extract<CardAction, { verb: 'poll.vote' }>): Promise<AdaptiveCard> {
  const { onBehalfOf } = a.subject(action.for);
  const result = await a.run({ type: 'votePoll', poll: action.poll, zone: (action.zone ?? '') as Zone, ...(onBehalfOf ? { onBehalfOf } : {}) });
  const state = a.viewAfter(result);
  const poll = state.round2.polls.find((p) => p.number === action.poll);
  if (!poll) return unknownPoll(a);
  const { subject, who } = a.subject(action.for, state);
  if (result.type === 'ok' && subject) return renderCard('poll', pollFormView(state, a.lang, poll, subject, who, { saved: true }));
  const error = result.type === 'error' ? a.error(result) : { key: 'error.unexpected' as const };
  if (!subject || poll.closedAt !== undefined) return renderCard('poll', pollView(state, a.lang, poll, error));
  return renderCard('poll', pollFormView(state, a.lang, poll, subject, who, { error }));
}

export async function closePoll(a: ActionContext, pollNumber: number): Promise<AdaptiveCard> {
  const result = await a.run({ type: 'closePoll', poll: pollNumber });
  const state = a.viewAfter(result);
  const poll = state.round2.polls.find((p) => p.number === pollNumber);
  if (!poll) return unknownPoll(a);
  return renderCard('poll', pollView(state, a.lang, poll, result.type === 'error' ? a.error(result) : undefined));
}

export function openOwnCard(a: ActionContext, kind: CardKind): AdaptiveCard {
  return renderCard('own-card-form', ownCardFormView(a.lang, kind));
}

export async function addOwnCard(a: ActionContext, action: Extract<CardAction, { verb: 'owncard.add' }>): Promise<AdaptiveCard> {
  const values = { title: action.title ?? '', description: action.description ?? '' };
  const result = await a.run({ type: 'addOwnCard', kind: action.kind, title: values.title, ...(action.description ? { description: action.description } : {}) });
  if (result.type === 'error') return renderCard('own-card-form', ownCardFormView(a.lang, action.kind, values, a.error(result)));
  const deck = action.kind === 'intention' ? result.state.deck.intentions : result.state.deck.ingredients;
  const title = deck[deck.length - 1]?.title ?? '';
  return renderCard('own-card-form', ownCardFormView(a.lang, action.kind, {}, undefined, { key: 'own.added', params: { title } }));
}
