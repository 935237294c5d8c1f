import { RedisSessionStore } from '../../src/store';
import { REDIS_URL, redisRun } from '../support/redis-run';
import { aSession, sessionStoreContract } from './session-store.contract';

const run = redisRun('sbsess');
const { nextPrefix, keysUnder, removeKeysUnder } = run;
const HOUR = 60 * 60 * 1000;

async function openStore(prefix: string, retentionMs: number): Promise<RedisSessionStore> {
  return new RedisSessionStore(await run.client(), { retentionMs, prefix });
}

sessionStoreContract(`RedisSessionStore (${REDIS_URL})`, async ({ retentionMs }) => {
  const prefix = nextPrefix();
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
      await removeKeysUnder(prefix);
      await Promise.all(opened.map((s) => s.close()));
    },
  };
});

describe('RedisSessionStore on Redis', () => {
  it('keeps a session in two keys under one hash tag, the thread binding apart, all with the retention as TTL; delete leaves nothing', async () => {
    const prefix = nextPrefix();
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
        const ttl = await run.admin.pttl(key);
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
