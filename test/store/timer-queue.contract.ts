import { randomUUID } from 'node:crypto';
import type { TableKey, TimerQueue } from '../../src/store';

/** What a timer queue implementation hands the contract for one test. */
export interface TimerQueueFixture {
  queue: TimerQueue;
  /** Another handle on the same queue, as a second bot process has it (Redis: its own connection). */
  peer?: TimerQueue;
  cleanup(): Promise<void>;
}

export type MakeTimerQueue = () => Promise<TimerQueueFixture>;

const T0 = Date.UTC(2025, 10, 25, 9, 0, 0);

/** A payload as the bot queues one: a table's key at the top (the shard is the table's), the rest opaque here. */
function aReminder(key: TableKey = aKey(), n = 0): string {
  return JSON.stringify({ schemaVersion: 1, type: 'card', key, kind: 'progress', n });
}

function aKey(): TableKey {
  return { tenantId: randomUUID(), conversationId: `19:${randomUUID().replace(/-/g, '')}@thread.v2` };
}

/**
 * Everything due at `now`, taken the way the announcer does it: one `takeDue` per tick. A sharded
 * queue polls a few shards per call, so a reminder may need several ticks; 64 are more than enough.
 */
async function drain(queue: TimerQueue, now: number, ticks = 64): Promise<string[]> {
  const taken: string[] = [];
  for (let i = 0; i < ticks; i++) taken.push(...(await queue.takeDue(now)));
  return taken;
}

/**
 * The behaviour every `TimerQueue` must have (see its doc comment). Run it from a `*.test.ts` with
 * a `make` that opens a queue on a clean slate.
 */
export function timerQueueContract(name: string, make: MakeTimerQueue): void {
  describe(`TimerQueue contract: ${name}`, () => {
    let fixtures: TimerQueueFixture[] = [];
    const open = async () => {
      const f = await make();
      fixtures.push(f);
      return f;
    };
    afterEach(async () => {
      await Promise.all(fixtures.map((f) => f.cleanup()));
      fixtures = [];
    });

    it('hands out every reminder of many tables once it is due, each exactly once, none before', async () => {
      const { queue } = await open();
      const early = Array.from({ length: 20 }, (_, i) => aReminder(aKey(), i));
      const late = Array.from({ length: 5 }, (_, i) => aReminder(aKey(), 100 + i));
      for (const p of early) await queue.add(T0 + 1000, p);
      for (const p of late) await queue.add(T0 + 60_000, p);
      expect(await drain(queue, T0 + 999)).toEqual([]);
      expect((await drain(queue, T0 + 1000)).sort()).toEqual([...early].sort());
      expect(await drain(queue, T0 + 59_999)).toEqual([]);
      expect((await drain(queue, T0 + 60_000)).sort()).toEqual([...late].sort());
      expect(await drain(queue, T0 + 120_000)).toEqual([]);
    });

    it('the same reminder again moves its due time instead of adding a second one', async () => {
      const { queue } = await open();
      const p = aReminder();
      await queue.add(T0 + 1000, p);
      await queue.add(T0 + 5000, p);
      expect(await drain(queue, T0 + 4999)).toEqual([]);
      expect(await drain(queue, T0 + 5000)).toEqual([p]);
    });

    it('gives no more than the limit in one take, and the rest later', async () => {
      const { queue } = await open();
      const key = aKey();
      const all = Array.from({ length: 7 }, (_, i) => aReminder(key, i));
      for (const p of all) await queue.add(T0, p);
      const first = await queue.takeDue(T0, 3);
      expect(first.length).toBeLessThanOrEqual(3);
      const rest = await drain(queue, T0);
      expect([...first, ...rest].sort()).toEqual([...all].sort());
    });

    it('two processes taking at the same moment never both get a reminder', async () => {
      const { queue, peer } = await open();
      const other = peer ?? queue;
      const all = Array.from({ length: 30 }, (_, i) => aReminder(aKey(), i));
      for (const p of all) await queue.add(T0, p);
      const [a, b] = await Promise.all([drain(queue, T0), drain(other, T0)]);
      expect([...a, ...b].sort()).toEqual([...all].sort());
    });

    it('remove takes the reminders it picks wherever they are queued, says how many, and leaves the others', async () => {
      const { queue } = await open();
      const erased = aKey();
      const gone = [aReminder(erased, 1), aReminder(erased, 2)];
      const kept = Array.from({ length: 6 }, (_, i) => aReminder(aKey(), i));
      for (const p of [...gone, ...kept]) await queue.add(T0, p);
      const removed = await queue.remove((p) => (JSON.parse(p) as { key: TableKey }).key.conversationId === erased.conversationId);
      expect(removed).toBe(2);
      expect((await drain(queue, T0)).sort()).toEqual([...kept].sort());
    });

    it('queues a payload that names no table too', async () => {
      const { queue } = await open();
      await queue.add(T0, 'not json');
      expect(await drain(queue, T0)).toEqual(['not json']);
    });
  });
}
