/**
 * A ref (the id of a message the bot posted) is activity at what it belongs to, a table or a
 * session: the two expire together. Only beside one that exists: a card update that finishes after
 * an erase must not make its keys again. KEYS: refs, the owner's key. ARGV: name, value, ttl.
 */
export const SET_REF_SCRIPT = `
if redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return 1
`;
