/**
 * Teams re-sends an activity it got no answer to within about 15 s. Over HTTP, through the real
 * server: a second delivery of the same activity id has no second effect and gets the same answer,
 * also when it arrives while the first is still running (on the same or another bot process), and a
 * delivery whose turn failed can be run again.
 */
import pino from 'pino';
import { loadConfig } from '../../src/server/config';
import { createStores, type Stores } from '../../src/server/create-store';
import { MemoryIdempotencyStore, MemoryTableStore, MemoryTimerQueue, type TableKey, type TableStore } from '../../src/store';
import { LEIDER, person } from '../fixtures/round1-people';
import { startApp } from '../support/app-harness';
import type { Harness } from '../support/bot-under-test';
import { cardOfCall, cardText, headingOf } from '../support/cards';
import { E2ETable, REDIS_URL, removeRedisKeys, storeVariants, uniqueRedisPrefix, useBot } from '../support/e2e-table';
import { captureLog } from '../support/log-capture';
import { BOT, cardAction, groupChat } from '../support/teams-activity';

const ANNA = person(0);
const BRAM = person(1);

const keyOf = (t: E2ETable): TableKey => ({ tenantId: t.chat.tenantId, conversationId: t.chat.id });

describe.each(storeVariants())('a re-sent activity (%s store)', (_storeName, env) => {
  const bot = useBot(env);

  it('a re-sent card action gets the same card again, and nothing changes or is sent', async () => {
    const t = new E2ETable(bot.h, LEIDER);
    await t.start('Tafel Oost');
    const join = cardAction(t.connector.url, t.chat, ANNA, 'join');
    const first = await bot.h.send(join);
    expect(first.status).toBe(200);
    expect(cardText(first.body.value)).toContain('Je doet mee als deelnemer 1');
    await bot.h.app.updater.flush();
    const stateAfterFirst = await bot.h.app.store.get(keyOf(t));
    const callsAfterFirst = t.calls().length;

    const again = await bot.h.send(join);
    await bot.h.app.updater.flush();
    expect(again).toEqual(first);
    expect(await bot.h.app.store.get(keyOf(t))).toEqual(stateAfterFirst);
    expect(t.calls()).toHaveLength(callsAfterFirst);
  });

  it('a re-sent message that adds a guest adds one guest and posts one notice', async () => {
    const t = new E2ETable(bot.h, LEIDER);
    await t.start();
    const guest = t.messageActivity(LEIDER, 'gast Karel Kleefstra');
    const first = await t.resend(guest);
    expect(first).toHaveLength(1);
    expect(await t.resend(guest)).toEqual([]);
    expect(await t.resend(guest)).toEqual([]);
    const state = await bot.h.app.store.get(keyOf(t));
    expect(state?.participants.filter((p) => p.guest).map((p) => p.name)).toEqual(['Karel Kleefstra']);
  });

  it('a re-sent "bot added" update greets once', async () => {
    const chat = groupChat();
    const added = {
      type: 'conversationUpdate',
      id: `f:${Date.now()}-added`,
      timestamp: new Date().toISOString(),
      serviceUrl: bot.h.connector.url,
      channelId: 'msteams',
      from: { id: LEIDER.id, name: LEIDER.name, aadObjectId: LEIDER.aadObjectId },
      conversation: { id: chat.id, conversationType: 'groupChat', tenantId: chat.tenantId, isGroup: true },
      recipient: BOT,
      membersAdded: [BOT],
      channelData: { tenant: { id: chat.tenantId } },
    };
    expect((await bot.h.send(added)).status).toBe(200);
    expect((await bot.h.send(added)).status).toBe(200);
    expect(bot.h.connector.posts(chat.id).map((p) => headingOf(cardOfCall(p)))).toHaveLength(1);
  });

  it('an invoke the bot does not handle is answered 501 both times', async () => {
    const t = new E2ETable(bot.h, LEIDER);
    const invoke = { ...cardAction(t.connector.url, t.chat, ANNA, 'join'), name: 'composeExtension/query' };
    expect((await bot.h.send(invoke)).status).toBe(501);
    expect((await bot.h.send(invoke)).status).toBe(501);
  });
});

/** Table store calls pass through; the writes (`update`, and `commit` of a card action) can be made slow or made to fail, to shape the race. */
function controllable(inner: TableStore) {
  const control = { delayMs: 0, failNext: 0, updates: 0, beforeCommit: undefined as (() => Promise<unknown>) | undefined };
  const store = new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'update' || prop === 'commit') {
        return async (...args: unknown[]) => {
          control.updates++;
          const before = prop === 'commit' ? control.beforeCommit : undefined;
          control.beforeCommit = undefined;
          if (before) await before();
          if (control.delayMs) await new Promise((r) => setTimeout(r, control.delayMs));
          if (control.failNext > 0) {
            control.failNext--;
            throw new Error('the disk is full');
          }
          return (target[prop] as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store, control };
}

describe('a re-sent activity that arrives while the first is still running (memory store)', () => {
  let h: Harness;
  let control: ReturnType<typeof controllable>['control'];
  const captured = captureLog('info');

  beforeAll(async () => {
    const c = controllable(new MemoryTableStore({ retentionMs: 3_600_000 }));
    control = c.control;
    const stores: Stores = { tables: c.store, timers: new MemoryTimerQueue(), idempotency: new MemoryIdempotencyStore() };
    h = await startApp({}, { stores, log: captured.log });
  });
  afterAll(() => h?.close());
  beforeEach(() => {
    control.delayMs = 0;
    control.failNext = 0;
    control.beforeCommit = undefined;
  });

  it('a press whose write loses the race is decided and answered again on the newer table; a re-send gets that answer', async () => {
    const t = new E2ETable(h, LEIDER);
    await t.start();
    const annaJoins = cardAction(h.connector.url, t.chat, ANNA, 'join');
    // Between Anna's decision (deelnemer 1) and her write, Bram joins first.
    control.beforeCommit = () => h.send(cardAction(h.connector.url, t.chat, BRAM, 'join'));
    const first = await h.send(annaJoins);
    expect(cardText(first.body.value)).toContain('Je doet mee als deelnemer 2');
    const stored = await h.app.store.get(keyOf(t));
    expect(stored?.participants.map((p) => [p.name, p.number])).toEqual([
      [BRAM.name, 1],
      [ANNA.name, 2],
    ]);
    expect(await h.send(annaJoins)).toEqual(first);
    expect(await h.app.store.get(keyOf(t))).toEqual(stored);
  });

  it('waits for the first delivery and answers with its card; the action runs once', async () => {
    const t = new E2ETable(h, LEIDER);
    await t.start();
    const join = cardAction(h.connector.url, t.chat, ANNA, 'join');
    control.delayMs = 400;
    const started = Date.now();
    const [a, b] = await Promise.all([h.send(join), new Promise((r) => setTimeout(r, 50)).then(() => h.send(join))]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(a.status).toBe(200);
    expect(b).toEqual(a);
    expect(cardText(a.body.value)).toContain('Je doet mee als deelnemer 1');
    const outcomes = captured
      .turns()
      .filter((r) => r.activityId === join.id)
      .map((r) => r.outcome);
    expect(outcomes.sort()).toEqual(['duplicate', 'ok']);
    expect((await h.app.store.get(keyOf(t)))?.participants.map((p) => p.name)).toEqual([ANNA.name]);
  });

  it('a delivery whose turn failed is released: the re-sent copy runs and succeeds', async () => {
    const t = new E2ETable(h, LEIDER);
    await t.start();
    const join = cardAction(h.connector.url, t.chat, BRAM, 'join');
    control.failNext = 1;
    const failed = await h.send(join);
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ statusCode: 500, type: 'application/vnd.microsoft.error' });
    expect(failed.body.value.message).toMatch(/Er ging aan onze kant iets mis.*wat je hebt ingevuld, blijft staan/);
    expect((await h.app.store.get(keyOf(t)))?.participants).toEqual([]);

    const retried = await h.send(join);
    expect(cardText(retried.body.value)).toContain('Je doet mee als deelnemer 1');
    expect((await h.app.store.get(keyOf(t)))?.participants.map((p) => p.name)).toEqual([BRAM.name]);
    const outcomes = captured
      .turns()
      .filter((r) => r.activityId === join.id)
      .map((r) => r.outcome);
    expect(outcomes).toEqual(['error', 'ok']);
  });
});

describe('a re-sent activity delivered to the other bot process while the first still runs (Redis)', () => {
  const prefix = uniqueRedisPrefix();
  const env = { REDIS_URL, REDIS_KEY_PREFIX: prefix };
  const captured = captureLog('info');
  let a: Harness;
  let b: Harness;
  let slowA: ReturnType<typeof controllable>['control'];

  beforeAll(async () => {
    const config = loadConfig({ NODE_ENV: 'test', ...env });
    const quiet = pino({ level: 'silent' });
    const storesA = await createStores(config, quiet);
    const c = controllable(storesA.tables);
    slowA = c.control;
    a = await startApp(env, { stores: { ...storesA, tables: c.store }, log: captured.log });
    b = await startApp(env, { stores: await createStores(config, quiet), log: captured.log, connector: a.connector });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await removeRedisKeys(REDIS_URL, prefix);
  });

  it('the second process waits for the first and answers the same; the action runs once', async () => {
    const t = new E2ETable(a, LEIDER);
    await t.start();
    const join = cardAction(a.connector.url, t.chat, ANNA, 'join');
    slowA.delayMs = 400;
    const first = a.send(join);
    await new Promise((r) => setTimeout(r, 100));
    const second = await b.send(join);
    slowA.delayMs = 0;
    expect(second).toEqual(await first);
    expect(cardText(second.body.value)).toContain('Je doet mee als deelnemer 1');
    expect((await a.app.store.get(keyOf(t)))?.participants.map((p) => p.name)).toEqual([ANNA.name]);
    expect(
      captured
        .turns()
        .filter((r) => r.activityId === join.id)
        .map((r) => r.outcome)
        .sort(),
    ).toEqual(['duplicate', 'ok']);
  });
});
