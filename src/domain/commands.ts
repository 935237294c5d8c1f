import type { SessionState } from './session-types';
import type { Actor, CardKind, PickSet, UserId } from './types';

/** Someone named in a command (an @mention), resolved to an id by the adapter. */
export interface UserRefInput {
  id?: string;
  channelUserId?: string;
  name: string;
}

/** What a user asks the table to do. The actor comes from the authenticated activity. */
/**
 * `onBehalfOf` lets a leider enter input for a guest (a participant in the room without a device);
 * for anyone else, or for someone who is not a guest, it is refused. `guestConsent` goes with it: the
 * guest's answer whether their name may appear in the report, recorded with the input in one step
 * (guest-consent.ts); without `onBehalfOf` it is refused, so nobody sets it for someone else.
 */
export type Command =
  | { type: 'join' }
  | { type: 'setNameConsent'; consent: boolean; onBehalfOf?: UserId }
  /** A leider's, co-leider's or notulist's own answer: may their name appear in the report? */
  | { type: 'setLeaderConsent'; consent: boolean }
  | { type: 'answerIntro'; role?: string; involvement?: string; onBehalfOf?: UserId; guestConsent?: boolean }
  | { type: 'handOver'; to: UserRefInput }
  | { type: 'addCoLead'; to: UserRefInput }
  | { type: 'setNotetaker'; to: UserRefInput }
  /** `nameConsent`: the guest said their name may appear in the report (absent: no, as for anyone who joins). */
  | { type: 'addGuest'; name: string; nameConsent?: boolean }
  | { type: 'next' }
  | { type: 'goToRound'; round: 1 | 2 | 3 }
  | { type: 'submitPicks'; round: number; picks: PickSet; onBehalfOf?: UserId; guestConsent?: boolean }
  | { type: 'reveal' }
  | { type: 'openPickRound' }
  | { type: 'addOwnCard'; kind: CardKind; title: string; description?: string }
  | { type: 'openPoll'; cardId: string }
  /** `zone` and `agreement` come from card data as typed text: the rules check they are ones the model has. */
  | { type: 'votePoll'; poll: number; zone: string; onBehalfOf?: UserId; guestConsent?: boolean }
  /** `poll`: the poll the button belongs to; a stale button must not close a newer poll. */
  | { type: 'closePoll'; poll?: number }
  | { type: 'placeCard'; cardId: string; zone: string; agreement: string; purpose?: string; trait?: string }
  /** Takes a placed card off the model again. */
  | { type: 'removePlacement'; cardId: string }
  | { type: 'addConclusion'; text: string }
  | { type: 'addNote'; text: string }
  | { type: 'setStickers'; counts: Record<string, number>; onBehalfOf?: UserId; guestConsent?: boolean }
  | { type: 'closeVoting' }
  /** `sluit`: what is open to close in this phase: the sticker vote in Round 3, else the silent placement. */
  | { type: 'close' }
  | {
      type: 'recordDiscussion';
      mainIntention?: string;
      agreements?: string;
      disagreements?: string;
      policyRelation?: string;
      policyGoals?: string[];
    }
  | { type: 'answerClosing'; learned?: string; action?: string; onBehalfOf?: UserId; guestConsent?: boolean }
  | { type: 'startTimer'; minutes: number }
  /** `language` is typed text (`taal en`): the rules check it is one the bot speaks. */
  | { type: 'setLanguage'; language: string }
  | { type: 'stop' }
  /** The table's side of linking to the organiser's session: it takes the session's goal, texts and decks. */
  | { type: 'linkSession'; session: SessionState };

export type CommandType = Command['type'];

export interface Envelope<C extends Command = Command> {
  actor: Actor;
  command: C;
}
