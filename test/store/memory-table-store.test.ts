import { MemoryIdempotencyStore, MemoryRateWindow, MemoryTableStore, conversationLane } from '../../src/store';
import { aTable, aTableKey, tableStoreContract, type MakeStore } from './table-store.contract';
import { writeAndRecordContract } from './write-and-record.contract';

const memoryStore: MakeStore = async ({ retentionMs, now, log }) => {
  // As createStores wires them: what these keep per table goes when the table is deleted.
  const beside = new MemoryIdempotencyStore();
  const store = new MemoryTableStore({
    retentionMs,
    log,
    ...(now ? { now } : {}),
    beside: [beside, new MemoryRateWindow()],
    answers: beside,
  });
  return { store, beside, clock: 'injected', cleanup: () => store.close() };
};
tableStoreContract('MemoryTableStore', memoryStore);
writeAndRecordContract('MemoryTableStore', memoryStore);

describe('MemoryTableStore beside the memory send window', () => {
  it('deleting a table forgets its conversation’s send window (times and holds), and no other', async () => {
    const window = new MemoryRateWindow({ limits: [{ max: 1, windowMs: 60_000 }] });
    const store = new MemoryTableStore({ retentionMs: 60_000, beside: [window] });
    const [key, other] = [aTableKey(), aTableKey()];
    for (const k of [key, other]) {
      await store.update(k, () => ({ state: aTable(), result: undefined }));
      await window.acquire(conversationLane(k));
    }
    await window.holdOff(conversationLane(key), 30_000);
    expect((await window.acquire(conversationLane(key))).type).toBe('wait');

    await store.delete(key);
    expect((await window.acquire(conversationLane(key))).type).toBe('granted');
    expect((await window.acquire(conversationLane(other))).type).toBe('wait');
  });
});
