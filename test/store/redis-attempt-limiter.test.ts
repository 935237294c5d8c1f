import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import { attemptToken, connectRedis, RedisAttemptLimiter, scanKeys, whenReady } from '../../src/store';
import { attemptLimiterContract } from './attempt-limiter.contract';

// ioredis depends on it; it has no types of its own.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const calculateSlot = require('cluster-key-slot') as (key: string) => number;

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const RUN_PREFIX = `sbattempts-${process.pid}-${randomBytes(4).toString('hex')}`;
let fixtureCount = 0;
const nextPrefix = () => `${RUN_PREFIX}-${++fixtureCount}`;

let admin: Redis;
const opened: Redis[] = [];

async function client(): Promise<Redis> {
  const redis = connectRedis(REDIS_URL);
  await whenReady(redis);
  opened.push(redis);
  return redis;
}

async function keysUnder(prefix: string): Promise<string[]> {
  return (await scanKeys(admin, `${prefix}*`)).sort();
}

async function removeKeysUnder(prefix: string): Promise<void> {
  const keys = await keysUnder(prefix);
  if (keys.length > 0) await admin.unlink(...keys);
}

beforeAll(async () => {
  admin = connectRedis(REDIS_URL);
  await whenReady(admin);
});

afterAll(async () => {
  await removeKeysUnder(RUN_PREFIX);
  await Promise.all(opened.map((r) => r.quit().catch(() => undefined)));
  await admin.quit();
});

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
    const ttl = await admin.pttl(keys[0]!);
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
