import type { TableState } from '../../src/domain/types';
import type { Mutation } from '../../src/store';
import { captureLog } from '../support/log-capture';
import { aTable, aTableKey, type MakeStore, type StoreFixture } from './table-store.contract';

const HOUR = 60 * 60 * 1000;

const create = (state: TableState) => (): Mutation<'created'> => ({ state, result: 'created' });

const retitle =
  (title: string) =>
  (current: TableState | undefined): Mutation<string> =>
    current ? { state: { ...current, title }, result: `renamed to ${title}` } : { result: 'no table' };

/**
 * `prepare` and `commit` (see TableStore): a card action decides and renders first, then writes the
 * table and records its answer for Teams' re-sends in one step. Run from a store's `*.test.ts` with
 * the same `make` as the table store contract, its store wired to record into `beside` as
 * createStores wires it.
 */
export function writeAndRecordContract(name: string, make: MakeStore): void {
  describe(`TableStore contract, write and record: ${name}`, () => {
    let fixtures: StoreFixture[] = [];
    async function open() {
      const fx = await make({ retentionMs: HOUR, log: captureLog('warn').log });
      fixtures.push(fx);
      const peer = fx.openPeer ? await fx.openPeer() : fx.store;
      return { store: fx.store, peer, beside: fx.beside };
    }
    afterEach(async () => {
      const done = fixtures;
      fixtures = [];
      await Promise.all(done.map((fx) => fx.cleanup()));
    });

    it('prepare decides and writes nothing; commit writes what it decided', async () => {
      const { store } = await open();
      const key = aTableKey();
      await store.update(key, create(aTable({ title: 'Voor' })));
      const prepared = await store.prepare(key, retitle('Na'));
      expect(prepared.result).toBe('renamed to Na');
      expect((await store.get(key))?.title).toBe('Voor');
      expect(await store.commit(prepared.write!)).not.toBe('conflict');
      expect((await store.get(key))?.title).toBe('Na');
    });

    it('a decision that changes nothing leaves nothing to write', async () => {
      const { store } = await open();
      const key = aTableKey();
      await store.update(key, create(aTable()));
      expect(await store.prepare(key, (current) => ({ ...(current ? { state: current } : {}), result: 'same' }))).toEqual({
        result: 'same',
      });
      expect(await store.prepare(key, () => ({ result: 'refused' }))).toEqual({ result: 'refused' });
    });

    it('commit with an answer records it for the activity in the same step: a re-sent copy finds it', async () => {
      const { store, beside } = await open();
      const key = aTableKey();
      await store.update(key, create(aTable()));
      const claim = await beside.begin(key, 'f:press-1');
      expect(claim.type).toBe('first');
      const { write } = await store.prepare(key, retitle('Na de klik'));
      const answer = JSON.stringify({ status: 200, card: { type: 'AdaptiveCard', body: [{ text: 'Opgeslagen' }] } });
      expect(await store.commit(write!, { activityId: 'f:press-1', response: answer })).toBe('recorded');
      expect(await beside.begin(key, 'f:press-1')).toEqual({ type: 'done', response: answer });
      expect((await store.get(key))?.title).toBe('Na de klik');
      // Another activity of the same table is not touched.
      expect((await beside.begin(key, 'f:press-2')).type).toBe('first');
    });

    it('commit without an answer records nothing', async () => {
      const { store, beside } = await open();
      const key = aTableKey();
      await store.update(key, create(aTable()));
      const { write } = await store.prepare(key, retitle('Na'));
      expect(await store.commit(write!)).toBe('written');
      expect((await beside.begin(key, 'f:press-1')).type).toBe('first');
    });

    it('a commit after another write (by another process) writes nothing and records nothing', async () => {
      const { store, peer, beside } = await open();
      const key = aTableKey();
      await store.update(key, create(aTable({ title: 'Voor' })));
      const mine = await store.prepare(key, retitle('Mijn titel'));
      await peer.update(key, retitle('Hun titel'));
      expect(await store.commit(mine.write!, { activityId: 'f:press-1', response: 'mijn antwoord' })).toBe('conflict');
      expect((await store.get(key))?.title).toBe('Hun titel');
      expect((await beside.begin(key, 'f:press-1')).type).toBe('first');
      // Prepared again on the newer table, it lands.
      const again = await store.prepare(key, retitle('Mijn titel'));
      expect(await store.commit(again.write!, { activityId: 'f:press-2', response: 'mijn antwoord' })).toBe('recorded');
      expect((await store.get(key))?.title).toBe('Mijn titel');
    });

    it('a commit for a table erased since it was read writes nothing', async () => {
      const { store } = await open();
      const key = aTableKey();
      await store.update(key, create(aTable()));
      const { write } = await store.prepare(key, retitle('Te laat'));
      await store.delete(key);
      expect(await store.commit(write!, { activityId: 'f:press-1', response: 'x' })).toBe('conflict');
      expect(await store.get(key)).toBeUndefined();
    });

    it('a state read this turn (startFrom) may be decided on without reading again, but never overwrites a newer table', async () => {
      const { store, peer } = await open();
      const key = aTableKey();
      await store.update(key, create(aTable({ title: 'Voor' })));
      const read = await store.get(key);
      await peer.update(key, retitle('Tussendoor'));
      const append = (current: TableState | undefined): Mutation<string> => ({
        state: { ...current!, title: `${current!.title}+mijn` },
        result: '',
      });
      const { write } = await store.prepare(key, append, read);
      await store.commit(write!);
      expect(['Tussendoor', 'Tussendoor+mijn']).toContain((await store.get(key))?.title);
    });
  });
}
