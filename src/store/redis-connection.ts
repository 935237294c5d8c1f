import Redis, { type Cluster, type RedisOptions } from 'ioredis';

/** One Redis, or a Redis Cluster (REDIS_CLUSTER=true): every store takes either. */
export type RedisClient = Redis | Cluster;

/** How every connection behaves while Redis is away; a cluster's node connections too. */
export const REDIS_FAIL_FAST = {
  maxRetriesPerRequest: 1,
  enableOfflineQueue: false,
  connectTimeout: 5000,
  // A frozen Redis or a half-open connection must not hang a turn (Teams gives up after ~15 s).
  commandTimeout: 2000,
} satisfies RedisOptions;

/**
 * A connection that fails fast while Redis is away (so a user hears "probeer het zo opnieuw" within
 * a second instead of waiting) and reconnects by itself when it is back.
 */
export function connectRedis(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, {
    ...REDIS_FAIL_FAST,
    // The commands of all turns issued in one tick go out in one write: a click's two round trips
    // cost a socket write each otherwise, 5 to 10 % of its CPU at 32 requests in flight (bench/README).
    // Not on a cluster: there ioredis groups a pipeline by the first argument, which for our scripts
    // with a varying number of keys is that number, not a key.
    enableAutoPipelining: true,
    retryStrategy: (times) => Math.min(times * 200, 2000),
    ...extra,
  });
}

/** True for a Redis Cluster client (it has `nodes`), false for a single connection. */
export function isCluster(redis: RedisClient): redis is Cluster {
  return 'nodes' in redis && typeof redis.nodes === 'function';
}

/**
 * With the offline queue off, commands before the first connect would fail: wait for it. A refused
 * password (or an expired Entra ID token) fails at once with Redis' own words, not after a timeout.
 */
export function whenReady(redis: RedisClient, timeoutMs = 10000): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    let lastError: Error | undefined;
    const timer = setTimeout(
      () => finish(new Error(`Redis not ready after ${timeoutMs} ms${lastError ? `: ${lastError.message}` : ''}`)),
      timeoutMs,
    );
    const onReady = () => finish();
    const onError = (err: Error) => {
      lastError = err;
      if (/NOAUTH|WRONGPASS|invalid password|ERR AUTH/i.test(err.message)) finish(err);
    };
    const onEnd = () => finish(new Error(`Redis connection ended${lastError ? `: ${lastError.message}` : ''}`));
    const finish = (err?: Error) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      redis.off('error', onError);
      redis.off('end', onEnd);
      if (err) reject(err);
      else resolve();
    };
    redis.on('ready', onReady);
    redis.on('error', onError);
    redis.on('end', onEnd);
  });
}
