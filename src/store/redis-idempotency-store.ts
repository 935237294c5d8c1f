import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import type { Cluster } from 'ioredis';
import { IDEMPOTENCY_DEFAULTS, newClaim, type ActivityClaim, type IdempotencyOptions, type IdempotencyStore } from './idempotency-store';
import { tableToken, type TableKey } from './table-key';
import { redisCall } from './redis-call';

/** Deletes the key only while it still holds this claim. KEYS: the key. ARGV: the pending value. */
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

type IdemClient = (Redis | Cluster) & { sbIdemRelease(key: string, pending: string): Promise<number> };

const PENDING = 'p:';
const DONE = 'd:';

/**
 * One string key per activity: `p:<claim>` while it runs (SET NX with the short lease), then
 * `d:<response>` for the remembered period. The key carries the table's hash tag, so it lives in the
 * table's Redis Cluster slot, and a hash of the activity id (Teams ids are long and unescaped).
 */
export class RedisIdempotencyStore implements IdempotencyStore {
  private readonly redis: IdemClient;
  private readonly pendingMs: number;
  private readonly doneMs: number;

  constructor(
    redis: Redis | Cluster,
    private readonly options: Omit<IdempotencyOptions, 'now'> & { prefix?: string } = {},
  ) {
    redis.defineCommand('sbIdemRelease', { numberOfKeys: 1, lua: RELEASE_SCRIPT });
    this.redis = redis as IdemClient;
    this.pendingMs = options.pendingMs ?? IDEMPOTENCY_DEFAULTS.pendingMs;
    this.doneMs = options.doneMs ?? IDEMPOTENCY_DEFAULTS.doneMs;
  }

  private keyOf(key: TableKey, activityId: string): string {
    const activity = createHash('sha256').update(activityId).digest('base64url').slice(0, 22);
    return `${this.options.prefix ?? 'sb'}:{${tableToken(key)}}:activity:${activity}`;
  }

  async begin(key: TableKey, activityId: string): Promise<ActivityClaim> {
    const k = this.keyOf(key, activityId);
    const claim = newClaim();
    const set = await redisCall(() => this.redis.set(k, PENDING + claim, 'PX', this.pendingMs, 'NX'));
    if (set === 'OK') return { type: 'first', claim };
    const value = await redisCall(() => this.redis.get(k));
    // Gone between the two calls (released or expired): the caller asks again.
    if (value === null || value.startsWith(PENDING)) return { type: 'running' };
    const response = value.slice(DONE.length);
    return { type: 'done', response: response === '' ? undefined : response };
  }

  async finish(key: TableKey, activityId: string, _claim: string, response?: string): Promise<void> {
    await redisCall(() => this.redis.set(this.keyOf(key, activityId), DONE + (response ?? ''), 'PX', this.doneMs));
  }

  async release(key: TableKey, activityId: string, claim: string): Promise<void> {
    await redisCall(() => this.redis.sbIdemRelease(this.keyOf(key, activityId), PENDING + claim));
  }
}
