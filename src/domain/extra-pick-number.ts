/**
 * Round 1's silent pick round is round 1; the rounds a leider opens later, in Round 2, are extra
 * silent picks, counted from 1 ("Extra stille keuze 1"), never "Ronde 2" or "Ronde 3", which are
 * the method's own rounds.
 */
export function extraPickNumber(round: number): number {
  return round - 1;
}
