/**
 * The stored shapes on their own: what the rules make reads back, what main stored reads (or is
 * migrated), and what does not parse says why in a way that is safe to log.
 */
import { z } from 'zod/v4';
import type { SessionState, TableState } from '../../src/domain';
import { readTimerPayload, timerPayloadJson, type QueuedTimer } from '../../src/store';
import { sessionShape } from '../../src/store/schema/session-state';
import { tableShape } from '../../src/store/schema/table-state';
import { readStored, readStoredJson, step, type StoredShape } from '../../src/store/schema/versioned';
import { tables, withGuest } from '../domain/fixtures';
import { bigTable, endedTable, hostileTable } from '../report/fixtures';
import { crowdedTable, session, threeTables } from '../report/session-fixtures';
import { STORED_BY_MAIN } from './fixtures/stored-by-main';

const asStored = <T>(value: T) => JSON.parse(JSON.stringify(value)) as unknown;

describe('what the rules make reads back as it was', () => {
  const made: Array<[string, TableState]> = [
    ...Object.entries(tables).map(([name, make]): [string, TableState] => [name, make()]),
    ['with a guest', withGuest(tables.round1()).state],
    ['ended', endedTable()],
    ['the largest the method allows', bigTable()],
    ['hostile texts', hostileTable()],
    ['crowded', crowdedTable()],
    ...threeTables().map((t): [string, TableState] => [t.title, t]),
  ];
  test.each(made)('table: %s', (_name, state) => {
    expect(readStored(tableShape, asStored(state))).toEqual({ ok: true, value: state });
  });

  test('a session', () => {
    const s: SessionState = session(['AAAAAAAAAAAAAAAAAAAAAAAAAAA']);
    expect(readStored(sessionShape, asStored(s))).toEqual({ ok: true, value: s });
  });
});

describe('what main stored (d3ec181) reads', () => {
  test('a table and a session, as they are', () => {
    const table = { ...JSON.parse(STORED_BY_MAIN.tableState), deck: JSON.parse(STORED_BY_MAIN.tableDeck) } as unknown;
    expect(readStored(tableShape, table)).toEqual({ ok: true, value: table });
    expect(readStoredJson(tableShape, STORED_BY_MAIN.tableStateWithDeck)).toEqual({
      ok: true,
      value: JSON.parse(STORED_BY_MAIN.tableStateWithDeck),
    });
    expect(readStoredJson(sessionShape, STORED_BY_MAIN.sessionState)).toEqual({ ok: true, value: JSON.parse(STORED_BY_MAIN.sessionState) });
  });

  test('a timer, without a version or a type then, reads as a timer of version 1', () => {
    const old = JSON.parse(STORED_BY_MAIN.timerPayload) as Record<string, unknown>;
    expect(old).not.toHaveProperty('schemaVersion');
    expect(readTimerPayload(STORED_BY_MAIN.timerPayload)).toEqual({ ok: true, value: { schemaVersion: 1, type: 'timer', ...old } });
  });

  test('a shared card reminder, without a version then, reads as one of version 1', () => {
    const old = JSON.parse(STORED_BY_MAIN.cardReminderPayload) as Record<string, unknown>;
    expect(readTimerPayload(STORED_BY_MAIN.cardReminderPayload)).toEqual({ ok: true, value: { schemaVersion: 1, ...old } });
  });
});

describe('what does not parse says why, safe to log', () => {
  const ended = () => asStored(endedTable()) as Record<string, any>;

  test('codes and field names only: the keys of maps (user ids, card ids) are masked, texts never appear', () => {
    const state = ended();
    const [someone] = Object.keys(state.intro as object);
    state.intro[someone!].role = 42;
    state.title = ['Geheime titel'];
    state.round2.history[1].zone = 'Geheime zone';
    const read = readStored(tableShape, state);
    expect(read).toEqual({
      ok: false,
      unreadable: {
        reason: 'shape',
        version: 1,
        issues: ['invalid_type at title', 'invalid_type at intro.*.role', 'invalid_value at round2.history.1.zone'],
      },
    });
    expect(JSON.stringify(read)).not.toMatch(/Geheim|aad-|42/);
  });

  test('not JSON: no part of the text (JSON.parse quotes it in its message)', () => {
    expect(readStoredJson(tableShape, '{"title": "Geheim"')).toEqual({ ok: false, unreadable: { reason: 'notJson' } });
  });

  test('a version this release does not know, newer or not a number', () => {
    expect(readStored(tableShape, { ...ended(), schemaVersion: 2 })).toEqual({
      ok: false,
      unreadable: { reason: 'unknownVersion', version: 2 },
    });
    expect(readStored(tableShape, { ...ended(), schemaVersion: 'Geheim' })).toEqual({
      ok: false,
      unreadable: { reason: 'unknownVersion', version: 'string' },
    });
    expect(readStored(tableShape, { ...ended(), schemaVersion: undefined })).toEqual({
      ok: false,
      unreadable: { reason: 'unknownVersion' },
    });
    expect(readStored(tableShape, null)).toEqual({ ok: false, unreadable: { reason: 'unknownVersion' } });
  });
});

describe('versions and their steps', () => {
  // A shape that went through three versions: a name in one field, then split, then a count added.
  const v2 = z.object({ schemaVersion: z.literal(2), first: z.string(), last: z.string(), count: z.number() });
  const shape: StoredShape<z.infer<typeof v2>> = {
    version: 2,
    schema: v2,
    unversioned: 0,
    older: {
      0: step(z.object({ name: z.string() }), ({ name, ...rest }) => {
        const [first = '', last = ''] = name.split(' ');
        return { ...rest, schemaVersion: 1, first, last };
      }),
      1: step(z.object({ schemaVersion: z.literal(1), first: z.string(), last: z.string() }), (old) => ({
        ...old,
        schemaVersion: 2,
        count: 0,
      })),
    },
  };

  test('a value of each older version is lifted step by step to the current one', () => {
    expect(readStored(shape, { name: 'Anna Jansen' })).toEqual({
      ok: true,
      value: { schemaVersion: 2, first: 'Anna', last: 'Jansen', count: 0 },
    });
    expect(readStored(shape, { schemaVersion: 1, first: 'Bram', last: 'Smit' })).toEqual({
      ok: true,
      value: { schemaVersion: 2, first: 'Bram', last: 'Smit', count: 0 },
    });
  });

  test('an older value that does not have its version’s shape says so, with that version', () => {
    expect(readStored(shape, { schemaVersion: 1, first: 'Bram' })).toEqual({
      ok: false,
      unreadable: { reason: 'shape', version: 1, issues: ['invalid_type at last'] },
    });
    expect(readStored(shape, { nam: 'Anna' })).toEqual({
      ok: false,
      unreadable: { reason: 'shape', version: 0, issues: ['invalid_type at name'] },
    });
  });

  test('a field a newer release added is kept, so that this release’s write does not drop it; and a step carries over what it does not name', () => {
    const read = readStored(shape, { schemaVersion: 2, first: 'C', last: 'D', count: 1, addedLater: true });
    expect(read).toEqual({ ok: true, value: { schemaVersion: 2, first: 'C', last: 'D', count: 1, addedLater: true } });
    expect(readStored(shape, { name: 'E F', note: 'kept' })).toEqual({
      ok: true,
      value: { schemaVersion: 2, first: 'E', last: 'F', count: 0, note: 'kept' },
    });
  });

  test('a step that does not go up is a mistake in the code, not in the data: it throws', () => {
    const looping: StoredShape<unknown> = { ...shape, older: { 1: step(z.object({}), () => ({ schemaVersion: 1 })) } };
    expect(() => readStored(looping, { schemaVersion: 1 })).toThrow(/migration from version 1 gives version 1/);
  });
});

describe('timer payloads', () => {
  const key = { tenantId: 't-1', conversationId: '19:c@thread.v2' };
  const reference = {
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    conversation: { id: key.conversationId, isGroup: true },
  };
  const timer: QueuedTimer = { type: 'timer', id: 'timer-1', key, reference, minutes: 5, lang: 'en' };
  const reminder: QueuedTimer = { type: 'card', key, kind: 'progress', reference };

  test('are queued with this release’s version and read back as they were queued', () => {
    for (const payload of [timer, reminder]) {
      expect(JSON.parse(timerPayloadJson(payload))).toEqual({ schemaVersion: 1, ...payload });
      expect(readTimerPayload(timerPayloadJson(payload))).toEqual({ ok: true, value: { schemaVersion: 1, ...payload } });
    }
  });

  test('the same reminder gives the same JSON, so the queue moves it instead of adding a second', () => {
    expect(timerPayloadJson({ ...reminder })).toBe(timerPayloadJson(reminder));
  });

  test.each([
    ['not JSON', '{"type":"timer"', { reason: 'notJson' }],
    [
      'a version this release does not know',
      JSON.stringify({ ...JSON.parse(timerPayloadJson(timer)), schemaVersion: 2 }),
      { reason: 'unknownVersion', version: 2 },
    ],
    [
      'a card kind this release does not know',
      timerPayloadJson({ ...reminder, kind: 'banner' } as unknown as QueuedTimer),
      { reason: 'shape', version: 1 },
    ],
    [
      'a reference without a conversation',
      timerPayloadJson({ ...timer, reference: { serviceUrl: reference.serviceUrl } }),
      { reason: 'shape', version: 1 },
    ],
    [
      'an old timer without its minutes',
      JSON.stringify({ ...JSON.parse(STORED_BY_MAIN.timerPayload), minutes: undefined }),
      { reason: 'shape', version: 0 },
    ],
  ])('%s does not parse', (_name, raw, why) => {
    const read = readTimerPayload(raw);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.unreadable).toMatchObject(why);
  });
});
