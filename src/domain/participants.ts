import type { UserRefInput } from './commands';
import { ok, type DecideResult } from './decision';
import { fail } from './errors';
import { LIMITS } from './limits';
import { findParticipant, isLead, isLeader } from './roles';
import { cleanText, textLength, truncate } from './text';
import type { Actor, LeaderRef, TableState } from './types';

export function join(state: TableState, actor: Actor, now: number): DecideResult {
  if (findParticipant(state, actor)) return fail('alreadyJoined');
  const members = state.participants.length;
  if (members >= state.settings.maxParticipants) return fail('tableFull', { max: state.settings.maxParticipants });
  const number = Math.max(0, ...state.participants.map((p) => p.number)) + 1;
  const participant = {
    id: actor.id,
    name: truncate(cleanText(actor.name), LIMITS.displayName),
    ...(actor.channelUserId ? { channelUserId: actor.channelUserId } : {}),
    number,
    nameConsent: false,
    joinedAt: now,
    guest: false,
  };
  return ok({ ...state, participants: [...state.participants, participant] }, { type: 'participantJoined', userId: actor.id });
}

export function setNameConsent(state: TableState, actor: Actor, consent: boolean): DecideResult {
  const me = findParticipant(state, actor);
  if (!me) return fail('notParticipant');
  if (me.nameConsent === consent) return ok(state);
  const participants = state.participants.map((p) => (p.id === me.id ? { ...p, nameConsent: consent } : p));
  return ok({ ...state, participants }, { type: 'nameConsentChanged', userId: me.id, consent });
}

export function answerIntro(state: TableState, actor: Actor, role: string | undefined, involvement: string | undefined, now: number): DecideResult {
  const me = findParticipant(state, actor);
  if (!me) return fail('notParticipant');
  const r = cleanText(role ?? '');
  const inv = cleanText(involvement ?? '');
  if (textLength(r) > LIMITS.introRole) return fail('textTooLong', { max: LIMITS.introRole });
  if (textLength(inv) > LIMITS.introInvolvement) return fail('textTooLong', { max: LIMITS.introInvolvement });
  const answer = { ...(r ? { role: r } : {}), ...(inv ? { involvement: inv } : {}), answeredAt: now };
  return ok({ ...state, intro: { ...state.intro, [me.id]: answer } }, { type: 'introAnswered', userId: me.id });
}

/** Resolves an @mention to a known person: a participant, a leider, or else the mention itself. */
function resolve(state: TableState, to: UserRefInput): LeaderRef | undefined {
  const known = state.participants.find(
    (p) => (to.id !== undefined && p.id === to.id) || (to.channelUserId !== undefined && p.channelUserId === to.channelUserId),
  );
  if (known) return { id: known.id, name: known.name, ...(known.channelUserId ? { channelUserId: known.channelUserId } : {}) };
  const id = to.id ?? to.channelUserId;
  if (!id) return undefined;
  const name = truncate(cleanText(to.name), LIMITS.displayName);
  return { id, name, ...(to.channelUserId ? { channelUserId: to.channelUserId } : {}) };
}

function sameRef(a: LeaderRef, b: LeaderRef): boolean {
  return a.id === b.id || (a.channelUserId !== undefined && a.channelUserId === b.channelUserId);
}

/** Only the gespreksleider hands over; a co-leider can already do everything else. */
export function handOver(state: TableState, actor: Actor, to: UserRefInput): DecideResult {
  if (!isLead(state, actor)) return fail('notLeader');
  const target = resolve(state, to);
  if (!target) return fail('unknownUser');
  if (sameRef(state.lead, target)) return fail('alreadyLeader', { name: target.name });
  const coLeads = state.coLeads.filter((c) => !sameRef(c, target));
  return ok({ ...state, lead: target, coLeads }, { type: 'leaderChanged', userId: target.id });
}

export function addCoLead(state: TableState, actor: Actor, to: UserRefInput): DecideResult {
  if (!isLeader(state, actor)) return fail('notLeader');
  const target = resolve(state, to);
  if (!target) return fail('unknownUser');
  if (isLeader(state, target)) return fail('alreadyLeader', { name: target.name });
  return ok({ ...state, coLeads: [...state.coLeads, target] }, { type: 'coLeadAdded', userId: target.id });
}
