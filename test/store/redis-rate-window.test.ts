import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import { connectRedis, conversationLane, RedisRateWindow, RedisTableStore, scanKeys, tableToken, tenantLane, whenReady } from '../../src/store';
import { rateWindowContract } from './rate-window.contract';
import { aTable } from './table-store.contract';

// ioredis depends on it; it has no types of its own.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const calculateSlot = require('cluster-key-slot') as (key: string) => number;

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const RUN_PREFIX = `sbrate-${process.pid}-${randomBytes(4).toString('hex')}`;
let fixtureCount = 0;
const nextPrefix = () => `${RUN_PREFIX}-${++fixtureCount}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let admin: Redis;
const opened: Redis[] = [];

async function client(): Promise<Redis> {
  const redis = connectRedis(REDIS_URL);
  await whenReady(redis);
  opened.push(redis);
  return redis;
}

async function keysUnder(prefix: string): Promise<string[]> {
  return (await scanKeys(admin, `${prefix}*`)).sort();
}

async function removeKeysUnder(prefix: string): Promise<void> {
  const keys = await keysUnder(prefix);
  if (keys.length > 0) await admin.unlink(...keys);
}

beforeAll(async () => {
  admin = connectRedis(REDIS_URL);
  await whenReady(admin);
});

afterAll(async () => {
  await removeKeysUnder(RUN_PREFIX);
  await Promise.all(opened.map((r) => r.quit().catch(() => undefined)));
  await admin.quit();
});

// Two connections, as two bot processes have them, on the contract's clock.
rateWindowContract(`RedisRateWindow (${REDIS_URL})`, async ({ limits, now }) => {
  const prefix = nextPrefix();
  return {
    window: new RedisRateWindow(await client(), { limits, now, prefix }),
    peer: new RedisRateWindow(await client(), { limits, now, prefix }),
    cleanup: () => removeKeysUnder(prefix),
  };
});

describe('RedisRateWindow on Redis', () => {
  // Teams conversation ids may contain braces, colons and semicolons.
  const table = { tenantId: 'c1a2b3c4-0000-4000-8000-000000000001', conversationId: '19:{weird}id@thread.tacv2;messageid=17' };
  const key = conversationLane(table);

  test('a conversation’s keys carry its table’s hash tag (one Redis Cluster slot) and expire after the longest window', async () => {
    const prefix = nextPrefix();
    const window = new RedisRateWindow(await client(), { prefix, limits: [{ max: 1, windowMs: 5000 }] });
    await window.acquire(key);
    await window.holdOff(key, 1000);
    const keys = (await keysUnder(prefix)).sort();
    const tag = tableToken(table);
    expect(tag).toMatch(/^[A-Za-z0-9_-]{27}$/);
    expect(keys).toEqual([`${prefix}:{${tag}}:sends`, `${prefix}:{${tag}}:sends-hold`]);
    expect(new Set(keys.map(calculateSlot))).toEqual(new Set([calculateSlot(tag)]));
    const [slotsTtl, holdTtl] = [await admin.pttl(keys[0]!), await admin.pttl(keys[1]!)];
    expect(slotsTtl).toBeGreaterThan(0);
    expect(slotsTtl).toBeLessThanOrEqual(5000);
    expect(holdTtl).toBeGreaterThan(0);
    expect(holdTtl).toBeLessThanOrEqual(61_000);
  });

  test('on Redis’ own clock: a refused slot is granted once the wait it named has passed', async () => {
    const prefix = nextPrefix();
    const window = new RedisRateWindow(await client(), { prefix, limits: [{ max: 1, windowMs: 200 }] });
    expect((await window.acquire(key)).type).toBe('granted');
    // However slow this machine is, after the named wait the window has room (Redis and Node share a clock here).
    const d = await window.acquire(key);
    if (d.type === 'granted') return; // more than 200 ms passed already: nothing to check
    expect(d.ms).toBeGreaterThan(0);
    expect(d.ms).toBeLessThanOrEqual(200);
    await sleep(d.ms + 2);
    expect((await window.acquire(key)).type).toBe('granted');
  });

  test('erasing the table erases its conversation’s send window; the tenant’s window stays', async () => {
    const prefix = nextPrefix();
    const redis = await client();
    const window = new RedisRateWindow(redis, { prefix });
    const tenant = new RedisRateWindow(redis, { prefix });
    const tables = new RedisTableStore(redis, { prefix, retentionMs: 60_000 });
    await tables.update(table, () => ({ state: aTable(), result: undefined }));
    await window.acquire(key);
    await window.holdOff(key, 1000);
    await tenant.acquire(tenantLane(table.tenantId));
    expect(await keysUnder(prefix)).toHaveLength(4);

    await tables.delete(table);
    const left = await keysUnder(prefix);
    expect(left).toHaveLength(1);
    expect(left[0]).toBe(`${prefix}:{${tenantLane(table.tenantId)}}:sends`);
  });

  test('a raw conversation id is refused as a lane: its window would live outside the table’s tag', async () => {
    const window = new RedisRateWindow(await client(), { prefix: nextPrefix() });
    await expect(window.acquire(table.conversationId)).rejects.toThrow(/token/);
  });
});
