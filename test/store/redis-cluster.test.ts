/**
 * Every store contract once more, on a real Redis Cluster of three masters started for this file
 * (test/support/redis-cluster.ts): each script and multi-key command must touch one slot, or the
 * cluster refuses it with CROSSSLOT; each key must be found again wherever its slot lives.
 */
import type { TokenCredential } from '@azure/identity';
import type { Cluster } from 'ioredis';
import {
  answerKeys,
  RedisAttemptLimiter,
  RedisIdempotencyStore,
  RedisRateWindow,
  RedisSessionStore,
  RedisTableStore,
  RedisTimerQueue,
  RedisUserAllowance,
  scanKeys,
  tableToken,
  TEAMS_TENANT_LIMITS,
  tenantLane,
  type StoreLog,
} from '../../src/store';
import pino from 'pino';
import { loadConfig } from '../../src/server/config';
import { createStores } from '../../src/server/create-store';
import { connectRedisClusterWithEntraId } from '../../src/store/redis-entra-auth';
import { connectRedis, whenReady } from '../../src/store';
import { startRedisCluster, type RedisClusterUnderTest } from '../support/redis-cluster';
import { calculateSlot } from '../support/redis-run';
import { attemptLimiterContract } from './attempt-limiter.contract';
import { idempotencyStoreContract } from './idempotency-store.contract';
import { rateWindowContract } from './rate-window.contract';
import { sessionStoreContract } from './session-store.contract';
import { aTable, aTableKey, tableStoreContract, type MakeStore } from './table-store.contract';
import { writeAndRecordContract } from './write-and-record.contract';
import { timerQueueContract } from './timer-queue.contract';
import { userAllowanceContract } from './user-allowance.contract';

let cluster: RedisClusterUnderTest | undefined;
let fixtures = 0;
const nextPrefix = () => `sbc${++fixtures}`;
const client = (): Promise<Cluster> => {
  if (!cluster) throw new Error('the cluster starts in beforeAll');
  return cluster.client();
};
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

beforeAll(async () => {
  cluster = await startRedisCluster();
}, 60_000);

afterAll(async () => {
  await cluster?.stop();
});

/** Nothing to remove: the cluster is thrown away after the file. The stores' connections are quit by `stop`. */
const nothing = async () => undefined;

const clusterStore: MakeStore = async ({ retentionMs, log }) => {
  const prefix = nextPrefix();
  const redis = await client();
  const answers = answerKeys({ prefix });
  const open = async (l?: StoreLog) => new RedisTableStore(await client(), { retentionMs, prefix, log: l, answers });
  return {
    store: new RedisTableStore(redis, { retentionMs, prefix, log, answers }),
    beside: new RedisIdempotencyStore(redis, { prefix }),
    clock: 'real',
    openPeer: () => open(log),
    cleanup: nothing,
  };
};
tableStoreContract('RedisTableStore on a Redis Cluster', clusterStore);
// The write's script also sets the activity's key: one slot only if that key has the table's hash tag.
writeAndRecordContract('RedisTableStore on a Redis Cluster', clusterStore);

sessionStoreContract('RedisSessionStore on a Redis Cluster', async ({ retentionMs, log }) => {
  const prefix = nextPrefix();
  return {
    store: new RedisSessionStore(await client(), { retentionMs, prefix, log }),
    clock: 'real',
    openPeer: async () => new RedisSessionStore(await client(), { retentionMs, prefix, log }),
    cleanup: nothing,
  };
});

idempotencyStoreContract('RedisIdempotencyStore on a Redis Cluster', async ({ pendingMs, doneMs }) => {
  const prefix = nextPrefix();
  return {
    store: new RedisIdempotencyStore(await client(), { pendingMs, doneMs, prefix }),
    peer: new RedisIdempotencyStore(await client(), { pendingMs, doneMs, prefix }),
    advance: (ms) => sleep(ms),
    cleanup: nothing,
  };
});

rateWindowContract('RedisRateWindow on a Redis Cluster', async ({ limits, now }) => {
  const prefix = nextPrefix();
  return {
    window: new RedisRateWindow(await client(), { limits, now, prefix }),
    peer: new RedisRateWindow(await client(), { limits, now, prefix }),
    cleanup: nothing,
  };
});

attemptLimiterContract('RedisAttemptLimiter on a Redis Cluster', async ({ limit, now }) => {
  const prefix = nextPrefix();
  return {
    limiter: new RedisAttemptLimiter(await client(), { limit, now, prefix }),
    peer: new RedisAttemptLimiter(await client(), { limit, now, prefix }),
    cleanup: nothing,
  };
});

userAllowanceContract('RedisUserAllowance on a Redis Cluster', async ({ limit, now }) => {
  const prefix = nextPrefix();
  return {
    allowance: new RedisUserAllowance(await client(), { limit, now, prefix }),
    peer: new RedisUserAllowance(await client(), { limit, now, prefix }),
    cleanup: nothing,
  };
});

timerQueueContract('RedisTimerQueue, 16 shards, on a Redis Cluster', async () => {
  const prefix = nextPrefix();
  return {
    queue: new RedisTimerQueue(await client(), prefix, { shards: 16 }),
    peer: new RedisTimerQueue(await client(), prefix, { shards: 16 }),
    cleanup: nothing,
  };
});

describe('the keys on a Redis Cluster', () => {
  it('spread over all three masters, and SCAN finds them on every one', async () => {
    const prefix = nextPrefix();
    const redis = await client();
    const tables = new RedisTableStore(redis, { retentionMs: 60_000, prefix });
    const keys = Array.from({ length: 12 }, () => aTableKey());
    for (const key of keys) await tables.update(key, () => ({ state: aTable(), result: 'created' }));
    const found = await scanKeys(redis, `${prefix}:*`);
    expect(found.sort()).toEqual(keys.map((k) => `${prefix}:{${tableToken(k)}}:table`).sort());
    const perMaster = await Promise.all(redis.nodes('master').map((node) => node.dbsize()));
    expect(perMaster.filter((n) => n > 0)).toHaveLength(3);
  });

  it('the timer shards and a tenant’s send window each live in a slot of their own, apart from the tables', async () => {
    const prefix = nextPrefix();
    const shards = Array.from({ length: 16 }, (_, i) => calculateSlot(`${prefix}:timers:{s${i}}`));
    expect(new Set(shards).size).toBe(16);
    const redis = await client();
    const tenant = new RedisRateWindow(redis, { prefix, limits: TEAMS_TENANT_LIMITS });
    const lane = tenantLane('c1a2b3c4-0000-4000-8000-000000000001');
    await tenant.acquire(lane);
    await tenant.holdOff(lane, 100);
    const keys = await scanKeys(redis, `${prefix}:*`);
    expect(keys.sort()).toEqual([`${prefix}:{${lane}}:sends`, `${prefix}:{${lane}}:sends-hold`]);
    expect(new Set(keys.map(calculateSlot)).size).toBe(1);
  });
});

describe('Entra ID on a Redis Cluster (an ACL user on every node, tokens of 2 s)', () => {
  const USER = '6f1c2a9e-0000-4b1e-9d51-00000000c0de';

  it('signs every node in with the token, renews on every node, and a node connection made later uses the new token', async () => {
    const admins = cluster!.servers.map((s) => connectRedis(s.url));
    await Promise.all(admins.map((a) => whenReady(a)));
    const tokens: string[] = [];
    // Each token Azure would issue becomes the user's password on every node; the previous one stops working.
    const credential: TokenCredential = {
      async getToken() {
        const token = `tok-${tokens.length + 1}-${Math.random().toString(36).slice(2)}`;
        const previous = tokens[tokens.length - 1];
        await Promise.all(
          admins.map((a) => a.call('ACL', 'SETUSER', USER, 'on', `>${token}`, '~*', '&*', '+@all', ...(previous ? [`<${previous}`] : []))),
        );
        tokens.push(token);
        return { token, expiresOnTimestamp: Date.now() + 2000 };
      },
    };
    const warnings: unknown[] = [];
    const log = { info: () => undefined, warn: (obj: unknown) => void warnings.push(obj) } as never;
    const redis = await connectRedisClusterWithEntraId(cluster!.url, { credential, username: USER, log });
    redis.on('error', () => undefined);
    redis.on('node error', () => undefined);
    const keys = Array.from({ length: 12 }, (_, i) => `entra:{k${i}}`);
    const whoami = () => Promise.all(redis.nodes('master').map((node) => node.call('ACL', 'WHOAMI')));
    try {
      await whenReady(redis);
      for (const k of keys) await redis.set(k, 'v1');
      expect(await whoami()).toEqual([USER, USER, USER]);

      // 80 % of 2 s: renewed after 1.6 s, with AUTH on every live node connection.
      await sleep(1900);
      expect(tokens).toHaveLength(2);
      for (const k of keys) expect(await redis.get(k)).toBe('v1');
      expect(redis.nodes('all').every((node) => node.options.password === tokens[1])).toBe(true);

      // Every connection of the user dropped: the cluster connects again, with the token it now holds.
      await Promise.all(admins.map((a) => a.call('CLIENT', 'KILL', 'USER', USER)));
      const deadline = Date.now() + 10_000;
      let read: Array<string | null> = [];
      for (;;) {
        try {
          read = await Promise.all(keys.map((k) => redis.get(k)));
          break;
        } catch (err) {
          if (Date.now() > deadline) throw err;
          await sleep(100);
        }
      }
      expect(read).toEqual(keys.map(() => 'v1'));
      expect(await whoami()).toEqual([USER, USER, USER]);
      expect(JSON.stringify(warnings)).not.toContain('tok-');
    } finally {
      await redis.quit().catch(() => redis.disconnect());
      await Promise.all(admins.map((a) => a.call('ACL', 'DELUSER', USER).catch(() => undefined)));
      await Promise.all(admins.map((a) => a.quit().catch(() => undefined)));
    }
  }, 30_000);
});

describe('createStores with REDIS_CLUSTER=true', () => {
  it('stores tables on the cluster and spreads the timer queue over 16 keys, each in a slot of its own', async () => {
    const prefix = nextPrefix();
    const config = loadConfig({ NODE_ENV: 'test', REDIS_URL: cluster!.url, REDIS_CLUSTER: 'true', REDIS_KEY_PREFIX: prefix });
    const stores = await createStores(config, pino({ level: 'silent' }));
    try {
      const key = aTableKey();
      await stores.tables.update(key, () => ({ state: aTable({ title: 'Stadsbrede sessie' }), result: 'created' }));
      expect((await stores.tables.get(key))?.title).toBe('Stadsbrede sessie');
      for (let i = 0; i < 40; i++) await stores.timers.add(0, JSON.stringify({ key: aTableKey() }));
      const redis = await client();
      const timerKeys = await scanKeys(redis, `${prefix}:timers*`);
      expect(timerKeys.length).toBeGreaterThan(8);
      expect(timerKeys.every((k) => /^[a-z0-9]+:timers:\{s\d+\}$/.test(k))).toBe(true);
      expect(await stores.tables.ping()).toBe(true);
    } finally {
      await stores.tables.close();
    }
  });
});
