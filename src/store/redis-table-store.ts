import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import type { Cluster } from 'ioredis';
import type { TableState } from '../domain';
import { tableToken, type TableKey } from './table-key';
import { ConflictError, type Mutation, type StoreOptions, type TableStore } from './table-store';
import { redisCall, redisAnswers } from './redis-call';
import { DeckCache } from './deck-cache';
import { readTableHash, tableHashFields } from './redis-table-hash';
import { orAbsent } from './schema/versioned';

/**
 * Writes the new state only if the revision is still the one that was read (optimistic
 * concurrency), and renews the expiry of every key of the table in the same step.
 * Revisions are random tokens, not counters: a table deleted and made again never reuses one, so an
 * update prepared before a delete cannot bring the deleted table back. And when ioredis re-sends
 * this script after a lost reply, finding its own new token means "already written", not "conflict".
 * The deck is a field of its own, written only when it changed (ARGV[5] empty: unchanged).
 * KEYS: table hash, refs hash. ARGV: expected rev, new rev, state JSON without the deck, retention ms, deck JSON.
 */
const CAS_SCRIPT = `
local rev = redis.call('HGET', KEYS[1], 'rev')
if rev == ARGV[2] then return 1 end
if (rev or '0') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'rev', ARGV[2], 'state', ARGV[3])
if ARGV[5] ~= '' then redis.call('HSET', KEYS[1], 'deck', ARGV[5]) end
redis.call('PEXPIRE', KEYS[1], ARGV[4])
if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('PEXPIRE', KEYS[2], ARGV[4]) end
return 1
`;

/**
 * A ref is activity at the table: the table and its refs expire together. Only beside a table that
 * exists: a card update that finishes after an erase must not make the table's keys again.
 * KEYS: refs, table. ARGV: name, value, ttl.
 */
const SET_REF_SCRIPT = `
if redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return 1
`;

/**
 * Unlinks keys under a table's hash tag, unless the table exists (a new one, started since): then
 * nothing. KEYS: table hash, then the keys to remove (all under the same tag: one slot).
 */
const DELETE_LEFTOVERS_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
if #KEYS > 1 then redis.call('UNLINK', unpack(KEYS, 2)) end
return #KEYS - 1
`;

type RedisClient = (Redis | Cluster) & {
  sbCas(tableKey: string, refsKey: string, rev: string, nextRev: string, json: string, ttl: number, deckJson: string): Promise<number>;
  sbSetRef(refsKey: string, tableKey: string, name: string, value: string, ttl: number): Promise<number>;
  sbDeleteLeftovers(numberOfKeys: number, tableKey: string, ...keys: string[]): Promise<number>;
};

/** Keys per UNLINK: a bounded command, however much is under one tag. */
const BATCH = 500;

const MAX_ATTEMPTS = 50;

/** Keys matching a pattern, with SCAN (never KEYS); on a Redis Cluster on every master. */
export async function scanKeys(redis: Redis | Cluster, pattern: string): Promise<string[]> {
  const nodes = 'nodes' in redis && typeof redis.nodes === 'function' ? (redis as Cluster).nodes('master') : [redis as Redis];
  const found: string[] = [];
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      found.push(...keys);
    } while (cursor !== '0');
  }
  return found;
}

/** What the next write compares against: the revision read, and the deck's JSON as read. */
interface Read {
  rev: string;
  deckJson: string | undefined;
}

export class RedisTableStore implements TableStore {
  private readonly redis: RedisClient;
  private readonly decks = new DeckCache();
  /** How each state this store handed out was read, so that `update` can start from it (see there). */
  private readonly reads = new WeakMap<TableState, Read>();

  constructor(
    redis: Redis | Cluster,
    private readonly options: StoreOptions & { prefix?: string },
  ) {
    redis.defineCommand('sbCas', { numberOfKeys: 2, lua: CAS_SCRIPT });
    redis.defineCommand('sbSetRef', { numberOfKeys: 2, lua: SET_REF_SCRIPT });
    // The number of keys varies per call, so it is the first argument.
    redis.defineCommand('sbDeleteLeftovers', { lua: DELETE_LEFTOVERS_SCRIPT });
    this.redis = redis as RedisClient;
  }

  /** All keys of a table share the `{token}` hash tag, so scripts over them work on Redis Cluster. */
  private keys(key: TableKey) {
    return this.keysOf(tableToken(key));
  }

  private keysOf(token: string) {
    const base = `${this.options.prefix ?? 'sb'}:{${token}}`;
    return { table: `${base}:table`, refs: `${base}:refs`, all: `${base}:*` };
  }

  async get(key: TableKey): Promise<TableState | undefined> {
    return this.getByToken(tableToken(key));
  }

  async getByToken(token: string): Promise<TableState | undefined> {
    // A token is 27 base64url characters; anything else (a forged link) must not become a key pattern.
    if (!/^[A-Za-z0-9_-]{27}$/.test(token)) return undefined;
    return (await this.read(token)).state;
  }

  /**
   * A table that does not parse is logged and read as absent, with its revision: a write (a new
   * `start`) may replace it, where a turn would otherwise fail on it every time until it expires.
   */
  private async read(token: string): Promise<Read & { state: TableState | undefined }> {
    const [rev, json, deckJson] = await redisCall(() => this.redis.hmget(this.keysOf(token).table, 'rev', 'state', 'deck'));
    const read = { rev: rev ?? '0', deckJson: deckJson ?? undefined };
    if (!json) return { ...read, state: undefined };
    const state = orAbsent(readTableHash(json, deckJson ?? null, this.decks), this.options.log, 'table', token);
    if (state) this.reads.set(state, read);
    return { ...read, state };
  }

  /**
   * `startFrom`: a state this store returned from `get` moments ago (the turn read it to render its
   * answer). The first attempt decides on it without reading again; if another write came in between,
   * the revision check refuses the write and the next attempt reads the latest. A refusal decided on
   * it stands: the table was read after the request arrived, as if the request had come a moment sooner.
   */
  async update<R>(key: TableKey, fn: (current: TableState | undefined) => Mutation<R>, startFrom?: TableState): Promise<R> {
    const token = tableToken(key);
    const k = this.keysOf(token);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const known = attempt === 1 && startFrom ? this.reads.get(startFrom) : undefined;
      const read = known ? { ...known, state: startFrom } : await this.read(token);
      const current = read.state;
      const { state, result } = fn(current);
      if (state === undefined || state === current) return result;
      const fields = tableHashFields(state, this.decks);
      const written = await redisCall(() =>
        this.redis.sbCas(
          k.table,
          k.refs,
          read.rev,
          randomBytes(12).toString('base64url'),
          fields.state,
          this.options.retentionMs,
          fields.deck === read.deckJson ? '' : fields.deck,
        ),
      );
      if (written === 1) return result;
      // Someone else wrote first: back off a little, with jitter, so eight clicks settle quickly.
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, attempt * 5)));
    }
    throw new ConflictError(MAX_ATTEMPTS);
  }

  /**
   * The table, its refs, and every other key under the table's hash tag: what other stores keep per
   * table beside it (answers remembered for Teams' re-sends, send counters) goes with it, so that an
   * erased table leaves nothing of a participant behind, also not for the minutes those keys live.
   */
  async delete(key: TableKey): Promise<void> {
    const k = this.keys(key);
    await redisCall(() => this.redis.del(k.table, k.refs));
    const beside = await redisCall(() => scanKeys(this.redis, k.all));
    for (let i = 0; i < beside.length; i += BATCH) {
      const batch = beside.slice(i, i + BATCH);
      await redisCall(() => this.redis.unlink(...batch));
    }
  }

  async deleteLeftovers(key: TableKey): Promise<void> {
    const k = this.keys(key);
    const left = (await redisCall(() => scanKeys(this.redis, k.all))).filter((name) => name !== k.table);
    for (let i = 0; i < left.length; i += BATCH) {
      const batch = left.slice(i, i + BATCH);
      // Checked per batch in the script: a table started in between keeps its keys.
      await redisCall(() => this.redis.sbDeleteLeftovers(batch.length + 1, k.table, ...batch));
    }
  }

  async getRef(key: TableKey, name: string): Promise<string | undefined> {
    const value = await redisCall(() => this.redis.hget(this.keys(key).refs, name));
    return value ?? undefined;
  }

  async setRef(key: TableKey, name: string, value: string): Promise<void> {
    const k = this.keys(key);
    await redisCall(() => this.redis.sbSetRef(k.refs, k.table, name, value, this.options.retentionMs));
  }

  ping(): Promise<boolean> {
    return redisAnswers(this.redis);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}
