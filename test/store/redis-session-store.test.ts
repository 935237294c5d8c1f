import { RedisSessionStore, type StoreLog } from '../../src/store';
import { REDIS_URL, redisRun } from '../support/redis-run';
import { captureLog } from '../support/log-capture';
import { STORED_BY_MAIN } from './fixtures/stored-by-main';
import { aSession, sessionStoreContract } from './session-store.contract';

const run = redisRun('sbsess');
const { nextPrefix, keysUnder, removeKeysUnder } = run;
const HOUR = 60 * 60 * 1000;

async function openStore(prefix: string, retentionMs: number, log?: StoreLog): Promise<RedisSessionStore> {
  return new RedisSessionStore(await run.client(), { retentionMs, prefix, log });
}

sessionStoreContract(`RedisSessionStore (${REDIS_URL})`, async ({ retentionMs, log }) => {
  const prefix = nextPrefix();
  const opened = [await openStore(prefix, retentionMs, log)];
  return {
    store: opened[0]!,
    clock: 'real',
    openPeer: async () => {
      const peer = await openStore(prefix, retentionMs, log);
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
      expect(keys.filter((k) => k.includes(`{session:${session.code}}`)).sort()).toEqual([
        `${prefix}:{session:${session.code}}:refs`,
        `${prefix}:{session:${session.code}}:state`,
      ]);
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

describe('sessions as main stored them (d3ec181), written into Redis by hand', () => {
  async function storeWith(state: string) {
    const prefix = nextPrefix();
    const log = captureLog('warn');
    const store = await openStore(prefix, HOUR, log.log);
    const code = (JSON.parse(STORED_BY_MAIN.sessionState) as { code: string }).code;
    const hash = `${prefix}:{session:${code}}:state`;
    await run.admin.hset(hash, { rev: 'rev-written-by-main', state });
    await run.admin.pexpire(hash, HOUR);
    return { store, code, hash, log };
  }

  it('a session reads as it is, and a write goes on from the revision main wrote', async () => {
    const { store, code, hash, log } = await storeWith(STORED_BY_MAIN.sessionState);
    expect(await store.get(code)).toEqual(JSON.parse(STORED_BY_MAIN.sessionState));
    await store.update(code, (s) => ({ state: { ...s!, title: 'Verder na de release' }, result: undefined }));
    expect(JSON.parse((await run.admin.hget(hash, 'state'))!)).toEqual({
      ...JSON.parse(STORED_BY_MAIN.sessionState),
      title: 'Verder na de release',
    });
    expect(log.records()).toEqual([]);
  });

  it.each([
    ['not JSON', '{"schemaVersion":1,"title":"Geheim', { reason: 'notJson' }],
    [
      'of a version this release does not know',
      JSON.stringify({ ...JSON.parse(STORED_BY_MAIN.sessionState), schemaVersion: 2, title: 'Geheim' }),
      { reason: 'unknownVersion', version: 2 },
    ],
    [
      'without its tables',
      JSON.stringify({ ...JSON.parse(STORED_BY_MAIN.sessionState), tables: undefined, title: 'Geheim' }),
      { reason: 'shape', version: 1, issues: ['invalid_type at tables'] },
    ],
  ])('a session %s is absent to get and update, and logged without its text', async (_name, state, logged) => {
    const { store, code, log } = await storeWith(state);
    expect(await store.get(code)).toBeUndefined();
    expect(await store.update(code, (current) => ({ result: current }))).toBeUndefined();
    expect(log.records()).toEqual([
      expect.objectContaining({ stored: 'session', id: code, ...logged }),
      expect.objectContaining({ stored: 'session', id: code, ...logged }),
    ]);
    expect(log.text()).not.toContain('Geheim');
  });
});
