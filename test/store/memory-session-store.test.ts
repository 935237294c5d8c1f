import { MemorySessionStore } from '../../src/store';
import { sessionStoreContract } from './session-store.contract';

sessionStoreContract('MemorySessionStore', async ({ retentionMs, now }) => {
  const store = new MemorySessionStore({ retentionMs, ...(now ? { now } : {}) });
  return { store, clock: 'injected', cleanup: () => store.close() };
});
