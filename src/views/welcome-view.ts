import { isNamed, type Language, type Participant, type TableView } from '../domain';
import { t } from '../i18n';
import type { Message } from './error-view';
import { namedPeople } from './names';
import { agendaView } from './step-view';
import { VERB } from './card-vocabulary';
import { leaderChannelIds } from './leader-controls';
import { bold, heading, plain, rich, type TextRun } from './rich-text';

export interface WelcomeOptions {
  retentionDays: number;
  /** The participant looking at their own view of the card (after joining). */
  viewer?: Participant;
  error?: Message;
}

export function welcomeView(state: TableView, lang: Language, opts: WelcomeOptions) {
  const names = namedPeople(state.participants, lang);
  const viewer = opts.viewer;
  const full = state.participants.length >= state.settings.maxParticipants;
  // Participants see their own consent switch, leiders their controls (leader-controls.ts).
  const userIds = [
    ...new Set([...state.participants.map((p) => p.channelUserId).filter((id): id is string => !!id), ...leaderChannelIds(state)]),
  ];
  return {
    heading: heading(t(lang, 'welcome.title'), 'Large'),
    title: heading(state.title),
    intro: rich(lang, 'welcome.intro'),
    goalLabel: bold(t(lang, 'welcome.goalLabel')),
    goal: plain(state.settings.goal ?? t(lang, 'welcome.defaultGoal')),
    outcomeLabel: bold(t(lang, 'welcome.outcomeLabel')),
    outcome: plain(state.settings.outcomeUse ?? t(lang, 'welcome.defaultOutcome')),
    agenda: agendaView(state, lang),
    leader: rich(lang, 'welcome.leader', { name: state.lead.name }),
    count: rich(lang, 'welcome.count', { count: state.participants.length, max: state.settings.maxParticipants }),
    ...(names ? { names: rich(lang, 'welcome.names', { names }) } : {}),
    privacy: rich(lang, 'welcome.privacy', { days: opts.retentionDays }),
    ...(viewer ? { personal: personalPart(viewer, lang) } : {}),
    ...(opts.error ? { error: rich(lang, opts.error) } : {}),
    next: state.phase === 'setup' ? rich(lang, 'welcome.next') : [],
    ...(!viewer && !full ? { join: { title: t(lang, 'welcome.join') } } : {}),
    // Teams shows each joined participant their own view (with the consent switch) when the card updates.
    ...(userIds.length > 0 && userIds.length <= 60
      ? { refresh: { title: t(lang, 'welcome.join'), verb: VERB.welcomeView, data: {}, userIds } }
      : {}),
  };
}

function personalPart(
  viewer: Participant,
  lang: Language,
): { title: TextRun[]; consent: TextRun[]; note: TextRun[]; toggle: { title: string; consent: boolean } } {
  return {
    title: bold(t(lang, 'joined.title', { number: viewer.number })),
    // A display name that shows nothing is never used: such a participant stays "deelnemer N".
    consent: isNamed(viewer)
      ? rich(lang, 'joined.consentYes', { name: viewer.name })
      : rich(lang, 'joined.consentNo', { number: viewer.number }),
    note: rich(lang, 'joined.private'),
    toggle: viewer.nameConsent
      ? { title: t(lang, 'joined.withdrawConsent'), consent: false }
      : { title: t(lang, 'joined.giveConsent'), consent: true },
  };
}
