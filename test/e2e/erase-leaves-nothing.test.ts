/**
 * Erasing leaves nothing behind. Over real HTTP, with Teams' send limits on (so every send takes a
 * slot in the shared send windows), a table runs with names given with consent, picks with their
 * arguments, a conclusion, a note, an own card and a running timer, and is erased with `wis`; then an
 * organiser's session with two linked tables is erased with `sessie wis`. After each erase, and
 * after the bot's pending work is done, every key under the run's Redis prefix is read (strings,
 * hashes, sorted sets, lists, sets), and in the memory variant every memory store is dumped: no key
 * and no value may hold the table's or session's title, the join code, a participant's name or user
 * id, an argument or other typed text, the conversation id or the table's token. At the end only the
 * tenant's send window (shared by all its conversations, holding times only) is left.
 */
import { inspect } from 'node:util';
import pino from 'pino';
import { loadConfig } from '../../src/server/config';
import { createStores, type Stores } from '../../src/server/create-store';
import { connectRedis, scanKeys, tableToken, whenReady } from '../../src/store';
import { startApp } from '../support/app-harness';
import type { Harness } from '../support/bot-under-test';
import { actionByVerb, cardOfCall, cardText, findAll, headingOf } from '../support/cards';
import { channelConversation } from '../support/channel-conversation';
import { E2ETable, REDIS_URL, removeRedisKeys, uniqueRedisPrefix } from '../support/e2e-table';
import { user, type TeamsUser } from '../support/teams-activity';

const RUN = Math.random().toString(36).slice(2, 8);

/** Everything the bot was told about one table, each piece unique to this run. */
interface TableSecrets {
  title: string;
  leader: TeamsUser;
  people: TeamsUser[];
  /** Arguments, a conclusion, a note, an own card: what people typed. */
  typed: string[];
}

function aTable(n: number, name: string): TableSecrets {
  return {
    title: `Tafel ${name} ${RUN}`,
    leader: user(n, `Leider ${name} ${RUN}`),
    people: [user(n + 1, `Anna ${name} ${RUN}`), user(n + 2, `Bram ${name} ${RUN}`)],
    typed: [],
  };
}

/** What must not be found anywhere after the erase: every text, name, id and token of the table. */
function secretsOf(spec: TableSecrets, t: E2ETable): string[] {
  const users = [spec.leader, ...spec.people];
  return [
    spec.title,
    ...users.flatMap((u) => [u.name, u.id, u.aadObjectId]),
    ...spec.typed,
    t.chat.id,
    tableToken({ tenantId: t.chat.tenantId, conversationId: t.chat.id }),
  ];
}

/** A table from `start` to Round 2: names with consent, picks with arguments, typed text, a timer. */
async function playTable(
  t: E2ETable,
  spec: TableSecrets,
  opts: { startWith?: string; afterStart?: () => Promise<void> } = {},
): Promise<void> {
  const startWith = opts.startWith ?? `start ${spec.title}`;
  const said = (text: string) => {
    spec.typed.push(text);
    return text;
  };
  const posted = await t.say(spec.leader, startWith);
  if (!posted.some((p) => headingOf(cardOfCall(p)) === 'Gespreksmodel Sociale Basis')) throw new Error(`${startWith} started no table`);
  await opts.afterStart?.();
  for (const p of spec.people) {
    await t.press(p, 'join');
    await t.press(p, 'consent.set', { consent: true });
  }
  await t.say(spec.leader, 'volgende');
  await t.say(spec.leader, 'volgende');
  const picks = [
    ['buurthuis', 'huisarts', 'park'],
    ['park', 'individuele-ondersteuning', 'buurthuis'],
  ] as const;
  for (const [i, p] of spec.people.entries()) {
    const [inCard, outCard, doubtCard] = picks[i]!;
    const who = p.name.split(' ')[0]!;
    const answer = await t.submit(p, {
      in: [inCard, said(`${who} vindt het buurthuis van iedereen ${RUN}`)],
      out: [outCard, said(`${who} noemt dit zorg op indicatie ${RUN}`)],
      doubt: [doubtCard, said(`${who} twijfelt hierover ${RUN}`)],
    });
    if (headingOf(answer.card) !== 'Je keuzes zijn ingeleverd') throw new Error(`picks refused:\n${cardText(answer.card)}`);
  }
  await t.say(spec.leader, 'onthul');
  await t.say(spec.leader, 'volgende');
  await t.say(spec.leader, `conclusie ${said(`Iedereen welkom zonder indicatie ${RUN}`)}`);
  await t.say(spec.leader, `notitie ${said(`Citaat van de avond ${RUN}`)}`);
  const own = await t.press(spec.people[0]!, 'owncard.add', { kind: 'ingredient', title: said(`Moestuin ${spec.people[0]!.name}`) });
  if (!/toegevoegd/i.test(cardText(own.card))) throw new Error(`own card refused:\n${cardText(own.card)}`);
  await t.say(spec.leader, 'timer 30');
}

/** The join code, shown big on the session card. */
function codeOnCard(h: Harness, threadId: string): string {
  const card = h.connector
    .posts(threadId)
    .map((c) => cardOfCall(c))
    .find((c) => headingOf(c).startsWith('Sessie:'));
  const run = findAll(card ?? {}, (n) => n.type === 'TextRun' && n.size === 'ExtraLarge')[0];
  if (!run) throw new Error('no session card with a code in the thread');
  return String(run.text);
}

/** How each variant shows everything it has stored: one string to search. */
interface Variant {
  start(): Promise<Harness>;
  everythingStored(): Promise<string>;
  /** The hash tags of whatever is left at the very end (Redis only). */
  tagsLeft?(): Promise<Array<{ key: string; tag: string }>>;
  cleanup(): Promise<void>;
}

function redisVariant(): Variant {
  const prefix = uniqueRedisPrefix();
  const keys = async () => {
    const redis = connectRedis(REDIS_URL);
    try {
      await whenReady(redis);
      return { redis, keys: await scanKeys(redis, `${prefix}:*`) };
    } catch (err) {
      await redis.quit().catch(() => undefined);
      throw err;
    }
  };
  return {
    start: () => startApp({ REDIS_URL, REDIS_KEY_PREFIX: prefix }),
    async everythingStored() {
      const { redis, keys: found } = await keys();
      try {
        const lines: string[] = [];
        for (const key of found) {
          const type = await redis.type(key);
          let value: unknown;
          if (type === 'string') value = await redis.get(key);
          else if (type === 'hash') value = await redis.hgetall(key);
          else if (type === 'zset') value = await redis.zrange(key, 0, -1, 'WITHSCORES');
          else if (type === 'list') value = await redis.lrange(key, 0, -1);
          else if (type === 'set') value = await redis.smembers(key);
          else if (type !== 'none') value = `(a ${type})`;
          lines.push(`${key} = ${JSON.stringify(value)}`);
        }
        return lines.join('\n');
      } finally {
        await redis.quit().catch(() => undefined);
      }
    },
    async tagsLeft() {
      const { redis, keys: found } = await keys();
      await redis.quit().catch(() => undefined);
      return found.map((key) => ({ key, tag: /\{([^}]*)\}/.exec(key)?.[1] ?? '' }));
    },
    async cleanup() {
      await removeRedisKeys(REDIS_URL, prefix);
    },
  };
}

function memoryVariant(): Variant {
  let stores: Stores | undefined;
  let h: Harness | undefined;
  return {
    async start() {
      stores = await createStores(loadConfig({ NODE_ENV: 'test' }), pino({ level: 'silent' }));
      h = await startApp({}, { stores });
      return h;
    },
    async everythingStored() {
      // The stores as they are in memory, Maps and all; and the send windows the outbound queue holds.
      const dump = { stores, outbound: h?.app.outbound };
      return inspect(dump, { depth: null, maxArrayLength: null, maxStringLength: null, breakLength: Infinity });
    },
    async cleanup() {},
  };
}

/** Where each secret still appears, with a little of what surrounds it. */
function tracesOf(stored: string, secrets: string[]): string[] {
  const found: string[] = [];
  for (const secret of new Set(secrets)) {
    let at = stored.indexOf(secret);
    while (at >= 0) {
      found.push(`${secret}  in  …${stored.slice(Math.max(0, at - 120), at + secret.length + 40)}…`);
      at = stored.indexOf(secret, at + 1);
    }
  }
  return found;
}

describe.each([
  ['redis', redisVariant],
  ['memory', memoryVariant],
] as const)('erasing leaves nothing (%s store, Teams send limits on)', (_name, makeVariant) => {
  const variant = makeVariant();
  let h: Harness;
  beforeAll(async () => {
    h = await variant.start();
  });
  afterAll(async () => {
    await h?.close();
    await variant.cleanup();
  });

  /** The app's pending work: posts after answers, shared card updates, the session's notices, the queue. */
  async function settled(): Promise<void> {
    await h.app.afterAnswer.idle();
    await h.app.updater.flush();
    await h.app.sessions.channel.idle();
    await h.app.outbound.idle();
  }

  it('`wis`: nothing of the table is left, not even the answer to the erase button', async () => {
    const spec = aTable(400, 'Geheimhoek');
    const t = new E2ETable(h, spec.leader);
    await playTable(t, spec);
    await settled();
    const secrets = secretsOf(spec, t);
    // The scenario did store all of it: the check below would see it.
    const before = await variant.everythingStored();
    for (const s of [
      spec.title,
      spec.people[0]!.name,
      spec.typed[0]!,
      tableToken({ tenantId: t.chat.tenantId, conversationId: t.chat.id }),
    ])
      expect(before).toContain(s);

    const confirm = await t.sayOne(spec.leader, 'wis');
    const done = await t.press(spec.leader, 'erase.confirm', actionByVerb(confirm, 'erase.confirm')!.data);
    expect(cardText(done.card)).toMatch(/gewist/);
    await settled();

    expect(tracesOf(await variant.everythingStored(), secrets)).toEqual([]);
  });

  it('`sessie wis`: nothing of the session nor of its two tables is left', async () => {
    const organiser = user(500, `Olga Organisator ${RUN}`);
    const sessionTitle = `Wijkgesprek Wisproef ${RUN}`;
    const thread = channelConversation();
    const channel = new E2ETable(h, organiser, { chat: thread });
    const form = await channel.sayOne(organiser, `sessie nieuw ${sessionTitle}`);
    await channel.press(organiser, 'session.create', {
      ...actionByVerb(form, 'session.create')!.data,
      title: sessionTitle,
      goal: `Doel van de sessie ${RUN}`,
    });
    const code = codeOnCard(h, thread.id);

    const specB = aTable(510, 'Noordrand');
    const specC = aTable(520, 'Zuidrand');
    const tB = new E2ETable(h, specB.leader);
    const tC = new E2ETable(h, specC.leader);
    await playTable(tB, specB, { startWith: `start ${code} ${specB.title}` });
    // Linked before anyone picked, as the method asks.
    await playTable(tC, specC, {
      afterStart: async () =>
        void expect(cardText(await tC.sayOne(specC.leader, `koppel ${code}`))).toMatch(/^Deze tafel is gekoppeld aan sessie/),
    });
    // A leider's `samenvatting` posts the table's summary in the session's thread (a ref beside the session).
    for (const [t, spec] of [
      [tB, specB],
      [tC, specC],
    ] as const)
      await t.say(spec.leader, 'samenvatting');
    await settled();
    const secrets = [
      sessionTitle,
      `Doel van de sessie ${RUN}`,
      code,
      code.replace('-', ''),
      organiser.name,
      organiser.id,
      organiser.aadObjectId,
      thread.id,
      tableToken({ tenantId: thread.tenantId, conversationId: thread.id }),
      ...secretsOf(specB, tB),
      ...secretsOf(specC, tC),
    ];
    const before = await variant.everythingStored();
    for (const s of [sessionTitle, code.replace('-', ''), specB.title, specC.people[1]!.name]) expect(before).toContain(s);

    const confirm = await channel.sayOne(organiser, 'sessie wis');
    const done = await channel.press(organiser, 'erase.confirm', actionByVerb(confirm, 'erase.confirm')!.data);
    expect(cardText(done.card)).toMatch(/gewist/);
    expect(cardText(done.card)).toMatch(/2 gekoppelde/);
    await settled();
    // The tables and the thread were told, after the erase.
    expect(
      tB
        .posts()
        .map((p) => cardText(cardOfCall(p)))
        .join('\n'),
    ).toContain('De organisator heeft sessie');
    expect(h.connector.posts(thread.id).length).toBeGreaterThan(0);

    expect(tracesOf(await variant.everythingStored(), secrets)).toEqual([]);
  });

  (variant.tagsLeft ? it : it.skip)('at the end only the tenant’s send window is left: one hash tag, send times only', async () => {
    const left = await variant.tagsLeft!();
    expect(left.every(({ key }) => /:sends(-hold)?$/.test(key))).toBe(true);
    expect(new Set(left.map((l) => l.tag)).size).toBeLessThanOrEqual(1);
  });
});
