/** Lengths of free text, in characters after trimming. Cards and reports stay readable within these. */
export const LIMITS = {
  argument: 500,
  title: 100,
  introRole: 100,
  introInvolvement: 300,
  displayName: 80,
} as const;
