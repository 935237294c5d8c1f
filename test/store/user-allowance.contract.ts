import type { AllowanceDecision, AllowanceLimit, UserAllowance } from '../../src/store';
import { aTableKey } from './table-store.contract';

export interface AllowanceFixture {
  allowance: UserAllowance;
  /** Another handle on the same allowance, as a second bot process has it (Redis: its own connection). */
  peer?: UserAllowance;
  cleanup(): Promise<void>;
}

/** `now` is the contract's clock: the allowance must measure time by it. */
export type MakeAllowance = (opts: { limit: AllowanceLimit; now: () => number }) => Promise<AllowanceFixture>;

const T0 = Date.UTC(2025, 10, 25, 9, 0, 0);
const LIMIT: AllowanceLimit = { max: 3, windowMs: 60_000 };
const ANNA = 'aad-anna-0001';
const BRAM = 'aad-bram-0002';

const GRANTED: AllowanceDecision = { type: 'granted' };
const NOTIFY: AllowanceDecision = { type: 'spent', notify: true };
const SILENT: AllowanceDecision = { type: 'spent', notify: false };

/**
 * The behaviour every `UserAllowance` must have (see its doc comment), on a clock the contract moves.
 * Run it from a `*.test.ts` with a `make` that opens an allowance on a clean slate.
 */
export function userAllowanceContract(name: string, make: MakeAllowance): void {
  describe(`UserAllowance contract: ${name}`, () => {
    let fixtures: AllowanceFixture[] = [];
    let now = T0;
    const advance = (ms: number) => {
      now += ms;
    };

    async function open(limit: AllowanceLimit = LIMIT) {
      const fx = await make({ limit, now: () => now });
      fixtures.push(fx);
      return { allowance: fx.allowance, peer: fx.peer ?? fx.allowance };
    }

    async function takeMany(allowance: UserAllowance, key: ReturnType<typeof aTableKey>, user: string, n: number) {
      const decisions: AllowanceDecision[] = [];
      for (let i = 0; i < n; i++) decisions.push(await allowance.take(key, user));
      return decisions;
    }

    beforeEach(() => {
      now = T0;
    });

    afterEach(async () => {
      const done = fixtures;
      fixtures = [];
      await Promise.all(done.map((fx) => fx.cleanup()));
    });

    it('grants `max` answers, then says "even geduld" once, then nothing', async () => {
      const { allowance } = await open();
      const key = aTableKey();
      expect(await takeMany(allowance, key, ANNA, 10)).toEqual([GRANTED, GRANTED, GRANTED, NOTIFY, ...Array(6).fill(SILENT)]);
    });

    it('the window slides: the next answer comes when the oldest granted one leaves it, however long the flood went on', async () => {
      const { allowance } = await open();
      const key = aTableKey();
      await allowance.take(key, ANNA);
      advance(20_000);
      await takeMany(allowance, key, ANNA, 2);
      // Refusals all through the minute are not counted.
      for (let i = 0; i < 39; i++) {
        advance(1000);
        expect((await allowance.take(key, ANNA)).type).toBe('spent');
      }
      advance(999); // 59.999 s after the first
      expect((await allowance.take(key, ANNA)).type).toBe('spent');
      advance(1); // the first leaves the window
      expect(await allowance.take(key, ANNA)).toEqual(GRANTED);
      expect(await allowance.take(key, ANNA)).toEqual(SILENT);
    });

    it('"even geduld" at most once per window', async () => {
      const { allowance } = await open({ max: 1, windowMs: 60_000 });
      const key = aTableKey();
      expect(await takeMany(allowance, key, ANNA, 2)).toEqual([GRANTED, NOTIFY]);
      advance(59_999);
      expect(await allowance.take(key, ANNA)).toEqual(SILENT);
      advance(1); // the grant and the notice have both left the window
      expect(await takeMany(allowance, key, ANNA, 3)).toEqual([GRANTED, NOTIFY, SILENT]);
      advance(30_000);
      expect(await allowance.take(key, ANNA)).toEqual(SILENT);
    });

    it('users and tables have allowances of their own', async () => {
      const { allowance } = await open();
      const [key, other] = [aTableKey(), aTableKey()];
      await takeMany(allowance, key, ANNA, 5);
      expect(await allowance.take(key, BRAM)).toEqual(GRANTED);
      expect(await allowance.take(other, ANNA)).toEqual(GRANTED);
      // The same conversation id in another tenant is another table.
      expect(await allowance.take({ ...key, tenantId: `${key.tenantId}-b` }, ANNA)).toEqual(GRANTED);
    });

    it('any limit: 2 per 10 s', async () => {
      const { allowance } = await open({ max: 2, windowMs: 10_000 });
      const key = aTableKey();
      expect(await takeMany(allowance, key, ANNA, 3)).toEqual([GRANTED, GRANTED, NOTIFY]);
      advance(10_000);
      expect(await takeMany(allowance, key, ANNA, 3)).toEqual([GRANTED, GRANTED, NOTIFY]);
    });

    it('two bot processes on one allowance: of 20 requests at the same moment through both, exactly `max` are granted and one says "even geduld"', async () => {
      const { allowance, peer } = await open();
      const key = aTableKey();
      const decisions = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? allowance : peer).take(key, ANNA)));
      expect(decisions.filter((d) => d.type === 'granted')).toHaveLength(LIMIT.max);
      expect(decisions.filter((d) => d.type === 'spent' && d.notify)).toHaveLength(1);
      expect(await peer.take(key, ANNA)).toEqual(SILENT);
    });
  });
}
