import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import { connectRedis, scanKeys, whenReady } from '../../src/store';

// ioredis depends on it; it has no types of its own.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const calculateSlot = require('cluster-key-slot') as (key: string) => number;

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * The command timeout of the connections tests get: the app's 2 s (REDIS_FAIL_FAST) is how fast a
 * turn gives up on a Redis that is away, tested with real outages (redis-table-store.test.ts, the
 * resilience tests); on a loaded test machine a healthy Redis can take longer than that to answer.
 */
export const TEST_COMMAND_TIMEOUT_MS = 15_000;

/** One test file on the real Redis; see redisRun. */
export interface RedisRun {
  /** Every key the file writes starts with `<prefix>:`, so it finds and removes exactly its own. */
  readonly prefix: string;
  /** A prefix of its own under the run's (`<run>:<n>`), for one fixture. */
  nextPrefix(): string;
  /** A connection as one bot process has it, ready; quit after the file. */
  client(): Promise<Redis>;
  /** The connection the file looks at Redis with (TTLs, raw fields); open from beforeAll on. */
  readonly admin: Redis;
  /** The keys under a prefix, sorted; `keysUnder(p)` never matches `<p>0` next to `<p>`. */
  keysUnder(prefix: string): Promise<string[]>;
  removeKeysUnder(prefix: string): Promise<void>;
}

/**
 * Call at a test file's top level: opens the admin connection before the file's tests and, after
 * them, removes every key under the run's prefix and quits every connection it handed out.
 */
export function redisRun(name: string): RedisRun {
  const prefix = `${name}-${process.pid}-${randomBytes(4).toString('hex')}`;
  let count = 0;
  let admin: Redis | undefined;
  const opened: Redis[] = [];

  const run: RedisRun = {
    prefix,
    nextPrefix: () => `${prefix}:${++count}`,
    async client() {
      const redis = connectRedis(REDIS_URL, { commandTimeout: TEST_COMMAND_TIMEOUT_MS });
      opened.push(redis);
      await whenReady(redis);
      return redis;
    },
    get admin(): Redis {
      if (!admin) throw new Error('redisRun: admin is open from beforeAll on');
      return admin;
    },
    async keysUnder(under) {
      return (await scanKeys(run.admin, `${under}:*`)).sort();
    },
    async removeKeysUnder(under) {
      const keys = await run.keysUnder(under);
      if (keys.length > 0) await run.admin.unlink(...keys);
    },
  };

  beforeAll(async () => {
    admin = connectRedis(REDIS_URL, { commandTimeout: TEST_COMMAND_TIMEOUT_MS });
    await whenReady(admin);
  });

  afterAll(async () => {
    await run.removeKeysUnder(prefix);
    // A connection a store closed already answers quit with an error: nothing left to close.
    await Promise.all([...opened, run.admin].map((r) => r.quit().catch(() => undefined)));
  });

  return run;
}
