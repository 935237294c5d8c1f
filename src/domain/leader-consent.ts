import { ok, type DecideResult } from './decision';
import { fail } from './errors';
import { findParticipant, matches } from './roles';
import type { Actor, LeaderRef, TableState } from './types';

/** The roles that put a name in the report besides the participants'. */
export type LeaderRole = 'lead' | 'coLead' | 'notetaker';

type Person = Pick<Actor, 'id' | 'channelUserId'>;

/** Every leider and notulist reference of the table, with the role it stands for. */
export function leaderRefs(state: TableState): Array<{ role: LeaderRole; ref: LeaderRef }> {
  return [
    { role: 'lead' as const, ref: state.lead },
    ...state.coLeads.map((ref) => ({ role: 'coLead' as const, ref })),
    ...(state.notetaker ? [{ role: 'notetaker' as const, ref: state.notetaker }] : []),
  ];
}

/** The first role this person holds (gespreksleider before co-leider before notulist), if any. */
export function leaderRoleOf(state: TableState, who: Person): { role: LeaderRole; ref: LeaderRef } | undefined {
  return leaderRefs(state).find(({ ref }) => matches(ref, who));
}

/**
 * Whether this leider or notulist may be named in the report. One answer, one truth: someone who
 * also joined as participant answered on the welcome card, and that answer counts; otherwise the
 * answer they gave as leider. Undefined: never asked, which the report reads as no.
 */
export function leaderConsentOf(state: TableState, ref: LeaderRef): boolean | undefined {
  const participant = findParticipant(state, ref);
  return participant ? participant.nameConsent : ref.nameConsent;
}

/** The answer this person already gave in one of their roles, for a role they get next. */
export function knownLeaderConsent(state: TableState, who: Person): boolean | undefined {
  return leaderRefs(state).find(({ ref }) => matches(ref, who) && ref.nameConsent !== undefined)?.ref.nameConsent;
}

/**
 * A leider's, co-leider's or notulist's own answer to "may my name appear in the report?". Only
 * for oneself: the actor is who pressed, never someone named in card data. A participant's answer
 * is kept where the welcome card keeps it, so the two can never disagree.
 */
export function setLeaderConsent(state: TableState, actor: Actor, consent: boolean): DecideResult {
  if (!leaderRoleOf(state, actor)) return fail('notLeaderOrNotetaker');
  const participant = findParticipant(state, actor);
  if (participant) {
    if (participant.nameConsent === consent) return ok(state);
    const participants = state.participants.map((p) => (p.id === participant.id ? { ...p, nameConsent: consent } : p));
    return ok({ ...state, participants }, { type: 'nameConsentChanged', userId: participant.id, consent });
  }
  if (leaderRefs(state).every(({ ref }) => !matches(ref, actor) || ref.nameConsent === consent)) return ok(state);
  const answer = (ref: LeaderRef): LeaderRef => (matches(ref, actor) ? { ...ref, nameConsent: consent } : ref);
  const next: TableState = {
    ...state,
    lead: answer(state.lead),
    coLeads: state.coLeads.map(answer),
    ...(state.notetaker ? { notetaker: answer(state.notetaker) } : {}),
  };
  return ok(next, { type: 'leaderConsentChanged', userId: actor.id, consent });
}
