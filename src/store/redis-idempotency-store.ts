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

/**
 * Claims the activity and, when this delivery is the first, reads the table's hash in the same step,
 * so a turn's first round trip also brings the table it will decide on (see TableReadAlong).
 * KEYS: the activity's key, the table hash (same hash tag: one slot). ARGV: the pending value, lease ms.
 * Returns {1, HGETALL of the table} or {0, the activity's value (absent when it went meanwhile)}.
 */
const CLAIM_AND_READ_SCRIPT = `
if redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return {1, redis.call('HGETALL', KEYS[2])} end
local value = redis.call('GET', KEYS[1])
if value then return {0, value} end
return {0}
`;

/** The table store's side of reading the table along with the claim. */
export interface TableReadAlong {
  /** The Redis key of the table's hash. */
  tableHashKey(token: string): string;
  /** The hash as read with the claim, for the turn's first read of that table. */
  prime(token: string, hash: Record<string, string>): void;
}

/**
 * How a remembered answer is stored, for the table store's write script to record it in the same
 * step as the write (RedisTableStore's `answers`): the activity's key, under the table's hash tag so
 * it is in the table's Redis Cluster slot, its value, and how long it is kept.
 */
export interface AnswerKeys {
  keyOf(key: TableKey, activityId: string): string;
  valueOf(response: string | undefined): string;
  doneMs: number;
}

export function answerKeys(options: { prefix?: string; doneMs?: number } = {}): AnswerKeys {
  return {
    keyOf(key, activityId) {
      const activity = createHash('sha256').update(activityId).digest('base64url').slice(0, 22);
      return `${options.prefix ?? 'sb'}:{${tableToken(key)}}:activity:${activity}`;
    },
    valueOf: (response) => DONE + (response ?? ''),
    doneMs: options.doneMs ?? IDEMPOTENCY_DEFAULTS.doneMs,
  };
}

type IdemClient = (Redis | Cluster) & {
  sbIdemRelease(key: string, pending: string): Promise<number>;
  sbClaimAndRead(key: string, tableKey: string, pending: string, leaseMs: number): Promise<[number, string[] | string | undefined]>;
};

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
  private readonly answers: AnswerKeys;

  constructor(
    redis: Redis | Cluster,
    private readonly options: Omit<IdempotencyOptions, 'now'> & {
      prefix?: string;
      /** The table store to read each claimed activity's table for, in the claim's round trip. */
      readTable?: TableReadAlong;
    } = {},
  ) {
    redis.defineCommand('sbIdemRelease', { numberOfKeys: 1, lua: RELEASE_SCRIPT });
    redis.defineCommand('sbClaimAndRead', { numberOfKeys: 2, lua: CLAIM_AND_READ_SCRIPT });
    this.redis = redis as IdemClient;
    this.pendingMs = options.pendingMs ?? IDEMPOTENCY_DEFAULTS.pendingMs;
    this.doneMs = options.doneMs ?? IDEMPOTENCY_DEFAULTS.doneMs;
    this.answers = answerKeys({ ...(options.prefix !== undefined ? { prefix: options.prefix } : {}), doneMs: this.doneMs });
  }

  private keyOf(key: TableKey, activityId: string): string {
    return this.answers.keyOf(key, activityId);
  }

  async begin(key: TableKey, activityId: string): Promise<ActivityClaim> {
    const k = this.keyOf(key, activityId);
    const claim = newClaim();
    const along = this.options.readTable;
    if (along) {
      const token = tableToken(key);
      const [first, found] = await redisCall(() =>
        this.redis.sbClaimAndRead(k, along.tableHashKey(token), PENDING + claim, this.pendingMs),
      );
      if (first === 1) {
        along.prime(token, pairs(Array.isArray(found) ? found : []));
        return { type: 'first', claim };
      }
      return seen(typeof found === 'string' ? found : null);
    }
    const set = await redisCall(() => this.redis.set(k, PENDING + claim, 'PX', this.pendingMs, 'NX'));
    if (set === 'OK') return { type: 'first', claim };
    return seen(await redisCall(() => this.redis.get(k)));
  }

  async finish(key: TableKey, activityId: string, _claim: string, response?: string): Promise<void> {
    await redisCall(() => this.redis.set(this.keyOf(key, activityId), this.answers.valueOf(response), 'PX', this.doneMs));
  }

  async release(key: TableKey, activityId: string, claim: string): Promise<void> {
    await redisCall(() => this.redis.sbIdemRelease(this.keyOf(key, activityId), PENDING + claim));
  }
}

/** What a delivery that did not get the claim found. Gone meanwhile (released or expired): the caller asks again. */
function seen(value: string | null): ActivityClaim {
  if (value === null || value.startsWith(PENDING)) return { type: 'running' };
  const response = value.slice(DONE.length);
  return { type: 'done', response: response === '' ? undefined : response };
}

/** HGETALL's flat reply as a record. */
function pairs(flat: string[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) record[flat[i]!] = flat[i + 1]!;
  return record;
}
