import type Redis from 'ioredis';
import type { Cluster } from 'ioredis';
import { redisCall } from './redis-call';

/**
 * Reminders that must survive a restart and fire once, whichever bot process sees them first.
 * `takeDue` removes what it returns, so two processes never announce the same timer twice.
 */
export interface TimerQueue {
  add(dueAt: number, payload: string): Promise<void>;
  takeDue(now: number, limit?: number): Promise<string[]>;
  /** Removes the pending reminders `match` picks (those of an erased table); returns how many. */
  remove(match: (payload: string) => boolean): Promise<number>;
}

export class MemoryTimerQueue implements TimerQueue {
  private items: Array<{ dueAt: number; payload: string }> = [];

  /** Like a sorted set: the same payload again moves its due time instead of adding a second one. */
  async add(dueAt: number, payload: string): Promise<void> {
    this.items = this.items.filter((i) => i.payload !== payload);
    this.items.push({ dueAt, payload });
  }

  async takeDue(now: number, limit = 50): Promise<string[]> {
    const due = this.items
      .filter((i) => i.dueAt <= now)
      .sort((a, b) => a.dueAt - b.dueAt)
      .slice(0, limit);
    this.items = this.items.filter((i) => !due.includes(i));
    return due.map((i) => i.payload);
  }

  async remove(match: (payload: string) => boolean): Promise<number> {
    const before = this.items.length;
    this.items = this.items.filter((i) => !match(i.payload));
    return before - this.items.length;
  }
}

/** Takes and removes the due members in one step. KEYS: the sorted set. ARGV: now, limit. */
const TAKE_SCRIPT = `
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
if #due > 0 then redis.call('ZREM', KEYS[1], unpack(due)) end
return due
`;

type TimerClient = (Redis | Cluster) & { sbTakeDue(key: string, now: number, limit: number): Promise<string[]> };

export class RedisTimerQueue implements TimerQueue {
  private readonly redis: TimerClient;
  private readonly key: string;

  constructor(redis: Redis | Cluster, prefix = 'sb') {
    redis.defineCommand('sbTakeDue', { numberOfKeys: 1, lua: TAKE_SCRIPT });
    this.redis = redis as TimerClient;
    this.key = `${prefix}:timers`;
  }

  async add(dueAt: number, payload: string): Promise<void> {
    await redisCall(() => this.redis.zadd(this.key, dueAt, payload));
  }

  async takeDue(now: number, limit = 50): Promise<string[]> {
    return redisCall(() => this.redis.sbTakeDue(this.key, now, limit));
  }

  /** Reminders are few (one per table at most, for at most two hours): reading them all is cheap. */
  async remove(match: (payload: string) => boolean): Promise<number> {
    return redisCall(async () => {
      const gone = (await this.redis.zrange(this.key, 0, -1)).filter(match);
      return gone.length > 0 ? this.redis.zrem(this.key, ...gone) : 0;
    });
  }
}
