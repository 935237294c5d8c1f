/** Lengths of free text, in characters after trimming. Cards and reports stay readable within these. */
export const LIMITS = {
  argument: 500,
  title: 100,
  introRole: 100,
  introInvolvement: 300,
  displayName: 80,
  ownCardTitle: 60,
  ownCardDescription: 300,
  /** A deck stays small enough for one card in Teams (28 KB) even with a choice set of every card. */
  deckSize: 100,
  reason: 300,
  conclusion: 500,
  note: 1000,
  discussion: 1000,
  policyGoal: 200,
  policyGoals: 12,
  closingAnswer: 1000,
  stickers: 3,
  timerMinutes: 120,
} as const;
