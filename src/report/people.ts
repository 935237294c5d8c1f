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
 * A leider or notulist by name, except when they also joined as a participant without consent:
 * then they keep their "deelnemer 3", or the report would give away who that participant is.
 */
export function leaderLabel(state: TableState, ref: LeaderRef, lang: Language): string {
  const asParticipant = state.participants.find((p) => sameUser(ref, p));
  return asParticipant ? personRef(asParticipant, lang).label : ref.name;
}
