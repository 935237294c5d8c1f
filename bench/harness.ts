/**
 * What every measurement runs against: Redis under a key prefix of the run's own, the bot, the floor
 * bot and the connector stand-in compiled and started, and a client to drive them. `withHarness`
 * sets it up, hands it to the measurements and, whatever happens (Ctrl-C included), stops the
 * processes, removes every key under the prefix and the build.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type Redis from 'ioredis';
import { connectRedis, RedisTableStore, scanKeys, whenReady, type TableKey } from '../src/store';
import type { TeamsChat } from '../test/support/teams-activity';
import type { CallRecord } from './connector';
import { HttpClient } from './http-driver';
import { cpuMsOrZero } from './cpu-time';
import { compile, Connector, removeBuild, startBot, startFloor, type BotOptions, type BotProcess } from './processes';
import { progress, redactedUrl, type Settings } from './settings';
import { BenchTable } from './teams';

export interface Harness {
  settings: Settings;
  /** Every Redis key of the run starts with it; all are removed at the end. */
  prefix: string;
  redis: Redis;
  store: RedisTableStore;
  /** The directory the bot, the floor bot and the connector were compiled into. */
  build: string;
  connector: Connector;
  bot: BotProcess;
  floor: BotProcess;
  /** Keep-alive, at least 32 sockets: for the load runs and for preparing tables. */
  client: HttpClient;
  /** The processes of this benchmark (and Redis when it runs here): their CPU time is not other work on the machine. */
  ourPids(): Array<number | undefined>;
  /** A new table at the bot (or the floor bot); each gets the next number, so that its users are unique. */
  newTable(opts?: NewTableOptions): BenchTable;
  /** The connector's records of everything the bot sent, without the floor bot's conversations. */
  botCalls(): Promise<CallRecord[]>;
  /** Stops the bot and the floor bot; the bot writes its CPU profile (BENCH_PROFILE=1) as it exits. */
  stopBots(): Promise<void>;
  /** Where the bot writes its CPU profile, when the run makes one; the floor bot writes its own beside it (`…-floor`). */
  cpuProfileDir: string | undefined;
}

export interface NewTableOptions {
  /** The bot, the floor bot, or another address (the cluster row's load balancer). */
  at?: 'bot' | 'floor' | URL;
  /** The chat for the table's number, when it is not a group chat in the common tenant. */
  chat?: (n: number) => TeamsChat;
}

export function keyOf(t: BenchTable): TableKey {
  return { tenantId: t.chat.tenantId, conversationId: t.chat.id };
}

export async function withHarness(settings: Settings, measure: (h: Harness) => Promise<void>): Promise<void> {
  const prefix = `bench-${randomBytes(4).toString('hex')}`;
  progress(`Redis ${redactedUrl(settings.redisUrl)}, key prefix ${prefix}`);
  const redis = connectRedis(settings.redisUrl, { commandTimeout: 10_000 });
  await whenReady(redis).catch((err: Error) => {
    throw new Error(`no Redis at ${settings.redisUrl} (${err.message}); set BENCH_REDIS_URL`);
  });
  const store = new RedisTableStore(redis, { retentionMs: 24 * 3600_000, prefix });

  progress('compiling the bot (tsconfig.build.json) and the floor bot and connector (bench/tsconfig.build.json)');
  const build = await compile();
  const connector = await Connector.start(build);
  const client = new HttpClient(Math.max(settings.concurrency, 32));
  const started: BotProcess[] = [];
  let interrupted = false;
  const cleanup = async () => {
    client.close();
    await Promise.all(started.map((p) => p.stop()));
    connector.stop();
    const removed = await removeKeys(redis, prefix);
    const left = (await scan(redis, prefix)).length;
    progress(`removed ${removed} Redis keys under ${prefix}:${left ? `; ${left} LEFT BEHIND` : ''}`);
    await redis.quit().catch(() => undefined);
  };
  process.once('SIGINT', () => {
    interrupted = true;
    progress('interrupted: cleaning up');
    void cleanup().finally(() => {
      removeBuild(build);
      process.exit(130);
    });
  });

  try {
    const cpuProfileDir = settings.profile ? join(build, 'prof') : undefined;
    const { bot, floor } = await startBots(
      build,
      { redisUrl: settings.redisUrl, keyPrefix: prefix, logLevel: settings.botLogLevel, ...(cpuProfileDir ? { cpuProfileDir } : {}) },
      started,
    );
    progress(
      `bot pid ${bot.pid} on ${bot.url.port}, floor pid ${floor.pid} on ${floor.url.port}, connector pid ${connector.pid} at ${connector.url}`,
    );
    const redisPid = await redisProcessId(redis);
    const floorConversations = new Set<string>();
    let n = 1;
    await measure({
      settings,
      prefix,
      redis,
      store,
      build,
      connector,
      bot,
      floor,
      client,
      cpuProfileDir,
      ourPids: () => [bot.pid, floor.pid, connector.pid, process.pid, redisPid],
      newTable: ({ at = 'bot', chat } = {}) => {
        const m = n++;
        const table = new BenchTable(
          { client, botUrl: at === 'bot' ? bot.url : at === 'floor' ? floor.url : at, serviceUrl: connector.url },
          { n: m, ...(chat ? { chat: chat(m) } : {}) },
        );
        if (at === 'floor') floorConversations.add(table.chat.id);
        return table;
      },
      botCalls: async () => (await connector.calls(0)).filter((c) => !floorConversations.has(c.conversationId)),
      stopBots: async () => {
        await Promise.all([bot.stop(), floor.stop()]);
      },
    });
  } finally {
    if (!interrupted) {
      await cleanup();
      removeBuild(build);
    }
  }
}

/** Starts the bot and the floor bot side by side; each that started goes into `started`, to be stopped, even when the other failed. */
async function startBots(build: string, bot: BotOptions, started: BotProcess[]): Promise<{ bot: BotProcess; floor: BotProcess }> {
  const floorProfileDir = bot.cpuProfileDir ? `${bot.cpuProfileDir}-floor` : undefined;
  const [b, f] = await Promise.allSettled([startBot(build, bot), startFloor(build, floorProfileDir)]);
  for (const r of [b, f]) if (r.status === 'fulfilled') started.push(r.value);
  if (b.status === 'rejected') throw b.reason;
  if (f.status === 'rejected') throw f.reason;
  return { bot: b.value, floor: f.value };
}

/** Redis' own pid when it runs on this machine (for the CPU accounting), else undefined. */
async function redisProcessId(redis: Redis): Promise<number | undefined> {
  const pid = Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1]);
  return Number.isFinite(pid) && cpuMsOrZero(pid) > 0 ? pid : undefined;
}

function scan(redis: Redis, prefix: string): Promise<string[]> {
  return scanKeys(redis, `${prefix}:*`);
}

async function removeKeys(redis: Redis, prefix: string): Promise<number> {
  const keys = await scan(redis, prefix);
  for (let i = 0; i < keys.length; i += 500) await redis.unlink(...keys.slice(i, i + 500));
  return keys.length;
}
