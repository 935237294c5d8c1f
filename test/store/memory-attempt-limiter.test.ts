import { MemoryAttemptLimiter } from '../../src/store';
import { attemptLimiterContract } from './attempt-limiter.contract';

attemptLimiterContract('MemoryAttemptLimiter', async ({ limit, now }) => ({
  limiter: new MemoryAttemptLimiter({ limit, now }),
  cleanup: async () => undefined,
}));
