import { z } from 'zod';
import { groupView, guestStep, own, votingOpen, type Participant } from '../../domain';
import { t } from '../../i18n';
import {
  closingView,
  guestFillView,
  guestStepName,
  introView,
  pickFormView,
  pollFormView,
  renderCard,
  stickerFormView,
  valuesOf,
  VERB,
  type AdaptiveCard,
  type Message,
} from '../../views';
import { post } from '../outbound/outbound';
import { controlledCard } from '../publish/controlled-cards';
import { modelPictureOf } from '../publish/model-picture';
import { field } from '../routing/card-fields';
import { tableVerb } from '../routing/verb-spec';
import type { ActionContext } from './action-context';
import { on, refOf } from './leader-actions';

const forGuest = z.object({ for: field.forGuest });

/** The guest card data names, if the table has that guest: an id of anyone else is no guest. */
function guestOf(a: ActionContext, id: string | undefined): Participant | undefined {
  return id ? a.state.participants.find((p) => p.guest && p.id === id) : undefined;
}

/** The guest's own message as the presser sees it (in their language), or, without a guest, why not. */
function guestCard(a: ActionContext, guest: Participant | undefined, error?: Message): AdaptiveCard {
  if (!guest) return a.noticeCard('error.notGuest');
  return renderCard('guest-fill', guestFillView(a.view, a.lang, guest, guestStep(a.view), error));
}

/** The form of the open step for the guest, prefilled with what the guest has; undefined when no step takes input. */
function formFor(a: ActionContext, guest: Participant): AdaptiveCard | undefined {
  const step = guestStep(a.view);
  if (!step) return undefined;
  const { who } = a.subject(guest.id);
  switch (step.type) {
    case 'intro':
      return renderCard('intro', introView(a.view, a.lang, { type: 'form', guest }, own(a.view.intro, guest.id)));
    case 'picks': {
      const round = a.view.pickRounds.find((r) => r.number === step.round);
      return renderCard(
        'pick-form',
        pickFormView(a.view, a.lang, step.round, valuesOf(round && own(round.picks, guest.id)), undefined, who),
      );
    }
    case 'poll': {
      const poll = a.view.round2.polls.find((p) => p.number === step.poll);
      return poll && renderCard('poll', pollFormView(a.view, a.lang, poll, guest, who));
    }
    case 'stickers':
      return votingOpen(a.state)
        ? renderCard('sticker-form', stickerFormView(a.view, a.lang, own(a.view.round3.stickers, guest.id), who))
        : undefined;
    case 'closing':
      return renderCard('closing', closingView(a.view, a.lang, { type: 'form', subject: guest, who }));
    default: {
      const never: never = step;
      throw new Error(`Unknown step ${JSON.stringify(never)}`);
    }
  }
}

/**
 * Filling in for a guest in one click: "Invullen voor Karel" in the leider's controls posts the
 * guest's form in a message of its own (never on the progress card, which others' actions update).
 * The whole chat sees who is filled in for; the leider who asked sees the form itself (the message's
 * refresh); in a client without user-specific views they open it with its button. Only a leider
 * opens it: a participant who presses a forged button reads why in their own card.
 */
export const guestVerbs = [
  tableVerb({
    verb: VERB.guestFill,
    data: on.extend({ for: field.forGuest }),
    who: 'leader',
    phases: 'any',
    handle(a, data) {
      const options = { retentionDays: a.deps.settings.retentionDays, picture: () => modelPictureOf(a.deps.pictures, a.key, a.state) };
      const guest = guestOf(a, data.for);
      if (!guest) return controlledCard(a.state, refOf(data), a, { ...options, note: { key: 'error.notGuest' } });
      const step = guestStep(a.view);
      if (!step) return controlledCard(a.state, refOf(data), a, { ...options, note: { key: 'guestFill.noStep' } });
      const shared = groupView(a.state);
      const lang = shared.settings.language;
      const message = renderCard('guest-fill', guestFillView(shared, lang, guest, step));
      const open = { type: 'Action.Execute', title: t(lang, 'guestFill.open'), verb: VERB.guestOpen, data: { for: guest.id } };
      const card = a.actor.channelUserId ? { ...message, refresh: { action: open, userIds: [a.actor.channelUserId] } } : message;
      const summary = `${t(lang, 'guestFill.title', { name: guest.name })}: ${guestStepName(shared, lang, step)}`;
      // After the answer, as every post an action causes: the leider gets their card within Teams' 5 s.
      a.deps.afterAnswer.run(a.context.activity, async (afterwards) => void (await post(afterwards, card, summary)));
      return controlledCard(a.state, refOf(data), a, {
        ...options,
        note: { key: 'guestFill.posted', params: { name: guest.name } },
        noteGood: true,
      });
    },
    refused: (a, message, data) => controlledCard(a.state, refOf(data), a, { retentionDays: a.deps.settings.retentionDays, note: message }),
  }),
  tableVerb({
    verb: VERB.guestOpen,
    data: forGuest,
    who: 'leader',
    phases: 'any',
    guestForm: true,
    // Also Teams' refresh for the leider who asked: the form itself, in place of the message.
    handle(a, data) {
      const guest = guestOf(a, data.for);
      if (!guest) return a.noticeCard('error.notGuest');
      return formFor(a, guest) ?? guestCard(a, guest);
    },
    refused: (a, message, data) => guestCard(a, guestOf(a, data.for), message),
  }),
  tableVerb({
    verb: VERB.guestBack,
    data: forGuest,
    who: 'leader',
    phases: 'any',
    handle: (a, data) => guestCard(a, guestOf(a, data.for)),
    refused: (a, message, data) => guestCard(a, guestOf(a, data.for), message),
  }),
] as const;
