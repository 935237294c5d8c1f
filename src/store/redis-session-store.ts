import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import type { Cluster } from 'ioredis';
import { isCanonicalCode, type SessionState } from '../domain';
import { SessionGoneError, type SessionMutation, type SessionStore } from './session-store';
import { tableToken, type TableKey } from './table-key';
import { ConflictError, type StoreOptions } from './table-store';
import { redisCall, redisAnswers } from './redis-call';
import { sessionShape } from './schema/session-state';
import { orAbsent, readStoredJson } from './schema/versioned';
import { SET_REF_SCRIPT } from './redis-ref-script';

/**
 * Creates the session only if its code is free: HSETNX on the revision is SET NX for a hash, so two
 * organisers who draw the same code at the same moment cannot both get it.
 * KEYS: session hash. ARGV: rev, state JSON, retention ms.
 */
const CREATE_SCRIPT = `
if redis.call('HSETNX', KEYS[1], 'rev', ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'state', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`;

/**
 * As the table store's CAS (random revisions, a re-sent script finds its own revision), except that
 * a missing session is not created: -1 tells the caller it is gone.
 * KEYS: session hash, refs hash. ARGV: expected rev, new rev, state JSON, retention ms.
 */
const CAS_SCRIPT = `
local rev = redis.call('HGET', KEYS[1], 'rev')
if rev == ARGV[2] then return 1 end
if not rev then return -1 end
if rev ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'rev', ARGV[2], 'state', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('PEXPIRE', KEYS[2], ARGV[4]) end
return 1
`;

/**
 * Compare and set of one ref of a live session. KEYS: refs, state. ARGV: name, ttl, whether one is
 * expected ('1') and which, whether one is written ('1') and which. 1 when written.
 */
const REPLACE_REF_SCRIPT = `
if redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
local current = redis.call('HGET', KEYS[1], ARGV[1])
if ARGV[3] == '1' then
  if current ~= ARGV[4] then return 0 end
elseif current then
  return 0
end
if ARGV[5] == '1' then redis.call('HSET', KEYS[1], ARGV[1], ARGV[6]) else redis.call('HDEL', KEYS[1], ARGV[1]) end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return 1
`;

/** Removes a thread binding only if it still points to this session. KEYS: thread. ARGV: code. */
const UNBIND_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** Renews a thread binding only if it points to this session. KEYS: thread. ARGV: code, ttl. */
const RENEW_THREAD_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;

type RedisClient = (Redis | Cluster) & {
  sbSessionCreate(key: string, rev: string, json: string, ttl: number): Promise<number>;
  sbSessionCas(key: string, refs: string, rev: string, nextRev: string, json: string, ttl: number): Promise<number>;
  sbSessionSetRef(refs: string, key: string, name: string, value: string, ttl: number): Promise<number>;
  sbSessionReplaceRef(
    refs: string,
    key: string,
    name: string,
    ttl: number,
    hasExpected: string,
    expected: string,
    hasValue: string,
    value: string,
  ): Promise<number>;
  sbThreadUnbind(thread: string, code: string): Promise<number>;
  sbThreadRenew(thread: string, code: string, ttl: number): Promise<number>;
};

const MAX_ATTEMPTS = 50;

/**
 * Keys: `<prefix>:{session:<CODE>}:state` and `:refs` share a hash tag, so the scripts over both work
 * on Redis Cluster; the thread binding `<prefix>:thread:{<token>}` lives in its own slot and is
 * renewed beside each write.
 */
export class RedisSessionStore implements SessionStore {
  private readonly redis: RedisClient;

  constructor(
    redis: Redis | Cluster,
    private readonly options: StoreOptions & { prefix?: string },
  ) {
    redis.defineCommand('sbSessionCreate', { numberOfKeys: 1, lua: CREATE_SCRIPT });
    redis.defineCommand('sbSessionCas', { numberOfKeys: 2, lua: CAS_SCRIPT });
    redis.defineCommand('sbSessionSetRef', { numberOfKeys: 2, lua: SET_REF_SCRIPT });
    redis.defineCommand('sbSessionReplaceRef', { numberOfKeys: 2, lua: REPLACE_REF_SCRIPT });
    redis.defineCommand('sbThreadUnbind', { numberOfKeys: 1, lua: UNBIND_SCRIPT });
    redis.defineCommand('sbThreadRenew', { numberOfKeys: 1, lua: RENEW_THREAD_SCRIPT });
    this.redis = redis as RedisClient;
  }

  private get prefix(): string {
    return this.options.prefix ?? 'sb';
  }

  private keys(code: string) {
    const base = `${this.prefix}:{session:${code}}`;
    return { state: `${base}:state`, refs: `${base}:refs` };
  }

  private threadKey(thread: TableKey): string {
    return `${this.prefix}:thread:{${tableToken(thread)}}`;
  }

  private threadOf(session: SessionState): string {
    return this.threadKey({ tenantId: session.tenantId, conversationId: session.thread });
  }

  /** A session that does not parse is logged and read as absent: it can no longer be changed, and expires. */
  private parse(code: string, json: string | null | undefined): SessionState | undefined {
    return json ? orAbsent(readStoredJson(sessionShape, json), this.options.log, 'session', code) : undefined;
  }

  private async renewThread(session: SessionState): Promise<void> {
    await redisCall(() => this.redis.sbThreadRenew(this.threadOf(session), session.code, this.options.retentionMs));
  }

  async create(session: SessionState): Promise<boolean> {
    if (!isCanonicalCode(session.code)) return false;
    const rev = randomBytes(12).toString('base64url');
    const created = await redisCall(() =>
      this.redis.sbSessionCreate(this.keys(session.code).state, rev, JSON.stringify(session), this.options.retentionMs),
    );
    return created === 1;
  }

  async get(code: string): Promise<SessionState | undefined> {
    // Only a canonical code becomes part of a key: what a user typed never becomes a key pattern.
    if (!isCanonicalCode(code)) return undefined;
    const json = await redisCall(() => this.redis.hget(this.keys(code).state, 'state'));
    return this.parse(code, json);
  }

  async update<R>(code: string, fn: (current: SessionState | undefined) => SessionMutation<R>): Promise<R> {
    if (!isCanonicalCode(code)) {
      const { state, result } = fn(undefined);
      if (state !== undefined) throw new SessionGoneError(code);
      return result;
    }
    const k = this.keys(code);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const [rev, json] = await redisCall(() => this.redis.hmget(k.state, 'rev', 'state'));
      const current = this.parse(code, json);
      const { state, result } = fn(current);
      if (state === undefined || state === current) return result;
      if (!current || !rev) throw new SessionGoneError(code);
      const nextRev = randomBytes(12).toString('base64url');
      const written = await redisCall(() =>
        this.redis.sbSessionCas(k.state, k.refs, rev, nextRev, JSON.stringify(state), this.options.retentionMs),
      );
      if (written === 1) {
        await this.renewThread(state);
        return result;
      }
      // 0: someone wrote first; -1: the session is gone. Either way read again and let fn decide.
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, attempt * 5)));
    }
    throw new ConflictError(MAX_ATTEMPTS);
  }

  async delete(code: string): Promise<void> {
    const session = await this.get(code);
    if (!isCanonicalCode(code)) return;
    const k = this.keys(code);
    await redisCall(() => this.redis.del(k.state, k.refs));
    if (session) await redisCall(() => this.redis.sbThreadUnbind(this.threadOf(session), code));
  }

  async getRef(code: string, name: string): Promise<string | undefined> {
    if (!isCanonicalCode(code)) return undefined;
    const value = await redisCall(() => this.redis.hget(this.keys(code).refs, name));
    return value ?? undefined;
  }

  async setRef(code: string, name: string, value: string): Promise<void> {
    if (!isCanonicalCode(code)) return;
    const k = this.keys(code);
    const written = await redisCall(() => this.redis.sbSessionSetRef(k.refs, k.state, name, value, this.options.retentionMs));
    if (written === 1) {
      const session = await this.get(code);
      if (session) await this.renewThread(session);
    }
  }

  async deleteRef(code: string, name: string): Promise<void> {
    if (!isCanonicalCode(code)) return;
    await redisCall(() => this.redis.hdel(this.keys(code).refs, name));
  }

  async replaceRef(code: string, name: string, expected: string | undefined, value: string | undefined): Promise<boolean> {
    if (!isCanonicalCode(code)) return false;
    const k = this.keys(code);
    const flag = (v: string | undefined) => (v === undefined ? '0' : '1');
    const written = await redisCall(() =>
      this.redis.sbSessionReplaceRef(
        k.refs,
        k.state,
        name,
        this.options.retentionMs,
        flag(expected),
        expected ?? '',
        flag(value),
        value ?? '',
      ),
    );
    if (written !== 1) return false;
    const session = await this.get(code);
    if (session) await this.renewThread(session);
    return true;
  }

  async claimThread(thread: TableKey, code: string): Promise<string> {
    const key = this.threadKey(thread);
    const set = await redisCall(() => this.redis.set(key, code, 'PX', this.options.retentionMs, 'NX'));
    if (set === 'OK') return code;
    const holder = await redisCall(() => this.redis.get(key));
    // Expired in between: try once more; whoever wins now holds the thread.
    if (holder === null) return this.claimThread(thread, code);
    return holder;
  }

  async findByThread(thread: TableKey): Promise<string | undefined> {
    const code = await redisCall(() => this.redis.get(this.threadKey(thread)));
    return code ?? undefined;
  }

  ping(): Promise<boolean> {
    return redisAnswers(this.redis);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}
