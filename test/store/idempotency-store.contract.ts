import { claimOrWait, type IdempotencyStore } from '../../src/store';
import { aTableKey } from './table-store.contract';

export interface IdempotencyFixture {
  store: IdempotencyStore;
  /** A second handle on the same data (another bot process); defaults to `store`. */
  peer?: IdempotencyStore;
  /** Lets `ms` pass the way this store measures time (moves an injected clock, or waits). */
  advance(ms: number): Promise<void>;
  cleanup(): Promise<void>;
}

export type MakeIdempotencyStore = (opts: { pendingMs: number; doneMs: number }) => Promise<IdempotencyFixture>;

/**
 * Short enough to wait for in real time; the margins below are 0.5× and 1.5× of these. A margin is
 * what the calls between two checks may take: on a loaded two-core machine a Redis round trip can
 * take a few hundred milliseconds, so the lease is 1.5 s (the app's is 30 s), not 300 ms.
 */
const PENDING_MS = 1500;
const DONE_MS = 3000;

/** A Teams-shaped activity id: invoke ids look like `f:…`, message ids like a timestamp. */
const anActivityId = () => `f:${Math.random().toString(36).slice(2)}${Date.now()}`;

/** The behaviour every `IdempotencyStore` must have (see its doc comment). */
export function idempotencyStoreContract(name: string, make: MakeIdempotencyStore): void {
  describe(`IdempotencyStore contract: ${name}`, () => {
    let fixtures: IdempotencyFixture[] = [];
    async function open() {
      const fx = await make({ pendingMs: PENDING_MS, doneMs: DONE_MS });
      fixtures.push(fx);
      return { ...fx, peer: fx.peer ?? fx.store };
    }
    afterEach(async () => {
      const done = fixtures;
      fixtures = [];
      await Promise.all(done.map((fx) => fx.cleanup()));
    });

    it('the first delivery claims the activity; a second one sees it running; after finish it gets the recorded response', async () => {
      const { store, peer } = await open();
      const key = aTableKey();
      const id = anActivityId();
      const first = await store.begin(key, id);
      expect(first.type).toBe('first');
      expect(await peer.begin(key, id)).toEqual({ type: 'running' });
      if (first.type !== 'first') throw new Error('unreachable');
      await store.finish(key, id, first.claim, '{"status":200}');
      expect(await peer.begin(key, id)).toEqual({ type: 'done', response: '{"status":200}' });
      expect(await store.begin(key, id)).toEqual({ type: 'done', response: '{"status":200}' });
    });

    it('an activity finished without a response replays as done with no response', async () => {
      const { store } = await open();
      const key = aTableKey();
      const id = anActivityId();
      const first = await store.begin(key, id);
      if (first.type !== 'first') throw new Error(`expected first, got ${first.type}`);
      await store.finish(key, id, first.claim);
      expect(await store.begin(key, id)).toEqual({ type: 'done', response: undefined });
    });

    it('another activity id, or the same id in another conversation, is a separate activity', async () => {
      const { store } = await open();
      const key = aTableKey();
      const id = anActivityId();
      expect((await store.begin(key, id)).type).toBe('first');
      expect((await store.begin(key, anActivityId())).type).toBe('first');
      expect((await store.begin(aTableKey(), id)).type).toBe('first');
      expect((await store.begin({ ...key, tenantId: 'another-tenant' }, id)).type).toBe('first');
    });

    it('a released claim lets the next delivery run the activity again', async () => {
      const { store, peer } = await open();
      const key = aTableKey();
      const id = anActivityId();
      const first = await store.begin(key, id);
      if (first.type !== 'first') throw new Error('expected first');
      await store.release(key, id, first.claim);
      const again = await peer.begin(key, id);
      expect(again.type).toBe('first');
      if (again.type === 'first') expect(again.claim).not.toBe(first.claim);
    });

    it("release with someone else's claim, or after finish, changes nothing", async () => {
      const { store, peer } = await open();
      const key = aTableKey();
      const id = anActivityId();
      const first = await store.begin(key, id);
      if (first.type !== 'first') throw new Error('expected first');
      await peer.release(key, id, 'not-the-claim');
      expect(await store.begin(key, id)).toEqual({ type: 'running' });
      await store.finish(key, id, first.claim, 'answer');
      await store.release(key, id, first.claim);
      expect(await peer.begin(key, id)).toEqual({ type: 'done', response: 'answer' });
    });

    it('of twenty deliveries at the same moment, through two handles, exactly one claims the activity', async () => {
      const { store, peer } = await open();
      const key = aTableKey();
      const id = anActivityId();
      const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? peer : store).begin(key, id)));
      expect(claims.filter((c) => c.type === 'first')).toHaveLength(1);
      expect(claims.filter((c) => c.type === 'running')).toHaveLength(19);
    });

    it('a claim whose process died expires after the lease, and the activity can run again', async () => {
      const { store, advance } = await open();
      const key = aTableKey();
      const id = anActivityId();
      expect((await store.begin(key, id)).type).toBe('first');
      await advance(PENDING_MS * 0.5);
      expect(await store.begin(key, id)).toEqual({ type: 'running' });
      await advance(PENDING_MS);
      expect((await store.begin(key, id)).type).toBe('first');
    });

    it('a finished activity is remembered for the retention period and then forgotten', async () => {
      const { store, advance } = await open();
      const key = aTableKey();
      const id = anActivityId();
      const first = await store.begin(key, id);
      if (first.type !== 'first') throw new Error('expected first');
      await store.finish(key, id, first.claim, 'answer');
      // Past the claim's lease, still inside the retention: the finish replaced the lease.
      await advance(DONE_MS * 0.6);
      expect(await store.begin(key, id)).toEqual({ type: 'done', response: 'answer' });
      await advance(DONE_MS * 0.6);
      expect((await store.begin(key, id)).type).toBe('first');
    });

    it('keeps a large response (a 30 KB card with accents and emoji) byte for byte', async () => {
      const { store } = await open();
      const key = aTableKey();
      const id = anActivityId();
      const card = JSON.stringify({
        type: 'AdaptiveCard',
        body: [{ type: 'TextBlock', text: 'Café “de Buurt” — één plek 👋\n'.repeat(1000) }],
      });
      const first = await store.begin(key, id);
      if (first.type !== 'first') throw new Error('expected first');
      await store.finish(key, id, first.claim, card);
      const again = await store.begin(key, id);
      expect(again.type === 'done' && again.response).toBe(card);
    });

    describe('claimOrWait', () => {
      it('waits while another delivery runs and returns its result', async () => {
        const { store, peer } = await open();
        const key = aTableKey();
        const id = anActivityId();
        const first = await store.begin(key, id);
        if (first.type !== 'first') throw new Error('expected first');
        const waiting = claimOrWait(peer, key, id, { waitMs: 5000, pollMs: 10 });
        await new Promise((r) => setTimeout(r, 50));
        await store.finish(key, id, first.claim, 'the card');
        expect(await waiting).toEqual({ type: 'done', response: 'the card' });
      });

      it('takes the activity over when the running delivery gives it up', async () => {
        const { store, peer } = await open();
        const key = aTableKey();
        const id = anActivityId();
        const first = await store.begin(key, id);
        if (first.type !== 'first') throw new Error('expected first');
        const waiting = claimOrWait(peer, key, id, { waitMs: 5000, pollMs: 10 });
        await new Promise((r) => setTimeout(r, 50));
        await store.release(key, id, first.claim);
        expect((await waiting).type).toBe('first');
      });

      it('answers running when the other delivery does not finish in time', async () => {
        const { store, peer } = await open();
        const key = aTableKey();
        const id = anActivityId();
        expect((await store.begin(key, id)).type).toBe('first');
        const started = Date.now();
        expect(await claimOrWait(peer, key, id, { waitMs: 100, pollMs: 10 })).toEqual({ type: 'running' });
        expect(Date.now() - started).toBeGreaterThanOrEqual(90);
      });
    });
  });
}
