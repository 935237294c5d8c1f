import { conversationLane, RedisRateWindow, RedisTableStore, tableToken, tenantLane } from '../../src/store';
import { calculateSlot, REDIS_URL, redisRun } from '../support/redis-run';
import { rateWindowContract } from './rate-window.contract';
import { aTable } from './table-store.contract';

const run = redisRun('sbrate');
const { nextPrefix, client, keysUnder, removeKeysUnder } = run;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
    const [slotsTtl, holdTtl] = [await run.admin.pttl(keys[0]!), await run.admin.pttl(keys[1]!)];
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
