import type Redis from 'ioredis';
import type { Cluster } from 'ioredis';
import { StoreUnavailableError } from './table-store';

/**
 * Runs one Redis operation. Any failure of Redis itself (down, timeout, refused) becomes a
 * StoreUnavailableError, which the adapter turns into "probeer het zo opnieuw" instead of a crash.
 */
export async function redisCall<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    throw new StoreUnavailableError(err);
  }
}

/** For the health endpoint: does Redis answer right now? */
export async function redisAnswers(redis: Redis | Cluster): Promise<boolean> {
  try {
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  }
}
