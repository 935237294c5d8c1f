/**
 * TABLE_STORE_SHAPE: a release from before the participant fields reads a table's `state` whole and
 * knows no `u:<id>` fields. During a rolling deploy onto such a release this one writes `document`:
 * the whole table in `state`, no fields; after it, `fields`. Each reads both shapes, and a store of
 * either shape beside one of the other (the switch from one to the other is a rolling restart too)
 * never overwrites what the other wrote.
 */
import type { TableState } from '../../src/domain';
import { RedisTableStore, tableToken, type TableKey, type TableStoreShape } from '../../src/store';
import { redisRun } from '../support/redis-run';
import { aTable, aTableKey } from './table-store.contract';

const run = redisRun('sbshape');
const DAY = 24 * 60 * 60 * 1000;

const withIntro = (state: TableState, answers: Record<string, string>): TableState => ({
  ...state,
  intro: { ...state.intro, ...Object.fromEntries(Object.entries(answers).map(([id, role], i) => [id, { role, answeredAt: i }])) },
});

describe('TABLE_STORE_SHAPE', () => {
  let prefix: string;
  const opened: RedisTableStore[] = [];
  async function open(shape: TableStoreShape): Promise<RedisTableStore> {
    const store = new RedisTableStore(await run.client(), { retentionMs: DAY, prefix, shape });
    opened.push(store);
    return store;
  }
  const hashOf = (key: TableKey) => `${prefix}:{${tableToken(key)}}:table`;
  const fieldsOf = async (key: TableKey) => Object.keys(await run.admin.hgetall(hashOf(key))).filter((f) => f.startsWith('u:'));
  const storedState = async (key: TableKey) => JSON.parse((await run.admin.hget(hashOf(key), 'state'))!) as TableState;

  beforeEach(() => {
    prefix = run.nextPrefix();
  });
  afterEach(async () => {
    await run.removeKeysUnder(prefix);
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });

  it('document writes the whole table in `state` and removes the participant fields, as a release before them reads it', async () => {
    const fields = await open('fields');
    const document = await open('document');
    const key = aTableKey();
    await fields.update(key, () => ({ state: withIntro(aTable(), { anna: 'Buurtwerker', bram: 'Huisarts' }), result: undefined }));
    expect((await fieldsOf(key)).sort()).toEqual(['u:anna', 'u:bram']);
    expect((await storedState(key)).intro).toEqual({});

    await document.update(key, (s) => ({ state: { ...s!, title: 'Tijdens de uitrol' }, result: undefined }));
    expect(await fieldsOf(key)).toEqual([]);
    const whole = await storedState(key);
    expect(whole.title).toBe('Tijdens de uitrol');
    expect(Object.keys(whole.intro).sort()).toEqual(['anna', 'bram']);
    expect(await fields.get(key)).toEqual(await document.get(key));
    // A participant's own write in document shape is the whole table too.
    await document.update(key, (s) => ({ state: withIntro(s!, { anna: 'Opbouwwerker' }), result: undefined }));
    expect(await fieldsOf(key)).toEqual([]);
    expect((await storedState(key)).intro.anna?.role).toBe('Opbouwwerker');
  });

  it('fields after document: the next write splits the whole table, also when only a participant’s input changed', async () => {
    const document = await open('document');
    const fields = await open('fields');
    const key = aTableKey();
    await document.update(key, () => ({ state: withIntro(aTable(), { anna: 'Buurtwerker', bram: 'Huisarts' }), result: undefined }));
    await fields.update(key, (s) => ({ state: withIntro(s!, { anna: 'Opbouwwerker' }), result: undefined }));
    expect((await storedState(key)).intro).toEqual({});
    expect((await fieldsOf(key)).sort()).toEqual(['u:anna', 'u:bram']);
    const read = await fields.get(key);
    expect(read?.intro.anna?.role).toBe('Opbouwwerker');
    expect(read?.intro.bram?.role).toBe('Huisarts');
    expect(await document.get(key)).toEqual(read);
  });

  it('a document write decided before a participant’s write in a field is refused, and the next attempt keeps that input', async () => {
    const document = await open('document');
    const fields = await open('fields');
    const key = aTableKey();
    await fields.update(key, () => ({ state: withIntro(aTable(), { anna: 'Buurtwerker' }), result: undefined }));
    const stale = await document.prepare(key, (s) => ({ state: { ...s!, title: 'Op oud gelezen' }, result: undefined }));
    await fields.update(key, (s) => ({ state: withIntro(s!, { bram: 'Huisarts' }), result: undefined }));
    expect(await document.commit(stale.write!)).toBe('conflict');
    await document.update(key, (s) => ({ state: { ...s!, title: 'Opnieuw besloten' }, result: undefined }));
    const whole = await storedState(key);
    expect(whole.title).toBe('Opnieuw besloten');
    expect(Object.keys(whole.intro).sort()).toEqual(['anna', 'bram']);
    expect(await fieldsOf(key)).toEqual([]);
  });
});
