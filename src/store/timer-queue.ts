import type Redis from 'ioredis';
import type { Cluster } from 'ioredis';
import { redisCall } from './redis-call';
import { tableToken, type TableKey } from './table-key';

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

export interface RedisTimerQueueOptions {
  /**
   * How many sorted sets the reminders are spread over (default 1: one key, `<prefix>:timers`). On a
   * Redis Cluster, `<prefix>:timers:{s<i>}` each hash to a slot of their own, so they spread over the
   * masters; a reminder goes to the shard of its table, so one table's reminders stay in order.
   */
  shards?: number;
  /** Shards one `takeDue` polls, the next ones in turn from a random start. Default: a quarter of them, at least one. */
  shardsPerTake?: number;
}

/**
 * The reminders in Redis sorted sets (due time as score). With several shards each bot process polls
 * a few per tick, in turn from a place of its own: each key is polled by about `shardsPerTake / shards`
 * of the processes per tick instead of by all of them, and a due reminder waits at most
 * `shards / shardsPerTake` ticks of one process, less with more processes. Whoever takes a reminder removes it in the same script: it fires once.
 */
export class RedisTimerQueue implements TimerQueue {
  private readonly redis: TimerClient;
  private readonly keys: string[];
  private readonly perTake: number;
  private next: number;

  constructor(redis: Redis | Cluster, prefix = 'sb', options: RedisTimerQueueOptions = {}) {
    redis.defineCommand('sbTakeDue', { numberOfKeys: 1, lua: TAKE_SCRIPT });
    this.redis = redis as TimerClient;
    const shards = Math.max(1, Math.floor(options.shards ?? 1));
    // One shard keeps the key every version before sharding used, so its reminders are still found.
    this.keys = shards === 1 ? [`${prefix}:timers`] : Array.from({ length: shards }, (_, i) => `${prefix}:timers:{s${i}}`);
    this.perTake = Math.min(shards, Math.max(1, Math.floor(options.shardsPerTake ?? Math.ceil(shards / 4))));
    this.next = Math.floor(Math.random() * shards);
  }

  /** The shard of a reminder: its table's, from the `key` every payload carries; the first one for anything else. */
  shardOf(payload: string): string {
    if (this.keys.length === 1) return this.keys[0]!;
    let key: Partial<TableKey> | undefined;
    try {
      key = (JSON.parse(payload) as { key?: Partial<TableKey> }).key;
    } catch {
      key = undefined;
    }
    if (typeof key?.tenantId !== 'string' || typeof key.conversationId !== 'string') return this.keys[0]!;
    const token = tableToken({ tenantId: key.tenantId, conversationId: key.conversationId });
    return this.keys[Buffer.from(token, 'base64url').readUInt32BE(0) % this.keys.length]!;
  }

  async add(dueAt: number, payload: string): Promise<void> {
    await redisCall(() => this.redis.zadd(this.shardOf(payload), dueAt, payload));
  }

  async takeDue(now: number, limit = 50): Promise<string[]> {
    const taken: string[] = [];
    for (let i = 0; i < this.perTake && taken.length < limit; i++) {
      const key = this.keys[this.next]!;
      this.next = (this.next + 1) % this.keys.length;
      taken.push(...(await redisCall(() => this.redis.sbTakeDue(key, now, limit - taken.length))));
    }
    return taken;
  }

  /** Reminders are few (one per table at most, for at most two hours): reading them all is cheap. */
  async remove(match: (payload: string) => boolean): Promise<number> {
    let removed = 0;
    for (const key of this.keys) {
      removed += await redisCall(async () => {
        const gone = (await this.redis.zrange(key, 0, -1)).filter(match);
        return gone.length > 0 ? this.redis.zrem(key, ...gone) : 0;
      });
    }
    return removed;
  }
}
