import { randomUUID } from 'node:crypto';
import { conversationLane, TEAMS_CONVERSATION_LIMITS, type RateLimit, type RateWindow, type SlotDecision } from '../../src/store';

/** What a window implementation hands the contract for one test. */
export interface WindowFixture {
  window: RateWindow;
  /** Another handle on the same window, as a second bot process has it (Redis: its own connection). */
  peer?: RateWindow;
  cleanup(): Promise<void>;
}

/** `now` is the contract's clock: the window must measure time by it. */
export type MakeWindow = (opts: { limits: readonly RateLimit[]; now: () => number }) => Promise<WindowFixture>;

const T0 = Date.UTC(2025, 10, 25, 9, 0, 0);

const TENANT = 'c1a2b3c4-0000-4000-8000-000000000001';

/** A fresh, real-shaped Teams conversation id, so tests never share a window. */
function aConversation(): string {
  return `19:${randomUUID().replace(/-/g, '')}@thread.v2`;
}

/** The lane of a fresh conversation, as the outbound queue names it. */
function aKey(): string {
  return conversationLane({ tenantId: TENANT, conversationId: aConversation() });
}

const granted = (d: SlotDecision) => d.type === 'granted';
const waitOf = (d: SlotDecision) => (d.type === 'wait' ? d.ms : 0);

/**
 * The behaviour every `RateWindow` must have (see its doc comment), on a clock the contract moves.
 * Run it from a `*.test.ts` with a `make` that opens a window on a clean slate.
 */
export function rateWindowContract(name: string, make: MakeWindow): void {
  describe(`RateWindow contract: ${name}`, () => {
    let fixtures: WindowFixture[] = [];
    let now = T0;
    const advance = (ms: number) => {
      now += ms;
    };

    async function open(limits: readonly RateLimit[] = TEAMS_CONVERSATION_LIMITS) {
      const fx = await make({ limits, now: () => now });
      fixtures.push(fx);
      return { window: fx.window, peer: fx.peer ?? fx.window };
    }

    /** Asks once per `stepMs` until `n` slots were granted; returns the clock times they were granted at. */
    async function take(window: RateWindow, key: string, n: number, stepMs = 1): Promise<number[]> {
      const at: number[] = [];
      while (at.length < n) {
        const d = await window.acquire(key);
        if (d.type === 'granted') at.push(now);
        else advance(Math.max(d.ms, stepMs));
      }
      return at;
    }

    beforeEach(() => {
      now = T0;
    });

    afterEach(async () => {
      const done = fixtures;
      fixtures = [];
      await Promise.all(done.map((fx) => fx.cleanup()));
    });

    describe("Teams' limits per conversation", () => {
      it('grants 7 at once, and the 8th only when the first leaves the 1 s window', async () => {
        const { window } = await open();
        const key = aKey();
        for (let i = 0; i < 7; i++) expect(granted(await window.acquire(key))).toBe(true);
        advance(10);
        expect(await window.acquire(key)).toEqual({ type: 'wait', ms: 990 });
        advance(989);
        expect(waitOf(await window.acquire(key))).toBe(1);
        advance(1);
        expect(granted(await window.acquire(key))).toBe(true);
      });

      it('then holds the 9th until 2 s after the first (8 per 2 s)', async () => {
        const { window } = await open();
        const key = aKey();
        await take(window, key, 7);
        advance(1000);
        expect(granted(await window.acquire(key))).toBe(true); // 8th: the 1 s window is empty again
        expect(await window.acquire(key)).toEqual({ type: 'wait', ms: 1000 }); // 9th: 8 in the last 2 s
        advance(1000);
        expect(granted(await window.acquire(key))).toBe(true);
      });

      it('keeps 60 per 30 s and 1800 per hour, also when asked as fast as it allows', async () => {
        const { window } = await open();
        const key = aKey();
        const at = await take(window, key, 1801);
        const maxIn = (ms: number) => Math.max(...at.map((t, i) => at.slice(i).filter((u) => u < t + ms).length));
        expect(maxIn(1000)).toBe(7);
        expect(maxIn(2000)).toBe(8);
        expect(maxIn(30_000)).toBe(60);
        expect(maxIn(3_600_000)).toBe(1800);
        // The 1801st waited for the first to leave the hour.
        expect(at[1800]).toBe(at[0]! + 3_600_000);
      }, 60_000);

      it('any set of limits: 3 per 300 ms and 5 per 3 s', async () => {
        const { window } = await open([
          { max: 3, windowMs: 300 },
          { max: 5, windowMs: 3000 },
        ]);
        const key = aKey();
        expect(await take(window, key, 6)).toEqual([T0, T0, T0, T0 + 300, T0 + 300, T0 + 3000]);
      });
    });

    describe('slots', () => {
      it('a refusal takes nothing: asking again and again does not push the slot further away', async () => {
        const { window } = await open([{ max: 1, windowMs: 1000 }]);
        const key = aKey();
        await window.acquire(key);
        for (let i = 0; i < 20; i++) {
          expect(waitOf(await window.acquire(key))).toBe(1000 - 10 * i);
          advance(10);
        }
      });

      it('conversations have separate windows', async () => {
        const { window } = await open([{ max: 2, windowMs: 1000 }]);
        const channel = aConversation();
        const [a, b] = [conversationLane({ tenantId: TENANT, conversationId: channel }), aKey()];
        await take(window, a, 2);
        expect(granted(await window.acquire(a))).toBe(false);
        expect(granted(await window.acquire(b))).toBe(true);
        // A thread in a channel is its own conversation, and the same conversation in another tenant another table.
        expect(
          granted(await window.acquire(conversationLane({ tenantId: TENANT, conversationId: `${channel};messageid=1732531200000` }))),
        ).toBe(true);
        expect(
          granted(await window.acquire(conversationLane({ tenantId: 'c1a2b3c4-0000-4000-8000-000000000002', conversationId: channel }))),
        ).toBe(true);
      });

      it('settle counts a slot from when its operation ended', async () => {
        const { window } = await open([{ max: 1, windowMs: 1000 }]);
        const key = aKey();
        const d = await window.acquire(key);
        if (d.type !== 'granted') throw new Error('expected a slot');
        advance(400); // the request took 400 ms
        await window.settle(key, d.slot);
        advance(700);
        expect(await window.acquire(key)).toEqual({ type: 'wait', ms: 300 });
        advance(300);
        expect(granted(await window.acquire(key))).toBe(true);
      });

      it('settle of an unknown slot changes nothing', async () => {
        const { window } = await open([{ max: 1, windowMs: 1000 }]);
        const key = aKey();
        await window.acquire(key);
        advance(500);
        await window.settle(key, 'no-such-slot');
        await window.settle(aKey(), 'no-such-slot');
        expect(await window.acquire(key)).toEqual({ type: 'wait', ms: 500 });
      });
    });

    describe('holdOff (Teams answered 429 with Retry-After)', () => {
      it('grants nothing for the conversation until the hold ends, and only for that conversation', async () => {
        const { window } = await open();
        const [key, other] = [aKey(), aKey()];
        await window.holdOff(key, 1500);
        expect(await window.acquire(key)).toEqual({ type: 'wait', ms: 1500 });
        expect(granted(await window.acquire(other))).toBe(true);
        advance(1500);
        expect(granted(await window.acquire(key))).toBe(true);
      });

      it('a shorter hold never shortens a longer one', async () => {
        const { window } = await open();
        const key = aKey();
        await window.holdOff(key, 5000);
        advance(1000);
        await window.holdOff(key, 1000);
        expect(await window.acquire(key)).toEqual({ type: 'wait', ms: 4000 });
        await window.holdOff(key, 6000);
        expect(await window.acquire(key)).toEqual({ type: 'wait', ms: 6000 });
      });
    });

    describe('two bot processes on one window', () => {
      it('of 30 requests at the same moment through both, exactly 7 get a slot', async () => {
        const { window, peer } = await open();
        const key = aKey();
        const decisions = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? window : peer).acquire(key)));
        expect(decisions.filter(granted)).toHaveLength(7);
        expect(new Set(decisions.flatMap((d) => (d.type === 'granted' ? [d.slot] : []))).size).toBe(7);
      });

      it('a hold set by one process holds the other', async () => {
        const { window, peer } = await open();
        const key = aKey();
        await peer.holdOff(key, 1000);
        expect(await window.acquire(key)).toEqual({ type: 'wait', ms: 1000 });
      });
    });
  });
}
