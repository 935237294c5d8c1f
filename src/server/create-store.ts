import type { Logger } from 'pino';
import { connectRedis, MemoryTableStore, MemoryTimerQueue, RedisTableStore, RedisTimerQueue, whenReady, type TableStore, type TimerQueue } from '../store';
import type { Config } from './config';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface Stores {
  tables: TableStore;
  timers: TimerQueue;
}

/** Redis when REDIS_URL is set; otherwise memory, which loses every table on restart (said at start). */
export async function createStores(config: Config, log: Logger): Promise<Stores> {
  const retentionMs = config.RETENTION_DAYS * DAY_MS;
  if (!config.REDIS_URL) {
    log.warn('REDIS_URL is not set: tables are kept in memory and are lost when the bot restarts. Use this for local runs only.');
    return { tables: new MemoryTableStore({ retentionMs }), timers: new MemoryTimerQueue() };
  }
  const redis = connectRedis(config.REDIS_URL);
  redis.on('error', (err) => log.warn({ err: err.message }, 'redis connection error'));
  await whenReady(redis);
  log.info({ redis: redactUrl(config.REDIS_URL) }, 'tables are stored in Redis');
  return {
    tables: new RedisTableStore(redis, { retentionMs, prefix: config.REDIS_KEY_PREFIX }),
    timers: new RedisTimerQueue(redis, config.REDIS_KEY_PREFIX),
  };
}

function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
