import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import { connectRedis, MemoryIdempotencyStore, RedisIdempotencyStore, scanKeys, StoreUnavailableError, tableToken, whenReady } from '../../src/store';
import { idempotencyStoreContract } from './idempotency-store.contract';
import { aTableKey } from './table-store.contract';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const RUN_PREFIX = `sbidem-${process.pid}-${randomBytes(4).toString('hex')}`;
let count = 0;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

idempotencyStoreContract('MemoryIdempotencyStore', async ({ pendingMs, doneMs }) => {
  let now = Date.UTC(2025, 10, 25, 9, 0, 0);
  const store = new MemoryIdempotencyStore({ pendingMs, doneMs, now: () => now });
  return {
    store,
    advance: async (ms) => {
      now += ms;
    },
    cleanup: async () => undefined,
  };
});

let admin: Redis;
const opened: Redis[] = [];

async function connection(): Promise<Redis> {
  const redis = connectRedis(REDIS_URL);
  await whenReady(redis);
  opened.push(redis);
  return redis;
}

async function keysUnder(prefix: string): Promise<string[]> {
  return (await scanKeys(admin, `${prefix}:*`));
}

beforeAll(async () => {
  admin = connectRedis(REDIS_URL);
  await whenReady(admin);
});

afterAll(async () => {
  const keys = await keysUnder(RUN_PREFIX);
  if (keys.length > 0) await admin.unlink(...keys);
  await Promise.all([...opened, admin].map((r) => r.quit().catch(() => undefined)));
});

idempotencyStoreContract(`RedisIdempotencyStore (${REDIS_URL})`, async ({ pendingMs, doneMs }) => {
  const prefix = `${RUN_PREFIX}-${++count}`;
  const [a, b] = [await connection(), await connection()];
  return {
    store: new RedisIdempotencyStore(a, { pendingMs, doneMs, prefix }),
    peer: new RedisIdempotencyStore(b, { pendingMs, doneMs, prefix }),
    advance: (ms) => sleep(ms),
    cleanup: async () => {
      const keys = await keysUnder(prefix);
      if (keys.length > 0) await admin.unlink(...keys);
    },
  };
});

describe('RedisIdempotencyStore on Redis', () => {
  it('keys carry the prefix and the table hash tag, never the raw activity id, and expire', async () => {
    const prefix = `${RUN_PREFIX}-keys`;
    const store = new RedisIdempotencyStore(await connection(), { prefix });
    const key = aTableKey();
    const activityId = 'f:1732531200000;messageid={weird}';
    const claim = await store.begin(key, activityId);
    const [k] = await keysUnder(prefix);
    expect(k).toBeDefined();
    expect(k!.startsWith(`${prefix}:{${tableToken(key)}}:activity:`)).toBe(true);
    expect(k).not.toContain('1732531200000');
    // The claim is a short lease...
    expect(await admin.pttl(k!)).toBeLessThanOrEqual(30_000);
    if (claim.type !== 'first') throw new Error('expected first');
    await store.finish(key, activityId, claim.claim, 'x');
    // ...the finished activity is remembered for ten minutes.
    expect(await admin.pttl(k!)).toBeGreaterThan(9 * 60_000);
    expect(await admin.pttl(k!)).toBeLessThanOrEqual(10 * 60_000);
  });

  it('a Redis that cannot be reached gives StoreUnavailableError, so the turn asks the user to retry', async () => {
    const redis = connectRedis('redis://127.0.0.1:1', { retryStrategy: () => null, lazyConnect: true });
    const store = new RedisIdempotencyStore(redis, { prefix: `${RUN_PREFIX}-down` });
    await expect(store.begin(aTableKey(), 'f:1')).rejects.toBeInstanceOf(StoreUnavailableError);
    redis.disconnect();
  });
});
