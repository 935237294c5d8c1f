import { randomUUID } from 'node:crypto';
import type { AttemptLimit, AttemptLimiter } from '../../src/store';

/** What a limiter implementation hands the contract for one test. */
export interface LimiterFixture {
  limiter: AttemptLimiter;
  /** Another handle on the same counts, as a second bot process has it (Redis: its own connection). */
  peer?: AttemptLimiter;
  cleanup(): Promise<void>;
}

/** `now` is the contract's clock: the limiter must measure time by it. */
export type MakeLimiter = (opts: { limit: AttemptLimit; now: () => number }) => Promise<LimiterFixture>;

const T0 = Date.UTC(2025, 10, 25, 9, 0, 0);
const LIMIT: AttemptLimit = { max: 3, windowMs: 10 * 60_000 };

/** A fresh person, as the adapter names one (tenant and Entra id), so tests never share counts. */
const aPerson = () => `tenant-gemeente\n${randomUUID()}`;

/**
 * The behaviour every `AttemptLimiter` must have (see its doc comment), on a clock the contract moves.
 * Run it from a `*.test.ts` with a `make` that opens a limiter on a clean slate.
 */
export function attemptLimiterContract(name: string, make: MakeLimiter): void {
  describe(`AttemptLimiter contract: ${name}`, () => {
    let fixtures: LimiterFixture[] = [];
    let now = T0;

    async function open(limit: AttemptLimit = LIMIT) {
      const fx = await make({ limit, now: () => now });
      fixtures.push(fx);
      return { limiter: fx.limiter, peer: fx.peer ?? fx.limiter };
    }

    beforeEach(() => {
      now = T0;
    });

    afterEach(async () => {
      await Promise.all(fixtures.map((f) => f.cleanup()));
      fixtures = [];
    });

    it('allows max attempts in the window, refuses the next with the time until the oldest leaves, and allows again then', async () => {
      const { limiter } = await open();
      const who = aPerson();
      for (let i = 0; i < LIMIT.max; i++) {
        expect((await limiter.take(who)).type).toBe('allowed');
        now += 1000;
      }
      const refused = await limiter.take(who);
      expect(refused).toEqual({ type: 'refused', retryAfterMs: LIMIT.windowMs - LIMIT.max * 1000 });
      now = T0 + LIMIT.windowMs - 1;
      expect((await limiter.take(who)).type).toBe('refused');
      now = T0 + LIMIT.windowMs;
      expect((await limiter.take(who)).type).toBe('allowed');
      expect((await limiter.take(who)).type).toBe('refused');
    });

    it('does not count refused attempts: trying on while refused does not lengthen the wait', async () => {
      const { limiter } = await open();
      const who = aPerson();
      for (let i = 0; i < LIMIT.max; i++) await limiter.take(who);
      for (let i = 0; i < 20; i++) {
        now += 1000;
        expect((await limiter.take(who)).type).toBe('refused');
      }
      now = T0 + LIMIT.windowMs;
      expect((await limiter.take(who)).type).toBe('allowed');
    });

    it('counts each person apart', async () => {
      const { limiter } = await open();
      const [anna, bram] = [aPerson(), aPerson()];
      for (let i = 0; i < LIMIT.max; i++) await limiter.take(anna);
      expect((await limiter.take(anna)).type).toBe('refused');
      expect((await limiter.take(bram)).type).toBe('allowed');
    });

    it('an attempt given back does not count; giving back twice or an unknown attempt changes nothing', async () => {
      const { limiter } = await open();
      const who = aPerson();
      for (let i = 0; i < 10; i++) {
        const d = await limiter.take(who);
        if (d.type !== 'allowed') throw new Error(`refused at ${i}`);
        await limiter.giveBack(who, d.attempt);
        await limiter.giveBack(who, d.attempt);
      }
      await limiter.giveBack(who, 'not-an-attempt');
      await limiter.giveBack(aPerson(), 'not-an-attempt');
      for (let i = 0; i < LIMIT.max; i++) expect((await limiter.take(who)).type).toBe('allowed');
      expect((await limiter.take(who)).type).toBe('refused');
    });

    it('two processes share the counts: what one takes, the other sees and can give back', async () => {
      const { limiter, peer } = await open();
      const who = aPerson();
      const first = await limiter.take(who);
      await peer.take(who);
      await limiter.take(who);
      expect((await peer.take(who)).type).toBe('refused');
      if (first.type !== 'allowed') throw new Error('first attempt refused');
      await peer.giveBack(who, first.attempt);
      expect((await limiter.take(who)).type).toBe('allowed');
    });

    it('never lets more than max through when attempts arrive at once on two processes', async () => {
      const { limiter, peer } = await open({ max: 5, windowMs: 60_000 });
      const who = aPerson();
      const decisions = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? peer : limiter).take(who)));
      expect(decisions.filter((d) => d.type === 'allowed')).toHaveLength(5);
    });
  });
}
