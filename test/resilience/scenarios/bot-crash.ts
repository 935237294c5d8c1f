/**
 * A bot process killed with SIGKILL in the middle of a table (while clicks are on their way) and
 * started again on the same port, like a container the platform restarts. Redis stays up. The
 * restarted process knows nothing but what is in Redis, and the table must go on where it was:
 * every confirmed submission is there, the phase is the same, the shared cards the dead process
 * posted are updated by the new one (also for a click whose coalesced card update was still
 * waiting in the dead process), re-sent activities are still recognised, and the workshop runs to
 * the ranking.
 */
import { cardOfCall, cardText, headingOf, rowsOf } from '../../support/cards';
import { ConnectorStandIn } from '../../support/connector-stand-in';
import { startRedisServer, type RedisServer } from '../../support/redis-server';
import { BotProcess } from '../support/bot-process';
import { seeded, seedFromEnv, type Rng } from '../support/seed';
import { Problems, report, scenarioSteps } from '../support/steps';
import {
  acked,
  copies,
  countsOf,
  deliver,
  isPicksSaved,
  describeAttempt,
  picksEqual,
  randomPicks,
  randomStickers,
  rankingTotals,
  readTables,
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

export interface BotCrashPlan {
  people: number;
  /** Confirmed in Round 1 before the kill. */
  before: number;
  /** Also kill the process during the sticker round. */
  killInRound3: boolean;
  /**
   * After the restart, Teams re-sends every click the dead process never answered (same activity
   * id). Such a click may hold a claim (a 30 s lease) the dead process took, so its re-send waits up
   * to 10 s: the soak does it.
   */
  resendInFlight: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function describeBotCrash(file: string, plan: BotCrashPlan): void {
  describe('a bot process killed with SIGKILL mid-table and started again', () => {
    const seed = seedFromEnv();
    const rng = seeded(seed);
    const step = scenarioSteps(seed, file);
    let redis: RedisServer | undefined;
    let connector: ConnectorStandIn | undefined;
    let bot: BotProcess;
    let table: Table;
    const prefix = `resbc-${seed.toString(36)}`.slice(0, 20);
    const picks: Attempt<PicksValue>[] = [];
    const stickers: Attempt<StickersValue>[] = [];
    const stats = {
      kills: 0,
      inFlight: 0,
      inFlightAcked: 0,
      inFlightLost: 0,
      lostButStored: 0,
      resent: 0,
      resentAcked: 0,
      resentStillWorking: 0,
      resentMaxMs: 0,
    };

    beforeAll(async () => {
      redis = await startRedisServer();
      connector = await new ConnectorStandIn().start();
      // SHARED_CARD_UPDATE_MS at its production default: a shared card is updated at most once a second.
      bot = new BotProcess('bot', {
        REDIS_URL: redis.url,
        REDIS_KEY_PREFIX: prefix,
        SHARED_CARD_UPDATE_MS: '1000',
        OUTBOUND_RATE_LIMITS: 'teams',
      });
      await bot.start();
      table = new Table(1, plan.people, connector);
    }, 90_000);

    afterAll(async () => {
      try {
        await bot?.kill('SIGKILL');
      } finally {
        bot?.dispose(`bot-crash-${seed}`);
        await connector?.stop();
        await redis?.kill();
      }
    });

    const latest = <V>(list: Attempt<V>[], who: Table['people'][number]) => [...list].reverse().find((a) => a.who === who && acked(a));

    /**
     * Clicks from `people` spread over ~150 ms; the process is SIGKILLed once `killAfter` of them have
     * been answered (0: right after the first is sent), then started again on the same port.
     */
    async function killDuring<V>(
      r: Rng,
      send: (p: Table['people'][number], delayMs: number) => Promise<Attempt<V>>,
      people: Table['people'],
      killAfter: number,
    ): Promise<Attempt<V>[]> {
      let answered = 0;
      const inFlight = people.map((p) =>
        send(p, r.int(0, 150)).then((a) => {
          answered++;
          return a;
        }),
      );
      const deadline = Date.now() + 10_000;
      while (answered < killAfter && Date.now() < deadline) await sleep(2);
      const pid = bot.pid;
      await bot.kill('SIGKILL');
      stats.kills++;
      const attempts = await Promise.all(inFlight);
      expect(bot.exit).toEqual({ code: null, signal: 'SIGKILL' });
      await bot.start();
      expect(bot.pid).not.toBe(pid);
      stats.inFlight += attempts.length;
      stats.inFlightAcked += attempts.filter(acked).length;
      stats.inFlightLost += attempts.filter((a) => a.deliveries.every((d) => d.outcome.kind === 'network')).length;
      const problems = new Problems();
      for (const a of attempts) {
        problems.check(
          a.deliveries.every((d) => d.outcome.kind === 'ack' || d.outcome.kind === 'network'),
          () => `a click while the process died got neither a confirmation nor no answer: ${describeAttempt(a)}`,
        );
      }
      problems.assertNone('clicks during the kill');
      return attempts;
    }

    step('Round 1 is open and the first participants are confirmed', async () => {
      const r = rng.fork('setup');
      await table.start(bot);
      const joins = await table.joinAll(r, [bot], 2);
      expect(joins.filter((a) => !acked(a)).map(describeAttempt)).toEqual([]);
      await table.toRound1(r, [bot]);
      const first = await Promise.all(
        table.people.slice(0, plan.before).map((p, i) => table.submitPicks(p, randomPicks(r, `p${i + 1}-a-${seed}`), copies(r, [bot], 2))),
      );
      picks.push(...first);
      expect(first.filter((a) => !acked(a)).map(describeAttempt)).toEqual([]);
      await table.settledCard(
        table.progressId!,
        (text) => text.includes(`${plan.before} van ${plan.people} ingeleverd`),
        `the progress card at ${plan.before}`,
      );
    });

    step(
      'SIGKILL right after a confirmed click whose progress-card update was still waiting (coalesced): after the restart the shared card shows that click',
      async () => {
        const r = rng.fork('pending-update');
        // Two clicks one after the other: the first one's update goes out at once, the second one's waits
        // for the card's interval (SHARED_CARD_UPDATE_MS). The kill comes right after the second is confirmed.
        const [one, two] = table.people.slice(plan.before, plan.before + 2) as [Table['people'][number], Table['people'][number]];
        for (const p of [one, two]) {
          const a = await table.submitPicks(p, randomPicks(r, `${p.name}-pending-${seed}`), [{ bot, delayMs: 0 }]);
          picks.push(a);
          expect(describeAttempt(a)).toMatch(/bot→ack$/);
        }
        await bot.kill('SIGKILL');
        stats.kills++;
        const expected = `${plan.before + 2} van ${plan.people} ingeleverd`;
        const shownAtKill = cardText(table.currentCard(table.progressId!));
        await bot.start();
        if (shownAtKill.includes(expected)) {
          // The update got out before the kill (a slow machine): nothing to check this run.
          report('bot SIGKILL, pending update', { seed, exercised: false });
          return;
        }
        const [state] = await readTables(redis!.url, prefix, [table.key]);
        expect(Object.keys(state?.pickRounds[0]?.picks ?? {})).toHaveLength(plan.before + 2);
        // Nothing else happens at the table now: the restarted process alone must bring the card up to date.
        await table
          .settledCard(
            table.progressId!,
            (text) => text.includes(expected),
            'the progress card to show the last click before the crash',
            5_000,
          )
          .catch((err: Error) => {
            throw new Error(
              `${err.message}\nThe store holds ${plan.before + 2} pick sets; the shared card still shows what it showed at the kill. ` +
                `The update for the last click was waiting in the killed process (SharedCardUpdater keeps pending updates in memory) and nothing re-schedules it after a restart.`,
            );
          });
        report('bot SIGKILL, pending update', { seed, exercised: true });
      },
      { check: true },
    );

    step('SIGKILL while picks are on their way; the restarted process has every confirmed pick and the same phase', async () => {
      const r = rng.fork('kill1');
      const rest = table.people.slice(plan.before + 2);
      const attempts = await killDuring(
        r,
        (p, delayMs) => table.submitPicks(p, randomPicks(r, `${p.name}-inflight-${seed}`), [{ bot, delayMs }]),
        rest,
        r.int(0, 2),
      );
      picks.push(...attempts);
      const [state] = await readTables(redis!.url, prefix, [table.key]);
      const problems = new Problems();
      problems.check(state?.phase === 'round1', () => `after the restart the table is in phase ${state?.phase}`);
      for (const p of table.people) {
        const last = latest(picks, p);
        if (last)
          problems.check(
            picksEqual(storedPicks(state, p), last.value),
            () => `confirmed but not stored after the crash: ${describeAttempt(last)}; stored ${JSON.stringify(storedPicks(state, p))}`,
          );
      }
      for (const a of attempts) if (!acked(a) && picksEqual(storedPicks(state, a.who), a.value)) stats.lostButStored++;
      problems.assertNone('after the crash');
      // The new process reads the same table: status (from the store) counts what is stored.
      const storedCount = Object.keys(state?.pickRounds[0]?.picks ?? {}).length;
      const rows = rowsOf(cardOfCall((await table.say([bot], 'status'))[0]));
      expect(rows).toMatchObject({
        Fase: 'Ronde 1: verkennen',
        Deelnemers: `${plan.people} van maximaal 8`,
        'Ingeleverd (ronde 1)': `${storedCount} van ${plan.people}`,
      });
    });

    step(
      'after the restart: a re-sent confirmed click gets the same answer, the others click again, and the new process counts every pick',
      async () => {
        const r = rng.fork('after1');
        // Teams re-sending an activity the dead process had answered: recognised (the record is in Redis), same card, no second effect.
        const answeredBefore = picks.find((a) => acked(a) && a.deliveries.every((d) => d.outcome.kind === 'ack'));
        if (answeredBefore) {
          const first = answeredBefore.deliveries[0]!.raw;
          const again = await bot.send(answeredBefore.activity);
          expect(again.kind === 'http' ? again.body : again).toEqual(first.kind === 'http' ? first.body : first);
        }
        if (plan.resendInFlight) {
          // Teams re-sending what got no answer: each is answered, with the confirmation (it runs now) or with
          // "Hier ben ik nog mee bezig" (the dead process' claim has not yet run out); never an error.
          const unanswered = picks.filter((a) => a.deliveries.every((d) => d.outcome.kind === 'network'));
          const resent = await Promise.all(unanswered.map((a) => deliver(a.who, a.value, a.activity, [{ bot, delayMs: 0 }], isPicksSaved)));
          picks.push(...resent);
          const problems = new Problems();
          for (const a of resent) {
            const d = a.deliveries[0]!;
            stats.resent++;
            stats.resentMaxMs = Math.max(stats.resentMaxMs, d.raw.ms);
            if (d.outcome.kind === 'ack') stats.resentAcked++;
            else if (d.outcome.kind === 'other' && d.outcome.status === 200 && d.outcome.text.includes(TEXT.stillWorking))
              stats.resentStillWorking++;
            else problems.add(`a re-sent click the dead process never answered got: ${describeAttempt(a)}`);
          }
          problems.assertNone('re-sent clicks after the crash');
        }
        const todo = table.people.filter((p) => !latest(picks, p));
        const retried = await Promise.all(
          todo.map((p) => table.submitPicks(p, randomPicks(r, `${p.name}-again-${seed}`), copies(r, [bot], 2))),
        );
        picks.push(...retried);
        expect(retried.filter((a) => !acked(a)).map(describeAttempt)).toEqual([]);
        const [state] = await readTables(redis!.url, prefix, [table.key]);
        for (const p of table.people) expect(picksEqual(storedPicks(state, p), latest(picks, p)!.value)).toBe(true);
        // What the new process says comes from the store. (The shared progress card is not checked here: an
        // update the dead process still had waiting is lost, and whether there was one depends on when the
        // kill came. The step "SIGKILL right after a confirmed click ..." checks that case deterministically.)
        expect(rowsOf(cardOfCall((await table.say([bot], 'status'))[0]))).toMatchObject({
          'Ingeleverd (ronde 1)': `${plan.people} van ${plan.people}`,
        });
      },
    );

    step(
      `the table goes on: onthul updates the old progress card, Round 3 stickers${plan.killInRound3 ? ' (with a second SIGKILL while stickers are on their way)' : ''}, sluit, totals add up`,
      async () => {
        const r = rng.fork('round3');
        await table.say([bot], 'onthul');
        const reveals = table.posts().filter((c) => headingOf(cardOfCall(c)) === TEXT.revealTitle);
        expect(reveals).toHaveLength(1);
        expect(revealEntries(cardOfCall(reveals[0]))).toBe(3 * plan.people);
        await table.settledCard(
          table.progressId!,
          (text) => text.includes(TEXT.revealed),
          'the pre-crash progress card to say the picks are revealed',
        );
        await table.toRound3(r, [bot]);

        const half = Math.floor(plan.people / 2);
        const firstHalf = await Promise.all(
          table.people.slice(0, half).map((p) => table.submitStickers(p, randomStickers(r), copies(r, [bot], 2))),
        );
        stickers.push(...firstHalf);
        expect(firstHalf.filter((a) => !acked(a)).map(describeAttempt)).toEqual([]);
        if (plan.killInRound3) {
          const attempts = await killDuring(
            r,
            (p, delayMs) => table.submitStickers(p, randomStickers(r), [{ bot, delayMs }]),
            table.people.slice(half),
            r.int(0, 2),
          );
          stickers.push(...attempts);
          const [state] = await readTables(redis!.url, prefix, [table.key]);
          for (const p of table.people) {
            const last = latest(stickers, p);
            if (last) expect(sameCounts(storedStickers(state, p), countsOf(last.value))).toBe(true);
          }
        }
        const todo = table.people.filter((p) => !latest(stickers, p));
        const rest = await Promise.all(todo.map((p) => table.submitStickers(p, randomStickers(r), copies(r, [bot], 2))));
        stickers.push(...rest);
        expect(rest.filter((a) => !acked(a)).map(describeAttempt)).toEqual([]);
        await table.say([bot], 'sluit');
        // The sticker progress card the first process posted is closed by the last one.
        await table.settledCard(
          table.stickersId!,
          (text) => text.includes(TEXT.votingClosed),
          'the sticker progress card to say voting is closed',
        );
        const [closed] = await readTables(redis!.url, prefix, [table.key]);
        for (const p of table.people) {
          const mine = storedStickers(closed, p);
          expect(sumOf(mine)).toBeLessThanOrEqual(3);
          expect(sameCounts(mine, countsOf(latest(stickers, p)!.value))).toBe(true);
        }
        const rankings = table.posts().filter((c) => headingOf(cardOfCall(c)) === TEXT.rankingTitle);
        expect(rankings).toHaveLength(1);
        const shown = rankingTotals(cardOfCall(rankings[0]));
        expect(shown).toEqual(storedTotals(closed));
        expect(sumOf(shown)).toBe(3 * plan.people);
        expect(cardText(cardOfCall(rankings[0]))).toContain(TEXT.rankingTitle);
        report('bot SIGKILL', { seed, ...stats, starts: bot.starts });
        report('bot SIGKILL, bot logs (warn and worse, all runs)', bot.complaints());
      },
    );
  });
}
