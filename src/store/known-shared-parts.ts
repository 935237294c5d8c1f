import { LruMap } from './lru-map';

/**
 * A table's shared part as this process last read or wrote it: its revision and the texts of its
 * `state` and `deck` fields. Only a write that sets a new revision writes those two fields (mode `s`
 * of RedisTableStore's WRITE_SCRIPT; revisions are never reused, also not after a delete), so while
 * the table's revision is this one, Redis holds these very texts and need not send them again.
 */
export interface SharedTexts {
  readonly rev: string;
  readonly state: string;
  /** Absent for a table stored before the deck had a field of its own. */
  readonly deck: string | undefined;
}

/**
 * The last SharedTexts per table token, at most `capacity` tables, the least recently used let go.
 * Memory: an entry holds two texts, at most 56 KiB for the largest table of the report tests (a 22 KB
 * state and a 6 KB deck, at two bytes a character when not Latin-1), so 256 entries 14 MiB at worst;
 * 2 to 4 MiB when every table is in Round 1. Most of it is not extra: the texts are the very strings
 * the parsed caches key their values by (the deck's as the deck cache keeps it, see RedisTableStore).
 */
export class KnownSharedParts extends LruMap<string, SharedTexts> {}

/**
 * A hash read without `state` and `deck` because its revision was `known`'s (see sharedOmittedLua),
 * made whole with the texts kept, the very string objects: a string caches its hash, so the parsed
 * caches find them at once. False, and the hash left alone, when the revision read is another.
 */
export function restoreShared(hash: Record<string, string>, known: SharedTexts): boolean {
  if (hash.rev !== known.rev) return false;
  hash.state = known.state;
  if (known.deck !== undefined) hash.deck = known.deck;
  return true;
}

/**
 * Lua: the table hash KEYS[n] as HGETALL's flat reply into `reply`, without `state` and `deck` when
 * its revision is `known` (a non-empty ARGV); `omitted` tells which. Shared by the scripts that read
 * a table (RedisTableStore's read, the idempotency store's claim).
 */
export function sharedOmittedLua(key: string, known: string): string {
  return `
local flat = redis.call('HGETALL', ${key})
local omitted = 0
local reply = flat
if ${known} ~= '' and redis.call('HGET', ${key}, 'rev') == ${known} then
  omitted = 1
  reply = {}
  for i = 1, #flat, 2 do
    if flat[i] ~= 'state' and flat[i] ~= 'deck' then
      reply[#reply + 1] = flat[i]
      reply[#reply + 1] = flat[i + 1]
    end
  end
end`;
}

/** HGETALL's flat reply as a record. */
export function pairs(flat: string[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) record[flat[i]!] = flat[i + 1]!;
  return record;
}
