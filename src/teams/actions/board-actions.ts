import { z } from 'zod';
import { t } from '../../i18n';
import {
  boardView,
  cardById,
  ownCardFormView,
  placeFormView,
  pollFormView,
  pollView,
  renderCard,
  VERB,
  type AdaptiveCard,
  type PlaceValues,
} from '../../views';
import { modelPictureOf } from '../publish/model-picture';
import { field, guestFields, onBehalfOf } from '../routing/card-fields';
import { controlledCard } from '../publish/controlled-cards';
import { tableVerb } from '../routing/verb-spec';
import type { ActionContext } from './action-context';

/** The leider's place form, as sent: a card and where, how much the group agreed, and why. */
const placeData = z.object({ card: field.cardId, zone: field.cardId, agreement: field.cardId, purpose: field.text, trait: field.text });

function placeValues(data: z.output<typeof placeData>): PlaceValues {
  const { card, zone, agreement, purpose, trait } = data;
  return { card, zone, agreement, purpose, trait };
}

/** A poll number that is not (or no longer) the table's: forged or from another table's card. */
function unknownPoll(a: ActionContext): AdaptiveCard {
  return a.noticeCard('error.badCardData');
}

export const boardVerbs = [
  tableVerb({
    verb: VERB.boardView,
    data: z.object({}),
    who: 'anyone',
    phases: 'any',
    // Back from a personal form to the shared card it came from, as it is now.
    handle: (a) => renderCard('board', boardView(a.view, a.lang, undefined, modelPictureOf(a.deps.pictures, a.key, a.state))),
  }),
  tableVerb({
    verb: VERB.round2Tools,
    data: z.object({}),
    who: 'anyone',
    phases: ['round2'],
    // Back from a form to the buttons of Round 2, where it was opened.
    // A leider gets their controls on it again (Kaartje plaatsen), anyone else the shared card.
    handle: (a) => controlledCard(a.state, { card: 'tools' }, a, { retentionDays: a.deps.settings.retentionDays }),
  }),
  tableVerb({
    verb: VERB.boardPlaceOpen,
    /** From the spread of a silent placement: the card, and the zone most chose, filled in. */
    data: z.object({ card: field.cardId, zone: field.cardId }),
    who: 'leader',
    phases: ['round2'],
    handle: (a, { card, zone }) =>
      renderCard('place-form', placeFormView(a.view, a.lang, { ...(card ? { card } : {}), ...(zone ? { zone } : {}) })),
    // Anyone else is told who places cards, and nothing changes.
    refused: (a, message) => renderCard('place-form', placeFormView(a.view, a.lang, {}, message)),
  }),
  tableVerb({
    verb: VERB.boardPlace,
    data: placeData,
    who: 'leader',
    phases: ['round2'],
    command: (data) => ({
      type: 'placeCard',
      cardId: data.card ?? '',
      zone: data.zone ?? '',
      agreement: data.agreement ?? '',
      ...(data.purpose !== undefined ? { purpose: data.purpose } : {}),
      ...(data.trait !== undefined ? { trait: data.trait } : {}),
    }),
    async handle(a, data, command) {
      const result = await a.run(command);
      const state = a.viewAfter(result);
      if (result.type === 'error') return renderCard('place-form', placeFormView(state, a.lang, placeValues(data), a.error(result)));
      const placement = state.round2.placements[command.cardId];
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
    },
  }),
  tableVerb({
    verb: VERB.boardRemove,
    /** The place form's inputs: the card chosen there is the one taken off the model. */
    data: placeData,
    who: 'leader',
    phases: ['round2'],
    command: (data) => ({ type: 'removePlacement', cardId: data.card ?? '' }),
    async handle(a, data, command) {
      const result = await a.run(command);
      const state = a.viewAfter(result);
      if (result.type === 'error') return renderCard('place-form', placeFormView(state, a.lang, placeValues(data), a.error(result)));
      const title = cardById(state, command.cardId)?.title ?? command.cardId;
      return renderCard('place-form', placeFormView(state, a.lang, {}, undefined, { key: 'place.removed', params: { title } }));
    },
  }),
  tableVerb({
    verb: VERB.pollOpen,
    data: placeData,
    who: 'leader',
    phases: ['round2'],
    command: (data) => ({ type: 'openPoll', cardId: data.card ?? '' }),
    async handle(a, data, command) {
      const result = await a.run(command);
      const state = a.viewAfter(result);
      if (result.type === 'error') return renderCard('place-form', placeFormView(state, a.lang, placeValues(data), a.error(result)));
      const title = cardById(state, command.cardId)?.title ?? '';
      return renderCard(
        'place-form',
        placeFormView(state, a.lang, placeValues(data), undefined, { key: 'place.pollOpened', params: { title } }),
      );
    },
  }),
  tableVerb({
    verb: VERB.pollVoteOpen,
    data: z.object({ poll: field.poll, for: field.forGuest }),
    who: 'member',
    phases: ['round2'],
    guestForm: true,
    handle(a, { poll: pollNumber, for: forId }) {
      const poll = a.view.round2.polls.find((p) => p.number === pollNumber);
      if (!poll) return unknownPoll(a);
      const { subject, who } = a.subject(forId);
      if (!subject) return renderCard('poll', pollView(a.view, a.lang, poll, { key: 'error.notParticipant' }));
      if (poll.closedAt !== undefined) return renderCard('poll', pollView(a.view, a.lang, poll, { key: 'poll.closed' }));
      return renderCard('poll', pollFormView(a.view, a.lang, poll, subject, who));
    },
  }),
  tableVerb({
    verb: VERB.pollVote,
    data: z.object({ poll: field.poll, zone: field.cardId, ...guestFields }),
    who: 'member',
    phases: ['round2'],
    guestForm: true,
    command: (data) => ({ type: 'votePoll', poll: data.poll, zone: data.zone ?? '', ...onBehalfOf(data.for, data.guestConsent) }),
    async handle(a, data, command) {
      const result = await a.run(command);
      const state = a.viewAfter(result);
      const poll = state.round2.polls.find((p) => p.number === data.poll);
      if (!poll) return unknownPoll(a);
      const { subject, who } = a.subject(data.for, state);
      if (result.type === 'ok' && subject) return renderCard('poll', pollFormView(state, a.lang, poll, subject, who, { saved: true }));
      const error = result.type === 'error' ? a.error(result) : { key: 'error.unexpected' as const };
      if (!subject || poll.closedAt !== undefined) return renderCard('poll', pollView(state, a.lang, poll, error));
      return renderCard('poll', pollFormView(state, a.lang, poll, subject, who, { error }));
    },
  }),
  tableVerb({
    verb: VERB.pollClose,
    data: z.object({ poll: field.poll }),
    who: 'leader',
    phases: ['round2'],
    command: (data) => ({ type: 'closePoll', poll: data.poll }),
    async handle(a, data, command) {
      const result = await a.run(command);
      const state = a.viewAfter(result);
      const poll = state.round2.polls.find((p) => p.number === data.poll);
      if (!poll) return unknownPoll(a);
      return renderCard('poll', pollView(state, a.lang, poll, result.type === 'error' ? a.error(result) : undefined));
    },
  }),
  tableVerb({
    verb: VERB.ownCardOpen,
    data: z.object({ kind: field.kind }),
    who: 'member',
    phases: ['round1', 'round2', 'round3'],
    handle: (a, { kind }) => renderCard('own-card-form', ownCardFormView(a.lang, kind)),
  }),
  tableVerb({
    verb: VERB.ownCardAdd,
    data: z.object({ kind: field.kind, title: field.text, description: field.text }),
    who: 'member',
    phases: ['round1', 'round2', 'round3'],
    command: (data) => ({
      type: 'addOwnCard',
      kind: data.kind,
      title: data.title ?? '',
      ...(data.description ? { description: data.description } : {}),
    }),
    async handle(a, data, command) {
      const values = { title: data.title ?? '', description: data.description ?? '' };
      const result = await a.run(command);
      if (result.type === 'error') return renderCard('own-card-form', ownCardFormView(a.lang, data.kind, values, a.error(result)));
      const deck = data.kind === 'intention' ? result.state.deck.intentions : result.state.deck.ingredients;
      const title = deck[deck.length - 1]?.title ?? '';
      return renderCard('own-card-form', ownCardFormView(a.lang, data.kind, {}, undefined, { key: 'own.added', params: { title } }));
    },
  }),
] as const;
