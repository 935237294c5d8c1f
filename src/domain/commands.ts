import type { Actor, PickSet } from './types';

/** Someone named in a command (an @mention), resolved to an id by the adapter. */
export interface UserRefInput {
  id?: string;
  channelUserId?: string;
  name: string;
}

/** What a user asks the table to do. The actor comes from the authenticated activity. */
export type Command =
  | { type: 'join' }
  | { type: 'setNameConsent'; consent: boolean }
  | { type: 'answerIntro'; role?: string; involvement?: string }
  | { type: 'handOver'; to: UserRefInput }
  | { type: 'addCoLead'; to: UserRefInput }
  | { type: 'next' }
  | { type: 'goToRound'; round: 1 | 2 | 3 }
  | { type: 'submitPicks'; round: number; picks: PickSet }
  | { type: 'reveal' }
  | { type: 'stop' };

export type CommandType = Command['type'];

export interface Envelope<C extends Command = Command> {
  actor: Actor;
  command: C;
}
