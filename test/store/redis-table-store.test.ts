import type Redis from 'ioredis';
import {
  answerKeys,
  connectRedis,
  RedisIdempotencyStore,
  RedisTableStore,
  StoreUnavailableError,
  tableToken,
  whenReady,
  type StoreLog,
  type TableKey,
  type TableStore,
} from '../../src/store';
import { freePort, killAllRedisServers, startRedisServer } from '../support/redis-server';
import { calculateSlot, REDIS_URL, redisRun } from '../support/redis-run';
import { captureLog } from '../support/log-capture';
import { startCuttingProxy } from './cutting-proxy';
import { STORED_BY_MAIN } from './fixtures/stored-by-main';
import { aTable, aTableKey, tableStoreContract, type MakeStore } from './table-store.contract';
import { writeAndRecordContract } from './write-and-record.contract';
import { inputContent, splitTable } from '../../src/store/participant-input';
import type { TableState } from '../../src/domain';

const run = redisRun('sbtest');
const { nextPrefix, keysUnder, removeKeysUnder } = run;
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A store on its own connection, as one bot process has it. */
async function openStore(prefix: string, retentionMs: number, log?: StoreLog): Promise<{ store: RedisTableStore; redis: Redis }> {
  const redis = await run.client();
  return { redis, store: new RedisTableStore(redis, { retentionMs, prefix, log, answers: answerKeys({ prefix }) }) };
}

const redisStore: MakeStore = async ({ retentionMs, log }) => {
  const prefix = nextPrefix();
  const opened = [await openStore(prefix, retentionMs, log)];
  const first = opened[0]!;
  return {
    store: first.store,
    // The remembered answers, under the table's hash tag as the app keeps them.
    beside: new RedisIdempotencyStore(first.redis, { prefix }),
    clock: 'real',
    openPeer: async () => {
      const peer = await openStore(prefix, retentionMs, log);
      opened.push(peer);
      return peer.store;
    },
    cleanup: async () => {
      await removeKeysUnder(prefix);
      await Promise.all(opened.map((o) => o.store.close()));
    },
  };
};
tableStoreContract(`RedisTableStore (${REDIS_URL})`, redisStore);
writeAndRecordContract(`RedisTableStore (${REDIS_URL})`, redisStore);

describe('RedisTableStore on Redis', () => {
  let opened: Array<{ store: TableStore; prefix: string }> = [];
  async function open(retentionMs = HOUR) {
    const prefix = nextPrefix();
    const o = await openStore(prefix, retentionMs);
    opened.push({ store: o.store, prefix });
    return { ...o, prefix };
  }
  afterEach(async () => {
    const done = opened;
    opened = [];
    for (const o of done) {
      await removeKeysUnder(o.prefix);
      await o.store.close();
    }
  });

  describe('keys', () => {
    const hashTag = (key: string) => /\{([^}]*)\}/.exec(key)?.[1];

    test('the keys of one table share one hash tag, so they live in one Redis Cluster slot', async () => {
      const { store, prefix } = await open();
      // Teams conversation ids may contain braces, colons and semicolons.
      const key: TableKey = { tenantId: 'c1a2b3c4-0000-4000-8000-000000000001', conversationId: '19:{weird}id@thread.tacv2;messageid=17' };
      await store.update(key, () => ({ state: aTable(), result: undefined }));
      await store.setRef(key, 'conversationReference', '{}');

      const keys = await keysUnder(prefix);
      expect(keys).toHaveLength(2);
      const tags = keys.map(hashTag);
      expect(tags).toEqual([tableToken(key), tableToken(key)]);
      // Redis Cluster hashes from the first '{': it must open the tag, not sit in the prefix.
      keys.forEach((k) => expect(k.indexOf('{')).toBe(prefix.length + 1));
      const slots = keys.map(calculateSlot);
      expect(new Set(slots).size).toBe(1);
      expect(slots[0]).toBe(calculateSlot(tableToken(key)));
    });

    test('the same conversation in another tenant gets another tag', async () => {
      const { store, prefix } = await open();
      const a = aTableKey();
      const b = { tenantId: 'c1a2b3c4-0000-4000-8000-000000000002', conversationId: a.conversationId };
      await store.update(a, () => ({ state: aTable(), result: undefined }));
      await store.update(b, () => ({ state: aTable(), result: undefined }));
      const tags = new Set((await keysUnder(prefix)).map(hashTag));
      expect(tags).toEqual(new Set([tableToken(a), tableToken(b)]));
      expect(tableToken(a)).not.toBe(tableToken(b));
    });
  });

  describe('expiry', () => {
    const RETENTION = 300;
    async function keysOfTable(prefix: string) {
      const keys = await keysUnder(prefix);
      const tableKey = keys.find((k) => k.endsWith(':table'));
      const refsKey = keys.find((k) => k.endsWith(':refs'));
      if (keys.length !== 2 || !tableKey || !refsKey) throw new Error(`expected one table and one refs key, got ${keys.join(', ')}`);
      return { tableKey, refsKey };
    }

    test('both keys get a PTTL of the retention, a write renews both, and then they are gone', async () => {
      const { store, prefix } = await open(RETENTION);
      const key = aTableKey();
      await store.update(key, () => ({ state: aTable(), result: undefined }));
      await store.setRef(key, 'statusCardId', 'card-1');
      const { tableKey, refsKey } = await keysOfTable(prefix);
      for (const k of [tableKey, refsKey]) {
        const ttl = await run.admin.pttl(k);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(RETENTION);
      }

      await sleep(150);
      await store.update(key, (current) => ({ state: { ...current!, phase: 'intro' }, result: undefined }));
      // Without the renewal both would be at or below 150 ms now.
      expect(await run.admin.pttl(tableKey)).toBeGreaterThan(200);
      expect(await run.admin.pttl(refsKey)).toBeGreaterThan(200);

      await sleep(RETENTION + 100);
      expect(await run.admin.exists(tableKey, refsKey)).toBe(0);
      expect(await store.get(key)).toBeUndefined();
    });

    test('a realistic retention of 30 days is set in milliseconds', async () => {
      const { store, prefix } = await open(30 * DAY);
      const key = aTableKey();
      await store.update(key, () => ({ state: aTable(), result: undefined }));
      await store.setRef(key, 'statusCardId', 'card-1');
      const { tableKey, refsKey } = await keysOfTable(prefix);
      for (const k of [tableKey, refsKey]) {
        const ttl = await run.admin.pttl(k);
        expect(ttl).toBeLessThanOrEqual(30 * DAY);
        expect(ttl).toBeGreaterThan(30 * DAY - 60_000);
      }
    });

    it('setRef renews the table too, so a table and its refs keep one expiry', async () => {
      const { store, prefix } = await open(RETENTION);
      const key = aTableKey();
      await store.update(key, () => ({ state: aTable(), result: undefined }));
      await sleep(150);
      await store.setRef(key, 'statusCardId', 'card-1');
      const { tableKey, refsKey } = await keysOfTable(prefix);
      const [tableTtl, refsTtl] = [await run.admin.pttl(tableKey), await run.admin.pttl(refsKey)];
      expect(Math.abs(tableTtl - refsTtl)).toBeLessThan(50);
    });
  });

  describe('concurrency', () => {
    test('concurrent updates really race here: fn runs more often than there are updates', async () => {
      // Guards the contract's concurrency tests against passing only because nothing ever collided.
      const { store } = await open();
      const key = aTableKey();
      await store.update(key, () => ({ state: aTable(), result: undefined }));
      let runs = 0;
      await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          store.update(key, (current) => {
            runs++;
            return { state: { ...current!, notes: [...current!.notes, { text: `notitie ${i}`, by: `u${i}`, at: i }] }, result: undefined };
          }),
        ),
      );
      expect((await store.get(key))?.notes).toHaveLength(8);
      expect(runs).toBeGreaterThan(8);
    });

    test('participants writing their own input at the same moment never retry against each other', async () => {
      const { store } = await open();
      const key = aTableKey();
      await store.update(key, () => ({ state: aTable(), result: undefined }));
      let runs = 0;
      await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          store.update(key, (current) => {
            runs++;
            return { state: { ...current!, intro: { ...current!.intro, [`u${i}`]: { answeredAt: i } } }, result: undefined };
          }),
        ),
      );
      expect(Object.keys((await store.get(key))?.intro ?? {})).toHaveLength(8);
      expect(runs).toBe(8);
    });

    it('a write prepared before a delete never lands on a table created after it', async () => {
      const { store, redis, prefix } = await open();
      const other = await openStore(prefix, HOUR); // a second bot process
      opened.push({ store: other.store, prefix });
      const key = aTableKey();
      await store.update(key, () => ({ state: aTable({ title: 'Oude tafel' }), result: undefined }));

      let otherProcess: Promise<void> | undefined;
      await store.update(key, (current) => {
        if (!otherProcess) {
          // A slow network on this connection: its next command (the compare-and-set) waits 500 ms
          // behind a blocking pop, while the other process deletes the table and starts a new one.
          void redis.blpop(`${prefix}:delay`, 0.5);
          otherProcess = (async () => {
            await other.store.delete(key);
            await other.store.update(key, () => ({ state: aTable({ title: 'Nieuwe tafel' }), result: undefined }));
          })();
        }
        return { state: { ...current!, title: `${current!.title} (bewerkt)` }, result: undefined };
      });
      await otherProcess;
      // The edit must be applied to the new table (after a retry), never restore the deleted one.
      expect((await other.store.get(key))?.title).toBe('Nieuwe tafel (bewerkt)');
    });
  });

  describe('when Redis goes away', () => {
    // Not a timing assertion: only a bound after which a call counts as hanging (commandTimeout is 2 s).
    const OP_DEADLINE_MS = 8000;
    let cleanups: Array<() => Promise<void> | void> = [];
    afterEach(async () => {
      const done = cleanups.reverse();
      cleanups = [];
      for (const c of done) await c();
    });
    afterAll(() => killAllRedisServers());

    async function server(port?: number) {
      const s = await startRedisServer(port);
      cleanups.push(() => s.kill());
      return s;
    }

    /** A client like the app's: fail fast, reconnect by itself; closed (and stopped reconnecting) after the test. */
    function client(url: string) {
      // disconnectTimeout only shortens teardown: ioredis otherwise keeps a 2 s timer for a socket
      // that a killed server already closed, and jest waits for it.
      const redis = connectRedis(url, { disconnectTimeout: 100 });
      redis.on('error', () => undefined); // as the app must, or ioredis logs every failed reconnect
      cleanups.push(() => redis.disconnect());
      return { redis };
    }

    /** Resolves with how the promise settled and how long it took; a hang ends at the deadline. */
    async function settle(p: Promise<unknown>, deadlineMs = OP_DEADLINE_MS + 1000) {
      const started = Date.now();
      let timer: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        p.then(
          (value) => ({ kind: 'resolved' as const, value }),
          (error: unknown) => ({ kind: 'rejected' as const, error }),
        ),
        new Promise<{ kind: 'hung' }>((r) => (timer = setTimeout(() => r({ kind: 'hung' }), deadlineMs))),
      ]);
      clearTimeout(timer);
      return { ...outcome, ms: Date.now() - started };
    }

    async function expectFastUnavailable(p: Promise<unknown>) {
      const outcome = await settle(p);
      expect(outcome.kind).toBe('rejected');
      if (outcome.kind === 'rejected') expect(outcome.error).toBeInstanceOf(StoreUnavailableError);
    }

    async function storeOn(url: string) {
      const { redis } = client(url);
      await whenReady(redis);
      return { redis, store: new RedisTableStore(redis, { retentionMs: HOUR, prefix: 'fault' }) };
    }

    test('a killed Redis makes every call fail fast with StoreUnavailableError, and the same connection recovers', async () => {
      const srv = await server();
      const { redis, store } = await storeOn(srv.url);
      const key = aTableKey();
      await store.update(key, () => ({ state: aTable(), result: undefined }));
      expect(await store.get(key)).toBeDefined();

      await srv.kill();
      await expectFastUnavailable(store.update(key, (current) => ({ state: { ...current!, phase: 'intro' }, result: undefined })));
      await expectFastUnavailable(store.get(key));
      await expectFastUnavailable(store.setRef(key, 'statusCardId', 'x'));
      await expectFastUnavailable(store.getRef(key, 'statusCardId'));
      await expectFastUnavailable(store.delete(key));
      const ping = await settle(store.ping());
      expect(ping).toMatchObject({ kind: 'resolved', value: false });

      await server(srv.port);
      await whenReady(redis, 5000);
      // Same client object, reconnected by itself; the scripts are loaded again on the empty server.
      let given: unknown = 'not called';
      await store.update(key, (current) => {
        given = current;
        return { state: aTable({ title: 'Na herstart' }), result: undefined };
      });
      expect(given).toBeUndefined(); // --save "": the restarted server is empty
      expect((await store.get(key))?.title).toBe('Na herstart');
      expect(await store.ping()).toBe(true);
    });

    test('a call in flight when Redis dies rejects too, instead of waiting for a reconnect', async () => {
      const srv = await server();
      const { store } = await storeOn(srv.url);
      const key = aTableKey();
      await store.update(key, () => ({ state: aTable(), result: undefined }));

      srv.freeze(); // the next command is sent but not answered...
      const inFlight = store.update(key, (current) => ({ state: { ...current!, phase: 'intro' }, result: undefined }));
      await sleep(100);
      await srv.kill(); // ...and then the connection drops
      await expectFastUnavailable(inFlight);
    });

    it('a Redis that stops answering (frozen host, network partition) makes calls fail instead of hanging', async () => {
      const srv = await server();
      const { store } = await storeOn(srv.url);
      const key = aTableKey();
      await store.update(key, () => ({ state: aTable(), result: undefined }));
      srv.freeze();
      const get = store.get(key);
      const ping = store.ping();
      cleanups.push(async () => {
        srv.thaw();
        await Promise.allSettled([get, ping]);
      });
      await expectFastUnavailable(get);
      expect(await settle(ping)).toMatchObject({ kind: 'resolved', value: false });
    }, 15000);

    it('a write whose reply is lost with the connection is applied once, not twice', async () => {
      const srv = await server();
      const proxy = await startCuttingProxy(srv.port);
      cleanups.push(() => proxy.close());
      const { store } = await storeOn(proxy.url);
      const key = aTableKey();
      await store.update(key, () => ({ state: aTable(), result: undefined }));

      let runs = 0;
      const click = store.update(key, (current) => {
        runs++;
        // fn runs after the read: the compare-and-set sent next is executed, its reply lost.
        if (runs === 1) proxy.cutOnNextReply();
        const card = { id: `own-card-${runs}`, title: 'Eigen kaart', kind: 'ingredient' as const, addedBy: 'user-1' };
        return { state: { ...current!, deck: { ...current!.deck, ingredients: [...current!.deck.ingredients, card] } }, result: 'added' };
      });
      const outcome = await settle(click);
      // The store may report the click as failed (it cannot know) but must never apply it twice.
      expect(outcome.kind).not.toBe('hung');
      if (outcome.kind === 'rejected') expect(outcome.error).toBeInstanceOf(StoreUnavailableError);
      const direct = (await storeOn(srv.url)).store;
      expect((await direct.get(key))?.deck.ingredients.filter((c) => c.addedBy === 'user-1')).toHaveLength(1);
    });

    test('whenReady waits for a Redis that comes up later, and the connection then works', async () => {
      const port = await freePort();
      const { redis } = client(`redis://127.0.0.1:${port}`);
      const ready = settle(whenReady(redis, 8000), 9000);
      await sleep(300);
      await server(port);
      expect(await ready).toMatchObject({ kind: 'resolved' });
      expect(await redis.ping()).toBe('PONG');
    });

    test('whenReady rejects after its timeout when Redis does not come', async () => {
      const { redis } = client(`redis://127.0.0.1:${await freePort()}`);
      const outcome = await settle(whenReady(redis, 300));
      expect(outcome.kind).toBe('rejected');
      if (outcome.kind === 'rejected') expect(String(outcome.error)).toMatch(/not ready after 300 ms/);
    });
  });
});

describe('the deck apart, and starting from the state the turn read', () => {
  async function twoProcesses() {
    const prefix = nextPrefix();
    const a = await openStore(prefix, DAY);
    const b = await openStore(prefix, DAY);
    return { prefix, a: a.store, b: b.store };
  }
  const tableHash = async (prefix: string) => (await keysUnder(prefix)).find((k) => k.endsWith(':table'))!;

  test('a write from the state read earlier does not overwrite what another process wrote in between', async () => {
    const { a, b } = await twoProcesses();
    const key = aTableKey();
    await a.update(key, () => ({ state: aTable({ title: 'Begin' }), result: undefined }));
    const readEarlier = await a.get(key);
    await b.update(key, (s) => ({ state: { ...s!, title: 'Door B' }, result: undefined }));
    const seen: string[] = [];
    await a.update(
      key,
      (s) => {
        seen.push(s!.title);
        return { state: { ...s!, title: `${s!.title}, daarna A` }, result: undefined };
      },
      readEarlier,
    );
    // First decided on the earlier read, refused by the revision check, then on the latest.
    expect(seen).toEqual(['Begin', 'Door B']);
    const after = await b.get(key);
    expect(after?.title).toBe('Door B, daarna A');
  });

  test('reads of an unchanged table share its parts but never the table, so a write decided on an older read is refused', async () => {
    const { a, b } = await twoProcesses();
    const key = aTableKey();
    await a.update(key, () => ({ state: aTable({ title: 'Begin' }), result: undefined }));
    const older = (await a.get(key))!;
    const newer = (await a.get(key))!;
    // Parsed once: the parts are the same (frozen) objects; each read is its own table all the same.
    expect(newer.participants).toBe(older.participants);
    expect(Object.isFrozen(older.participants)).toBe(true);
    expect(newer).not.toBe(older);

    // Two writes take the table away and back to the same text: a read now parses to the same parts again.
    await a.update(key, (s) => ({ state: { ...s!, title: 'Tussendoor' }, result: undefined }), newer);
    await b.update(key, (s) => ({ state: { ...s!, title: 'Begin' }, result: undefined }));
    const latest = (await a.get(key))!;
    expect(latest.participants).toBe(older.participants);
    expect(latest).not.toBe(older);

    const { write } = await a.prepare(key, (s) => ({ state: { ...s!, title: 'Van de oudste' }, result: undefined }), older);
    expect(await a.commit(write!)).toBe('conflict');
    const seen: unknown[] = [];
    await a.update(key, (s) => (seen.push(s), { state: { ...s!, title: 'Van de oudste' }, result: undefined }), older);
    expect(seen[0]).toBe(older);
    expect(seen).toHaveLength(2);
    expect((await b.get(key))?.title).toBe('Van de oudste');
  });

  test('a state from get starts the update without reading again', async () => {
    const { a } = await twoProcesses();
    const key = aTableKey();
    await a.update(key, () => ({ state: aTable(), result: undefined }));
    const read = await a.get(key);
    const given: unknown[] = [];
    await a.update(key, (s) => (given.push(s), { state: { ...s!, title: 'Nieuw' }, result: undefined }), read);
    expect(given).toEqual([read]);
    expect(given[0]).toBe(read);
    expect((await a.get(key))?.title).toBe('Nieuw');
  });

  test('the deck is stored once beside the state, rewritten only when it changes, and shared between reads', async () => {
    const { prefix, a, b } = await twoProcesses();
    const key = aTableKey();
    await a.update(key, () => ({ state: aTable(), result: undefined }));
    const hash = await tableHash(prefix);
    const stateJson = JSON.parse((await run.admin.hget(hash, 'state'))!) as Record<string, unknown>;
    expect(stateJson).not.toHaveProperty('deck');
    expect(JSON.parse((await run.admin.hget(hash, 'deck'))!)).toEqual(aTable().deck);

    // A marker in the stored deck shows whether the next write touches it.
    const marked = { ...aTable().deck, marker: 'ongewijzigd' };
    await run.admin.hset(hash, 'deck', JSON.stringify(marked));
    const one = await b.get(key);
    const two = await b.get(key);
    expect(one?.deck).toBe(two?.deck);
    expect(Object.isFrozen(one?.deck.ingredients)).toBe(true);
    await b.update(key, (s) => ({ state: { ...s!, title: 'Alleen de titel' }, result: undefined }), one);
    expect(JSON.parse((await run.admin.hget(hash, 'deck'))!)).toEqual(marked);

    const card = { ...aTable().deck.ingredients[0]!, id: 'eigen-1', title: 'Eigen kaartje' };
    await b.update(key, (s) => ({
      state: { ...s!, deck: { ...s!.deck, ingredients: [...s!.deck.ingredients, card] } },
      result: undefined,
    }));
    const stored = JSON.parse((await run.admin.hget(hash, 'deck'))!) as { ingredients: Array<{ id: string }> };
    expect(stored.ingredients.at(-1)?.id).toBe('eigen-1');
    expect((await a.get(key))?.deck.ingredients.at(-1)?.title).toBe('Eigen kaartje');
  });

  test('a table stored before the deck had its own field is read whole and split on its next write', async () => {
    const { prefix, a } = await twoProcesses();
    const key = aTableKey();
    await a.update(key, () => ({ state: aTable(), result: undefined }));
    const hash = await tableHash(prefix);
    // As that release wrote it: with a revision of its own (every write of `state` has one).
    await run.admin.hset(hash, 'rev', 'rev-by-old-release', 'state', JSON.stringify(aTable({ title: 'Oud formaat' })));
    await run.admin.hdel(hash, 'deck');
    expect(await a.get(key)).toEqual(aTable({ title: 'Oud formaat' }));
    await a.update(key, (s) => ({ state: { ...s!, title: 'Nieuw formaat' }, result: undefined }));
    expect(JSON.parse((await run.admin.hget(hash, 'state'))!)).not.toHaveProperty('deck');
    expect(await a.get(key)).toEqual(aTable({ title: 'Nieuw formaat' }));
  });
});

describe('each participant’s own input in a field of its own', () => {
  const withInput = (state: TableState, ids: string[]): TableState => ({
    ...state,
    intro: Object.fromEntries(ids.map((id, i) => [id, { role: `Rol ${i}`, answeredAt: i }])),
  });

  test('a new table in place of an ended one keeps nothing of the old table’s participants', async () => {
    const prefix = nextPrefix();
    const { store } = await openStore(prefix, DAY);
    const key = aTableKey();
    await store.update(key, () => ({ state: aTable(), result: undefined }));
    await store.update(key, (s) => ({ state: { ...withInput(s!, ['anna', 'bram']), phase: 'ended' }, result: undefined }));
    const hash = `${prefix}:{${tableToken(key)}}:table`;
    expect(Object.keys(await run.admin.hgetall(hash)).filter((f) => f.startsWith('u:'))).toHaveLength(2);

    await store.update(key, () => ({ state: aTable({ title: 'Nieuwe tafel' }), result: undefined }));
    expect(Object.keys(await run.admin.hgetall(hash)).filter((f) => f.startsWith('u:'))).toEqual([]);
    expect((await store.get(key))?.intro).toEqual({});
    await removeKeysUnder(prefix);
    await store.close();
  });

  test('a change of one participant’s input writes their field alone: the others and the shared part stay as stored', async () => {
    const prefix = nextPrefix();
    const { store } = await openStore(prefix, DAY);
    const key = aTableKey();
    await store.update(key, () => ({ state: aTable(), result: undefined }));
    await store.update(key, (s) => ({ state: withInput(s!, ['anna', 'bram', 'carla']), result: undefined }));
    const hash = `${prefix}:{${tableToken(key)}}:table`;
    const before = await run.admin.hgetall(hash);

    const read = await store.get(key);
    await store.update(
      key,
      (s) => ({
        state: { ...s!, updatedAt: s!.updatedAt + 1000, intro: { ...s!.intro, bram: { role: 'Nieuw', answeredAt: 5 } } },
        result: undefined,
      }),
      read,
    );
    const after = await run.admin.hgetall(hash);
    expect(after['u:bram']).not.toBe(before['u:bram']);
    expect(JSON.parse(after['u:bram']!.slice(after['u:bram']!.indexOf('|', 17) + 1))).toEqual({ intro: { role: 'Nieuw', answeredAt: 5 } });
    expect({ ...after, 'u:bram': '', pw: '' }).toEqual({ ...before, 'u:bram': '', pw: '' });
    expect(Number(after.pw)).toBe(Number(before.pw) + 1);
    expect((await store.get(key))?.intro).toEqual({ ...read!.intro, bram: { role: 'Nieuw', answeredAt: 5 } });
    await removeKeysUnder(prefix);
    await store.close();
  });

  test('a participant field that does not parse is logged without its text and left out; that participant’s next write replaces it', async () => {
    const prefix = nextPrefix();
    const log = captureLog('warn');
    const { store } = await openStore(prefix, DAY, log.log);
    const key = aTableKey();
    await store.update(key, () => ({ state: aTable(), result: undefined }));
    await store.update(key, (s) => ({ state: withInput(s!, ['anna', 'bram']), result: undefined }));
    const hash = `${prefix}:{${tableToken(key)}}:table`;
    const anna = (await run.admin.hget(hash, 'u:anna'))!;
    await run.admin.hset(hash, 'u:anna', `${anna.slice(0, 17)}0|{"intro":"Geheim"}`);

    const read = await store.get(key);
    expect(Object.keys(read!.intro)).toEqual(['bram']);
    expect(log.records()).toHaveLength(1);
    expect(JSON.stringify(log.records())).not.toContain('Geheim');

    await store.update(
      key,
      (s) => ({ state: { ...s!, intro: { ...s!.intro, anna: { role: 'Opnieuw', answeredAt: 9 } } }, result: undefined }),
      read,
    );
    expect((await store.get(key))?.intro.anna?.role).toBe('Opnieuw');
    await removeKeysUnder(prefix);
    await store.close();
  });
});

describe('tables as main stored them (d3ec181), written into Redis by hand', () => {
  const stateOf = (json: string) => JSON.parse(json) as Record<string, unknown>;

  /**
   * The table in today's shape: the shared part in `state` without anyone's input, and each
   * participant's input in a field of its own.
   */
  async function expectNewShape(hash: string, table: TableState) {
    const { shared, inputs } = splitTable(table);
    const { deck: _deck, ...sharedWithoutDeck } = shared;
    expect(stateOf((await run.admin.hget(hash, 'state'))!)).toEqual(sharedWithoutDeck);
    const stored = await run.admin.hgetall(hash);
    const fields = Object.keys(stored).filter((f) => f.startsWith('u:'));
    expect(fields.sort()).toEqual([...inputs.keys()].map((id) => `u:${id}`).sort());
    expect(fields.length).toBeGreaterThan(0);
    for (const [id, input] of inputs) {
      const field = stored[`u:${id}`]!;
      expect(field.slice(field.indexOf('|', 17) + 1)).toBe(inputContent(input));
    }
  }

  async function storeWith(fields: Record<string, string>) {
    const prefix = nextPrefix();
    const log = captureLog('warn');
    const { store } = await openStore(prefix, DAY, log.log);
    const key = aTableKey();
    const hash = `${prefix}:{${tableToken(key)}}:table`;
    await run.admin.hset(hash, { rev: 'rev-written-by-main', ...fields });
    await run.admin.pexpire(hash, DAY);
    return { store, key, hash, log };
  }

  test('the state beside its deck reads as it is, and a write goes on from the revision main wrote', async () => {
    const { store, key, hash, log } = await storeWith({ state: STORED_BY_MAIN.tableState, deck: STORED_BY_MAIN.tableDeck });
    const read = await store.get(key);
    expect(read).toEqual({ ...stateOf(STORED_BY_MAIN.tableState), deck: JSON.parse(STORED_BY_MAIN.tableDeck) });

    await store.update(key, (s) => ({ state: { ...s!, title: 'Verder na de release' }, result: undefined }), read);
    const whole = { ...stateOf(STORED_BY_MAIN.tableState), deck: JSON.parse(STORED_BY_MAIN.tableDeck) } as TableState;
    await expectNewShape(hash, { ...whole, title: 'Verder na de release' });
    expect(await store.get(key)).toEqual({ ...whole, title: 'Verder na de release' });
    expect(await run.admin.hget(hash, 'deck')).toBe(STORED_BY_MAIN.tableDeck); // unchanged, so not written
    expect(log.records()).toEqual([]);
  });

  test('the state with its deck inside, from before the deck had a field, reads whole and is split by its next write', async () => {
    const { store, key, hash, log } = await storeWith({ state: STORED_BY_MAIN.tableStateWithDeck });
    const whole = stateOf(STORED_BY_MAIN.tableStateWithDeck);
    expect(await store.get(key)).toEqual(whole);

    await store.update(key, (s) => ({ state: { ...s!, title: 'Gesplitst' }, result: undefined }));
    await expectNewShape(hash, { ...(whole as unknown as TableState), title: 'Gesplitst' });
    expect(await store.get(key)).toEqual({ ...whole, title: 'Gesplitst' });
    expect(JSON.parse((await run.admin.hget(hash, 'deck'))!)).toEqual(whole.deck);
    expect(log.records()).toEqual([]);
  });

  // Each with the text "Geheim", which must not reach the log.
  const { deck: _deck, ...wholeWithoutDeck } = stateOf(STORED_BY_MAIN.tableState);
  test.each([
    ['a state that is not JSON', { state: '{"schemaVersion":1,"title":"Geheim', deck: STORED_BY_MAIN.tableDeck }, { reason: 'notJson' }],
    [
      'a state of a version this release does not know',
      { state: JSON.stringify({ ...wholeWithoutDeck, schemaVersion: 2, title: 'Geheim' }), deck: STORED_BY_MAIN.tableDeck },
      { reason: 'unknownVersion', version: 2 },
    ],
    ['a state that is no table at all', { state: '"Geheim"', deck: STORED_BY_MAIN.tableDeck }, { reason: 'unknownVersion' }],
    ['a deck that is not JSON', { state: STORED_BY_MAIN.tableState, deck: '{"ingredients":[{"title":"Geheim' }, { reason: 'notJson' }],
    [
      'a deck of another shape',
      { state: STORED_BY_MAIN.tableState, deck: '{"ingredients":"Geheim","intentions":[]}' },
      { reason: 'shape', issues: ['invalid_type at deck.ingredients'] },
    ],
    [
      'a table with its deck inside that lacks a field',
      { state: JSON.stringify({ ...stateOf(STORED_BY_MAIN.tableStateWithDeck), participants: undefined, title: 'Geheim' }) },
      { reason: 'shape', version: 1, issues: ['invalid_type at participants'] },
    ],
  ])('%s is absent, logged once without its text, and a new table may take its place', async (_name, fields, logged) => {
    const { store, key, log } = await storeWith(fields);
    expect(await store.get(key)).toBeUndefined();
    expect(log.records()).toEqual([expect.objectContaining({ stored: 'table', id: tableToken(key), ...logged })]);
    expect(log.text()).not.toContain('Geheim');

    const seen = await store.update(key, (current) => ({ state: aTable({ title: 'Opnieuw' }), result: current }));
    expect(seen).toBeUndefined();
    expect((await store.get(key))?.title).toBe('Opnieuw');
  });
});
