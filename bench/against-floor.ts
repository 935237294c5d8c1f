/**
 * Part 1: throughput and latency of the bot against the floor (a minimal botbuilder bot), for a pick
 * submission, a sticker vote and a `status` message, with the CPU time and connector calls per
 * request. The floor runs before and after the bot; its figure is the mean of the two.
 */
import { groupChat } from '../test/support/teams-activity';
import { keyOf, type Harness } from './harness';
import { kb, ms, num, print, table, verdict } from './markdown';
import { peakRssLine, type PeakRss } from './peak-rss';
import { meanOf, measure, type Measured, type Scenario } from './scenario';
import { maxInWindow } from './send-rates';
import { progress } from './settings';
import { expect2xx, expectAnyCard, expectHeading, picksFor, prepareTables, SAVED, stickersFor, type BenchTable } from './teams';

/** The floor's runs of one kind, before and after the bot's, and their mean (what the bot is held to). */
interface FloorRuns {
  before: Measured;
  after: Measured;
  mean: Measured;
}

/** Each row is there when BENCH_ACTIONS chose it (all by default). */
export interface AgainstFloor {
  pick?: Measured;
  sticker?: Measured;
  status?: Measured;
  floorCard?: FloorRuns;
  floorMessage?: FloorRuns;
  /** Bytes of the stored table JSON without its deck, and of the deck. */
  stored?: { round1Table: number; round3Table: number; deck: number };
  /** Conversations that `status` went round, and the most sends to one of them in any second. */
  statusSpread?: { conversations: number; peakPerSecond: number };
}

interface Tables {
  pick: BenchTable[];
  sticker: BenchTable[];
  status: BenchTable[];
  /** Conversations of the floor's own for `status`, so that the connector's records of the bot's hold only the bot's sends. */
  floorStatus: BenchTable[];
}

export async function measureAgainstFloor(h: Harness): Promise<AgainstFloor> {
  const tables = await prepare(h);
  progress('waiting for the shared-card updates of the preparation to finish');
  await h.connector.quiet(2500);
  const scenarios = scenariosFor(h, tables);
  const wanted = h.settings.actions;
  const r: AgainstFloor = {};
  if (tables.pick.length && tables.sticker.length) r.stored = await storedSizes(h, tables);

  // Floor, bot, floor again: the floor's figure is the mean of the runs before and after the bot's,
  // so that a drift in what else the machine does shows as a difference between the two.
  if (wanted.has('pick') || wanted.has('sticker')) {
    const before = await measure(h, scenarios.floorCard);
    if (wanted.has('pick')) r.pick = await measure(h, scenarios.pick);
    if (wanted.has('sticker')) r.sticker = await measure(h, scenarios.sticker);
    const after = await measure(h, scenarios.floorCard);
    r.floorCard = { before, after, mean: meanOf(before, after) };
  }
  if (wanted.has('status')) {
    const before = await measure(h, scenarios.floorMessage);
    const status = await measure(h, scenarios.status);
    const after = await measure(h, scenarios.floorMessage);
    r.status = status;
    r.floorMessage = { before, after, mean: meanOf(before, after) };
    r.statusSpread = { conversations: tables.status.length, peakPerSecond: await statusPeak(h, status) };
  }
  return r;
}

async function prepare(h: Harness): Promise<Tables> {
  const C = h.settings.concurrency;
  const wanted = h.settings.actions;
  // The floor's card action posts the pick tables' bodies: they are made whenever a card action runs.
  const pick =
    !wanted.has('pick') && !wanted.has('sticker')
      ? []
      : await prepareTables({
          label: 'Round 1 tables (8 joined, 8 picked)',
          count: 2 * C,
          make: () => h.newTable(),
          play: async (t) => {
            await t.toRound1();
            for (let i = 0; i < 8; i++) await t.submitPicks(i);
          },
        });
  const sticker = !wanted.has('sticker')
    ? []
    : await prepareTables({
        label: 'Round 3 tables (8 joined, picked, revealed, 8 voted)',
        count: 2 * C,
        make: () => h.newTable(),
        play: async (t) => {
          await t.toRound1();
          for (let i = 0; i < 8; i++) await t.submitPicks(i);
          await t.round1ToRound3();
          for (let i = 0; i < 8; i++) await t.vote(i);
        },
      });
  // Each `status` table in a tenant of its own: Teams allows an app 50 sends per second per tenant,
  // and the bot keeps to that, so in one tenant this row would measure Teams' limit, not the bot.
  const status = !wanted.has('status')
    ? []
    : await prepareTables({
        label: 'tables for `status` (started, 8 joined; each its own tenant)',
        count: h.settings.statusTables,
        make: () => h.newTable({ chat: (n) => groupChat(n, `tenant-status-${n}`) }),
        play: async (t) => {
          await t.lead(`start Tafel ${t.chat.id.slice(9, 17)}`);
          await t.joinAll();
        },
      });
  const floorStatus = status.map(() => h.newTable({ at: 'floor' }));
  return { pick, sticker, status, floorStatus };
}

/** The deck is stored beside the state and parsed once per process: what each action parses and writes is the rest. */
async function storedSizes(h: Harness, tables: Tables): Promise<AgainstFloor['stored']> {
  const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');
  const withoutDeck = async (t: BenchTable) => {
    const { deck: _deck, ...rest } = (await h.store.get(keyOf(t)))!;
    return bytes(rest);
  };
  return {
    round1Table: await withoutDeck(tables.pick[0]!),
    round3Table: await withoutDeck(tables.sticker[0]!),
    deck: bytes((await h.store.get(keyOf(tables.pick[0]!)))!.deck),
  };
}

function scenariosFor(h: Harness, tables: Tables): Record<'floorCard' | 'pick' | 'sticker' | 'floorMessage' | 'status', Scenario> {
  const C = h.settings.concurrency;
  // Worker w always uses its own two tables, so no two requests in flight write the same table:
  // this measures the cost of an action, not waiting for another's write (part 2 has that).
  const ownTable = (of: BenchTable[], w: number, k: number) => ({ t: of[w + (k % 2) * C]!, i: (k >> 1) % 8, variant: 1 - ((k >> 4) % 2) });
  const pickBody = (w: number, k: number) => {
    const { t, i, variant } = ownTable(tables.pick, w, k);
    return t.invokeBody(t.people[i]!, 'picks.submit', picksFor(i, { variant }));
  };
  const stickerBody = (w: number, k: number) => {
    const { t, i, variant } = ownTable(tables.sticker, w, k);
    return t.invokeBody(t.people[i]!, 'stickers.submit', stickersFor(i, { variant }));
  };
  // `status` goes round all status tables, so that no conversation gets near Teams' send limits.
  let statusTurn = 0;
  const statusBody = (of: BenchTable[]) => {
    const t = of[statusTurn++ % of.length]!;
    return t.messageBody(t.leader, 'status');
  };
  return {
    floorCard: {
      name: 'part 1: card action (invoke, picks.submit data)',
      target: 'floor',
      next: (w, k) => ({ body: pickBody(w, k), check: expectAnyCard }),
    },
    pick: {
      name: 'part 1: pick submission (picks.submit)',
      target: 'bot',
      next: (w, k) => ({ body: pickBody(w, k), check: expectHeading(SAVED.picks) }),
    },
    sticker: {
      name: 'part 1: sticker vote (stickers.submit)',
      target: 'bot',
      next: (w, k) => ({ body: stickerBody(w, k), check: expectHeading(SAVED.stickers) }),
    },
    floorMessage: {
      name: 'part 1: message (`status` text)',
      target: 'floor',
      next: () => ({ body: statusBody(tables.floorStatus), check: expect2xx }),
    },
    status: {
      name: 'part 1: command message (`status`)',
      target: 'bot',
      next: () => ({ body: statusBody(tables.status), check: expect2xx }),
    },
  };
}

/** The most sends to one conversation in any second while `status` ran (its warm-up included). */
async function statusPeak(h: Harness, status: Measured): Promise<number> {
  const during = (await h.connector.calls(0)).filter(
    (c) => c.t >= status.load.window.from - h.settings.warmupMs && c.t <= status.load.window.to,
  );
  return maxInWindow(during, 1000).max;
}

export function reportAgainstFloor(r: AgainstFloor, rss: { afterPart1: PeakRss; end: PeakRss }): void {
  print('## 1. Throughput and latency against the floor (minimal botbuilder bot)');
  const rows: string[][] = [];
  if (r.pick && r.floorCard) rows.push(botRow('pick submission (invoke picks.submit)', r.pick, r.floorCard.mean, 0.9));
  if (r.sticker && r.floorCard) rows.push(botRow('sticker vote (invoke stickers.submit)', r.sticker, r.floorCard.mean, 0.9));
  if (r.status && r.floorMessage) rows.push(botRow('command message (`status`)', r.status, r.floorMessage.mean, 0.8));
  print(
    table(
      [
        'action',
        'bot req/s',
        'floor req/s',
        'throughput vs floor (target)',
        'bot p50',
        'bot p99',
        'p50 / p99 vs floor',
        'errors',
        'CPU ms/req bot vs floor',
        'connector calls/req',
        'other work (CPUs)',
      ],
      rows,
    ),
  );
  print();
  const floorRows: string[][] = [];
  if (r.floorCard) {
    floorRows.push(floorRow('card action → small card (before the bot)', r.floorCard.before));
    floorRows.push(floorRow('card action → small card (after the bot)', r.floorCard.after));
  }
  if (r.floorMessage) {
    floorRows.push(floorRow('message → one text reply (before the bot)', r.floorMessage.before));
    floorRows.push(floorRow('message → one text reply (after the bot)', r.floorMessage.after));
  }
  print(table(['floor', 'req/s', 'p50', 'p99', 'errors', 'CPU ms/req', 'connector calls/req', 'other work (CPUs)'], floorRows));
  print();
  print(peakRssLine(rss));
  if (r.stored)
    print(
      `Stored table JSON without its deck (parsed once and written once per action): Round 1 table with 8 picks ${kb(r.stored.round1Table)}, Round 3 table ${kb(r.stored.round3Table)}; the deck (${kb(r.stored.deck)}) is stored beside it and parsed once per process.`,
    );
  if (r.statusSpread) {
    const { conversations, peakPerSecond } = r.statusSpread;
    print(
      `\`status\` went round ${conversations} conversations: at most ${peakPerSecond} sends to one conversation in any 1 s${peakPerSecond >= 7 ? ' (the send window may have slowed it: raise BENCH_STATUS_TABLES)' : ''}.`,
    );
  }
  // The floor runs' errors are listed under their mean.
  const runs = [
    ['floor card', r.floorCard?.mean],
    ['pick', r.pick],
    ['sticker', r.sticker],
    ['floor message', r.floorMessage?.mean],
    ['status', r.status],
  ] as const;
  for (const [name, m] of runs) if (m?.load.errorSamples.length) print(`errors (${name}): ${m.load.errorSamples.join(' | ')}`);
  print();
}

function botRow(name: string, m: Measured, floor: Measured, target: number): string[] {
  const ratio = m.load.requestsPerSecond / floor.load.requestsPerSecond;
  return [
    name,
    num(m.load.requestsPerSecond),
    num(floor.load.requestsPerSecond),
    `${num(ratio, 2)}× (≥ ${target}×) ${verdict(ratio >= target)}`,
    ms(m.load.p50),
    ms(m.load.p99),
    `${num(m.load.p50 / floor.load.p50, 1)}× / ${num(m.load.p99 / floor.load.p99, 1)}×`,
    `${m.load.errors}/${m.load.completed}`,
    `${num(m.cpuMsPerRequest, 2)} vs ${num(floor.cpuMsPerRequest, 2)}`,
    num(m.connectorCalls / Math.max(1, m.load.completed), 2),
    num(m.otherCpus, 2),
  ];
}

function floorRow(name: string, m: Measured): string[] {
  return [
    name,
    num(m.load.requestsPerSecond),
    ms(m.load.p50),
    ms(m.load.p99),
    `${m.load.errors}/${m.load.completed}`,
    num(m.cpuMsPerRequest, 2),
    num(m.connectorCalls / Math.max(1, m.load.completed), 2),
    num(m.otherCpus, 2),
  ];
}
