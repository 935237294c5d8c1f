import { MemorySessionStore } from '../../src/store';
import { sessionStoreContract } from './session-store.contract';

sessionStoreContract('MemorySessionStore', async ({ retentionMs, now, log }) => {
  const store = new MemorySessionStore({ retentionMs, log, ...(now ? { now } : {}) });
  return { store, clock: 'injected', cleanup: () => store.close() };
});
