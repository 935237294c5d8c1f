import { isNamed, type Language, type LeaderRef, type Participant, type TableState } from '../domain';
import { t } from '../i18n';
import type { PersonRef } from './summary-types';

/** The one place where the report decides how a participant is named: by name only with consent. */
export function personRef(p: Participant, lang: Language): PersonRef {
  return {
    label: isNamed(p) ? p.name : t(lang, 'participant.anonymous', { number: p.number }),
    number: p.number,
    named: isNamed(p),
    guest: p.guest,
  };
}

function sameUser(ref: LeaderRef, p: Participant): boolean {
  return ref.id === p.id || (ref.channelUserId !== undefined && ref.channelUserId === p.channelUserId);
}

/**
 * A leider or notulist by name only when they said yes. One who also joined as a participant is
 * named as that participant (their "deelnemer 3" without consent, or the report would give away who
 * that participant is); one who never answered, or said no, is left unnamed under their role.
 */
export function leaderLabel(state: TableState, ref: LeaderRef, lang: Language): string {
  const asParticipant = state.participants.find((p) => sameUser(ref, p));
  if (asParticipant) return personRef(asParticipant, lang).label;
  return ref.nameConsent === true ? ref.name : t(lang, 'report.leaderUnnamed');
}
