/**
 * The clock of the Redis scripts that count in windows (send slots, attempts, allowances): Redis'
 * own, so that bot processes whose clocks differ a little still share one window; tests pass theirs.
 */

/** Lua: `now` in ms from ARGV[1], or from Redis' TIME when ARGV[1] is empty. */
export const LUA_NOW = `
local now = tonumber(ARGV[1])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
`;

/**
 * Lua after LUA_NOW, for one sliding window kept in the sorted set KEYS[1] (member → ms): `max` and
 * `windowMs` from ARGV[3] and ARGV[4], and what has left the window removed.
 */
export const LUA_SLIDING_WINDOW = `${LUA_NOW}
local max = tonumber(ARGV[3])
local windowMs = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - windowMs)
`;

/** ARGV[1] for LUA_NOW: the injected clock in whole ms, or '' for Redis' own. */
export function nowArg(now: (() => number) | undefined): string {
  return now ? String(Math.floor(now())) : '';
}
