/**
 * Soak variant of resilience (b) (`npm run test:soak`): three Redis crashes in one table, with
 * appendfsync always and, separately, everysec. Not part of `npm test`.
 */
import { describeRedisRestart } from '../scenarios/redis-restart';

describeRedisRestart('test/resilience/soak/redis-restart.soak.ts', {
  people: 8,
  before: 2,
  duringKill: 5,
  outages: 3,
  maxCopies: 3,
  appendfsync: 'always',
});
describeRedisRestart('test/resilience/soak/redis-restart.soak.ts', {
  people: 8,
  before: 2,
  duringKill: 5,
  outages: 3,
  maxCopies: 3,
  appendfsync: 'everysec',
});
