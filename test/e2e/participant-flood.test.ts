/**
 * One participant types `help` a hundred times, then the leider types `volgende`. Teams takes at
 * most 8 messages per 2 s into one conversation, so had every `help` posted its card, the leider's
 * next phase would wait behind all of them. Instead the participant gets a few help cards and one
 * "even geduld" (counted over every bot instance), and the leider's card overtakes whatever of the
 * participant's is still waiting. Real HTTP, Teams' real limits, a stand-in connector that records
 * the order in which messages arrived; every assertion is on counts and positions, never on time.
 */
import { INFO_ANSWER_LIMIT } from '../../src/store';
import { LEIDER, PEOPLE } from '../fixtures/round1-people';
import type { Harness } from '../support/bot-under-test';
import { cardOfCall, cardText, headingOf } from '../support/cards';
import type { ConnectorCall } from '../support/connector-stand-in';
import { E2ETable, REDIS_URL, removeRedisKeys, uniqueRedisPrefix } from '../support/e2e-table';
import { groupChat, type TeamsUser } from '../support/teams-activity';
import { startBots, ThrottlingConnector } from '../support/throttling-connector';

const HELP = 'Zo werkt de Sociale Basis-bot';
const NEXT_PHASE = 'Kennismaking';
const EVEN_GEDULD = 'Even geduld';
/** Teams' burst for one conversation: 8 messages in any 2 s. */
const BURST = 8;

const kinds = (posts: ConnectorCall[]) =>
  posts.map((p) => {
    const card = cardOfCall(p);
    if (headingOf(card) === HELP) return 'help';
    if (headingOf(card) === NEXT_PHASE) return 'phase';
    if (cardText(card).startsWith(EVEN_GEDULD)) return 'geduld';
    return `other: ${headingOf(card)}`;
  });

async function settle(bots: Harness[]): Promise<void> {
  for (let i = 0; i < 2; i++) {
    await Promise.all(bots.map((b) => b.app.updater.flush()));
    await Promise.all(bots.map((b) => b.app.outbound.idle()));
  }
}

/**
 * A table with the leider and `people` joined; each of `flooders` sends `count` × `help` at once
 * (spread over the instances, as a load balancer would), and once the first help card has reached
 * Teams the leider sends `volgende`. Returns what was posted from the flood on, in arrival order.
 */
async function floodThenNext(
  bots: Harness[],
  people: readonly TeamsUser[],
  flooders: readonly TeamsUser[],
  count: number,
): Promise<string[]> {
  const chat = groupChat();
  const tables = bots.map((h) => new E2ETable(h, LEIDER, { chat }));
  const via = (i: number) => tables[i % tables.length]!;
  const t = tables[0]!;
  await t.start('Tafel met een drukke deelnemer');
  await Promise.all(people.map((p, i) => via(i).press(p, 'join')));
  await settle(bots);

  const from = t.posts().length;
  const started = Date.now();
  const flood = Promise.all(flooders.flatMap((p, j) => Array.from({ length: count }, (_, i) => via(i + j).say(p, 'help'))));
  await t.connector.waitFor(
    () =>
      t
        .posts()
        .slice(from)
        .some((p) => headingOf(cardOfCall(p)) === HELP),
    'the first help card',
    30_000,
  );
  await via(1).say(LEIDER, 'volgende');
  await flood;
  await settle(bots);
  if (process.env.PRINT_FLOOD) console.log(Date.now() - started, kinds(t.posts().slice(from)).join(','));
  return kinds(t.posts().slice(from));
}

describe.each([
  ['memory, one instance', 1, {}],
  ['Redis, two instances', 2, { REDIS_URL }],
] as Array<[string, number, Record<string, string>]>)(
  'one participant sends 100 × help, then the leider volgende (%s)',
  (_name, instances, baseEnv) => {
    const env = baseEnv.REDIS_URL ? { ...baseEnv, REDIS_KEY_PREFIX: uniqueRedisPrefix() } : baseEnv;
    let connector: ThrottlingConnector;
    let bots: Harness[];
    let posted: string[];

    beforeAll(async () => {
      connector = await new ThrottlingConnector().start();
      bots = await startBots(connector, instances, env);
      posted = await floodThenNext(bots, PEOPLE.slice(0, 3), [PEOPLE[0]!], 100);
    }, 120_000);

    afterAll(async () => {
      await Promise.all((bots ?? []).map((b) => b.close()));
      await connector?.stop();
      if (env.REDIS_URL && env.REDIS_KEY_PREFIX) await removeRedisKeys(env.REDIS_URL, env.REDIS_KEY_PREFIX);
    });

    it(`the participant got ${INFO_ANSWER_LIMIT.max} help cards and one "even geduld", nothing more`, () => {
      expect(posted.filter((k) => k === 'help')).toHaveLength(INFO_ANSWER_LIMIT.max);
      expect(posted.filter((k) => k === 'geduld')).toHaveLength(1);
      expect(posted.filter((k) => k.startsWith('other'))).toEqual([]);
    });

    it('the leider’s phase card was posted once, before all but a few of the participant’s posts', () => {
      expect(posted.filter((k) => k === 'phase')).toHaveLength(1);
      expect(posted.indexOf('phase')).toBeLessThanOrEqual(INFO_ANSWER_LIMIT.max + 1);
    });
  },
);

// The lanes are each instance's own (its queue); the allowance over Redis is covered above.
describe('seven participants each send 10 × help, then the leider volgende', () => {
  const flooders = PEOPLE.slice(0, 7);
  let connector: ThrottlingConnector;
  let bots: Harness[];
  let posted: string[];

  beforeAll(async () => {
    connector = await new ThrottlingConnector().start();
    bots = await startBots(connector, 1);
    posted = await floodThenNext(bots, flooders, flooders, 10);
  }, 120_000);

  afterAll(async () => {
    await Promise.all((bots ?? []).map((b) => b.close()));
    await connector?.stop();
  });

  it('each got their help cards and one "even geduld": 42 posts, more than Teams takes in 10 s', () => {
    expect(posted.filter((k) => k === 'help')).toHaveLength(flooders.length * INFO_ANSWER_LIMIT.max);
    expect(posted.filter((k) => k === 'geduld')).toHaveLength(flooders.length);
  });

  it('the leider’s phase card overtook the queue: only what went out in the first burst, and the one waiting for its slot, came before it', () => {
    const at = posted.indexOf('phase');
    expect(at).toBeGreaterThanOrEqual(1);
    expect(at).toBeLessThanOrEqual(BURST + 1);
    expect(posted.length - at - 1).toBeGreaterThanOrEqual(flooders.length * (INFO_ANSWER_LIMIT.max + 1) - BURST - 1);
  });
});

describe('who is limited', () => {
  let connector: ThrottlingConnector;
  let bots: Harness[];
  let t: E2ETable;

  beforeAll(async () => {
    connector = await new ThrottlingConnector().start();
    bots = await startBots(connector, 1);
    t = new E2ETable(bots[0]!, LEIDER);
    await t.start('Tafel met ongeduldige mensen');
    await t.press(PEOPLE[1]!, 'join');
    await settle(bots);
  }, 60_000);

  afterAll(async () => {
    await Promise.all((bots ?? []).map((b) => b.close()));
    await connector?.stop();
  });

  it('a participant typing the leider’s `volgende` 20 times gets the refusal 5 times and one "even geduld"', async () => {
    const from = t.posts().length;
    await Promise.all(Array.from({ length: 20 }, () => t.say(PEOPLE[1]!, 'volgende')));
    await settle(bots);
    const texts = t
      .posts()
      .slice(from)
      .map((p) => cardText(cardOfCall(p)));
    expect(texts.filter((x) => x.startsWith('Alleen de gespreksleider'))).toHaveLength(INFO_ANSWER_LIMIT.max);
    expect(texts.filter((x) => x.startsWith(EVEN_GEDULD))).toHaveLength(1);
    expect(texts).toHaveLength(INFO_ANSWER_LIMIT.max + 1);
  });

  it('the leider is not limited: ten `status` at once get ten status cards', async () => {
    const from = t.posts().length;
    await Promise.all(Array.from({ length: 10 }, () => t.say(LEIDER, 'status')));
    await settle(bots);
    expect(
      t
        .posts()
        .slice(from)
        .map((p) => headingOf(cardOfCall(p))),
    ).toEqual(Array(10).fill('Stand van zaken: Tafel met ongeduldige mensen'));
  });

  it('someone else in the chat still has their own allowance', async () => {
    const posted = await t.say(PEOPLE[2]!, 'help');
    expect(posted.map((p) => headingOf(cardOfCall(p)))).toEqual([HELP]);
  });
});
