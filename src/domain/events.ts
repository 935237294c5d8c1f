import type { CardKind, Language, Phase, UserId } from './types';

/** What changed, so the adapter knows which cards to post or update. */
export type DomainEvent =
  | { type: 'participantJoined'; userId: UserId }
  | { type: 'nameConsentChanged'; userId: UserId; consent: boolean }
  | { type: 'leaderConsentChanged'; userId: UserId; consent: boolean }
  | { type: 'introAnswered'; userId: UserId }
  | { type: 'leaderChanged'; userId: UserId }
  | { type: 'coLeadAdded'; userId: UserId }
  | { type: 'phaseChanged'; from: Phase; to: Phase }
  | { type: 'picksSubmitted'; round: number; userId: UserId; first: boolean }
  | { type: 'picksRevealed'; round: number }
  | { type: 'guestAdded'; userId: UserId }
  | { type: 'notetakerSet'; userId: UserId }
  | { type: 'pickRoundOpened'; round: number }
  | { type: 'ownCardAdded'; cardId: string; kind: CardKind }
  | { type: 'pollOpened'; poll: number; cardId: string }
  | { type: 'pollVoted'; poll: number; userId: UserId; first: boolean }
  | { type: 'pollClosed'; poll: number }
  | { type: 'cardPlaced'; cardId: string; moved: boolean }
  | { type: 'cardRemoved'; cardId: string }
  | { type: 'conclusionAdded' }
  | { type: 'noteAdded' }
  | { type: 'stickersSet'; userId: UserId; first: boolean }
  | { type: 'votingClosed' }
  | { type: 'discussionRecorded' }
  | { type: 'closingAnswered'; userId: UserId }
  | { type: 'timerStarted'; minutes: number; endsAt: number }
  | { type: 'languageChanged'; language: Language }
  | { type: 'sessionLinked'; code: string };
