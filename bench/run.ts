/**
 * `npm run bench` (tsx bench/run.ts): the benchmarks of issue 5, in one run, on this machine, against
 * a real Redis. See bench/README.md for what is measured, how, and the figures of the last run.
 *
 *   1. Throughput and latency of this bot against a minimal botbuilder bot (the floor).
 *   2. A burst: 50 tables × 8 participants submit their picks at once.
 *   3. Redis round trips per action, and the largest card the bot sends.
 *
 * Figures go to stdout, progress to stderr. Nothing here fails on a number: a figure that misses its
 * target is printed with "below target". The run fails only when it cannot run (no Redis, a bot that
 * does not start, a table that cannot be prepared).
 *
 * Settings (environment): BENCH_REDIS_URL (else REDIS_URL, else redis://127.0.0.1:6379),
 * BENCH_CONCURRENCY (32), BENCH_WARMUP_S (3), BENCH_MEASURE_S (10), BENCH_STATUS_TABLES (512),
 * BENCH_PROFILE=1 (run the bot with --cpu-prof and print where its CPU time went).
 */
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type Redis from 'ioredis';
import { connectRedis, RedisTableStore, scanKeys, whenReady, type TableKey } from '../src/store';
import { biggestByHeading, largest, playWorkshop, sentAtConnector, type FlowResult, type FlowSpec, type SentCard } from './card-sizes';
import type { CallRecord } from './connector';
import { summariseProfile } from './cpu-profile';
import { groupChat } from '../test/support/teams-activity';
import { HttpClient, percentile, runLoad, sortedCopy, type LoadResult, type RequestSpec } from './http-driver';
import { compile, Connector, cpuMs, cpuMsOrZero, logLevels, machineBusyMs, peakRssMiB, removeBuild, startBot, startFloor, type BotProcess } from './processes';
import { countTrips, PURPOSES, RedisMonitor, type TripCount } from './redis-trips';
import {
  BenchTable,
  dutch,
  expect2xx,
  expectAnyCard,
  expectHeading,
  INGREDIENT_IDS,
  INTENTION_IDS,
  pickCards,
  pickData,
  pool,
  SAVED,
  stickerData,
} from './teams';

const CARD_LIMIT = 28 * 1024;
const TEAMS_LIMITS = [
  { windowMs: 1000, max: 7 },
  { windowMs: 2000, max: 8 },
  { windowMs: 30_000, max: 60 },
];

interface Settings {
  redisUrl: string;
  concurrency: number;
  warmupMs: number;
  measureMs: number;
  statusTables: number;
  profile: boolean;
}

function settings(): Settings {
  const num = (name: string, fallback: number) => {
    const v = Number(process.env[name] ?? fallback);
    if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} must be a positive number`);
    return v;
  };
  return {
    redisUrl: process.env.BENCH_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    concurrency: Math.round(num('BENCH_CONCURRENCY', 32)),
    warmupMs: num('BENCH_WARMUP_S', 3) * 1000,
    measureMs: num('BENCH_MEASURE_S', 10) * 1000,
    statusTables: Math.round(num('BENCH_STATUS_TABLES', 512)),
    profile: process.env.BENCH_PROFILE === '1',
  };
}

const t0 = Date.now();
function progress(text: string): void {
  process.stderr.write(`[bench ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${text}\n`);
}

// ---------------------------------------------------------------------------------------------
// Formatting

const ms = (v: number) => (Number.isFinite(v) ? `${v < 10 ? v.toFixed(1) : Math.round(v)} ms` : '-');
const num = (v: number, digits = 0) => (Number.isFinite(v) ? v.toFixed(digits) : '-');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const verdict = (ok: boolean) => (ok ? 'ok' : 'below target');

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

const out: string[] = [];
function print(text = ''): void {
  out.push(text);
  process.stdout.write(`${text}\n`);
}

// ---------------------------------------------------------------------------------------------
// Rates per conversation

/** The most calls to one conversation in any window of `windowMs` (sliding), and which conversation. */
function maxInWindow(calls: CallRecord[], windowMs: number): { max: number; conversation: string } {
  const byConversation = new Map<string, number[]>();
  for (const c of calls) {
    if (c.method !== 'POST' && c.method !== 'PUT') continue;
    const list = byConversation.get(c.conversationId) ?? [];
    list.push(c.t);
    byConversation.set(c.conversationId, list);
  }
  let best = { max: 0, conversation: '' };
  for (const [conversation, times] of byConversation) {
    times.sort((a, b) => a - b);
    let from = 0;
    for (let to = 0; to < times.length; to++) {
      while (times[to]! - times[from]! >= windowMs) from++;
      if (to - from + 1 > best.max) best = { max: to - from + 1, conversation };
    }
  }
  return best;
}

function rateRows(calls: CallRecord[]): string[][] {
  return TEAMS_LIMITS.map((l) => {
    const seen = maxInWindow(calls, l.windowMs);
    return [`highest sends to one conversation in any ${l.windowMs / 1000} s`, `${seen.max}`, `≤ ${l.max} (Teams)`, verdict(seen.max <= l.max)];
  });
}

// ---------------------------------------------------------------------------------------------
// Part 1: throughput against the floor

interface Scenario {
  name: string;
  target: 'bot' | 'floor';
  next(worker: number, n: number): RequestSpec;
}

interface Measured {
  load: LoadResult;
  connectorCalls: number;
  /** CPU time (user + system) of the bot process inside the measuring window, per completed request. */
  cpuMsPerRequest: number;
  /** CPUs kept busy, on average over the window, by processes other than this benchmark's (and Redis). */
  otherCpus: number;
}

/** The processes of this benchmark, whose CPU time is not "other work on the machine". */
const ours: { pids: () => Array<number | undefined> } = { pids: () => [] };

async function measure(client: HttpClient, connector: Connector, proc: BotProcess, s: Settings, scenario: Scenario): Promise<Measured> {
  progress(`part 1: ${scenario.name} on the ${scenario.target} (${s.warmupMs / 1000} s warm-up, ${s.measureMs / 1000} s measured, ${s.concurrency} in flight)`);
  const mark = await connector.count();
  const cpu = { open: 0, close: 0 };
  const others = { open: 0, close: 0 };
  const otherBusy = () => machineBusyMs() - ours.pids().reduce<number>((sum, pid) => sum + cpuMsOrZero(pid), 0);
  const load = await runLoad(client, {
    url: proc.url,
    concurrency: s.concurrency,
    warmupMs: s.warmupMs,
    measureMs: s.measureMs,
    next: scenario.next,
    onWindow: (edge) => {
      cpu[edge] = cpuMs(proc.pid);
      others[edge] = otherBusy();
    },
  });
  await connector.quiet(1200);
  const calls = (await connector.calls(mark)).filter((c) => c.t >= load.window.from && c.t <= load.window.to);
  return {
    load,
    connectorCalls: calls.length,
    cpuMsPerRequest: (cpu.close - cpu.open) / Math.max(1, load.completed),
    otherCpus: Math.max(0, others.close - others.open) / s.measureMs,
  };
}

async function prepareTables(label: string, count: number, make: (i: number) => BenchTable, play: (t: BenchTable) => Promise<void>): Promise<BenchTable[]> {
  const tables = Array.from({ length: count }, (_, i) => make(i));
  const started = Date.now();
  await pool(tables, 32, async (t) => play(t));
  progress(`prepared ${count} ${label} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return tables;
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const s = settings();
  const prefix = `bench-${randomBytes(4).toString('hex')}`;
  progress(`Redis ${s.redisUrl.replace(/\/\/[^@/]*@/, '//***@')}, key prefix ${prefix}`);
  const redis = connectRedis(s.redisUrl, { commandTimeout: 10_000 });
  await whenReady(redis).catch((err: Error) => {
    throw new Error(`no Redis at ${s.redisUrl} (${err.message}); set BENCH_REDIS_URL`);
  });
  const store = new RedisTableStore(redis, { retentionMs: 24 * 3600_000, prefix });

  progress('compiling the bot (tsconfig.build.json) and the floor bot and connector (bench/tsconfig.build.json)');
  const build = await compile();
  const connector = await Connector.start(build);
  let bot: BotProcess | undefined;
  let floor: BotProcess | undefined;
  let interrupted = false;
  const cleanup = async () => {
    await Promise.all([bot?.stop(), floor?.stop()]);
    connector.stop();
    const removed = await removeKeys(redis, prefix);
    const left = (await scan(redis, prefix)).length;
    progress(`removed ${removed} Redis keys under ${prefix}:${left ? `; ${left} LEFT BEHIND` : ''}`);
    await redis.quit().catch(() => undefined);
  };
  process.once('SIGINT', () => {
    interrupted = true;
    progress('interrupted: cleaning up');
    void cleanup().finally(() => {
      removeBuild(build);
      process.exit(130);
    });
  });

  try {
    [bot, floor] = await Promise.all([
      startBot(build, { REDIS_URL: s.redisUrl, REDIS_KEY_PREFIX: prefix }, s.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(build, 'prof')}`] : []),
      startFloor(build),
    ]);
    progress(`bot pid ${bot.pid} on ${bot.url.port}, floor pid ${floor.pid} on ${floor.url.port}, connector pid ${connector.pid} at ${connector.url}`);
    const client = new HttpClient(Math.max(s.concurrency, 32));
    let n = 1;
    const newTable = () => new BenchTable(client, bot!.url, connector.url, { n: n++ });

    // ---- Part 1 ------------------------------------------------------------------------------
    const redisPid = await redisProcessId(redis);
    ours.pids = () => [bot?.pid, floor?.pid, connector.pid, process.pid, redisPid];
    const C = s.concurrency;
    const pickTables = await prepareTables('Round 1 tables (8 joined, 8 picked)', 2 * C, newTable, async (t) => {
      await t.toRound1();
      for (let i = 0; i < 8; i++) await t.submitPicks(i, 0);
    });
    const stickerTables = await prepareTables('Round 3 tables (8 joined, picked, revealed, 8 voted)', 2 * C, newTable, async (t) => {
      await t.toRound1();
      for (let i = 0; i < 8; i++) await t.submitPicks(i, 0);
      await t.round1ToRound3();
      for (let i = 0; i < 8; i++) await t.vote(i, 0);
    });
    // Each `status` table in a tenant of its own: Teams allows an app 50 sends per second per tenant,
    // and the bot keeps to that, so in one tenant this row would measure Teams' limit, not the bot.
    const tableOfItsOwnTenant = () => {
      const m = n++;
      return new BenchTable(client, bot!.url, connector.url, { n: m, chat: groupChat(m, `tenant-status-${m}`) });
    };
    const statusTables = await prepareTables('tables for `status` (started, 8 joined; each its own tenant)', s.statusTables, tableOfItsOwnTenant, async (t) => {
      await t.lead(`start Tafel ${t.chat.id.slice(9, 17)}`);
      await t.joinAll();
    });
    progress('waiting for the shared-card updates of the preparation to finish');
    await connector.quiet(2500);
    // The deck is stored beside the state and parsed once per process: what each action parses and writes is the rest.
    const withoutDeck = (state: Awaited<ReturnType<typeof store.get>>) => {
      const { deck: _deck, ...rest } = state!;
      return Buffer.byteLength(JSON.stringify(rest), 'utf8');
    };
    const stateBytes = withoutDeck(await store.get(keyOf(pickTables[0]!)));
    const stickerStateBytes = withoutDeck(await store.get(keyOf(stickerTables[0]!)));
    const deckBytes = Buffer.byteLength(JSON.stringify((await store.get(keyOf(pickTables[0]!)))!.deck), 'utf8');

    // Worker w always uses its own two tables, so no two requests in flight write the same table:
    // this measures the cost of an action, not waiting for another's write (part 2 has that).
    const args = (i: number, v: number) => ({ in: dutch(120, `[${i}-in-${v}] `), out: dutch(120, `[${i}-out-${v}] `), doubt: dutch(120, `[${i}-doubt-${v}] `) });
    const pickBody = (w: number, k: number) => {
      const t = pickTables[w + (k % 2) * C]!;
      const i = (k >> 1) % 8;
      const v = 1 - ((k >> 4) % 2);
      return t.invokeBody(t.people[i]!, 'picks.submit', pickData(1, pickCards(INGREDIENT_IDS, i, v), args(i, v)));
    };
    const stickerBody = (w: number, k: number) => {
      const t = stickerTables[w + (k % 2) * C]!;
      const i = (k >> 1) % 8;
      const v = 1 - ((k >> 4) % 2);
      return t.invokeBody(t.people[i]!, 'stickers.submit', stickerData(INTENTION_IDS, i, v));
    };
    // `status` goes round all status tables, so that no conversation gets near Teams' send limits.
    // The floor answers the same messages in conversations of its own (it has no send window), so
    // that the connector's records of the bot's conversations hold only the bot's sends.
    let statusTurn = 0;
    const statusBody = (tables: BenchTable[]) => () => {
      const t = tables[statusTurn++ % tables.length]!;
      return t.messageBody(t.leader, 'status');
    };
    const floorChats = statusTables.map(() => new BenchTable(client, floor!.url, connector.url, { n: n++ }));

    // Floor, bot, floor again: the floor's figure is the mean of the runs before and after the bot's,
    // so that a drift in what else the machine does shows as a difference between the two.
    const floorCardRun = () => measure(client, connector, floor!, s, { name: 'card action (invoke, picks.submit data)', target: 'floor', next: (w, k) => ({ body: pickBody(w, k), check: expectAnyCard }) });
    const floorMessageRun = () => measure(client, connector, floor!, s, { name: 'message (`status` text)', target: 'floor', next: () => ({ body: statusBody(floorChats)(), check: expect2xx }) });
    const floorCardBefore = await floorCardRun();
    const pick = await measure(client, connector, bot, s, { name: 'pick submission (picks.submit)', target: 'bot', next: (w, k) => ({ body: pickBody(w, k), check: expectHeading(SAVED.picks) }) });
    const sticker = await measure(client, connector, bot, s, { name: 'sticker vote (stickers.submit)', target: 'bot', next: (w, k) => ({ body: stickerBody(w, k), check: expectHeading(SAVED.stickers) }) });
    const floorCardAfter = await floorCardRun();
    const floorMessageBefore = await floorMessageRun();
    const status = await measure(client, connector, bot, s, { name: 'command message (`status`)', target: 'bot', next: () => ({ body: statusBody(statusTables)(), check: expect2xx }) });
    const floorMessageAfter = await floorMessageRun();
    const floorCard = meanOf(floorCardBefore, floorCardAfter);
    const floorMessage = meanOf(floorMessageBefore, floorMessageAfter);
    const rssAfterPart1 = { bot: peakRssMiB(bot.pid), floor: peakRssMiB(floor.pid) };
    const statusCalls = await connector.calls(0);

    // ---- Part 2 ------------------------------------------------------------------------------
    progress('part 2: preparing 50 tables × 8 participants (start, 8 joins, volgende ×2)');
    const burstTables = await prepareTables('burst tables', 50, newTable, (t) => t.toRound1());
    await connector.quiet(2500);
    const burstClient = new HttpClient(400);
    const bodies = burstTables.flatMap((t) =>
      t.people.map((p, i) => ({ t, body: t.invokeBody(p, 'picks.submit', pickData(1, pickCards(INGREDIENT_IDS, i, 0), args(i, 0))) })),
    );
    const burstMark = await connector.count();
    progress('part 2: 400 pick submissions at once');
    const burstStart = Date.now();
    const burst = await Promise.all(
      bodies.map(async ({ body }) => {
        try {
          const answer = await burstClient.post(bot!.url, body);
          return { ms: answer.ms, error: expectHeading(SAVED.picks)(answer) };
        } catch (err) {
          return { ms: Number.NaN, error: err instanceof Error ? err.message : String(err) };
        }
      }),
    );
    const burstEnd = Date.now();
    await connector.quiet(2500);
    const burstCalls = await connector.calls(burstMark);
    burstClient.close();
    const burstConversations = new Set(burstTables.map((t) => t.chat.id));
    const burstOwnCalls = burstCalls.filter((c) => burstConversations.has(c.conversationId));
    const floorConversations = new Set(floorChats.map((t) => t.chat.id));
    const allCalls = (await connector.calls(0)).filter((c) => !floorConversations.has(c.conversationId));
    const burstLifetimeCalls = allCalls.filter((c) => burstConversations.has(c.conversationId));
    let stored = 0;
    for (const t of burstTables) stored += Object.keys((await store.get(keyOf(t)))?.pickRounds[0]?.picks ?? {}).length;
    const burstLatencies = sortedCopy(burst.filter((b) => Number.isFinite(b.ms)).map((b) => b.ms));
    const burstErrors = burst.filter((b) => b.error);

    // ---- Part 3a: Redis round trips -----------------------------------------------------------
    progress('part 3: Redis round trips per action (MONITOR on the run’s prefix)');
    const monitor = await RedisMonitor.start(s.redisUrl, prefix);
    const trips: Array<{ action: string; count: TripCount; connectorCalls: number }> = [];
    const tripTable = newTable();
    const roundTable = newTable();
    const voteTable = newTable();
    await tripTable.lead('start Tafel Redis');
    await roundTable.toRound1();
    await voteTable.toRound1();
    for (let i = 0; i < 8; i++) await voteTable.submitPicks(i, 0);
    await voteTable.round1ToRound3();
    await connector.quiet(1500);
    const monitorStarted = Date.now();
    const timerMark = monitor.length;
    const batch = async (action: string, t: BenchTable, step: (i: number) => Promise<unknown>) => {
      await monitor.quiet(1500);
      await connector.quiet(1500);
      const mark = monitor.length;
      const from = Date.now() / 1000;
      const callMark = await connector.count();
      for (let i = 0; i < 8; i++) await step(i);
      await connector.quiet(1500);
      await monitor.quiet(1500);
      const calls = (await connector.calls(callMark)).filter((c) => c.conversationId === t.chat.id);
      trips.push({ action, count: countTrips(monitor.forTable(mark, keyOf(t)), monitor.luaForTable(from, keyOf(t)), 8), connectorCalls: calls.length / 8 });
    };
    await batch('join (card action)', tripTable, (i) => tripTable.pressExpect(tripTable.people[i]!, 'join', {}, /Je doet mee als deelnemer/));
    await batch('pick submission, first', roundTable, (i) => roundTable.submitPicks(i, 0));
    await batch('pick submission, changed', roundTable, (i) => roundTable.submitPicks(i, 1));
    await batch('sticker vote, first', voteTable, (i) => voteTable.vote(i, 0));
    await batch('sticker vote, changed', voteTable, (i) => voteTable.vote(i, 1));
    await batch('status (command message)', roundTable, () => roundTable.lead('status'));
    const timerCommands = monitor.commands.slice(timerMark).filter((c) => c.args.some((a) => a.endsWith(':timers'))).length;
    const timerPerSecond = timerCommands / ((Date.now() - monitorStarted) / 1000);
    monitor.stop();

    // ---- Part 3b: card sizes -----------------------------------------------------------------
    progress('part 3: card sizes, whole workshops with the default deck and with 60- and 100-card decks');
    connector.inspect(true);
    const sizeMark = await connector.count();
    const flows: FlowSpec[] = [
      { name: 'default deck, typical text', deck: 'default', text: 'typical' },
      { name: 'default deck, every text at its maximum', deck: 'default', text: 'max' },
      { name: '60-card deck, every text at its maximum', deck: 60, text: 'max' },
      { name: '60-card deck, max text, all 62 cards placed', deck: 60, text: 'max', placeAll: true },
      { name: '100-card deck (the limit), max text', deck: 100, text: 'max' },
    ];
    const flowClient = new HttpClient(16);
    const flowResults: FlowResult[] = await Promise.all(flows.map((spec, k) => playWorkshop(spec, { client: flowClient, botUrl: bot!.url, serviceUrl: connector.url, store, n: 9000 + k * 100 })));
    await connector.quiet(2500);
    const sizeCalls = await connector.calls(sizeMark);
    if (process.env.BENCH_CARDS_DIR) await keepCards(process.env.BENCH_CARDS_DIR, flowResults, await connector.biggest());
    connector.inspect(false);
    flowClient.close();
    const rssEnd = { bot: peakRssMiB(bot.pid), floor: peakRssMiB(floor.pid) };
    const levels = logLevels(bot.logFile);
    client.close();

    // ---- Report ------------------------------------------------------------------------------
    print(`# Benchmark, ${new Date().toISOString()}`);
    print(`Node ${process.version}, ${osLine()}; Redis ${await redisVersion(redis)} at ${s.redisUrl.replace(/\/\/[^@/]*@/, '//***@')}`);
    print(`Bot: NODE_ENV=production, Teams send limits on, shared-card updates at most 1/s, LOG_LEVEL=${process.env.BENCH_BOT_LOG_LEVEL ?? 'info'} (to a file), no app id.`);
    print(`Driver: keep-alive HTTP, ${C} requests in flight, ${s.warmupMs / 1000} s warm-up, ${s.measureMs / 1000} s measured per row.`);
    print();
    print('## 1. Throughput and latency against the floor (minimal botbuilder bot)');
    const row = (name: string, m: Measured, f: Measured) => {
      const ratio = m.load.requestsPerSecond / f.load.requestsPerSecond;
      return [
        name,
        num(m.load.requestsPerSecond),
        num(f.load.requestsPerSecond),
        `${num(ratio, 2)}× ${verdict(ratio >= 0.8)}`,
        ms(m.load.p50),
        ms(m.load.p99),
        `${num(m.load.p50 / f.load.p50, 1)}× / ${num(m.load.p99 / f.load.p99, 1)}×`,
        `${m.load.errors}/${m.load.completed}`,
        `${num(m.cpuMsPerRequest, 2)} vs ${num(f.cpuMsPerRequest, 2)}`,
        num(m.connectorCalls / Math.max(1, m.load.completed), 2),
        num(m.otherCpus, 2),
      ];
    };
    print(
      table(
        ['action', 'bot req/s', 'floor req/s', 'throughput vs floor (≥ 0.8)', 'bot p50', 'bot p99', 'p50 / p99 vs floor', 'errors', 'CPU ms/req bot vs floor', 'connector calls/req', 'other work (CPUs)'],
        [row('pick submission (invoke picks.submit)', pick, floorCard), row('sticker vote (invoke stickers.submit)', sticker, floorCard), row('command message (`status`)', status, floorMessage)],
      ),
    );
    print();
    print(
      table(
        ['floor', 'req/s', 'p50', 'p99', 'errors', 'CPU ms/req', 'connector calls/req', 'other work (CPUs)'],
        [
          floorRow('card action → small card (before the bot)', floorCardBefore),
          floorRow('card action → small card (after the bot)', floorCardAfter),
          floorRow('message → one text reply (before the bot)', floorMessageBefore),
          floorRow('message → one text reply (after the bot)', floorMessageAfter),
        ],
      ),
    );
    print();
    print(`Peak RSS (VmHWM) after part 1: bot ${num(rssAfterPart1.bot, 1)} MiB, floor ${num(rssAfterPart1.floor, 1)} MiB; at the end of the run: bot ${num(rssEnd.bot, 1)} MiB, floor ${num(rssEnd.floor, 1)} MiB.`);
    print(`Stored table JSON without its deck (parsed once and written once per action): Round 1 table with 8 picks ${kb(stateBytes)}, Round 3 table ${kb(stickerStateBytes)}; the deck (${kb(deckBytes)}) is stored beside it and parsed once per process.`);
    const statusWindowCalls = statusCalls.filter((c) => c.t >= status.load.window.from - s.warmupMs && c.t <= status.load.window.to);
    const statusPeak = maxInWindow(statusWindowCalls, 1000).max;
    print(`\`status\` went round ${statusTables.length} conversations: at most ${statusPeak} sends to one conversation in any 1 s${statusPeak >= 7 ? ' (the send window may have slowed it: raise BENCH_STATUS_TABLES)' : ''}.`);
    for (const [name, m] of [['floor card', floorCard], ['pick', pick], ['sticker', sticker], ['floor message', floorMessage], ['status', status]] as const) {
      // (errors of the floor runs are listed under their mean)
      if (m.load.errorSamples.length) print(`errors (${name}): ${m.load.errorSamples.join(' | ')}`);
    }
    print();

    print('## 2. Burst: 50 tables × 8 participants submit their picks at once (400 requests in flight)');
    // Every bench table is in one tenant: the tenant's rate is that of all the burst tables' sends together.
    const tenantPeak = maxInWindow(burstOwnCalls.map((c) => ({ ...c, conversationId: 'tenant' })), 1000).max;
    const outbound = burstOwnCalls.filter((c) => c.method === 'POST' || c.method === 'PUT').length;
    print(
      table(
        ['figure', 'value', 'target', ''],
        [
          ['requests', `${burst.length}, all sent at once; last answer after ${burstEnd - burstStart} ms`, '', ''],
          ['latency p50 / p99 / max', `${ms(percentile(burstLatencies, 50))} / ${ms(percentile(burstLatencies, 99))} / ${ms(burstLatencies[burstLatencies.length - 1] ?? Number.NaN)}`, '', ''],
          ['errors', `${burstErrors.length}`, '0', verdict(burstErrors.length === 0)],
          ['picks in Redis afterwards', `${stored} of 400`, '400', verdict(stored === 400)],
          ['connector calls during the burst (until quiet)', `${outbound} (${burstOwnCalls.filter((c) => c.method === 'PUT').length} updates, ${burstOwnCalls.filter((c) => c.method === 'POST').length} posts)`, '', ''],
          ['outbound calls per participant action', num(outbound / 400, 3), '≤ 1', verdict(outbound / 400 <= 1)],
          ...rateRows(burstOwnCalls),
          ...rateRows(burstLifetimeCalls).map((r) => [r[0]!.replace('highest', 'same, whole life of these tables (preparation included):'), r[1]!, r[2]!, r[3]!]),
          ['highest sends for the whole tenant (all 50 tables) in any 1 s', `${tenantPeak}`, '≤ 50 (Teams, per app and tenant)', verdict(tenantPeak <= 50)],
        ],
      ),
    );
    if (burstErrors.length) print(`burst errors: ${[...new Set(burstErrors.map((b) => b.error))].slice(0, 5).join(' | ')}`);
    print(`The bot over the run so far (${allCalls.length} connector calls, all its conversations): ${TEAMS_LIMITS.map((l) => `max ${maxInWindow(allCalls, l.windowMs).max} in ${l.windowMs / 1000} s`).join(', ')}.`);
    print();

    print('## 3a. Redis round trips per action (MONITOR, commands on the table’s and its conversation’s keys)');
    print(
      table(
        ['action', 'round trips / action', ...PURPOSES.filter((p) => p !== 'timers' && p !== 'other'), 'inside Lua', 'connector calls / action'],
        trips.map((tr) => [
          tr.action,
          num(tr.count.perAction, 2),
          ...PURPOSES.filter((p) => p !== 'timers' && p !== 'other').map((p) => num(tr.count.byPurpose[p] ?? 0, 2)),
          num(tr.count.luaPerAction, 1),
          num(tr.connectorCalls, 2),
        ]),
      ),
    );
    print(`Each figure is the mean over 8 actions done one after the other, including the shared-card updates they cause (each update is a connector call). Floor: 0. In the background each bot process also polls the timer queue: ${num(timerPerSecond, 1)} round trips/s.`);
    print();

    print(`## 3b. Largest card the bot sends (bytes of the JSON; target < ${kb(CARD_LIMIT)} = ${CARD_LIMIT} bytes)`);
    const flowRows: string[][] = [];
    const details: string[] = [];
    for (const r of flowResults) {
      const sent = sentAtConnector(sizeCalls, r.conversations);
      const sentBiggest = largest(sent);
      const invokeBiggest = largest(r.invokes);
      const biggestActivity = sent.reduce((m, c) => Math.max(m, c.totalBytes), 0);
      const worst = Math.max(sentBiggest?.bytes ?? 0, invokeBiggest?.bytes ?? 0);
      flowRows.push([
        r.spec.name,
        r.problem ? `NOT COMPLETE: ${r.problem}` : `yes (${sent.length} sent, ${r.invokes.length} invokes)`,
        describeCard(sentBiggest),
        kb(biggestActivity),
        describeCard(invokeBiggest),
        verdict(worst < CARD_LIMIT),
      ]);
      details.push(`${r.spec.name}: ${biggestByHeading([...sent, ...r.invokes], 6).map((c) => `${c.how === 'post' || c.how === 'update' ? 'sent' : 'invoke'} “${c.heading.slice(0, 40)}” ${c.bytes} B`).join('; ')}; table JSON ${kb(r.stateBytes)}`);
    }
    print(table(['workshop played', 'complete', 'biggest attachment at the connector', 'biggest activity', 'biggest invoke response card', '< 28 KB'], flowRows));
    print();
    print('Biggest cards by kind:');
    for (const d of details) print(`- ${d}`);
    print();
    print(`Bot log: ${Object.entries(levels.counts).map(([lvl, count]) => `${({ 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' } as Record<string, string>)[lvl] ?? lvl} ${count}`).join(', ')}${levels.samples.length ? `; above info: ${levels.samples.join(' | ')}` : ''}.`);

    await Promise.all([bot.stop(), floor.stop()]);
    if (s.profile) {
      const dir = join(build, 'prof');
      const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
      if (file) {
        print();
        print('## CPU profile of the bot (whole run, self time)');
        print(summariseProfile(join(dir, file)));
      }
    }
    print();
    print(`Whole benchmark: ${((Date.now() - t0) / 1000).toFixed(0)} s.`);
  } finally {
    if (!interrupted) {
      await cleanup();
      removeBuild(build);
    }
  }
}

/** BENCH_CARDS_DIR: the biggest card of each kind per workshop, as JSON files to look at. */
async function keepCards(dir: string, flows: FlowResult[], sent: Array<{ conversationId: string; heading: string; body: string }>): Promise<void> {
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 40).replace(/^-|-$/g, '');
  for (const [k, flow] of flows.entries()) {
    const folder = join(dir, `${k + 1}-${slug(flow.spec.name)}`);
    mkdirSync(folder, { recursive: true });
    for (const b of sent.filter((x) => flow.conversations.includes(x.conversationId))) writeFileSync(join(folder, `sent-${slug(b.heading) || 'text'}-${b.body.length}.json`), b.body);
    for (const c of biggestByHeading(flow.invokes, 100)) if (c.card) writeFileSync(join(folder, `invoke-${slug(c.heading)}-${c.bytes}.json`), JSON.stringify(c.card, null, 1));
  }
  progress(`kept the biggest cards in ${dir}`);
}

/** Two runs of the same scenario as one: means of the rates and percentiles, sums of the counts. */
function meanOf(a: Measured, b: Measured): Measured {
  const mean = (x: number, y: number) => (x + y) / 2;
  return {
    load: {
      completed: a.load.completed + b.load.completed,
      errors: a.load.errors + b.load.errors,
      errorSamples: [...new Set([...a.load.errorSamples, ...b.load.errorSamples])].slice(0, 5),
      requestsPerSecond: mean(a.load.requestsPerSecond, b.load.requestsPerSecond),
      p50: mean(a.load.p50, b.load.p50),
      p99: mean(a.load.p99, b.load.p99),
      max: Math.max(a.load.max, b.load.max),
      window: a.load.window,
    },
    connectorCalls: a.connectorCalls + b.connectorCalls,
    cpuMsPerRequest: mean(a.cpuMsPerRequest, b.cpuMsPerRequest),
    otherCpus: mean(a.otherCpus, b.otherCpus),
  };
}

function floorRow(name: string, m: Measured): string[] {
  return [name, num(m.load.requestsPerSecond), ms(m.load.p50), ms(m.load.p99), `${m.load.errors}/${m.load.completed}`, num(m.cpuMsPerRequest, 2), num(m.connectorCalls / Math.max(1, m.load.completed), 2), num(m.otherCpus, 2)];
}

function describeCard(card: SentCard | undefined): string {
  if (!card) return '-';
  return `${kb(card.bytes)} (${card.bytes} B, ${card.how.replace(/^invoke /, '')}: “${card.heading.slice(0, 36)}”)`;
}

/** Redis' own pid when it runs on this machine (for the CPU accounting), else undefined. */
async function redisProcessId(redis: Redis): Promise<number | undefined> {
  const pid = Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1]);
  return Number.isFinite(pid) && cpuMsOrZero(pid) > 0 ? pid : undefined;
}

function keyOf(t: BenchTable): TableKey {
  return { tenantId: t.chat.tenantId, conversationId: t.chat.id };
}

function osLine(): string {
  const os = require('node:os') as typeof import('node:os');
  const cpus = os.cpus();
  return `${os.platform()} ${os.release()}, ${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`;
}

async function redisVersion(redis: Redis): Promise<string> {
  const info = await redis.info('server');
  return /redis_version:(\S+)/.exec(info)?.[1] ?? '?';
}

function scan(redis: Redis, prefix: string): Promise<string[]> {
  return scanKeys(redis, `${prefix}:*`);
}

async function removeKeys(redis: Redis, prefix: string): Promise<number> {
  const keys = await scan(redis, prefix);
  for (let i = 0; i < keys.length; i += 500) await redis.unlink(...keys.slice(i, i + 500));
  return keys.length;
}

// Exit explicitly: a keep-alive socket or a child's pipe must not keep a finished run waiting.
main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
