/**
 * Redis killed (SIGKILL) and started again in the middle of a table, on its own throwaway server
 * with AOF (see support/aof-redis.ts for the settings and why). Two bot processes serve the table;
 * they reach Redis through a pass-through TCP proxy (support/holding-proxy.ts) that can hold back
 * one answer, so that one kill lands at an exact point every run.
 *
 * 1. Round 1 is open; some participants submit and are confirmed.
 * 2. Redis is killed while a burst of clicks is on its way from both processes, at the moment it
 *    has written one click (at a second, quiet table) whose answer the proxy holds back. Every
 *    click of the burst is answered with a confirmation or with "probeer het zo opnieuw".
 * 3. During the outage: every click is answered (HTTP 200) with the Dutch retry message, a chat
 *    command is answered with it too, /healthz says the store is down, both processes stay up.
 * 4. Redis is started again on the same port and data directory; both processes reconnect by
 *    themselves (/healthz 200) without being restarted.
 * 5. Every submission confirmed before the kill is in the store, exactly as confirmed; none that
 *    only got the retry message during the outage is.
 * 6. The click whose write landed but whose answer was lost got the retry message; that message
 *    promises nothing about the store (it cannot know), only that a retry is safe.
 * 7. Those who were told to retry do so (a new click); the table goes on: all picks in, reveal,
 *    Round 3, stickers, sluit, ranking totals that add up.
 */
import { cardOfCall, cardText, headingOf, rowsOf } from '../../support/cards';
import { ConnectorStandIn } from '../../support/connector-stand-in';
import { AofRedis, type AppendFsync } from '../support/aof-redis';
import { BotProcess } from '../support/bot-process';
import { HoldingProxy } from '../support/holding-proxy';
import { seeded, seedFromEnv } from '../support/seed';
import { Problems, report, scenarioSteps } from '../support/steps';
import {
  acked,
  copies,
  describeAttempt,
  gotRetry,
  picksEqual,
  randomPicks,
  randomStickers,
  rankingTotals,
  readTables,
  revealEntries,
  sameCounts,
  storedPicks,
  storedTotals,
  sumOf,
  Table,
  TEXT,
  type Attempt,
  type PicksValue,
} from '../support/workshop';
import { connectRedis, whenReady } from '../../../src/store';

export interface RedisRestartPlan {
  people: number;
  /** Confirmed before the kill. */
  before: number;
  /** Submitting while Redis is being killed. */
  duringKill: number;
  /** How many outages (kill, clicks, restart) in Round 1; the soak runs several. */
  outages: number;
  maxCopies: number;
  /** Default: RESILIENCE_APPENDFSYNC, else always. */
  appendfsync?: AppendFsync;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A bounded wait for something the test itself set going. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves once Redis itself (not through the proxy) holds `value` as the person's picks. */
async function storedInRedis(
  url: string,
  prefix: string,
  table: Table,
  who: Table['people'][number],
  value: PicksValue,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [state] = await readTables(url, prefix, [table.key]);
    if (picksEqual(storedPicks(state, who), value)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${who.name}'s picks to be written in Redis`);
    await sleep(2);
  }
}

export function describeRedisRestart(file: string, plan: RedisRestartPlan): void {
  const appendfsync: AppendFsync = plan.appendfsync ?? (process.env.RESILIENCE_APPENDFSYNC === 'everysec' ? 'everysec' : 'always');
  describe(`Redis killed and restarted mid-table (AOF, appendfsync ${appendfsync})`, () => {
    const seed = seedFromEnv();
    const rng = seeded(seed);
    const step = scenarioSteps(seed, file);
    let redis: AofRedis | undefined;
    let proxy: HoldingProxy | undefined;
    let connector: ConnectorStandIn | undefined;
    let bots: BotProcess[] = [];
    let table: Table;
    /**
     * A second table in Round 1 where the click whose answer is lost is made: nothing else writes
     * to it at that moment, so the held write cannot be one that lost a race and will be retried.
     */
    let quiet: Table;
    const prefix = `resrr-${seed.toString(36)}`.slice(0, 20);
    /** Every pick submission, in order, with what it got. */
    const attempts: Attempt<PicksValue>[] = [];
    /** Submissions confirmed while Redis was up, before a kill. */
    const confirmedBeforeKill = new Set<Attempt<PicksValue>>();
    /**
     * Clicks on their way when Redis died that were not confirmed: their write may have landed (its
     * answer lost). Such a write may replace the person's earlier confirmed picks, so after a restart
     * the store holds either the latest confirmed picks or one of these later ones.
     */
    const inFlightAtKill = new Set<Attempt<PicksValue>>();
    const stats = {
      outages: 0,
      confirmedBefore: 0,
      burst: 0,
      burstAcked: 0,
      burstRetry: 0,
      burstRetryButStored: 0,
      outageClicks: 0,
      outageRetry: 0,
      retriedAfter: 0,
    };

    beforeAll(async () => {
      redis = await AofRedis.start(appendfsync);
      // The bots reach Redis through a proxy that can hold back one answer (support/holding-proxy.ts).
      proxy = await HoldingProxy.start(redis.port);
      connector = await new ConnectorStandIn().start();
      const env = { REDIS_URL: proxy.url, REDIS_KEY_PREFIX: prefix, SHARED_CARD_UPDATE_MS: '100', OUTBOUND_RATE_LIMITS: 'teams' };
      bots = [new BotProcess('A', env), new BotProcess('B', env)];
      await Promise.all(bots.map((b) => b.start()));
      table = new Table(1, plan.people, connector);
      quiet = new Table(2, 3, connector);
    }, 90_000);

    afterAll(async () => {
      try {
        await Promise.all(bots.map((b) => b.kill('SIGKILL')));
      } finally {
        bots.forEach((b) => b.dispose(`redis-restart-${appendfsync}-${seed}`));
        await connector?.stop();
        await proxy?.close();
        await redis?.dispose();
      }
    });

    const latestAcked = (who: Table['people'][number]) => [...attempts].reverse().find((a) => a.who === who && acked(a));

    step('the throwaway Redis runs with AOF and the settings production needs', async () => {
      const client = connectRedis(redis!.url);
      try {
        await whenReady(client);
        const get = async (name: string) => ((await client.config('GET', name)) as string[])[1];
        expect({
          appendonly: await get('appendonly'),
          appendfsync: await get('appendfsync'),
          maxmemoryPolicy: await get('maxmemory-policy'),
          save: await get('save'),
        }).toEqual({
          appendonly: 'yes',
          appendfsync,
          maxmemoryPolicy: 'noeviction',
          save: '',
        });
      } finally {
        client.disconnect();
      }
    });

    step('the table reaches Round 1 and the first participants are confirmed', async () => {
      const r = rng.fork('setup');
      await table.start(r.pick(bots));
      const joins = await table.joinAll(r, bots, plan.maxCopies);
      const notJoined = joins.filter((a) => !acked(a));
      if (notJoined.length > 0) throw new Error(`joins not confirmed:\n${notJoined.map(describeAttempt).join('\n')}`);
      await table.toRound1(r, bots);
      await quiet.start(r.pick(bots));
      expect((await quiet.joinAll(r, bots, 1)).filter((a) => !acked(a)).map(describeAttempt)).toEqual([]);
      await quiet.toRound1(r, bots);
      const first = await Promise.all(
        table.people
          .slice(0, plan.before)
          .map((p, i) => table.submitPicks(p, randomPicks(r, `p${i + 1}-before-${seed}`), copies(r, bots, plan.maxCopies))),
      );
      attempts.push(...first);
      const problems = new Problems();
      for (const a of first) {
        problems.check(acked(a), () => `not confirmed with Redis up: ${describeAttempt(a)}`);
        confirmedBeforeKill.add(a);
      }
      stats.confirmedBefore = confirmedBeforeKill.size;
      problems.assertNone('before the kill');
    });

    for (let outage = 1; outage <= plan.outages; outage++) {
      /** The click Redis stored right before it died, whose answer never reached the bot. */
      let lostAnswer: Attempt<PicksValue> | undefined;

      step(
        `outage ${outage}: Redis is killed during a burst of clicks; every click is answered with a confirmation or "probeer het zo opnieuw", and so is every click and command during the outage; the processes stay up`,
        async () => {
          const r = rng.fork(`outage-${outage}`);
          stats.outages++;
          const problems = new Problems();
          // The kill lands at an exact point: right after Redis has written one click (the "victim"),
          // before its answer is back at the bot. Around it, a burst of clicks spread over ~150 ms
          // from both processes: some answered before the kill, some on their way.
          // First a confirmed click at the quiet table: Redis has the store's scripts loaded (after a
          // restart its script cache is empty, and the proxy must see the write itself, not a NOSCRIPT).
          const [warm, victim] = r.shuffle(quiet.people) as [Table['people'][number], Table['people'][number]];
          const warmUp = await quiet.submitPicks(warm, randomPicks(r, `${warm.name}-warm${outage}-${seed}`), [
            { bot: r.pick(bots), delayMs: 0 },
          ]);
          attempts.push(warmUp);
          problems.check(acked(warmUp), () => `warm-up click not confirmed: ${describeAttempt(warmUp)}`);
          if (acked(warmUp)) confirmedBeforeKill.add(warmUp);
          const victimValue = randomPicks(r, `${victim.name}-lost-answer${outage}-${seed}`);
          const seen = proxy!.holdRepliesAfter(victimValue.in[1]);
          const burstPeople = r.sample(table.people, plan.duringKill);
          const victimClick = quiet.submitPicks(victim, victimValue, [{ bot: r.pick(bots), delayMs: r.int(0, 100) }]);
          const burst = Promise.all(
            burstPeople.map((p) =>
              table.submitPicks(p, randomPicks(r, `${p.name}-burst${outage}-${seed}`), [{ bot: r.pick(bots), delayMs: r.int(0, 150) }]),
            ),
          );
          await within(seen, 15_000, 'the victim click to reach Redis');
          await storedInRedis(redis!.url, prefix, quiet, victim, victimValue, 5_000);
          await redis!.crash();
          lostAnswer = await victimClick;
          const burstAttempts = await burst;
          attempts.push(lostAnswer, ...burstAttempts);
          stats.burst += burstAttempts.length;
          // A confirmation is a promise, even one given in the last millisecond: they must survive.
          for (const a of burstAttempts) if (acked(a)) confirmedBeforeKill.add(a);
          for (const a of [lostAnswer, ...burstAttempts]) if (!acked(a)) inFlightAtKill.add(a);
          stats.burstAcked += burstAttempts.filter(acked).length;
          stats.burstRetry += burstAttempts.filter(gotRetry).length;
          for (const a of [lostAnswer, ...burstAttempts]) {
            problems.check(
              a.deliveries.every((d) => d.outcome.kind === 'ack' || d.outcome.kind === 'retry'),
              () => `a click while Redis went down got neither a confirmation nor the retry message: ${describeAttempt(a)}`,
            );
          }
          problems.check(
            gotRetry(lostAnswer),
            () => `the click whose answer was lost was not answered with the retry message: ${describeAttempt(lostAnswer!)}`,
          );

          // Redis is gone: every click now gets the retry message, from either process.
          const during = await Promise.all(
            r
              .shuffle(table.people)
              .slice(0, Math.max(2, plan.people - plan.before))
              .map((p) => table.submitPicks(p, randomPicks(r, `${p.name}-outage${outage}-${seed}`), copies(r, bots, plan.maxCopies))),
          );
          attempts.push(...during);
          stats.outageClicks += during.length;
          for (const a of during) {
            problems.check(
              a.deliveries.every((d) => d.outcome.kind === 'retry' && d.raw.kind === 'http' && d.raw.status === 200),
              () => `a click during the outage was not answered with the retry message: ${describeAttempt(a)}`,
            );
            if (gotRetry(a)) stats.outageRetry++;
          }
          // A chat command too: the leider hears the same, as a message in the chat.
          for (const b of bots) {
            const posted = await table.say([b], 'status');
            const texts = posted.map((c) => cardText(cardOfCall(c)));
            problems.check(
              texts.length === 1 && texts[0]!.includes(TEXT.retryCommand),
              () => `status via ${b.name} during the outage posted ${JSON.stringify(texts)} instead of the retry message`,
            );
          }
          for (const b of bots) {
            const health = await b.health();
            problems.check(
              health.status === 503 && (health as { body: any }).body?.store === 'down',
              () => `${b.name} /healthz during the outage: ${JSON.stringify(health)}`,
            );
            problems.check(b.alive, () => `${b.name} exited during the outage: ${JSON.stringify(b.exit)}\n${b.tail()}`);
          }
          problems.assertNone(`outage ${outage}`);
        },
      );

      step(
        `outage ${outage}: Redis restarts from its AOF, both processes reconnect by themselves, and everything confirmed before the kill is there`,
        async () => {
          await redis!.restart();
          // No restart of the bots: each must find Redis again on its own (ioredis' retry strategy).
          await Promise.all(bots.map((b) => b.waitForHealth((s) => s === 200, 20_000, 'to reconnect to Redis')));
          const [state, quietState] = await readTables(redis!.url, prefix, [table.key, quiet.key]);
          const stateOf = (who: Table['people'][number]) => (quiet.people.includes(who) ? quietState : state);
          const problems = new Problems();
          problems.check(state?.phase === 'round1', () => `after the restart the table is in phase ${state?.phase}`);
          for (const a of confirmedBeforeKill) {
            // The latest confirmed set of that person is what must be stored (a later confirmed change replaces it),
            // unless a later click that was in flight at a kill landed after it.
            if (latestAcked(a.who) !== a) continue;
            const later = attempts.slice(attempts.indexOf(a) + 1).filter((x) => x.who === a.who && inFlightAtKill.has(x));
            const stored = storedPicks(stateOf(a.who), a.who);
            problems.check(
              [a, ...later].some((x) => picksEqual(stored, x.value)),
              () => `confirmed before the kill but not stored after the restart: ${describeAttempt(a)}; stored ${JSON.stringify(stored)}`,
            );
          }
          // Clicks of the outage itself (Redis already gone) got the retry message and must have left nothing.
          for (const a of attempts) {
            if (acked(a) || !gotRetry(a) || !a.value.in[1].includes('-outage')) continue;
            problems.check(
              !picksEqual(storedPicks(stateOf(a.who), a.who), a.value),
              () => `only got the retry message during the outage, yet stored: ${describeAttempt(a)}`,
            );
          }
          // Burst clicks in flight at the kill: a write may have landed with its answer lost. Counted for the report.
          for (const a of attempts) {
            if (!acked(a) && gotRetry(a) && a.value.in[1].includes('-burst') && picksEqual(storedPicks(state, a.who), a.value))
              stats.burstRetryButStored++;
          }
          problems.assertNone(`after restart ${outage}`);
        },
      );

      step(
        `outage ${outage}: a click Redis had stored when it died, whose answer was lost, got the retry message — which promises nothing about the store, so the retry is safe`,
        async () => {
          // A reply lost with the connection cannot tell "written" from "not written". The message
          // therefore only asks to try again (with what was typed still in the form); submitting the
          // same picks again is harmless, and the next step checks that the retry lands.
          const a = lostAnswer!;
          expect(gotRetry(a)).toBe(true);
          expect(acked(a)).toBe(false);
          expect(TEXT.retry).not.toMatch(/niets veranderd/);
        },
        { check: true },
      );
    }

    step('those told to retry click again, and the table goes on: all picks in, reveal, Round 3, stickers, sluit', async () => {
      const r = rng.fork('after');
      // Whoever's last click was not confirmed clicks the same form again (a new activity); whoever never
      // submitted does so now.
      const everyone = [...table.people.map((p) => ({ t: table, p })), ...quiet.people.map((p) => ({ t: quiet, p }))];
      const todo = everyone.flatMap(({ t, p }) => {
        const mine = attempts.filter((a) => a.who === p);
        const last = mine[mine.length - 1];
        if (!last) return [{ t, p, value: randomPicks(r, `${p.name}-late-${seed}`) }];
        return acked(last) ? [] : [{ t, p, value: last.value }];
      });
      stats.retriedAfter = todo.length;
      const retried = await Promise.all(todo.map(({ t, p, value }) => t.submitPicks(p, value, copies(r, bots, plan.maxCopies))));
      attempts.push(...retried);
      const problems = new Problems();
      for (const a of retried) problems.check(acked(a), () => `a retry after the restart was not confirmed: ${describeAttempt(a)}`);
      problems.assertNone('retrying');

      const [state, quietState] = await readTables(redis!.url, prefix, [table.key, quiet.key]);
      for (const { t, p } of everyone) {
        const last = latestAcked(p)!;
        const stored = storedPicks(t === quiet ? quietState : state, p);
        problems.check(
          picksEqual(stored, last.value),
          () => `${p.name}: stored ${JSON.stringify(stored)}, last confirmed ${JSON.stringify(last.value)}`,
        );
      }
      problems.assertNone('picks after the outage');
      // What the bot says comes from the store. (The shared progress card is not checked before the reveal: a
      // card update that came due during the outage failed and is not tried again, so whether the card lags
      // depends on when the kill came. See the report; bot-crash.test.ts checks the same loss deterministically.)
      expect(rowsOf(cardOfCall((await table.say([r.pick(bots)], 'status'))[0]))).toMatchObject({
        'Ingeleverd (ronde 1)': `${plan.people} van ${plan.people}`,
      });

      await table.say([r.pick(bots)], 'onthul');
      const reveals = table.posts().filter((c) => headingOf(cardOfCall(c)) === TEXT.revealTitle);
      expect(reveals).toHaveLength(1);
      expect(revealEntries(cardOfCall(reveals[0]))).toBe(3 * plan.people);
      await table.settledCard(table.progressId!, (text) => text.includes(TEXT.revealed), 'the progress card to say the picks are revealed');

      await table.toRound3(r, bots);
      const stickers = await Promise.all(
        table.people.map((p) => table.submitStickers(p, randomStickers(r), copies(r, bots, plan.maxCopies))),
      );
      for (const a of stickers) problems.check(acked(a), () => `stickers after the outage not confirmed: ${describeAttempt(a)}`);
      problems.assertNone('stickers after the outage');
      await table.say([r.pick(bots)], 'sluit');
      const rankings = table.posts().filter((c) => headingOf(cardOfCall(c)) === TEXT.rankingTitle);
      expect(rankings).toHaveLength(1);
      const [closed] = await readTables(redis!.url, prefix, [table.key]);
      const shown = rankingTotals(cardOfCall(rankings[0]));
      expect(sameCounts(shown, storedTotals(closed))).toBe(true);
      expect(sumOf(shown)).toBe(3 * plan.people);
      for (const b of bots) expect(b.alive).toBe(true);
      for (const b of bots) expect(b.starts).toBe(1);
      report(`Redis restart (appendfsync ${appendfsync})`, { seed, ...stats });
      report('Redis restart, bot logs (warn and worse)', Object.fromEntries(bots.map((b) => [b.name, b.complaints()])));
    });
  });
}
