/**
 * Redis Cluster (REDIS_CLUSTER=true): three bot processes behind a round-robin load balancer, on a
 * local cluster of three masters; three tables × 8 participants from start to afsluiting, with
 * re-sent copies and racing clicks as in the two-process test. Nothing confirmed may be lost, no
 * script may touch two slots, and every process takes part. See scenarios/two-processes.ts.
 */
import { describeTwoProcesses } from './scenarios/two-processes';

describeTwoProcesses('test/resilience/cluster-three-processes.test.ts', {
  tables: 3,
  people: 8,
  maxCopies: 3,
  changeChance: 0.3,
  raceChance: 0.25,
  overLimitChance: 0.2,
  spreadMs: 300,
  processes: 3,
  cluster: true,
  behindProxy: true,
});
