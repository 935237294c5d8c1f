/**
 * Resilience (a): two bot processes on one real Redis, 8 tables × 8 participants, Round 1 picks and
 * Round 3 stickers through both processes in seeded random order, many at the same moment, with
 * re-sent copies (same activity id). See scenarios/two-processes.ts.
 */
import { describeTwoProcesses } from './scenarios/two-processes';

describeTwoProcesses('test/resilience/two-processes.test.ts', {
  tables: 8,
  people: 8,
  maxCopies: 3,
  changeChance: 0.3,
  raceChance: 0.25,
  overLimitChance: 0.2,
  spreadMs: 300,
});
