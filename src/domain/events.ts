import type { Phase, UserId } from './types';

/** What changed, so the adapter knows which cards to post or update. */
export type DomainEvent =
  | { type: 'participantJoined'; userId: UserId }
  | { type: 'nameConsentChanged'; userId: UserId; consent: boolean }
  | { type: 'introAnswered'; userId: UserId }
  | { type: 'leaderChanged'; userId: UserId }
  | { type: 'coLeadAdded'; userId: UserId }
  | { type: 'phaseChanged'; from: Phase; to: Phase }
  | { type: 'picksSubmitted'; round: number; userId: UserId; first: boolean }
  | { type: 'picksRevealed'; round: number };
