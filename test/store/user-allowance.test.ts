import { connectRedis, MemoryUserAllowance, RedisUserAllowance, StoreUnavailableError, tableToken, userToken } from '../../src/store';
import { calculateSlot, REDIS_URL, redisRun } from '../support/redis-run';
import { aTableKey } from './table-store.contract';
import { userAllowanceContract } from './user-allowance.contract';

const run = redisRun('sballow');
const { nextPrefix, client, keysUnder, removeKeysUnder } = run;

userAllowanceContract('MemoryUserAllowance', async ({ limit, now }) => ({
  allowance: new MemoryUserAllowance({ limit, now }),
  cleanup: async () => undefined,
}));

// Two connections, as two bot processes have them, on the contract's clock.
userAllowanceContract(`RedisUserAllowance (${REDIS_URL})`, async ({ limit, now }) => {
  const prefix = nextPrefix();
  return {
    allowance: new RedisUserAllowance(await client(), { limit, now, prefix }),
    peer: new RedisUserAllowance(await client(), { limit, now, prefix }),
    cleanup: () => removeKeysUnder(prefix),
  };
});

describe('RedisUserAllowance on Redis', () => {
  it('keeps its keys under the table’s hash tag (erasing the table takes them along), without the user id, and lets them expire after the window', async () => {
    const prefix = nextPrefix();
    const allowance = new RedisUserAllowance(await client(), { prefix, limit: { max: 1, windowMs: 5000 } });
    const key = aTableKey();
    const userId = '8f3c2a9e-4b1d-4c7a-9e21-5d6f7a8b9c0d';
    await allowance.take(key, userId);
    await allowance.take(key, userId); // spent: records the "even geduld"
    const keys = await keysUnder(prefix);
    const tag = tableToken(key);
    expect(keys).toEqual([
      `${prefix}:{${tag}}:allowance:info:${userToken(userId)}`,
      `${prefix}:{${tag}}:allowance:info:${userToken(userId)}:notified`,
    ]);
    expect(keys.join()).not.toContain(userId);
    expect(new Set(keys.map(calculateSlot))).toEqual(new Set([calculateSlot(tag)]));
    for (const k of keys) {
      const ttl = await run.admin.pttl(k);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(5000);
    }
  });

  it('on Redis’ own clock, too', async () => {
    const allowance = new RedisUserAllowance(await client(), { prefix: nextPrefix(), limit: { max: 2, windowMs: 60_000 } });
    const key = aTableKey();
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await allowance.take(key, 'u'));
    expect(decisions).toEqual([
      { type: 'granted' },
      { type: 'granted' },
      { type: 'spent', notify: true },
      { type: 'spent', notify: false },
    ]);
  });

  it('a Redis that cannot be reached gives StoreUnavailableError, so the turn asks the user to retry', async () => {
    const redis = connectRedis('redis://127.0.0.1:1', { retryStrategy: () => null, lazyConnect: true });
    const allowance = new RedisUserAllowance(redis, { prefix: nextPrefix() });
    await expect(allowance.take(aTableKey(), 'u')).rejects.toBeInstanceOf(StoreUnavailableError);
    redis.disconnect();
  });
});
