import {
  answerKeys,
  connectRedis,
  MemoryIdempotencyStore,
  RedisIdempotencyStore,
  RedisTableStore,
  StoreUnavailableError,
  tableToken,
} from '../../src/store';
import { calculateSlot, REDIS_URL, redisRun } from '../support/redis-run';
import { idempotencyStoreContract } from './idempotency-store.contract';
import { aTable, aTableKey } from './table-store.contract';

const run = redisRun('sbidem');
const { nextPrefix, client, keysUnder, removeKeysUnder } = run;
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

idempotencyStoreContract(`RedisIdempotencyStore (${REDIS_URL})`, async ({ pendingMs, doneMs }) => {
  const prefix = nextPrefix();
  const [a, b] = [await client(), await client()];
  return {
    store: new RedisIdempotencyStore(a, { pendingMs, doneMs, prefix }),
    peer: new RedisIdempotencyStore(b, { pendingMs, doneMs, prefix }),
    advance: (ms) => sleep(ms),
    cleanup: () => removeKeysUnder(prefix),
  };
});

idempotencyStoreContract(`RedisIdempotencyStore reading the table along (${REDIS_URL})`, async ({ pendingMs, doneMs }) => {
  const prefix = nextPrefix();
  const [a, b] = [await client(), await client()];
  const tables = [new RedisTableStore(a, { retentionMs: 60_000, prefix }), new RedisTableStore(b, { retentionMs: 60_000, prefix })];
  return {
    store: new RedisIdempotencyStore(a, { pendingMs, doneMs, prefix, readTable: tables[0]!.readAlong() }),
    peer: new RedisIdempotencyStore(b, { pendingMs, doneMs, prefix, readTable: tables[1]!.readAlong() }),
    advance: (ms) => sleep(ms),
    cleanup: () => removeKeysUnder(prefix),
  };
});

describe('a claim that reads the table along', () => {
  it('the turn’s first read of the table takes what the claim read; later reads ask Redis; a second delivery primes nothing', async () => {
    const prefix = nextPrefix();
    const redis = await client();
    const tables = new RedisTableStore(redis, { retentionMs: 60_000, prefix });
    const store = new RedisIdempotencyStore(redis, { prefix, readTable: tables.readAlong() });
    const key = aTableKey();
    await tables.update(key, () => ({ state: aTable({ title: 'Bij de claim' }), result: undefined }));
    const hash = `${prefix}:{${tableToken(key)}}:table`;

    const claim = await store.begin(key, 'f:1');
    expect(claim.type).toBe('first');
    // Changed behind the store's back (with a revision of its own, as every write of `state` has):
    // a read that asks Redis would see it.
    const stored = JSON.parse((await run.admin.hget(hash, 'state'))!) as Record<string, unknown>;
    await run.admin.hset(hash, 'rev', 'rev-Daarna', 'state', JSON.stringify({ ...stored, title: 'Daarna' }));
    expect((await tables.get(key))?.title).toBe('Bij de claim');
    expect((await tables.get(key))?.title).toBe('Daarna');

    expect((await store.begin(key, 'f:1')).type).toBe('running');
    await run.admin.hset(hash, 'rev', 'rev-Nog-later', 'state', JSON.stringify({ ...stored, title: 'Nog later' }));
    expect((await tables.get(key))?.title).toBe('Nog later');
    await removeKeysUnder(prefix);
  });

  it('a write of the turn drops what the claim read, so a read after it sees the write', async () => {
    const prefix = nextPrefix();
    const redis = await client();
    const tables = new RedisTableStore(redis, { retentionMs: 60_000, prefix });
    const store = new RedisIdempotencyStore(redis, { prefix, readTable: tables.readAlong() });
    const key = aTableKey();
    await tables.update(key, () => ({ state: aTable({ title: 'Oud' }), result: undefined }));
    await store.begin(key, 'f:2');
    await tables.update(key, (s) => ({ state: { ...s!, title: 'Nieuw' }, result: undefined }));
    expect((await tables.get(key))?.title).toBe('Nieuw');
    await removeKeysUnder(prefix);
  });
});

describe('RedisIdempotencyStore on Redis', () => {
  it('the answer a table write records is under the key a claim reads, in the table’s Redis Cluster slot', async () => {
    const prefix = nextPrefix();
    const redis = await client();
    const answers = answerKeys({ prefix, doneMs: 60_000 });
    const tables = new RedisTableStore(redis, { retentionMs: 60_000, prefix, answers });
    const store = new RedisIdempotencyStore(redis, { prefix, doneMs: 60_000 });
    const key = aTableKey();
    const activityId = 'f:1732531200000;messageid={weird}';
    expect(calculateSlot(answers.keyOf(key, activityId))).toBe(calculateSlot(`${prefix}:{${tableToken(key)}}:table`));

    await tables.update(key, () => ({ state: aTable(), result: undefined }));
    const claim = await store.begin(key, activityId);
    const { write } = await tables.prepare(key, (s) => ({ state: { ...s!, title: 'Na de klik' }, result: undefined }));
    expect(await tables.commit(write!, { activityId, response: '{"status":200}' })).toBe('recorded');
    expect(claim.type).toBe('first');
    expect(await store.begin(key, activityId)).toEqual({ type: 'done', response: '{"status":200}' });
    const ttl = await run.admin.pttl(answers.keyOf(key, activityId));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    await removeKeysUnder(prefix);
  });

  it('keys carry the prefix and the table hash tag, never the raw activity id, and expire', async () => {
    const prefix = nextPrefix();
    const store = new RedisIdempotencyStore(await client(), { prefix });
    const key = aTableKey();
    const activityId = 'f:1732531200000;messageid={weird}';
    const claim = await store.begin(key, activityId);
    const [k] = await keysUnder(prefix);
    expect(k).toBeDefined();
    expect(k!.startsWith(`${prefix}:{${tableToken(key)}}:activity:`)).toBe(true);
    expect(k).not.toContain('1732531200000');
    // The claim is a short lease...
    expect(await run.admin.pttl(k!)).toBeLessThanOrEqual(30_000);
    if (claim.type !== 'first') throw new Error('expected first');
    await store.finish(key, activityId, claim.claim, 'x');
    // ...the finished activity is remembered for ten minutes.
    expect(await run.admin.pttl(k!)).toBeGreaterThan(9 * 60_000);
    expect(await run.admin.pttl(k!)).toBeLessThanOrEqual(10 * 60_000);
  });

  it('a Redis that cannot be reached gives StoreUnavailableError, so the turn asks the user to retry', async () => {
    const redis = connectRedis('redis://127.0.0.1:1', { retryStrategy: () => null, lazyConnect: true });
    const store = new RedisIdempotencyStore(redis, { prefix: nextPrefix() });
    await expect(store.begin(aTableKey(), 'f:1')).rejects.toBeInstanceOf(StoreUnavailableError);
    redis.disconnect();
  });
});
