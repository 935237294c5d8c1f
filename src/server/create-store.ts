import type { TokenCredential } from '@azure/identity';
import type { Logger } from 'pino';
import {
  connectRedis,
  MemoryAttemptLimiter,
  MemoryIdempotencyStore,
  MemoryRateWindow,
  MemorySessionStore,
  MemoryTableStore,
  MemoryTimerQueue,
  MemoryUserAllowance,
  RedisAttemptLimiter,
  answerKeys,
  RedisIdempotencyStore,
  RedisRateWindow,
  TEAMS_TENANT_LIMITS,
  RedisSessionStore,
  RedisTableStore,
  RedisTimerQueue,
  RedisUserAllowance,
  whenReady,
  type AttemptLimiter,
  type RedisClient,
  type IdempotencyStore,
  type RateWindow,
  type SessionStore,
  type TableStore,
  type TimerQueue,
  type UserAllowance,
} from '../store';
import { connectRedisClusterWithEntraId, connectRedisWithEntraId } from '../store/redis-entra-auth';
import { connectRedisCluster } from '../store/redis-cluster-connection';
import type { Config } from './config';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Timer queue shards on a Redis Cluster: spread over the masters, each polled by a few processes at a time. */
const CLUSTER_TIMER_SHARDS = 16;

export interface Stores {
  tables: TableStore;
  timers: TimerQueue;
  /** Which Teams activities were handled; shared by all bot processes, like the tables. */
  idempotency: IdempotencyStore;
  /** Teams' send limits per conversation, counted for all bot processes together (memory: this one only). */
  rateWindow?: RateWindow;
  /** Teams' limit per app and tenant, over all conversations, counted the same way. */
  tenantWindow?: RateWindow;
  /** What a participant's informational commands may post, counted for all bot processes together (createApp keeps it in memory when absent). */
  allowance?: UserAllowance;
  /** The organisers' sessions, with the same retention as the tables (createApp keeps them in memory when absent). */
  sessions?: SessionStore;
  /** Join codes tried per person, counted for all bot processes together (memory: this one only). */
  codeAttempts?: AttemptLimiter;
}

/** Redis when REDIS_URL is set; otherwise memory, which loses every table on restart (said at start). */
export async function createStores(config: Config, log: Logger, options: { credential?: TokenCredential } = {}): Promise<Stores> {
  const retentionMs = config.RETENTION_DAYS * DAY_MS;
  if (!config.REDIS_URL) {
    log.warn('REDIS_URL is not set: tables are kept in memory and are lost when the bot restarts. Use this for local runs only.');
    // What these keep per table goes when the table is erased, as Redis keys under its hash tag do.
    const idempotency = new MemoryIdempotencyStore();
    const rateWindow = new MemoryRateWindow();
    return {
      // A card action's answer is recorded with its write (MemoryTableStore.commit).
      tables: new MemoryTableStore({ retentionMs, log, beside: [idempotency, rateWindow], answers: idempotency }),
      timers: new MemoryTimerQueue(),
      idempotency,
      rateWindow,
      tenantWindow: new MemoryRateWindow({ limits: TEAMS_TENANT_LIMITS }),
      allowance: new MemoryUserAllowance(),
      sessions: new MemorySessionStore({ retentionMs, log }),
      codeAttempts: new MemoryAttemptLimiter(),
    };
  }
  const timeout = { commandTimeout: config.REDIS_COMMAND_TIMEOUT_MS };
  const redis = config.REDIS_ENTRA_AUTH
    ? await connectWithEntraId(config, log, options.credential)
    : config.REDIS_CLUSTER
      ? connectRedisCluster(config.REDIS_URL, { redisOptions: timeout })
      : connectRedis(config.REDIS_URL, timeout);
  redis.on('error', (err: Error) => log.warn({ err: err.message }, 'redis connection error'));
  // A cluster reports trouble with one node on its own event; the client finds the node again itself.
  if (config.REDIS_CLUSTER) redis.on('node error', (err: Error) => log.warn({ err: err.message }, 'redis cluster node error'));
  await whenReady(redis);
  log.info(
    { redis: redactUrl(config.REDIS_URL), cluster: config.REDIS_CLUSTER, shape: config.TABLE_STORE_SHAPE },
    'tables are stored in Redis',
  );
  // A card action's write records its answer for Teams' re-sends in the same script, under the key the idempotency store reads.
  const tables = new RedisTableStore(redis, {
    retentionMs,
    log,
    prefix: config.REDIS_KEY_PREFIX,
    answers: answerKeys({ prefix: config.REDIS_KEY_PREFIX }),
  });
  return {
    tables,
    // On a cluster the reminders are spread over shards, so that no one key is polled by every process.
    timers: new RedisTimerQueue(redis, config.REDIS_KEY_PREFIX, config.REDIS_CLUSTER ? { shards: CLUSTER_TIMER_SHARDS } : {}),
    // A claim reads the activity's table in the same round trip.
    idempotency: new RedisIdempotencyStore(redis, { prefix: config.REDIS_KEY_PREFIX, readTable: tables.readAlong() }),
    rateWindow: new RedisRateWindow(redis, { prefix: config.REDIS_KEY_PREFIX }),
    tenantWindow: new RedisRateWindow(redis, { prefix: config.REDIS_KEY_PREFIX, limits: TEAMS_TENANT_LIMITS }),
    allowance: new RedisUserAllowance(redis, { prefix: config.REDIS_KEY_PREFIX }),
    sessions: new RedisSessionStore(redis, { retentionMs, log, prefix: config.REDIS_KEY_PREFIX }),
    codeAttempts: new RedisAttemptLimiter(redis, { prefix: config.REDIS_KEY_PREFIX }),
  };
}

/**
 * Azure Cache for Redis with Entra ID. Without an injected credential: DefaultAzureCredential, which
 * on Azure is the managed identity (AZURE_CLIENT_ID picks a user-assigned one) and on a developer's
 * machine the Azure CLI sign-in. Loaded only when needed, so a local run does not pay for it.
 */
async function connectWithEntraId(config: Config, log: Logger, injected?: TokenCredential): Promise<RedisClient> {
  const credential = injected ?? (await defaultCredential(config.AZURE_CLIENT_ID));
  const username = config.REDIS_ENTRA_USERNAME ?? '';
  const connect = config.REDIS_CLUSTER ? connectRedisClusterWithEntraId : connectRedisWithEntraId;
  const extra = { commandTimeout: config.REDIS_COMMAND_TIMEOUT_MS };
  const redis = await connect(config.REDIS_URL ?? '', { credential, username, log, extra });
  log.info({ username }, 'Redis signs in with Entra ID tokens, renewed before they expire');
  return redis;
}

async function defaultCredential(clientId: string | undefined): Promise<TokenCredential> {
  const { DefaultAzureCredential } = await import('@azure/identity');
  return new DefaultAzureCredential(clientId ? { managedIdentityClientId: clientId } : {});
}

function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
