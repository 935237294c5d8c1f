import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import type { Cluster } from 'ioredis';
import { IDEMPOTENCY_DEFAULTS, newClaim, type ActivityClaim, type IdempotencyOptions, type IdempotencyStore } from './idempotency-store';
import { tableToken, type TableKey } from './table-key';
import { redisCall } from './redis-call';
import { pairs, sharedOmittedLua, type SharedTexts } from './known-shared-parts';

/** Deletes the key only while it still holds this claim. KEYS: the key. ARGV: the pending value. */
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/**
 * Claims the activity and, when this delivery is the first, reads the table's hash in the same step,
 * so a turn's first round trip also brings the table it will decide on (see TableReadAlong), without
 * the shared part when the process knows it already (see sharedOmittedLua).
 * KEYS: the activity's key, the table hash (same hash tag: one slot). ARGV: the pending value, lease
 * ms, the table's revision the process knows ('' when none).
 * Returns {1, HGETALL of the table, 1 when `state` and `deck` were left out} or {0, the activity's
 * value (absent when it went meanwhile)}.
 */
const CLAIM_AND_READ_SCRIPT = `
if redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then
${sharedOmittedLua('KEYS[2]', 'ARGV[3]')}
  return {1, reply, omitted}
end
local value = redis.call('GET', KEYS[1])
if value then return {0, value} end
return {0}
`;

/** The table store's side of reading the table along with the claim. */
export interface TableReadAlong {
  /** The Redis key of the table's hash. */
  tableHashKey(token: string): string;
  /** The table's shared part as the process knows it, if it does: the claim then reads the rest. */
  known(token: string): SharedTexts | undefined;
  /**
   * The hash as read with the claim, for the turn's first read of that table. `omitted`: the claim
   * left out `state` and `deck` because the revision was this one's, captured when the claim was sent.
   */
  prime(token: string, hash: Record<string, string>, omitted?: SharedTexts): void;
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
  sbClaimAndRead(
    key: string,
    tableKey: string,
    pending: string,
    leaseMs: number,
    knownRev: string,
  ): Promise<[number, string[] | string | undefined, number?]>;
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
      // Captured now: the entry may be replaced (or let go) before the reply arrives.
      const known = along.known(token);
      const [first, found, omitted] = await redisCall(() =>
        this.redis.sbClaimAndRead(k, along.tableHashKey(token), PENDING + claim, this.pendingMs, known?.rev ?? ''),
      );
      if (first === 1) {
        along.prime(token, pairs(Array.isArray(found) ? found : []), omitted === 1 ? known : undefined);
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
