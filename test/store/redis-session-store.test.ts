import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import { connectRedis, RedisSessionStore, scanKeys, whenReady } from '../../src/store';
import { aSession } from './session-store.contract';
import { sessionStoreContract } from './session-store.contract';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Every key this run writes starts with it, so the run finds and removes exactly its own keys. */
const RUN_PREFIX = `sbsess-${process.pid}-${randomBytes(4).toString('hex')}`;
const HOUR = 60 * 60 * 1000;
let fixtureCount = 0;
let admin: Redis;

async function openStore(prefix: string, retentionMs: number): Promise<RedisSessionStore> {
  const redis = connectRedis(REDIS_URL);
  await whenReady(redis);
  return new RedisSessionStore(redis, { retentionMs, prefix });
}

async function keysUnder(prefix: string): Promise<string[]> {
  return (await scanKeys(admin, `${prefix}:*`)).sort();
}

beforeAll(async () => {
  admin = connectRedis(REDIS_URL);
  await whenReady(admin);
});

afterAll(async () => {
  const keys = await keysUnder(RUN_PREFIX);
  if (keys.length > 0) await admin.unlink(...keys);
  await admin.quit();
});

sessionStoreContract(`RedisSessionStore (${REDIS_URL})`, async ({ retentionMs }) => {
  const prefix = `${RUN_PREFIX}:${++fixtureCount}`;
  const opened = [await openStore(prefix, retentionMs)];
  return {
    store: opened[0]!,
    clock: 'real',
    openPeer: async () => {
      const peer = await openStore(prefix, retentionMs);
      opened.push(peer);
      return peer;
    },
    cleanup: async () => {
      const keys = await keysUnder(prefix);
      if (keys.length > 0) await admin.unlink(...keys);
      await Promise.all(opened.map((s) => s.close()));
    },
  };
});

describe('RedisSessionStore on Redis', () => {
  it('keeps a session in two keys under one hash tag, the thread binding apart, all with the retention as TTL; delete leaves nothing', async () => {
    const prefix = `${RUN_PREFIX}:keys`;
    const store = await openStore(prefix, HOUR);
    try {
      const session = aSession();
      await store.create(session);
      await store.setRef(session.code, 'conversation', '{}');
      await store.claimThread({ tenantId: session.tenantId, conversationId: session.thread }, session.code);
      const keys = await keysUnder(prefix);
      expect(keys.filter((k) => k.includes(`{session:${session.code}}`)).sort()).toEqual([`${prefix}:{session:${session.code}}:refs`, `${prefix}:{session:${session.code}}:state`]);
      expect(keys.filter((k) => k.startsWith(`${prefix}:thread:{`))).toHaveLength(1);
      for (const key of keys) {
        const ttl = await admin.pttl(key);
        expect(ttl).toBeGreaterThan(HOUR - 60_000);
        expect(ttl).toBeLessThanOrEqual(HOUR);
      }
      await store.delete(session.code);
      expect(await keysUnder(prefix)).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
