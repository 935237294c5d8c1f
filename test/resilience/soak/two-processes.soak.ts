/**
 * Soak variant of resilience (a) (`npm run test:soak`): twice the tables, more changes, races and
 * fourth-sticker attempts, clicks spread wider. Not part of `npm test`.
 */
import { describeTwoProcesses } from '../scenarios/two-processes';

describeTwoProcesses('test/resilience/soak/two-processes.soak.ts', {
  tables: 16,
  people: 8,
  maxCopies: 3,
  changeChance: 0.5,
  raceChance: 0.5,
  overLimitChance: 0.4,
  spreadMs: 800,
});
