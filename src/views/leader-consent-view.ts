import { leaderConsentOf, type Language, type LeaderRef, type LeaderRole, type TableView } from '../domain';
import { t } from '../i18n';
import type { Message } from './error-view';
import { heading, rich } from './rich-text';

export interface LeaderConsentOptions {
  /** Who the buttons are for, as the adapter marks it (no user id on a card the whole chat sees). */
  person: string;
  error?: Message;
}

/**
 * The question to a gespreksleider, co-leider or notulist whether their name may appear in the
 * report, for `cards/leader-consent.json`. Their current answer shows once they gave one; the same
 * buttons change it.
 */
export function leaderConsentView(state: TableView, lang: Language, ref: LeaderRef, role: LeaderRole, opts: LeaderConsentOptions) {
  const consent = leaderConsentOf(state, ref);
  return {
    heading: heading(t(lang, 'leaderConsent.title')),
    question: rich(lang, 'leaderConsent.question', { name: ref.name, role: t(lang, `leaderConsent.role.${role}`) }),
    ...(consent !== undefined
      ? { answer: rich(lang, consent ? 'leaderConsent.answeredYes' : 'leaderConsent.answeredNo', { name: ref.name }) }
      : {}),
    note: rich(lang, 'leaderConsent.note', { name: ref.name }),
    ...(opts.error ? { error: rich(lang, opts.error) } : {}),
    person: opts.person,
    yes: t(lang, 'leaderConsent.yes'),
    no: t(lang, 'leaderConsent.no'),
  };
}
