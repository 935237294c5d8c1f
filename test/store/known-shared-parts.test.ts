import type Redis from 'ioredis';
import { RedisIdempotencyStore, RedisTableStore, tableToken, type TableKey } from '../../src/store';
import { KnownSharedParts } from '../../src/store/known-shared-parts';
import type { TableState } from '../../src/domain';
import { redisRun } from '../support/redis-run';
import { aTable, aTableKey } from './table-store.contract';

const run = redisRun('sbknown');
const DAY = 24 * 60 * 60 * 1000;

/** What one reply of a table read carried: its field names, and whether the shared part was left out. */
interface Seen {
  fields: string[];
  omitted: boolean;
}

type Scripted = Redis & {
  sbReadTable(...args: unknown[]): Promise<[string[], number]>;
  sbClaimAndRead(...args: unknown[]): Promise<[number, unknown, number?]>;
};

/**
 * One bot process: a table store and the claim reading along, on a connection of its own whose table
 * reads are recorded. Auto-pipelining off: it calls the instance's method again (endless recursion).
 */
async function aProcess(prefix: string) {
  const redis = (await run.client()) as Scripted;
  redis.options.enableAutoPipelining = false;
  const tables = new RedisTableStore(redis, { retentionMs: DAY, prefix });
  const claims = new RedisIdempotencyStore(redis, { prefix, readTable: tables.readAlong() });
  const seen: Seen[] = [];
  const names = (flat: string[]) => flat.filter((_, i) => i % 2 === 0);
  const read = redis.sbReadTable.bind(redis);
  redis.sbReadTable = async (...args) => {
    const reply = await read(...args);
    seen.push({ fields: names(reply[0]), omitted: reply[1] === 1 });
    return reply;
  };
  const claim = redis.sbClaimAndRead.bind(redis);
  redis.sbClaimAndRead = async (...args) => {
    const reply = await claim(...args);
    if (reply[0] === 1) seen.push({ fields: names(reply[1] as string[]), omitted: reply[2] === 1 });
    return reply;
  };
  let activity = 0;
  return {
    tables,
    seen,
    /** A card action's first steps: the claim with the table read along, then the turn's read. */
    click: async (key: TableKey) => {
      expect((await claims.begin(key, `click-${++activity}`)).type).toBe('first');
      return tables.get(key);
    },
    last: () => seen.at(-1)!,
  };
}

/** What a process that never saw the table reads: all of it from Redis. */
async function readFresh(prefix: string, key: TableKey): Promise<TableState | undefined> {
  const fresh = await aProcess(prefix);
  const state = await fresh.tables.get(key);
  expect(fresh.last().omitted).toBe(false);
  return state;
}

const withIntro = (state: TableState, id: string, role: string): TableState => ({
  ...state,
  intro: { ...state.intro, [id]: { role, answeredAt: 1 } },
});

afterEach(() => run.removeKeysUnder(run.prefix));

describe('a table whose shared part the process knows', () => {
  test('a click does not bring its state and deck from Redis, and decides on the same table as a full read', async () => {
    const prefix = run.nextPrefix();
    const a = await aProcess(prefix);
    const key = aTableKey();
    await a.tables.update(key, () => ({ state: withIntro(aTable({ title: 'Bekend' }), 'anna', 'Rol'), result: undefined }));

    const clicked = await a.click(key);
    expect(a.last()).toEqual({ fields: expect.not.arrayContaining(['state']) as unknown, omitted: true });
    expect(a.last().fields).not.toContain('deck');
    expect(a.last().fields).toEqual(expect.arrayContaining(['rev', 'pw', 'u:anna']));
    expect(clicked).toEqual(await readFresh(prefix, key));

    // The table store's own read too.
    expect(await a.tables.get(key)).toEqual(clicked);
    expect(a.last().omitted).toBe(true);
    expect(a.last().fields).not.toContain('state');

    await a.tables.update(key, (s) => ({ state: { ...s!, title: 'Na de klik' }, result: undefined }), clicked);
    expect((await readFresh(prefix, key))?.title).toBe('Na de klik');
    // Its own write of the shared part is known as written (the deck as it was): the next click leaves it in Redis.
    const afterWrite = await a.click(key);
    expect(a.last().omitted).toBe(true);
    expect(afterWrite?.title).toBe('Na de klik');
    expect(afterWrite).toEqual(await readFresh(prefix, key));

    // And a write of a new deck.
    const card = { ...afterWrite!.deck.ingredients[0]!, id: 'eigen-1', title: 'Eigen kaartje' };
    await a.tables.update(
      key,
      (s) => ({ state: { ...s!, deck: { ...s!.deck, ingredients: [...s!.deck.ingredients, card] } }, result: undefined }),
      afterWrite,
    );
    const withCard = await a.click(key);
    expect(a.last().omitted).toBe(true);
    expect(withCard?.deck.ingredients.at(-1)?.title).toBe('Eigen kaartje');
    expect(withCard).toEqual(await readFresh(prefix, key));
  });

  test('a write of the shared part by another process is read whole: never the state known before', async () => {
    const prefix = run.nextPrefix();
    const [a, b] = [await aProcess(prefix), await aProcess(prefix)];
    const key = aTableKey();
    await a.tables.update(key, () => ({ state: aTable({ title: 'Van A' }), result: undefined }));
    expect((await a.click(key))?.title).toBe('Van A');
    expect(a.last().omitted).toBe(true);

    await b.tables.update(key, (s) => ({ state: { ...s!, title: 'Van B' }, result: undefined }));
    expect((await a.click(key))?.title).toBe('Van B');
    expect(a.last()).toMatchObject({ omitted: false, fields: expect.arrayContaining(['state', 'deck']) as unknown });
    expect((await a.tables.get(key))?.title).toBe('Van B');
    expect(a.last().omitted).toBe(true);

    await b.tables.update(key, (s) => ({ state: { ...s!, title: 'Weer van B' }, result: undefined }));
    expect((await a.tables.get(key))?.title).toBe('Weer van B');
    expect(a.last().omitted).toBe(false);
  });

  test('a table deleted and started again under the same key is read whole, not as the one known', async () => {
    const prefix = run.nextPrefix();
    const [a, b] = [await aProcess(prefix), await aProcess(prefix)];
    const key = aTableKey();
    await a.tables.update(key, () => ({ state: aTable({ title: 'Eerste tafel' }), result: undefined }));
    expect((await a.tables.get(key))?.title).toBe('Eerste tafel');

    await b.tables.delete(key);
    expect(await a.tables.get(key)).toBeUndefined();
    await b.tables.update(key, () => ({ state: aTable({ title: 'Tweede tafel' }), result: undefined }));
    expect((await a.click(key))?.title).toBe('Tweede tafel');
    expect(a.last().omitted).toBe(false);

    // Deleted while a knows it, and started again before a reads at all.
    await b.tables.delete(key);
    await b.tables.update(key, () => ({ state: aTable({ title: 'Derde tafel' }), result: undefined }));
    expect((await a.tables.get(key))?.title).toBe('Derde tafel');
    expect(a.last().omitted).toBe(false);
  });

  test('a participant’s write by another process leaves the shared part known, and the read sees their field', async () => {
    const prefix = run.nextPrefix();
    const [a, b] = [await aProcess(prefix), await aProcess(prefix)];
    const key = aTableKey();
    await a.tables.update(key, () => ({ state: withIntro(aTable(), 'anna', 'Eerst'), result: undefined }));
    expect((await a.tables.get(key))?.intro.anna?.role).toBe('Eerst');

    const hash = `${prefix}:{${tableToken(key)}}:table`;
    const rev = await run.admin.hget(hash, 'rev');
    await b.tables.update(key, (s) => ({ state: withIntro(withIntro(s!, 'anna', 'Daarna'), 'bram', 'Nieuw'), result: undefined }));
    // Written into the participants' fields alone: the shared part's revision is as it was.
    expect(await run.admin.hget(hash, 'rev')).toBe(rev);
    expect(await run.admin.hget(hash, 'u:bram')).toContain('Nieuw');

    const clicked = await a.click(key);
    expect(a.last().omitted).toBe(true);
    expect(clicked?.intro).toEqual({ anna: { role: 'Daarna', answeredAt: 1 }, bram: { role: 'Nieuw', answeredAt: 1 } });
    expect(clicked).toEqual(await readFresh(prefix, key));
  });
});

describe('KnownSharedParts', () => {
  test('keeps at most its capacity, letting go of the one set least recently', () => {
    const known = new KnownSharedParts(2);
    const texts = (rev: string) => ({ rev, state: `{"rev":"${rev}"}`, deck: undefined });
    known.set('a', texts('1'));
    known.set('b', texts('2'));
    expect(known.get('a')?.rev).toBe('1');
    known.set('a', texts('3'));
    known.set('c', texts('4'));
    expect(known.size).toBe(2);
    expect(known.get('b')).toBeUndefined();
    expect(known.get('a')?.rev).toBe('3');
    expect(known.get('c')?.rev).toBe('4');
  });
});
