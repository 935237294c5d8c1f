/**
 * Resilience (b): Redis (its own throwaway redis-server with AOF, appendfsync always) killed with
 * SIGKILL and restarted in the middle of a table served by two bot processes. See
 * scenarios/redis-restart.ts for the steps and support/aof-redis.ts for the Redis settings.
 */
import { describeRedisRestart } from './scenarios/redis-restart';

describeRedisRestart('test/resilience/redis-restart.test.ts', { people: 8, before: 3, duringKill: 4, outages: 1, maxCopies: 2 });
