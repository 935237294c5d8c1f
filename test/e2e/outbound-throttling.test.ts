/**
 * Teams throttles: the connector answers 429 with Retry-After for a while (seconds, then an HTTP
 * date) while a table of eight starts, joins, picks, asks for its status ten times at once, and
 * reveals. Afterwards no message is lost or doubled, the shared cards are current, and the
 * requests that reached the connector never exceed Teams' limits for one conversation — on
 * memory, on Redis, and with two bot instances on one Redis taking turns at the activities.
 * Every assertion is on counts and on the recorded arrival times, never on how long anything took.
 */
import { tableToken } from '../../src/store';
import { LEIDER, PEOPLE, picksFor, runTag } from '../fixtures/round1-people';
import type { Harness } from '../support/bot-under-test';
import { cardOfCall, cardText, headingOf } from '../support/cards';
import { E2ETable, idOf, REDIS_URL, redisKeysUnder, removeRedisKeys, uniqueRedisPrefix } from '../support/e2e-table';
import { groupChat } from '../support/teams-activity';
import { maxInWindow, startBots, ThrottlingConnector } from '../support/throttling-connector';

const variants: Array<[string, number, Record<string, string>]> = [
  ['memory, one instance', 1, {}],
  ['Redis, one instance', 1, { REDIS_URL }],
  ['Redis, two instances', 2, { REDIS_URL }],
];

const EXPECTED_POSTS = [
  'Gespreksmodel Sociale Basis',
  'Mag je naam in het verslag?',
  'Kennismaking',
  'Ronde 1: verkennen van de sociale basis',
  'Ronde 1: stille keuze',
  ...Array.from({ length: 10 }, () => 'Stand van zaken: Tafel onder druk'),
  'Ronde 1: de keuzes onthuld',
];

/** Lets every instance run what its turns scheduled (coalesced card updates), then empty its queue. */
async function settle(bots: Harness[]): Promise<void> {
  for (let i = 0; i < 2; i++) {
    await Promise.all(bots.map((b) => b.app.updater.flush()));
    await Promise.all(bots.map((b) => b.app.outbound.idle()));
  }
}

describe.each(variants)('under throttling (%s)', (_name, instances, baseEnv) => {
  const env = baseEnv.REDIS_URL ? { ...baseEnv, REDIS_KEY_PREFIX: uniqueRedisPrefix() } : baseEnv;
  let connector: ThrottlingConnector;
  let bots: Harness[];
  let t: E2ETable;
  let progressId: string;
  let welcomeId: string;

  beforeAll(async () => {
    connector = await new ThrottlingConnector().start();
    bots = await startBots(connector, instances, env);
    const chat = groupChat();
    const tables = bots.map((h) => new E2ETable(h, LEIDER, { chat }));
    // Activities go to the instances in turn, as a load balancer may spread them.
    const via = (i: number) => tables[i % tables.length]!;
    t = tables[0]!;

    await t.start('Tafel onder druk');
    welcomeId = t.welcomeId!;

    // The next two writes (the welcome card's updates as eight join at once) get 429, Retry-After: 1.
    connector.throttleNext(2, '1');
    await Promise.all(PEOPLE.map((p, i) => via(i).press(p, 'join')));
    await settle(bots);

    await via(1).say(LEIDER, 'volgende');
    // The next two (the Round 1 card first) get 429 with Retry-After as an HTTP date.
    connector.throttleNext(2, () => new Date(Date.now() + 1000).toUTCString());
    const round1 = await via(0).say(LEIDER, 'volgende');
    const progress = round1.find((p) => headingOf(cardOfCall(p)) === 'Ronde 1: stille keuze');
    if (!progress) throw new Error('Round 1 posted no progress card');
    progressId = idOf(progress);

    const tag = runTag();
    await Promise.all(PEOPLE.map((p, i) => via(i).submit(p, picksFor(tag, i))));
    // Ten status requests at the same moment: more than Teams allows in a second.
    await Promise.all(Array.from({ length: 10 }, (_, i) => via(i).say(LEIDER, 'status')));
    await via(1).say(LEIDER, 'onthul');
    await settle(bots);
  }, 60_000);

  afterAll(async () => {
    await Promise.all((bots ?? []).map((b) => b.close()));
    await connector?.stop();
    if (env.REDIS_URL && env.REDIS_KEY_PREFIX) {
      await removeRedisKeys(env.REDIS_URL, env.REDIS_KEY_PREFIX);
      expect(await redisKeysUnder(env.REDIS_URL, env.REDIS_KEY_PREFIX)).toEqual([]);
    }
  });

  const stats = () => {
    const all = bots.map((b) => b.app.outbound.stats());
    const sum = (k: keyof (typeof all)[number]) => all.reduce((n, s) => n + s[k], 0);
    return {
      sent: sum('sent'),
      failed: sum('failed'),
      retries: sum('retries'),
      throttled: sum('throttled'),
      superseded: sum('superseded'),
      slotWaits: sum('slotWaits'),
      windowErrors: sum('windowErrors'),
    };
  };

  it('Teams really answered 429 four times, and the bot waited and tried again each time', () => {
    const writes = connector.writes(t.chat.id);
    expect(connector.throttlesLeft).toBe(0);
    expect(writes.filter((w) => w.status === 429)).toHaveLength(4);
    expect(stats()).toMatchObject({ throttled: 4, failed: 0, windowErrors: 0 });
    expect(stats().retries).toBeGreaterThanOrEqual(4);
  });

  if (env.REDIS_URL) {
    it('the send window lives in Redis, under the table’s hash tag (so it is erased with the table)', async () => {
      const keys = await redisKeysUnder(env.REDIS_URL!, env.REDIS_KEY_PREFIX!);
      expect(keys).toContain(`${env.REDIS_KEY_PREFIX}:{${tableToken({ tenantId: t.chat.tenantId, conversationId: t.chat.id })}}:sends`);
    });
  }

  it('every card was posted exactly once, in order: the Round 1 card before its progress card', () => {
    expect(t.posts().map((p) => headingOf(cardOfCall(p)))).toEqual(EXPECTED_POSTS);
    expect(new Set(t.posts().map((p) => p.responseId)).size).toBe(EXPECTED_POSTS.length);
  });

  it('the updates arrived: the welcome card shows the full table, the progress card says 8 van 8 and revealed', () => {
    expect(cardText(t.currentCard(welcomeId))).toContain('8 van maximaal 8 deelnemers doen mee.');
    const progress = cardText(t.currentCard(progressId));
    expect(progress).toContain('8 van 8 ingeleverd');
    expect(progress).toContain('De keuzes zijn onthuld.');
  });

  it('every request that reached the connector came from the queue: botbuilder retried nothing by itself', () => {
    const writes = connector.writes(t.chat.id);
    const s = stats();
    // Each attempt ends sent, retried or failed; nothing else sends.
    expect(writes).toHaveLength(s.sent + s.retries + s.failed);
    expect(writes.filter((w) => w.status === 200)).toHaveLength(s.sent);
  });

  it('never more than 7 requests in any second, 8 in any 2 s, 60 in any 30 s — throttled ones included', () => {
    const all = connector.writes(t.chat.id).map((w) => w.at);
    const delivered = connector.calls
      .filter((c) => c.conversationId === t.chat.id && c.path.includes('/activities') && (c.method === 'POST' || c.method === 'PUT'))
      .map((c) => c.at);
    const figures = {
      instances,
      requests: all.length,
      delivered: delivered.length,
      max1s: maxInWindow(all, 1000),
      max2s: maxInWindow(all, 2000),
      max30s: maxInWindow(all, 30_000),
      deliveredMax1s: maxInWindow(delivered, 1000),
      deliveredMax30s: maxInWindow(delivered, 30_000),
      ...stats(),
    };
    if (process.env.PRINT_OUTBOUND_FIGURES) console.log(`outbound figures (${_name}): ${JSON.stringify(figures)}`);
    expect(figures.max1s).toBeLessThanOrEqual(7);
    expect(figures.max2s).toBeLessThanOrEqual(8);
    expect(figures.max30s).toBeLessThanOrEqual(60);
    expect(figures.deliveredMax1s).toBeLessThanOrEqual(7);
    expect(figures.deliveredMax30s).toBeLessThanOrEqual(60);
  });
});
