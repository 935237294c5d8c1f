import type { UserRefInput } from './commands';
import { ok, type DecideResult } from './decision';
import { fail, tooLong } from './errors';
import { knownLeaderConsent } from './leader-consent';
import { LIMITS } from './limits';
import { findParticipant, isLead, isLeader } from './roles';
import { isSubject, subjectOf } from './subject';
import { cleanText, isBlank, textLength, truncate, visibleText } from './text';
import type { Actor, LeaderRef, Participant, TableState } from './types';

function nextNumber(state: TableState): number {
  return Math.max(0, ...state.participants.map((p) => p.number)) + 1;
}

export function join(state: TableState, actor: Actor, now: number): DecideResult {
  if (findParticipant(state, actor)) return fail('alreadyJoined');
  if (state.participants.length >= state.settings.maxParticipants) return fail('tableFull', { max: state.settings.maxParticipants });
  const number = nextNumber(state);
  const participant = {
    id: actor.id,
    // A Teams display name of fillers is no name: stored empty, so the cards say "deelnemer N" (isNamed).
    name: truncate(visibleText(actor.name), LIMITS.displayName),
    ...(actor.channelUserId ? { channelUserId: actor.channelUserId } : {}),
    number,
    // A leider who already answered whether their name may be used is not asked a second time.
    nameConsent: knownLeaderConsent(state, actor) ?? false,
    joinedAt: now,
    guest: false,
  };
  return ok({ ...state, participants: [...state.participants, participant] }, { type: 'participantJoined', userId: actor.id });
}

/** Whether cards and reports may show this participant's name: with consent, and only a name that shows. */
export function isNamed(p: Participant): boolean {
  return p.nameConsent && p.name !== '';
}

export function setNameConsent(state: TableState, actor: Actor, consent: boolean, onBehalfOf?: string): DecideResult {
  const subject = subjectOf(state, actor, onBehalfOf);
  if (!isSubject(subject)) return subject;
  const me = subject.participant;
  if (me.nameConsent === consent) return ok(state);
  const participants = state.participants.map((p) => (p.id === me.id ? { ...p, nameConsent: consent } : p));
  return ok({ ...state, participants }, { type: 'nameConsentChanged', userId: me.id, consent });
}

export function answerIntro(
  state: TableState,
  actor: Actor,
  role: string | undefined,
  involvement: string | undefined,
  now: number,
  onBehalfOf?: string,
): DecideResult {
  const subject = subjectOf(state, actor, onBehalfOf);
  if (!isSubject(subject)) return subject;
  const me = subject.participant;
  const r = cleanText(role ?? '');
  const inv = cleanText(involvement ?? '');
  if (textLength(r) > LIMITS.introRole) return tooLong('introRole', LIMITS.introRole);
  if (textLength(inv) > LIMITS.introInvolvement) return tooLong('introInvolvement', LIMITS.introInvolvement);
  const answer = {
    ...(r ? { role: r } : {}),
    ...(inv ? { involvement: inv } : {}),
    answeredAt: now,
    ...(subject.enteredBy ? { enteredBy: subject.enteredBy } : {}),
  };
  return ok({ ...state, intro: { ...state.intro, [me.id]: answer } }, { type: 'introAnswered', userId: me.id });
}

/**
 * Resolves an @mention to a known person: a participant, a leider, or else the mention itself. The
 * new role starts without an answer about the name (so the report leaves it out until they give
 * one), unless this person already answered in another role; a participant's answer stays on the
 * participant (see leaderConsentOf).
 */
function resolve(state: TableState, to: UserRefInput): LeaderRef | undefined {
  const known = state.participants.find(
    (p) => (to.id !== undefined && p.id === to.id) || (to.channelUserId !== undefined && p.channelUserId === to.channelUserId),
  );
  if (known) return { id: known.id, name: known.name, ...(known.channelUserId ? { channelUserId: known.channelUserId } : {}) };
  const id = to.id ?? to.channelUserId;
  if (!id) return undefined;
  const name = truncate(cleanText(to.name), LIMITS.displayName);
  const ref = { id, name, ...(to.channelUserId ? { channelUserId: to.channelUserId } : {}) };
  const answered = knownLeaderConsent(state, ref);
  return answered === undefined ? ref : { ...ref, nameConsent: answered };
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

/**
 * Someone in the room without a device: the leider enters their input and it is marked as such.
 * `nameConsent`: the guest told the leider their name may appear in the report; no unless said.
 */
export function addGuest(state: TableState, actor: Actor, rawName: string, now: number, nameConsent = false): DecideResult {
  if (!isLeader(state, actor)) return fail('notLeader');
  const name = truncate(cleanText(rawName).replace(/\s+/g, ' '), LIMITS.displayName);
  if (!name) return fail('emptyText');
  if (isBlank(name)) return fail('blankText');
  if (state.participants.length >= state.settings.maxParticipants) return fail('tableFull', { max: state.settings.maxParticipants });
  const number = nextNumber(state);
  const guest = { id: `guest-${number}`, name, number, nameConsent, joinedAt: now, guest: true };
  return ok({ ...state, participants: [...state.participants, guest] }, { type: 'guestAdded', userId: guest.id });
}

/** The notulist records conclusions and notes, like a leider, without leading the table. */
export function setNotetaker(state: TableState, actor: Actor, to: UserRefInput): DecideResult {
  if (!isLeader(state, actor)) return fail('notLeader');
  const target = resolve(state, to);
  if (!target) return fail('unknownUser');
  return ok({ ...state, notetaker: target }, { type: 'notetakerSet', userId: target.id });
}
