import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import type { Cluster } from 'ioredis';
import {
  LANE_TOKEN,
  longestWindow,
  TEAMS_CONVERSATION_LIMITS,
  type RateLimit,
  type RateWindow,
  type RateWindowOptions,
  type SlotDecision,
} from './rate-window';
import { redisCall } from './redis-call';
import { LUA_NOW, nowArg } from './redis-clock';

/**
 * Prune, check the hold, count every window, and take a slot or say how long to wait: one step, so
 * two processes can never both take the last slot.
 * KEYS: slots (sorted set: slot id → ms), hold (ms until which nothing is granted).
 * ARGV: now or '', slot id, longest window ms, then max and window ms of each limit.
 * Returns 0 when the slot was taken, else the wait in ms.
 */
const ACQUIRE_SCRIPT = `${LUA_NOW}
local hold = tonumber(redis.call('GET', KEYS[2]) or '0')
if hold > now then return math.ceil(hold - now) end
local longest = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - longest)
local wait = 0
for i = 4, #ARGV, 2 do
  local max = tonumber(ARGV[i])
  local windowMs = tonumber(ARGV[i + 1])
  local from = '(' .. string.format('%d', now - windowMs)
  local count = redis.call('ZCOUNT', KEYS[1], from, '+inf')
  if count >= max then
    local edge = redis.call('ZRANGEBYSCORE', KEYS[1], from, '+inf', 'WITHSCORES', 'LIMIT', count - max, 1)
    local w = tonumber(edge[2]) + windowMs - now
    if w > wait then wait = w end
  end
end
if wait > 0 then return math.ceil(wait) end
redis.call('ZADD', KEYS[1], now, ARGV[2])
redis.call('PEXPIRE', KEYS[1], longest)
return 0
`;

/** KEYS: slots. ARGV: now or '', slot id, longest window ms. Moves the slot to now, never back. */
const SETTLE_SCRIPT = `${LUA_NOW}
local at = redis.call('ZSCORE', KEYS[1], ARGV[2])
if at and tonumber(at) < now then
  redis.call('ZADD', KEYS[1], 'XX', now, ARGV[2])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]))
end
return 1
`;

/** KEYS: hold. ARGV: now or '', ms. Extends the hold, never shortens it; the key outlives it a minute. */
const HOLD_SCRIPT = `${LUA_NOW}
local ms = tonumber(ARGV[2])
local hold = tonumber(redis.call('GET', KEYS[1]) or '0')
if now + ms > hold then redis.call('SET', KEYS[1], string.format('%d', now + ms), 'PX', ms + 60000) end
return 1
`;

type RateClient = (Redis | Cluster) & {
  sbRateAcquire(slotsKey: string, holdKey: string, now: string, slot: string, longest: number, ...limits: number[]): Promise<number>;
  sbRateSettle(slotsKey: string, now: string, slot: string, longest: number): Promise<number>;
  sbRateHold(holdKey: string, now: string, ms: number): Promise<number>;
};

/**
 * The send window in Redis, so that every bot process sending to one conversation shares it. Its
 * two keys carry the lane token as their hash tag (Redis Cluster) and expire after the longest
 * window. A conversation's lane is its table's token: `<prefix>:{<table token>}:sends` lives beside
 * the table's own keys and is erased with them (RedisTableStore.delete sweeps the tag).
 */
export class RedisRateWindow implements RateWindow {
  private readonly redis: RateClient;
  private readonly limits: readonly RateLimit[];
  private readonly longest: number;

  constructor(
    redis: Redis | Cluster,
    private readonly options: RateWindowOptions & { prefix?: string } = {},
  ) {
    redis.defineCommand('sbRateAcquire', { numberOfKeys: 2, lua: ACQUIRE_SCRIPT });
    redis.defineCommand('sbRateSettle', { numberOfKeys: 1, lua: SETTLE_SCRIPT });
    redis.defineCommand('sbRateHold', { numberOfKeys: 1, lua: HOLD_SCRIPT });
    this.redis = redis as RateClient;
    this.limits = options.limits ?? TEAMS_CONVERSATION_LIMITS;
    this.longest = longestWindow(this.limits);
  }

  private keys(lane: string) {
    // A raw conversation id here would make a window outside the table's tag, which an erase misses.
    if (!LANE_TOKEN.test(lane)) throw new TypeError('A send window lane must be a token (conversationLane, tenantLane), not a raw id');
    const base = `${this.options.prefix ?? 'sb'}:{${lane}}`;
    return { slots: `${base}:sends`, hold: `${base}:sends-hold` };
  }

  private now(): string {
    return nowArg(this.options.now);
  }

  async acquire(lane: string): Promise<SlotDecision> {
    const k = this.keys(lane);
    const slot = randomBytes(9).toString('base64url');
    const limits = this.limits.flatMap((l) => [l.max, l.windowMs]);
    const wait = await redisCall(() => this.redis.sbRateAcquire(k.slots, k.hold, this.now(), slot, this.longest, ...limits));
    return wait === 0 ? { type: 'granted', slot } : { type: 'wait', ms: wait };
  }

  async settle(lane: string, slot: string): Promise<void> {
    await redisCall(() => this.redis.sbRateSettle(this.keys(lane).slots, this.now(), slot, this.longest));
  }

  async holdOff(lane: string, ms: number): Promise<void> {
    await redisCall(() => this.redis.sbRateHold(this.keys(lane).hold, this.now(), Math.ceil(ms)));
  }
}
