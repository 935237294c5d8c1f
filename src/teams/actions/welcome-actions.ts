import { z } from 'zod';
import { findParticipant, leaderRefs, leaderRoleOf, own, type TableView } from '../../domain';
import { introView, renderCard, VERB, welcomeView, type AdaptiveCard, type Message } from '../../views';
import { controlledCard } from '../publish/controlled-cards';
import { consentPerson, isConsentPerson, leaderConsentCard } from '../publish/leader-consent';
import { field, guestFields, onBehalfOf } from '../routing/card-fields';
import { tableVerb } from '../routing/verb-spec';
import type { ActionContext } from './action-context';

/** The welcome card as this user sees it: with their own consent switch once they joined. */
function welcomeCard(a: ActionContext, state: TableView, error?: Message): AdaptiveCard {
  const viewer = findParticipant(state, a.actor);
  return renderCard(
    'welcome',
    welcomeView(state, a.lang, {
      retentionDays: a.deps.settings.retentionDays,
      ...(viewer ? { viewer } : {}),
      ...(error ? { error } : {}),
    }),
  );
}

const intro = z.object({ ...guestFields, role: field.text, involvement: field.text });

export const welcomeVerbs = [
  tableVerb({
    verb: VERB.join,
    data: z.object({}),
    who: 'anyone',
    phases: 'any',
    command: () => ({ type: 'join' }),
    async handle(a, _data, command) {
      const result = await a.run(command);
      // Pressing "Doe mee" twice is not a mistake: show the participant their own view again.
      if (result.type === 'ok' || result.code === 'alreadyJoined') return welcomeCard(a, a.viewAfter(result));
      return welcomeCard(a, a.viewAfter(result), a.error(result));
    },
  }),
  tableVerb({
    verb: VERB.welcomeView,
    data: z.object({}),
    who: 'anyone',
    phases: 'any',
    // Teams asks this for each participant and leider in the card's refresh.userIds; a leider also gets their controls.
    handle: (a) =>
      a.isLeader
        ? controlledCard(a.state, { card: 'welcome' }, a, { retentionDays: a.deps.settings.retentionDays })
        : welcomeCard(a, a.view),
  }),
  tableVerb({
    verb: VERB.consentSet,
    data: z.object({ consent: field.flag }),
    who: 'member',
    phases: 'any',
    command: ({ consent }) => ({ type: 'setNameConsent', consent }),
    async handle(a, _data, command) {
      const result = await a.run(command);
      return welcomeCard(a, a.viewAfter(result), result.type === 'error' ? a.error(result) : undefined);
    },
  }),
  tableVerb({
    verb: VERB.leaderConsent,
    /** `person`: whom the card asks (see leader-consent.ts); it can only refuse, never choose whose answer is stored. */
    data: z.object({ consent: field.flag, person: z.string().max(100).optional() }),
    who: 'notetaker',
    phases: 'any',
    command: ({ consent, person }, actor) =>
      person === undefined || isConsentPerson(person, actor) ? { type: 'setLeaderConsent', consent } : undefined,
    // Ja or Nee: always the presser's own answer; a card that asks someone else changes nothing.
    async handle(a, { person }, command) {
      if (!command) {
        const addressee = leaderRefs(a.state).find(({ ref }) => consentPerson(ref.id) === person);
        if (!addressee) return a.noticeCard('leaderConsent.gone');
        return leaderConsentCard(a.view, a.lang, addressee, { key: 'leaderConsent.notYours', params: { name: addressee.ref.name } });
      }
      const result = await a.run(command);
      if (result.type === 'error') return a.refusalCard(result, a.state);
      const holder = leaderRoleOf(result.state, a.actor);
      return holder ? leaderConsentCard(a.viewAfter(result), a.lang, holder) : a.noticeCard('error.notLeaderOrNotetaker');
    },
  }),
  tableVerb({
    verb: VERB.leaderConsentOpen,
    data: z.object({}),
    who: 'notetaker',
    phases: 'any',
    // From the status card: the presser's own consent card, to answer or change.
    handle(a) {
      const holder = leaderRoleOf(a.state, a.actor);
      return holder ? leaderConsentCard(a.view, a.lang, holder) : a.noticeCard('error.notLeaderOrNotetaker');
    },
    refused: (a) => a.noticeCard('error.notLeaderOrNotetaker'),
  }),
  tableVerb({
    verb: VERB.introOpen,
    data: z.object({ for: field.forGuest }),
    who: 'member',
    phases: 'any',
    guestForm: true,
    handle(a, { for: forId }) {
      const { subject, who } = a.subject(forId);
      if (!subject) return renderCard('intro', introView(a.view, a.lang, { type: 'shared', error: { key: 'error.notParticipant' } }));
      const guest = who.for ? { guest: { id: subject.id, name: subject.name } } : {};
      return renderCard('intro', introView(a.view, a.lang, { type: 'form', ...guest }, own(a.view.intro, subject.id)));
    },
  }),
  tableVerb({
    verb: VERB.introSubmit,
    data: intro,
    who: 'member',
    phases: 'any',
    guestForm: true,
    command: ({ role, involvement, ...data }) => ({
      type: 'answerIntro',
      ...(role !== undefined ? { role } : {}),
      ...(involvement !== undefined ? { involvement } : {}),
      ...onBehalfOf(data.for, data.guestConsent),
    }),
    async handle(a, { role, involvement, for: forId }, command) {
      const values = { ...(role !== undefined ? { role } : {}), ...(involvement !== undefined ? { involvement } : {}) };
      const result = await a.run(command);
      const state = a.viewAfter(result);
      const { subject, who } = a.subject(forId, state);
      if (result.type === 'ok')
        return renderCard('intro', introView(state, a.lang, { type: 'saved', ...(who.for ? { for: who.for } : {}) }));
      if (result.code === 'notParticipant' || !subject)
        return renderCard('intro', introView(state, a.lang, { type: 'shared', error: a.error(result) }));
      const guest = who.for ? { guest: { id: subject.id, name: subject.name } } : {};
      return renderCard('intro', introView(state, a.lang, { type: 'form', values, error: a.error(result), ...guest }));
    },
  }),
] as const;
