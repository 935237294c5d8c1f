import { MemoryRateWindow } from '../../src/store';
import { rateWindowContract } from './rate-window.contract';

rateWindowContract('MemoryRateWindow', async ({ limits, now }) => ({
  window: new MemoryRateWindow({ limits, now }),
  cleanup: async () => undefined,
}));
