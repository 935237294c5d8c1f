import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import type { Cluster } from 'ioredis';
import { tableToken, type TableKey } from './table-key';
import {
  INFO_ANSWER_LIMIT,
  userToken,
  type AllowanceDecision,
  type AllowanceLimit,
  type UserAllowance,
  type UserAllowanceOptions,
} from './user-allowance';
import { redisCall } from './redis-call';
import { LUA_SLIDING_WINDOW, nowArg } from './redis-clock';

/**
 * Prune, count, and grant or refuse in one step, so two processes can never both grant the last
 * answer or both say "even geduld". On Redis' clock (see redis-clock.ts).
 * KEYS: grants (sorted set: grant id → ms), notified (ms of the last "even geduld").
 * ARGV: now or '', grant id, max, window ms.
 * Returns 0 granted, 1 spent (notify), 2 spent (silent).
 */
const TAKE_SCRIPT = `${LUA_SLIDING_WINDOW}
if redis.call('ZCARD', KEYS[1]) < max then
  redis.call('ZADD', KEYS[1], now, ARGV[2])
  redis.call('PEXPIRE', KEYS[1], windowMs)
  return 0
end
local notified = tonumber(redis.call('GET', KEYS[2]) or '')
if notified and notified > now - windowMs then return 2 end
redis.call('SET', KEYS[2], string.format('%d', now), 'PX', windowMs)
return 1
`;

type AllowanceClient = (Redis | Cluster) & {
  sbAllowanceTake(grantsKey: string, notifiedKey: string, now: string, grant: string, max: number, windowMs: number): Promise<number>;
};

/**
 * The allowance in Redis, so that a user's requests count the same on every bot process. Both keys
 * carry the table's hash tag (erasing the table removes them) and a hash of the user id, and expire
 * a window after they were last written.
 */
export class RedisUserAllowance implements UserAllowance {
  private readonly redis: AllowanceClient;
  private readonly limit: AllowanceLimit;
  private readonly purpose: string;

  constructor(
    redis: Redis | Cluster,
    private readonly options: UserAllowanceOptions & { prefix?: string } = {},
  ) {
    redis.defineCommand('sbAllowanceTake', { numberOfKeys: 2, lua: TAKE_SCRIPT });
    this.redis = redis as AllowanceClient;
    this.limit = options.limit ?? INFO_ANSWER_LIMIT;
    this.purpose = options.purpose ?? 'info';
  }

  private keys(key: TableKey, userId: string) {
    const base = `${this.options.prefix ?? 'sb'}:{${tableToken(key)}}:allowance:${this.purpose}:${userToken(userId)}`;
    return { grants: base, notified: `${base}:notified` };
  }

  async take(key: TableKey, userId: string): Promise<AllowanceDecision> {
    const k = this.keys(key, userId);
    const grant = randomBytes(9).toString('base64url');
    const result = await redisCall(() =>
      this.redis.sbAllowanceTake(k.grants, k.notified, nowArg(this.options.now), grant, this.limit.max, this.limit.windowMs),
    );
    return result === 0 ? { type: 'granted' } : { type: 'spent', notify: result === 1 };
  }
}
