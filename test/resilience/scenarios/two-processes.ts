/**
 * Two bot processes behind one (imaginary) load balancer, one real Redis. Many tables play Round 1
 * and Round 3 at once; every participant's clicks land on either process, many in the same instant,
 * some re-sent with the same activity id (to the same or the other process), some changed, some
 * racing each other from two processes, some trying a fourth sticker. Afterwards: every
 * acknowledged submission is in the store, nobody has more than three stickers, the totals add up,
 * and each table's shared cards settle on the stored state.
 */
import { ConnectorStandIn } from '../../support/connector-stand-in';
import { startRedisServer, type RedisServer } from '../../support/redis-server';
import type { TableKey } from '../../../src/store';
import { startRedisCluster, type RedisClusterUnderTest } from '../../support/redis-cluster';
import { TEST_COMMAND_TIMEOUT_MS } from '../../support/redis-run';
import { BotProcess } from '../support/bot-process';
import { RoundRobinProxy } from '../support/round-robin-proxy';
import { seeded, seedFromEnv } from '../support/seed';
import { Problems, report, scenarioSteps } from '../support/steps';
import {
  acked,
  copies,
  countsOf,
  deliver,
  describeAttempt,
  INTENTION_IDS,
  picksEqual,
  randomPicks,
  randomStickers,
  rankingTotals,
  readTables as readStoredTables,
  type Sender,
  revealEntries,
  sameCounts,
  storedPicks,
  storedStickers,
  storedTotals,
  sumOf,
  Table,
  TEXT,
  type Attempt,
  type PicksValue,
  type StickersValue,
} from '../support/workshop';
import { cardOfCall, headingOf } from '../../support/cards';

export interface TwoProcessPlan {
  tables: number;
  people: number;
  /** Deliveries of one activity, at most (1 = never re-sent). */
  maxCopies: number;
  /** Chance that a participant changes their picks / stickers once more after the first is confirmed. */
  changeChance: number;
  /** Chance that a participant ends with two different sticker sets sent at once to the two processes. */
  raceChance: number;
  /** Chance that a participant also tries four stickers (through both processes at once). */
  overLimitChance: number;
  /** How far apart the participants' first clicks are spread (0 = all in the same instant). */
  spreadMs: number;
  /** Bot processes (default 2). */
  processes?: number;
  /** A Redis Cluster of three masters (REDIS_CLUSTER=true) instead of one Redis. */
  cluster?: boolean;
  /**
   * Every activity through a round-robin load balancer in front of the processes, instead of to a
   * process the seed picks: a re-sent copy and the clicks "at once on every process" go in turn.
   */
  behindProxy?: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Same activity, same answer: every delivery of an attempt that was answered got the very same body. */
function sameAnswers(a: Attempt): boolean {
  const bodies = a.deliveries.filter((d) => d.raw.kind === 'http').map((d) => JSON.stringify((d.raw as { body: unknown }).body));
  return bodies.every((b) => b === bodies[0]);
}

export function describeTwoProcesses(file: string, plan: TwoProcessPlan): void {
  const count = plan.processes ?? 2;
  const where = `${plan.behindProxy ? ' behind a round-robin proxy' : ''} on ${plan.cluster ? 'a Redis Cluster of three masters' : 'one Redis'}`;
  describe(`${count === 2 ? 'two' : count} bot processes${where}: ${plan.tables} tables × ${plan.people} participants`, () => {
    const seed = seedFromEnv();
    const rng = seeded(seed);
    const step = scenarioSteps(seed, file);
    let redis: RedisServer | undefined;
    let cluster: RedisClusterUnderTest | undefined;
    let storeUrl = '';
    let connector: ConnectorStandIn | undefined;
    let proxy: RoundRobinProxy | undefined;
    let processes: BotProcess[] = [];
    /** Where the steps post: the processes themselves, or the proxy once per process. */
    let bots: Sender[] = [];
    let tables: Table[] = [];
    const prefix = `res2p-${seed.toString(36)}`.slice(0, 20);
    const readTables = (url: string, under: string, keys: readonly TableKey[]) => readStoredTables(url, under, keys, !!plan.cluster);

    beforeAll(async () => {
      if (plan.cluster) {
        cluster = await startRedisCluster();
        storeUrl = cluster.url;
      } else {
        redis = await startRedisServer();
        storeUrl = redis.url;
      }
      connector = await new ConnectorStandIn().start();
      const env = {
        REDIS_URL: storeUrl,
        REDIS_CLUSTER: plan.cluster ? 'true' : 'false',
        REDIS_KEY_PREFIX: prefix,
        SHARED_CARD_UPDATE_MS: '100',
        OUTBOUND_RATE_LIMITS: 'teams',
        // No outage here: every click must be confirmed. The 2 s fail-fast (redis-restart.test.ts's
        // subject) would turn a healthy Redis that is slow on a loaded machine into "Het lukt even niet".
        REDIS_COMMAND_TIMEOUT_MS: String(TEST_COMMAND_TIMEOUT_MS),
      };
      processes = Array.from({ length: count }, (_, i) => new BotProcess(String.fromCharCode(65 + i), env));
      // A shared CI machine under load may take a while to start several processes at once.
      await Promise.all(processes.map((b) => b.start({ readyTimeoutMs: 60_000 })));
      if (plan.behindProxy) {
        const lb = await RoundRobinProxy.start(processes);
        proxy = lb;
        bots = processes.map(() => ({ name: 'lb', send: (activity: object) => lb.send(activity) }));
      } else bots = processes;
      tables = Array.from({ length: plan.tables }, (_, i) => new Table(i + 1, plan.people, connector!));
    }, 150_000);

    afterAll(async () => {
      try {
        await Promise.all(processes.map((b) => b.kill('SIGKILL')));
      } finally {
        processes.forEach((b) => b.dispose(`two-processes-${seed}`));
        await proxy?.stop();
        await connector?.stop();
        await redis?.kill();
        await cluster?.stop();
      }
    });

    /** Clicks, their deliveries (re-sent copies included), and how many were confirmed: for the run's record. */
    const tally = (attempts: Attempt[]) => ({
      clicks: attempts.length,
      deliveries: attempts.reduce((n, a) => n + a.deliveries.length, 0),
      resentCopies: attempts.reduce((n, a) => n + a.deliveries.length - 1, 0),
      confirmed: attempts.filter(acked).length,
    });

    step('every table starts and every participant joins, through both processes, with re-sent presses', async () => {
      const r = rng.fork('join');
      await Promise.all(tables.map((t) => t.start(r.pick(bots))));
      const joins = await Promise.all(tables.map((t) => t.joinAll(r.fork(`join-${t.n}`), bots, plan.maxCopies)));
      const problems = new Problems();
      const states = await readTables(
        storeUrl,
        prefix,
        tables.map((t) => t.key),
      );
      tables.forEach((t, i) => {
        for (const a of joins[i]!) {
          problems.check(
            acked(a) && a.deliveries.every((d) => d.outcome.kind === 'ack'),
            () => `join not confirmed on every delivery: ${describeAttempt(a)}`,
          );
          problems.check(sameAnswers(a), () => `re-sent join got a different answer: ${describeAttempt(a)}`);
        }
        const numbers = (states[i]?.participants ?? []).map((p) => p.number).sort((x, y) => x - y);
        problems.check(
          JSON.stringify(numbers) === JSON.stringify(Array.from({ length: plan.people }, (_, k) => k + 1)),
          () => `table ${t.n}: stored participant numbers ${JSON.stringify(numbers)}`,
        );
      });
      problems.assertNone('joining');
      report('two processes, joins', { seed, ...tally(joins.flat()) });
    });

    step('Round 1: every acknowledged pick submission is stored, whichever process took it and however often it came', async () => {
      const r = rng.fork('round1');
      await Promise.all(tables.map((t) => t.toRound1(r.fork(`to1-${t.n}`), bots)));
      const runs = await Promise.all(
        tables.flatMap((t) =>
          t.people.map(async (p, i) => {
            const pr = r.fork(`picks-${t.n}-${i}`);
            const versions = 1 + (pr.chance(plan.changeChance) ? 1 : 0);
            const attempts: Attempt<PicksValue>[] = [];
            await sleep(pr.chance(0.5) ? 0 : pr.int(0, plan.spreadMs));
            for (let v = 1; v <= versions; v++) {
              // A participant clicks again only after seeing the confirmation of the previous click.
              attempts.push(await t.submitPicks(p, randomPicks(pr, `t${t.n}-p${i + 1}-v${v}-${seed}`), copies(pr, bots, plan.maxCopies)));
            }
            return { t, p, attempts };
          }),
        ),
      );
      const problems = new Problems();
      const index = new Map(tables.map((t, i) => [t, i]));
      const stored = await readTables(
        storeUrl,
        prefix,
        tables.map((t) => t.key),
      );
      for (const { t, p, attempts } of runs) {
        for (const a of attempts) {
          problems.check(
            a.deliveries.every((d) => d.outcome.kind === 'ack'),
            () => `picks not confirmed on every delivery: ${describeAttempt(a)}`,
          );
          problems.check(sameAnswers(a), () => `re-sent picks got a different answer: ${describeAttempt(a)}`);
        }
        const last = [...attempts].reverse().find(acked);
        const state = stored[index.get(t)!];
        if (last)
          problems.check(
            picksEqual(storedPicks(state, p), last.value),
            () =>
              `table ${t.n} ${p.name}: stored ${JSON.stringify(storedPicks(state, p))}, last acknowledged ${JSON.stringify(last.value)}`,
          );
      }
      tables.forEach((t, i) => {
        const n = Object.keys(stored[i]?.pickRounds[0]?.picks ?? {}).length;
        problems.check(n === plan.people, () => `table ${t.n}: ${n} pick sets stored, expected ${plan.people}`);
      });
      problems.assertNone('Round 1 submissions');
      // The shared progress card of every table, updated by either process, settles on the stored count.
      await Promise.all(
        tables.map((t) =>
          t.settledCard(
            t.progressId!,
            (text) => text.includes(`${plan.people} van ${plan.people} ingeleverd`),
            'the progress card at all in',
          ),
        ),
      );
      report('two processes, Round 1 picks', {
        seed,
        tables: plan.tables,
        people: plan.people,
        changedOnce: runs.filter((x) => x.attempts.length > 1).length,
        ...tally(runs.flatMap((x) => x.attempts)),
      });
    });

    step('onthul, delivered to both processes at once, reveals once per table with every pick', async () => {
      const r = rng.fork('reveal');
      await Promise.all(tables.map((t) => t.say(r.shuffle(bots), 'onthul')));
      const problems = new Problems();
      for (const t of tables) {
        const reveals = t.posts().filter((c) => headingOf(cardOfCall(c)) === TEXT.revealTitle);
        problems.check(reveals.length === 1, () => `table ${t.n}: ${reveals.length} reveal cards posted`);
        const entries = revealEntries(cardOfCall(reveals[0]));
        problems.check(entries === 3 * plan.people, () => `table ${t.n}: the reveal shows ${entries} picks, expected ${3 * plan.people}`);
      }
      problems.assertNone('reveal');
      await Promise.all(
        tables.map((t) =>
          t.settledCard(t.progressId!, (text) => text.includes(TEXT.revealed), 'the progress card to say the picks are revealed'),
        ),
      );
    });

    step('Round 3: every acknowledged sticker set is stored, nobody ever has more than three stickers', async () => {
      const r = rng.fork('round3');
      await Promise.all(tables.map((t) => t.toRound3(r.fork(`to3-${t.n}`), bots)));
      const runs = await Promise.all(
        tables.flatMap((t) =>
          t.people.map(async (p, i) => {
            const pr = r.fork(`stickers-${t.n}-${i}`);
            const sequential: Attempt<StickersValue>[] = [];
            const refused: Attempt<Record<string, number>>[] = [];
            let race: Attempt<StickersValue>[] = [];
            await sleep(pr.chance(0.5) ? 0 : pr.int(0, plan.spreadMs));
            sequential.push(await t.submitStickers(p, randomStickers(pr), copies(pr, bots, plan.maxCopies)));
            if (pr.chance(plan.overLimitChance)) {
              // Four stickers, as a client sending counts could ask: two clicks at once, one per process.
              const [x, y] = pr.sample(INTENTION_IDS, 2) as [string, string];
              const counts = { [x]: 2, [y]: 2 };
              refused.push(
                ...(await Promise.all(
                  bots.map((b) => deliver(p, counts, t.invoke(p, 'stickers.submit', { counts }), [{ bot: b, delayMs: 0 }], () => false)),
                )),
              );
            }
            if (pr.chance(plan.changeChance))
              sequential.push(await t.submitStickers(p, randomStickers(pr), copies(pr, bots, plan.maxCopies)));
            if (pr.chance(plan.raceChance)) {
              // Two different sets at the same moment, one on each process: one of them wins, whole.
              race = await Promise.all(bots.map((b) => t.submitStickers(p, randomStickers(pr), [{ bot: b, delayMs: 0 }])));
            }
            return { t, p, sequential, refused, race };
          }),
        ),
      );
      const problems = new Problems();
      const stored = await readTables(
        storeUrl,
        prefix,
        tables.map((t) => t.key),
      );
      const index = new Map(tables.map((t, i) => [t, i]));
      let races = 0;
      let overLimit = 0;
      for (const { t, p, sequential, refused, race } of runs) {
        for (const a of [...sequential, ...race]) {
          problems.check(
            a.deliveries.every((d) => d.outcome.kind === 'ack'),
            () => `stickers not confirmed on every delivery: ${describeAttempt(a)}`,
          );
          problems.check(sameAnswers(a), () => `re-sent stickers got a different answer: ${describeAttempt(a)}`);
        }
        for (const a of refused) {
          overLimit++;
          const outcome = a.deliveries[0]!.outcome;
          problems.check(
            outcome.kind === 'other' && outcome.text.includes(TEXT.tooManyStickers),
            () => `a fourth sticker was not refused as such: ${describeAttempt(a)}`,
          );
        }
        const state = stored[index.get(t)!];
        const mine = storedStickers(state, p);
        problems.check(sumOf(mine) <= 3, () => `table ${t.n} ${p.name} has ${sumOf(mine)} stickers: ${JSON.stringify(mine)}`);
        if (race.length > 0) {
          races++;
          const candidates = race.filter(acked).map((a) => countsOf(a.value));
          problems.check(
            candidates.some((c) => sameCounts(mine, c)),
            () => `table ${t.n} ${p.name}: stored ${JSON.stringify(mine)} is neither of the two racing sets ${JSON.stringify(candidates)}`,
          );
        } else {
          const last = [...sequential].reverse().find(acked);
          if (last)
            problems.check(
              sameCounts(mine, countsOf(last.value)),
              () => `table ${t.n} ${p.name}: stored ${JSON.stringify(mine)}, last acknowledged ${JSON.stringify(countsOf(last.value))}`,
            );
        }
      }
      tables.forEach((t, i) => {
        const total = sumOf(storedTotals(stored[i]));
        problems.check(total === 3 * plan.people, () => `table ${t.n}: ${total} stickers stored in all, expected ${3 * plan.people}`);
      });
      problems.assertNone('Round 3 submissions');
      await Promise.all(
        tables.map((t) =>
          t.settledCard(
            t.stickersId!,
            (text) => text.includes(`${plan.people} van ${plan.people} hebben hun stickers geplakt`),
            'the sticker progress card at all in',
          ),
        ),
      );
      report('two processes, Round 3 stickers', {
        seed,
        racingPairs: races,
        fourStickerClicks: overLimit,
        ...tally(runs.flatMap((x) => [...x.sequential, ...x.race])),
      });
    });

    step('sluit, delivered to both processes at once, posts one ranking per table and its totals add up', async () => {
      const r = rng.fork('close');
      await Promise.all(tables.map((t) => t.say(r.shuffle(bots), 'sluit')));
      const stored = await readTables(
        storeUrl,
        prefix,
        tables.map((t) => t.key),
      );
      const problems = new Problems();
      let all = 0;
      tables.forEach((t, i) => {
        const rankings = t.posts().filter((c) => headingOf(cardOfCall(c)) === TEXT.rankingTitle);
        problems.check(rankings.length === 1, () => `table ${t.n}: ${rankings.length} ranking cards posted`);
        const shown = rankingTotals(cardOfCall(rankings[0]));
        const fromStore = storedTotals(stored[i]);
        problems.check(
          sameCounts(shown, fromStore),
          () => `table ${t.n}: the ranking shows ${JSON.stringify(shown)}, the store holds ${JSON.stringify(fromStore)}`,
        );
        problems.check(
          sumOf(shown) === 3 * plan.people,
          () => `table ${t.n}: the ranking adds up to ${sumOf(shown)}, expected ${3 * plan.people}`,
        );
        problems.check(stored[i]?.round3.closedAt !== undefined, () => `table ${t.n}: voting not closed in the store`);
        all += sumOf(shown);
      });
      problems.check(all === 3 * plan.people * plan.tables, () => `all tables: ${all} stickers, expected ${3 * plan.people * plan.tables}`);
      problems.assertNone('closing the vote');
      report('two processes, totals', { seed, stickers: all });
    });

    if (plan.behindProxy) {
      step('slotvraag and afsluiting through the balancer: every table ends, and every process took its share', async () => {
        const r = rng.fork('end');
        for (const t of tables) {
          await t.say([r.pick(bots)], 'volgende');
          await t.say([r.pick(bots)], 'volgende');
        }
        const stored = await readTables(
          storeUrl,
          prefix,
          tables.map((t) => t.key),
        );
        const problems = new Problems();
        tables.forEach((t, i) => {
          problems.check(stored[i]?.phase === 'ended', () => `table ${t.n}: phase ${stored[i]?.phase} in the store, expected ended`);
          problems.check(
            stored[i]?.participants.length === plan.people,
            () => `table ${t.n}: ${stored[i]?.participants.length} participants stored`,
          );
        });
        for (const b of processes)
          problems.check((proxy?.forwarded.get(b.name) ?? 0) > 0, () => `${b.name} got no request from the balancer`);
        problems.assertNone('ending the tables');
        report('processes behind the balancer, requests per process', Object.fromEntries(proxy?.forwarded ?? []));
      });
    }

    step('every process stayed up, and nothing was answered with an error', async () => {
      const problems = new Problems();
      // The bots write their log 4 KB at a time and at least once a second: the last second's lines too.
      await sleep(1200);
      for (const b of processes) problems.check(b.alive, () => `${b.name} exited: ${JSON.stringify(b.exit)}\n${b.tail()}`);
      for (const b of processes) {
        for (const line of b.logs().filter((l) => l.level >= 50))
          problems.add(`${b.name} logged at level ${line.level}: ${line.msg} ${JSON.stringify(line).slice(0, 300)}`);
      }
      problems.assertNone('process health');
      report('two processes, bot logs (warn and worse)', Object.fromEntries(processes.map((b) => [b.name, b.complaints()])));
    });
  });
}
