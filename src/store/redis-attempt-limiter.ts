import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import type { Cluster } from 'ioredis';
import {
  attemptToken,
  CODE_ATTEMPTS,
  type AttemptDecision,
  type AttemptLimit,
  type AttemptLimiter,
  type AttemptLimiterOptions,
} from './attempt-limiter';
import { redisCall } from './redis-call';
import { LUA_SLIDING_WINDOW, nowArg } from './redis-clock';

/**
 * Prune, count and take an attempt or say how long to wait: one step, so two processes can never both
 * take the last attempt. On Redis' clock (see redis-clock.ts).
 * KEYS: attempts (sorted set: attempt id → ms). ARGV: now or '', attempt id, max, window ms.
 * Returns 0 when the attempt was counted, else the wait in ms.
 */
const TAKE_SCRIPT = `${LUA_SLIDING_WINDOW}
local count = redis.call('ZCARD', KEYS[1])
if count >= max then
  local edge = redis.call('ZRANGE', KEYS[1], count - max, count - max, 'WITHSCORES')
  local wait = math.ceil(tonumber(edge[2]) + windowMs - now)
  if wait < 1 then wait = 1 end
  return wait
end
redis.call('ZADD', KEYS[1], now, ARGV[2])
redis.call('PEXPIRE', KEYS[1], windowMs)
return 0
`;

type AttemptClient = (Redis | Cluster) & {
  sbAttemptTake(key: string, now: string, attempt: string, max: number, windowMs: number): Promise<number>;
};

/**
 * The attempt limiter in Redis, so that every bot process counts a person's attempts together. One
 * key per person, `<prefix>:{<token>}:code-attempts` (the token is a hash, never the user id), which
 * expires a window after the last counted attempt.
 */
export class RedisAttemptLimiter implements AttemptLimiter {
  private readonly redis: AttemptClient;
  private readonly limit: AttemptLimit;

  constructor(
    redis: Redis | Cluster,
    private readonly options: AttemptLimiterOptions & { prefix?: string } = {},
  ) {
    redis.defineCommand('sbAttemptTake', { numberOfKeys: 1, lua: TAKE_SCRIPT });
    this.redis = redis as AttemptClient;
    this.limit = options.limit ?? CODE_ATTEMPTS;
  }

  private key(who: string): string {
    return `${this.options.prefix ?? 'sb'}:{${attemptToken('code', who)}}:code-attempts`;
  }

  async take(who: string): Promise<AttemptDecision> {
    const attempt = randomBytes(9).toString('base64url');
    const wait = await redisCall(() =>
      this.redis.sbAttemptTake(this.key(who), nowArg(this.options.now), attempt, this.limit.max, this.limit.windowMs),
    );
    return wait === 0 ? { type: 'allowed', attempt } : { type: 'refused', retryAfterMs: wait };
  }

  async giveBack(who: string, attempt: string): Promise<void> {
    await redisCall(() => this.redis.zrem(this.key(who), attempt));
  }
}
