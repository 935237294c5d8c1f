import { attemptToken, RedisAttemptLimiter } from '../../src/store';
import { calculateSlot, REDIS_URL, redisRun } from '../support/redis-run';
import { attemptLimiterContract } from './attempt-limiter.contract';

const run = redisRun('sbattempts');
const { nextPrefix, client, keysUnder, removeKeysUnder } = run;

// Two connections, as two bot processes have them, on the contract's clock.
attemptLimiterContract(`RedisAttemptLimiter (${REDIS_URL})`, async ({ limit, now }) => {
  const prefix = nextPrefix();
  return {
    limiter: new RedisAttemptLimiter(await client(), { limit, now, prefix }),
    peer: new RedisAttemptLimiter(await client(), { limit, now, prefix }),
    cleanup: () => removeKeysUnder(prefix),
  };
});

describe('RedisAttemptLimiter on Redis', () => {
  test('one key per person under its own hash tag, without the user id, expiring a window after the last attempt', async () => {
    const prefix = nextPrefix();
    const limiter = new RedisAttemptLimiter(await client(), { prefix, limit: { max: 2, windowMs: 5000 } });
    const who = 'tenant-gemeente\naad-0f1e2d3c';
    await limiter.take(who);
    const keys = await keysUnder(prefix);
    const tag = attemptToken('code', who);
    expect(tag).toMatch(/^[A-Za-z0-9_-]{27}$/);
    expect(keys).toEqual([`${prefix}:{${tag}}:code-attempts`]);
    expect(keys.join()).not.toContain('aad-0f1e2d3c');
    expect(calculateSlot(keys[0]!)).toBe(calculateSlot(tag));
    const ttl = await run.admin.pttl(keys[0]!);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(5000);
  });

  test('on Redis’ own clock: the wait it names is within the window', async () => {
    const limiter = new RedisAttemptLimiter(await client(), { prefix: nextPrefix(), limit: { max: 1, windowMs: 60_000 } });
    const who = 'tenant-gemeente\naad-clock';
    expect((await limiter.take(who)).type).toBe('allowed');
    const d = await limiter.take(who);
    expect(d.type).toBe('refused');
    if (d.type === 'refused') {
      expect(d.retryAfterMs).toBeGreaterThan(0);
      expect(d.retryAfterMs).toBeLessThanOrEqual(60_000);
    }
  });
});
