import { guestsBusy, openPoll, type GuestStep, type Language, type Participant, type TableView } from '../domain';
import { t } from '../i18n';
import { cardById } from './board-view';
import type { Message } from './error-view';
import { GUEST_CONSENT_INPUT } from './card-vocabulary';
import { pickRoundTitle } from './pick-round-name';
import { heading, rich } from './rich-text';

/** The step a guest's form is for, as its card calls it. */
export function guestStepName(state: TableView, lang: Language, step: GuestStep): string {
  switch (step.type) {
    case 'intro':
      return t(lang, 'intro.title');
    case 'picks':
      return pickRoundTitle(lang, step.round, 'open');
    case 'poll': {
      const poll = openPoll(state);
      return t(lang, 'poll.title', { title: (poll && cardById(state, poll.cardId)?.title) ?? '' });
    }
    case 'stickers':
      return t(lang, 'phase.round3');
    case 'closing':
      return t(lang, 'closing.title');
    default: {
      const never: never = step;
      throw new Error(`Unknown step ${JSON.stringify(never)}`);
    }
  }
}

/**
 * The message of its own that a guest's form opens on: posted once, never updated, so what the leider
 * types there is never overwritten. Everyone sees who is filled in for; only the leider who asked gets
 * the form itself (its refresh), and only a leider can open it.
 */
export function guestFillView(state: TableView, lang: Language, guest: Participant, step: GuestStep | undefined, error?: Message) {
  return {
    heading: heading(t(lang, 'guestFill.title', { name: t(lang, 'guest.label', { name: guest.name }) })),
    text: step
      ? rich(lang, 'guestFill.text', { step: guestStepName(state, lang, step), name: guest.name })
      : rich(lang, 'guestFill.noStep'),
    ...(error ? { error: rich(lang, error) } : {}),
    open: t(lang, 'guestFill.open'),
    for: guest.id,
  };
}

/**
 * What a guest's form adds to the form itself: the guest's consent to be named in the report, as
 * they said it aloud (recorded with the answer), and "Annuleren" back to the message it opened on.
 */
export function guestConsentView(lang: Language, guest: Participant, consent: boolean) {
  return {
    note: rich(lang, 'guestFill.consentNote', { name: guest.name }),
    consent: {
      id: GUEST_CONSENT_INPUT,
      label: t(lang, 'guestFill.consentLabel'),
      title: t(lang, 'guestFill.consent', { name: guest.name }),
      value: consent ? 'true' : 'false',
    },
    cancel: t(lang, 'guestFill.cancel'),
    for: guest.id,
  };
}

/** "Invullen voor Karel": a button per guest who gave nothing yet in the open step, for the leider's controls. */
export function guestFillButtons(state: TableView, lang: Language, on: object): Array<{ title: string; data: object }> {
  return guestsBusy(state).map((g) => ({ title: t(lang, 'for.switch', { name: g.name }), data: { ...on, for: g.id } }));
}
