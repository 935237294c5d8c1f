import type { Actor, LeaderRef, TableState } from './types';

/** Whether a leider or notulist reference names this person. */
export function matches(ref: LeaderRef, actor: Pick<Actor, 'id' | 'channelUserId'>): boolean {
  if (ref.id === actor.id) return true;
  // A leider named by @mention may be known only by the Teams channel id until they act.
  return ref.channelUserId !== undefined && ref.channelUserId === actor.channelUserId;
}

export function isLead(state: TableState, actor: Pick<Actor, 'id' | 'channelUserId'>): boolean {
  return matches(state.lead, actor);
}

/** The gespreksleider or a co-leider. */
export function isLeader(state: TableState, actor: Pick<Actor, 'id' | 'channelUserId'>): boolean {
  return isLead(state, actor) || state.coLeads.some((c) => matches(c, actor));
}

export function findParticipant(state: TableState, actor: Pick<Actor, 'id' | 'channelUserId'>) {
  return state.participants.find((p) => p.id === actor.id || (p.channelUserId !== undefined && p.channelUserId === actor.channelUserId));
}

/** Leiders and the notulist may record conclusions and notes. */
export function canTakeNotes(state: TableState, actor: Pick<Actor, 'id' | 'channelUserId'>): boolean {
  return isLeader(state, actor) || (state.notetaker !== undefined && matches(state.notetaker, actor));
}
