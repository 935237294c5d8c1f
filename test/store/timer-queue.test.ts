import { MemoryTimerQueue, RedisTimerQueue } from '../../src/store';
import { REDIS_URL, redisRun } from '../support/redis-run';
import { timerQueueContract } from './timer-queue.contract';

const run = redisRun('sbtimers');
const { nextPrefix, client, keysUnder, removeKeysUnder } = run;

timerQueueContract('MemoryTimerQueue', async () => {
  const queue = new MemoryTimerQueue();
  return { queue, cleanup: async () => undefined };
});

timerQueueContract(`RedisTimerQueue, one key (${REDIS_URL})`, async () => {
  const prefix = nextPrefix();
  return {
    queue: new RedisTimerQueue(await client(), prefix),
    peer: new RedisTimerQueue(await client(), prefix),
    cleanup: () => removeKeysUnder(prefix),
  };
});

timerQueueContract(`RedisTimerQueue, 16 shards (${REDIS_URL})`, async () => {
  const prefix = nextPrefix();
  return {
    queue: new RedisTimerQueue(await client(), prefix, { shards: 16 }),
    peer: new RedisTimerQueue(await client(), prefix, { shards: 16 }),
    cleanup: () => removeKeysUnder(prefix),
  };
});

describe('RedisTimerQueue on Redis', () => {
  it('one shard keeps the key of the releases before sharding, so reminders queued by them are still taken', async () => {
    const prefix = nextPrefix();
    await run.admin.zadd(`${prefix}:timers`, 1000, 'queued before');
    const queue = new RedisTimerQueue(await client(), prefix);
    expect(await queue.takeDue(1000)).toEqual(['queued before']);
  });

  it('with shards, a table’s reminders go to one shard of its own and one take polls a quarter of the shards', async () => {
    const prefix = nextPrefix();
    const redis = await client();
    const queue = new RedisTimerQueue(redis, prefix, { shards: 16 });
    const key = { tenantId: 't', conversationId: '19:abc@thread.v2' };
    for (let n = 0; n < 5; n++) await queue.add(1000, JSON.stringify({ key, n }));
    for (let i = 0; i < 40; i++) await queue.add(1000, JSON.stringify({ key: { tenantId: 't', conversationId: `c${i}` } }));
    const keys = await keysUnder(prefix);
    expect(keys.every((k) => /:timers:\{s\d+\}$/.test(k))).toBe(true);
    expect(keys.length).toBeGreaterThan(8);
    const holding = await Promise.all(keys.map((k) => run.admin.zrange(k, 0, -1)));
    expect(holding.filter((members) => members.some((p) => p.includes('"n":'))).length).toBe(1);
    // The keys one take sends its script to, counted at the client: a MONITOR on the shared Redis
    // raced with other files' scripts (ioredis' "Command queue state error" under load).
    const polled: string[] = [];
    // The spy replaces the script's method on the client; an auto-pipeline would call it again for ever.
    redis.options.enableAutoPipelining = false;
    const take = (redis as unknown as { sbTakeDue: (key: string, ...rest: unknown[]) => Promise<string[]> }).sbTakeDue.bind(redis);
    (redis as unknown as { sbTakeDue: unknown }).sbTakeDue = (k: string, ...rest: unknown[]) => {
      polled.push(k);
      return take(k, ...rest);
    };
    await queue.takeDue(0);
    expect(new Set(polled).size).toBe(4);
    await removeKeysUnder(prefix);
  });
});
