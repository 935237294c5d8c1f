/**
 * Part 2: 50 tables × 8 participants in Round 1 submit their picks at the same moment (400 requests
 * in flight): latency, errors, picks in Redis afterwards, outbound calls, and the bot's send rates
 * per conversation and per tenant against Teams' limits; then the same 400 at once at the floor bot,
 * whose p99 the bot's is held to.
 */
import type { CallRecord } from './connector';
import { keyOf, type Harness } from './harness';
import { HttpClient, percentile, sortedCopy, type Answer } from './http-driver';
import { ms, num, print, table, verdict } from './markdown';
import { maxInWindow, rateRows, TEAMS_LIMITS, TENANT_LIMIT } from './send-rates';
import { progress } from './settings';
import { expectAnyCard, expectHeading, picksFor, prepareTables, SAVED, type BenchTable } from './teams';

const TABLES = 50;
const SUBMISSIONS = TABLES * 8;

export interface Burst {
  requests: number;
  /** From sending the first request to the last answer. */
  elapsedMs: number;
  /** Of the requests that got an answer, sorted. */
  latencies: Float64Array;
  errors: string[];
  /** Round 1 picks stored for the burst tables afterwards. */
  stored: number;
  /** The connector's records for the burst tables during the burst, until the bot was quiet. */
  calls: CallRecord[];
  /** The same over the burst tables' whole life, their preparation included. */
  lifetimeCalls: CallRecord[];
  /** Everything the bot sent so far in the run, in all its conversations. */
  allCalls: CallRecord[];
  /** The same 400 requests at the floor bot, right after the bot's burst. */
  floor: { elapsedMs: number; latencies: Float64Array; errors: string[] };
}

export async function measureBurst(h: Harness): Promise<Burst> {
  progress('part 2: preparing 50 tables × 8 participants (start, 8 joins, volgende ×2)');
  const tables = await prepareTables({ label: 'burst tables', count: TABLES, make: () => h.newTable(), play: (t) => t.toRound1() });
  await h.connector.quiet(2500);
  const mark = await h.connector.count();
  progress('part 2: 400 pick submissions at once');
  const started = Date.now();
  const answers = await submitAllAtOnce(h.bot.url, bodiesOf(tables), expectHeading(SAVED.picks));
  const elapsedMs = Date.now() - started;
  await h.connector.quiet(2500);
  // The same requests at the floor, which keeps no state: what 400 at once cost any botbuilder bot here.
  progress('part 2: the same 400 at once at the floor bot');
  const floorStarted = Date.now();
  const floorAnswers = await submitAllAtOnce(h.floor.url, bodiesOf(tables), expectAnyCard);
  const floor = {
    elapsedMs: Date.now() - floorStarted,
    latencies: sortedCopy(floorAnswers.filter((b) => Number.isFinite(b.ms)).map((b) => b.ms)),
    errors: floorAnswers.flatMap((b) => (b.error ? [b.error] : [])),
  };

  const conversations = new Set(tables.map((t) => t.chat.id));
  const ofBurstTables = (calls: CallRecord[]) => calls.filter((c) => conversations.has(c.conversationId));
  const calls = ofBurstTables(await h.connector.calls(mark));
  const allCalls = await h.botCalls();
  return {
    requests: answers.length,
    elapsedMs,
    latencies: sortedCopy(answers.filter((b) => Number.isFinite(b.ms)).map((b) => b.ms)),
    errors: answers.flatMap((b) => (b.error ? [b.error] : [])),
    stored: await storedPicks(h, tables),
    calls,
    lifetimeCalls: ofBurstTables(allCalls),
    allCalls,
    floor,
  };
}

function bodiesOf(tables: BenchTable[]): string[] {
  return tables.flatMap((t) => t.people.map((p, i) => t.invokeBody(p, 'picks.submit', picksFor(i))));
}

/** Every request sent at once, each on a socket of its own. */
async function submitAllAtOnce(
  url: URL,
  bodies: string[],
  check: (answer: Answer) => string | undefined,
): Promise<Array<{ ms: number; error: string | undefined }>> {
  const client = new HttpClient(bodies.length);
  try {
    return await Promise.all(
      bodies.map(async (body) => {
        try {
          const answer = await client.post(url, body);
          return { ms: answer.ms, error: check(answer) };
        } catch (err) {
          return { ms: Number.NaN, error: err instanceof Error ? err.message : String(err) };
        }
      }),
    );
  } finally {
    client.close();
  }
}

async function storedPicks(h: Harness, tables: BenchTable[]): Promise<number> {
  let stored = 0;
  for (const t of tables) stored += Object.keys((await h.store.get(keyOf(t)))?.pickRounds[0]?.picks ?? {}).length;
  return stored;
}

export function reportBurst(b: Burst): void {
  print('## 2. Burst: 50 tables × 8 participants submit their picks at once (400 requests in flight)');
  // Every bench table is in one tenant: the tenant's rate is that of all the burst tables' sends together.
  const tenantPeak = maxInWindow(
    b.calls.map((c) => ({ ...c, conversationId: 'tenant' })),
    1000,
  ).max;
  const posts = b.calls.filter((c) => c.method === 'POST').length;
  const updates = b.calls.filter((c) => c.method === 'PUT').length;
  const outbound = posts + updates;
  const { latencies: l } = b;
  const f = b.floor.latencies;
  const p99Ratio = percentile(l, 99) / percentile(f, 99);
  print(
    table(
      ['figure', 'value', 'target', ''],
      [
        ['requests', `${b.requests}, all sent at once; last answer after ${b.elapsedMs} ms`, '', ''],
        ['latency p50 / p99 / max', `${ms(percentile(l, 50))} / ${ms(percentile(l, 99))} / ${ms(l[l.length - 1] ?? Number.NaN)}`, '', ''],
        [
          'the floor, same 400 at once: p50 / p99 / max',
          `${ms(percentile(f, 50))} / ${ms(percentile(f, 99))} / ${ms(f[f.length - 1] ?? Number.NaN)}; last answer after ${b.floor.elapsedMs} ms; ${b.floor.errors.length} errors`,
          '',
          '',
        ],
        ['bot p99 / floor p99', `${num(p99Ratio, 2)}×`, '≤ 1.5×', verdict(p99Ratio <= 1.5)],
        ['errors', `${b.errors.length}`, '0', verdict(b.errors.length === 0)],
        ['picks in Redis afterwards', `${b.stored} of ${SUBMISSIONS}`, `${SUBMISSIONS}`, verdict(b.stored === SUBMISSIONS)],
        ['connector calls during the burst (until quiet)', `${outbound} (${updates} updates, ${posts} posts)`, '', ''],
        ['outbound calls per participant action', num(outbound / SUBMISSIONS, 3), '≤ 1', verdict(outbound / SUBMISSIONS <= 1)],
        ...rateRows(b.calls),
        ...rateRows(b.lifetimeCalls).map((r) => [
          r[0]!.replace('highest', 'same, whole life of these tables (preparation included):'),
          r[1]!,
          r[2]!,
          r[3]!,
        ]),
        [
          `highest sends for the whole tenant (all ${TABLES} tables) in any 1 s`,
          `${tenantPeak}`,
          `≤ ${TENANT_LIMIT} (Teams, per app and tenant)`,
          verdict(tenantPeak <= TENANT_LIMIT),
        ],
      ],
    ),
  );
  if (b.errors.length) print(`burst errors: ${[...new Set(b.errors)].slice(0, 5).join(' | ')}`);
  if (b.floor.errors.length) print(`floor burst errors: ${[...new Set(b.floor.errors)].slice(0, 5).join(' | ')}`);
  const peaks = TEAMS_LIMITS.map((l) => `max ${maxInWindow(b.allCalls, l.windowMs).max} in ${l.windowMs / 1000} s`);
  print(`The bot over the run so far (${b.allCalls.length} connector calls, all its conversations): ${peaks.join(', ')}.`);
  print();
}
