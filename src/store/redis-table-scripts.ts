import type Redis from 'ioredis';
import type { Cluster } from 'ioredis';
import { sharedOmittedLua } from './known-shared-parts';
import { SET_REF_SCRIPT } from './redis-ref-script';

// The Lua scripts of RedisTableStore: each touches the keys of one table (one hash tag, one cluster slot).

/**
 * The one write of a table, in one of two modes (ARGV[1]).
 *
 * `s`, the shared part changed: writes it only if its revision is still the one that was read and no
 * participant wrote their own input since (`pw`, counted by every participant write), so the
 * decision saw the whole table as it is (optimistic concurrency). Revisions are unique tokens
 * (unique-id.ts), not counters of the table: a table deleted and made again never reuses one, so an
 * update prepared before a delete cannot bring the deleted table back. And when ioredis re-sends this
 * script after a lost reply, finding its own new token means "already written", not "conflict". The
 * deck is a field of its own, written only when it changed (ARGV[7] empty: unchanged).
 *
 * `p`, only participants' own input changed: writes their fields if the shared revision is still the
 * one read and each field still holds the revision read (its own prefix), whatever others wrote in
 * their fields meanwhile: the eight people of a table never conflict. Counts the write in `pw`.
 *
 * Either renews the expiry of every key of the table in the same step, and, when a third key is
 * given, records the turn's answer for Teams' re-sends under it (the activity's key, same hash tag),
 * so a card action's write and its record are one round trip.
 * KEYS: table hash, refs hash, [activity]. ARGV: mode, expected rev, new rev (the fields' revision
 * too), expected pw (mode s), retention ms, shared state JSON (mode s), deck JSON, the answer's
 * value and how long it is kept (both '' without an activity key), then per participant field:
 * name, expected revision ('' when absent; mode p), value ('' deletes it).
 */
const WRITE_SCRIPT = `
local rev = redis.call('HGET', KEYS[1], 'rev')
if ARGV[1] == 's' then
  if rev == ARGV[3] then return 1 end
  if (rev or '0') ~= ARGV[2] then return 0 end
  if (redis.call('HGET', KEYS[1], 'pw') or '') ~= ARGV[4] then return 0 end
  redis.call('HSET', KEYS[1], 'rev', ARGV[3], 'state', ARGV[6])
  if ARGV[4] == '' then redis.call('HSET', KEYS[1], 'pw', '0') end
else
  local first = redis.call('HGET', KEYS[1], ARGV[10])
  if first and string.sub(first, 1, 16) == ARGV[3] then return 1 end
  if (rev or '0') ~= ARGV[2] then return 0 end
  for i = 10, #ARGV, 3 do
    local cur = redis.call('HGET', KEYS[1], ARGV[i])
    if (cur and string.sub(cur, 1, 16) or '') ~= ARGV[i + 1] then return 0 end
  end
  redis.call('HINCRBY', KEYS[1], 'pw', 1)
end
for i = 10, #ARGV, 3 do
  if ARGV[i + 2] == '' then redis.call('HDEL', KEYS[1], ARGV[i]) else redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 2]) end
end
if ARGV[7] ~= '' then redis.call('HSET', KEYS[1], 'deck', ARGV[7]) end
redis.call('PEXPIRE', KEYS[1], ARGV[5])
if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('PEXPIRE', KEYS[2], ARGV[5]) end
if #KEYS > 2 then redis.call('SET', KEYS[3], ARGV[8], 'PX', ARGV[9]) end
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

/**
 * A table's hash, without `state` and `deck` when its revision is the one the process knows.
 * KEYS: table hash. ARGV: the known revision ('' when none). Returns {HGETALL's reply, 1 when left out}.
 */
const READ_SCRIPT = `${sharedOmittedLua('KEYS[1]', 'ARGV[1]')}
return {reply, omitted}
`;

/** A client with the table's scripts defined (withTableScripts). */
export type RedisClient = (Redis | Cluster) & {
  sbReadTable(tableKey: string, knownRev: string): Promise<[string[], number]>;
  sbWrite(numberOfKeys: number, ...keysAndArgs: Array<string | number>): Promise<number>;
  sbSetRef(refsKey: string, tableKey: string, name: string, value: string, ttl: number): Promise<number>;
  sbDeleteLeftovers(numberOfKeys: number, tableKey: string, ...keys: string[]): Promise<number>;
};

/** Defines the table's scripts on the client (ioredis sends them by their SHA, loading them once). */
export function withTableScripts(redis: Redis | Cluster): RedisClient {
  // The number of keys varies per call (sbWrite: with or without the activity's), so it is the first argument.
  redis.defineCommand('sbWrite', { lua: WRITE_SCRIPT });
  redis.defineCommand('sbSetRef', { numberOfKeys: 2, lua: SET_REF_SCRIPT });
  redis.defineCommand('sbDeleteLeftovers', { lua: DELETE_LEFTOVERS_SCRIPT });
  redis.defineCommand('sbReadTable', { numberOfKeys: 1, lua: READ_SCRIPT });
  return redis as RedisClient;
}
