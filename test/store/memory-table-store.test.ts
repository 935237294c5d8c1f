import { MemoryTableStore } from '../../src/store';
import { tableStoreContract } from './table-store.contract';

tableStoreContract('MemoryTableStore', async ({ retentionMs, now }) => {
  const store = new MemoryTableStore({ retentionMs, ...(now ? { now } : {}) });
  return { store, clock: 'injected', cleanup: () => store.close() };
});
