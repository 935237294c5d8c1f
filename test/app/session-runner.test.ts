/**
 * The session runner over the in-memory stores: one session per thread, a taken code drawn again,
 * linking (also moving a table between sessions before any pick), and erasing exactly what belongs
 * to the session or the table.
 */
import { defaultDeck, newTable, type Actor, type TableState } from '../../src/domain';
import { MemorySessionStore, MemoryTableStore, MemoryTimerQueue, tableToken, type TableKey } from '../../src/store';
import { SessionRunner } from '../../src/app/session-runner';

const HOUR = 3_600_000;
const TENANT = 'tenant-gemeente';
const OLGA: Actor = { id: 'aad-olga', name: 'Olga', channelUserId: '29:olga' };
const LEA: Actor = { id: 'aad-lea', name: 'Lea', channelUserId: '29:lea' };
const ANNA: Actor = { id: 'aad-anna', name: 'Anna', channelUserId: '29:anna' };

function setup(codes: number[][] = []) {
  const sessions = new MemorySessionStore({ retentionMs: HOUR });
  const tables = new MemoryTableStore({ retentionMs: HOUR });
  const timers = new MemoryTimerQueue();
  // A scripted random source: each code takes six numbers; afterwards plain counting.
  const numbers = codes.flat();
  let i = 0;
  const random = (max: number) => (i < numbers.length ? numbers[i++]! : i++ % max);
  return { sessions, tables, timers, runner: new SessionRunner({ sessions, tables, randomInt: random, clock: () => 1000, timers }) };
}

const thread = (n: number): TableKey => ({ tenantId: TENANT, conversationId: `19:kanaal@thread.tacv2;messageid=${n}` });
const tableKey = (n: number): TableKey => ({ tenantId: TENANT, conversationId: `19:tafel-${n}@thread.v2` });

async function startTable(tables: MemoryTableStore, key: TableKey, lead = LEA): Promise<TableState> {
  const state = newTable({
    actor: lead,
    defaultTitle: 'Tafel',
    title: `Tafel ${key.conversationId}`,
    settings: { maxParticipants: 8, language: 'nl' },
    deck: defaultDeck(),
    now: 500,
  });
  await tables.update(key, () => ({ state, result: undefined }));
  return state;
}

async function create(r: ReturnType<typeof setup>, n: number, title = `Sessie ${n}`) {
  const result = await r.runner.create(thread(n), {
    actor: OLGA,
    language: 'nl',
    form: { title },
    defaultTitle: 'Sessie',
    defaultDeck: defaultDeck(),
  });
  if (result.type === 'error') throw new Error(result.error.code);
  return result;
}

describe('SessionRunner', () => {
  it('a thread holds one session: creating again gives the existing one', async () => {
    const r = setup();
    const first = await create(r, 1);
    expect(first.type).toBe('created');
    const again = await create(r, 1, 'Nog een');
    expect(again).toEqual({ type: 'exists', session: first.session });
    expect((await create(r, 2)).session.code).not.toBe(first.session.code);
  });

  it('a code that is taken is drawn again', async () => {
    const same = [0, 1, 2, 3, 16, 17]; // A, C, D, E, 3, 4
    const r = setup([same, same, [5, 6, 7, 8, 19, 19]]);
    const a = await create(r, 1);
    const b = await create(r, 2);
    expect(a.session.code).toBe('ACDE34');
    expect(b.session.code).not.toBe('ACDE34');
    expect(await r.runner.get('ACDE34')).toMatchObject({ title: 'Sessie 1' });
  });

  it('links a table, refuses a participant, and moves a table (before picks) from one session to another', async () => {
    const r = setup();
    const a = (await create(r, 1, 'Noord')).session;
    const b = (await create(r, 2, 'Zuid')).session;
    await startTable(r.tables, tableKey(1));
    expect(await r.runner.link(tableKey(1), ANNA, a.code)).toMatchObject({ type: 'error', error: { code: 'notLeader' } });
    expect(await r.runner.link(tableKey(1), LEA, `${a.code.slice(0, 3)}-${a.code.slice(3)}`.toLowerCase())).toMatchObject({
      type: 'linked',
      alreadyLinked: false,
    });
    expect((await r.runner.get(a.code))?.tables.map((t) => t.token)).toEqual([tableToken(tableKey(1))]);

    const moved = await r.runner.link(tableKey(1), LEA, b.code);
    expect(moved).toMatchObject({ type: 'linked', alreadyLinked: false, previous: 'Noord' });
    expect((await r.runner.get(a.code))?.tables).toEqual([]);
    expect((await r.runner.get(b.code))?.tables).toHaveLength(1);
    expect((await r.tables.get(tableKey(1)))?.sessionCode).toBe(b.code);
  });

  it('when the table refuses after the session took it, the session lets go again', async () => {
    const r = setup();
    const s = (await create(r, 1)).session;
    const state = await startTable(r.tables, tableKey(1));
    // Someone picks in the moment between the check and the write: the table's update sees picks.
    const withPicks: TableState = {
      ...state,
      phase: 'round1',
      pickRounds: [
        {
          number: 1,
          openedAt: 1,
          picks: {
            [ANNA.id]: {
              picks: {
                in: { cardId: 'buurthuis', argument: 'a' },
                out: { cardId: 'park', argument: 'b' },
                doubt: { cardId: 'koor', argument: 'c' },
              },
              submittedAt: 2,
            },
          },
        },
      ],
    };
    const racing = Object.create(r.tables) as MemoryTableStore;
    let reads = 0;
    racing.get = async (key) => (reads++ === 0 ? state : r.tables.get(key));
    await r.tables.update(tableKey(1), () => ({ state: withPicks, result: undefined }));
    const runner = new SessionRunner({ sessions: r.sessions, tables: racing, randomInt: () => 0, clock: () => 1000 });
    expect(await runner.link(tableKey(1), LEA, s.code)).toMatchObject({ type: 'error', error: { code: 'picksMade' } });
    expect((await r.runner.get(s.code))?.tables).toEqual([]);
  });

  it('erasing a table removes it, its reminders and its link; erasing the session spares a newer, unlinked table in a linked chat', async () => {
    const r = setup();
    const s = (await create(r, 1)).session;
    for (const n of [1, 2, 3]) {
      await startTable(r.tables, tableKey(n));
      await r.runner.link(tableKey(n), LEA, s.code);
      await r.tables.setRef(tableKey(n), 'conversation', `{"n":${n}}`);
      await r.timers.add(5000, JSON.stringify({ id: `t${n}`, key: tableKey(n), reference: {}, minutes: 5, lang: 'nl' }));
    }
    await r.runner.setRef(s.code, `summary:${tableToken(tableKey(1))}`, 'msg-1');

    expect(await r.runner.eraseTable(tableKey(1), ANNA, undefined)).toMatchObject({ type: 'error', error: { code: 'notLeader' } });
    expect(await r.runner.eraseTable(tableKey(1), LEA, 12345)).toEqual({ type: 'stale' });
    const erased = await r.runner.eraseTable(tableKey(1), LEA, 500);
    expect(erased).toMatchObject({ type: 'erased', summaryId: 'msg-1' });
    expect(await r.tables.get(tableKey(1))).toBeUndefined();
    expect((await r.runner.get(s.code))?.tables.map((t) => t.token)).toEqual([tableToken(tableKey(2)), tableToken(tableKey(3))]);
    expect(await r.runner.getRef(s.code, `summary:${tableToken(tableKey(1))}`)).toBeUndefined();
    expect((await r.timers.takeDue(10_000)).map((p) => JSON.parse(p).id).sort()).toEqual(['t2', 't3']);

    // Chat 3's table ended and a new one, not linked, was started there.
    await r.tables.update(tableKey(3), (current) => ({
      state: { ...current!, sessionCode: undefined, title: 'Nieuw' } as TableState,
      result: undefined,
    }));
    expect(await r.runner.eraseSession(s.code, ANNA)).toMatchObject({ type: 'error', error: { code: 'codeRefused' } });
    const all = await r.runner.eraseSession(s.code, OLGA);
    expect(all).toMatchObject({ type: 'erased', tables: [{ reference: '{"n":2}' }, {}] });
    expect(await r.tables.get(tableKey(2))).toBeUndefined();
    expect((await r.tables.get(tableKey(3)))?.title).toBe('Nieuw');
    expect(await r.runner.get(s.code)).toBeUndefined();
    expect(await r.runner.inThread(thread(1))).toBeUndefined();
  });

  it('tablesOf counts only the tables still linked to the session', async () => {
    const r = setup();
    const s = (await create(r, 1)).session;
    for (const n of [1, 2]) {
      await startTable(r.tables, tableKey(n));
      await r.runner.link(tableKey(n), LEA, s.code);
    }
    await r.tables.delete(tableKey(1));
    const session = (await r.runner.get(s.code))!;
    expect((await r.runner.tablesOf(session)).map((t) => t.title)).toEqual([`Tafel ${tableKey(2).conversationId}`]);
  });
});
