import { Cluster, type ClusterOptions, type RedisOptions } from 'ioredis';
import { REDIS_FAIL_FAST } from './redis-connection';

/** The seed nodes of a Redis Cluster, and what every connection to any of its nodes needs. */
export interface ClusterSeeds {
  nodes: Array<{ host: string; port: number }>;
  /** TLS, user and password: the same for every node, also for nodes found later from CLUSTER SLOTS. */
  redisOptions: RedisOptions;
}

/**
 * `REDIS_URL` with one or more seed nodes separated by commas, e.g.
 * `rediss://sb.westeurope.redis.azure.net:10000` or `redis://10.0.0.4:7000,redis://10.0.0.5:7000`.
 * Every seed must use the same scheme and credentials: a cluster has one of each. Throws a message
 * that says which seed is wrong (never the password).
 */
export function parseClusterSeeds(url: string): ClusterSeeds {
  const seeds = url
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (seeds.length === 0) throw new Error('REDIS_URL holds no address');
  const parsed = seeds.map((seed, i) => {
    let u: URL;
    try {
      u = new URL(seed);
    } catch {
      throw new Error(`seed ${i + 1} of REDIS_URL is not an address (redis://host:port or rediss://host:port)`);
    }
    if (u.protocol !== 'redis:' && u.protocol !== 'rediss:')
      throw new Error(`seed ${i + 1} of REDIS_URL must start with redis:// or rediss://`);
    if (!u.hostname) throw new Error(`seed ${i + 1} of REDIS_URL has no host`);
    if (u.pathname && u.pathname !== '/' && u.pathname !== '/0')
      throw new Error(`seed ${i + 1} of REDIS_URL names a database: a Redis Cluster has only database 0`);
    return {
      tls: u.protocol === 'rediss:',
      host: u.hostname.replace(/^\[|\]$/g, ''),
      port: u.port ? Number(u.port) : 6379,
      username: decodeURIComponent(u.username),
      password: decodeURIComponent(u.password),
    };
  });
  const first = parsed[0]!;
  // The credentials may be given on one seed only; two seeds that give different ones are a mistake.
  const signed = parsed.find((p) => p.username || p.password) ?? first;
  for (const [i, p] of parsed.entries()) {
    if (p.tls !== first.tls)
      throw new Error(`seed ${i + 1} of REDIS_URL uses another scheme than seed 1: use rediss:// for all of them, or redis:// for all`);
    if ((p.username || p.password) && (p.username !== signed.username || p.password !== signed.password))
      throw new Error(
        `seed ${i + 1} of REDIS_URL has another user or password than an earlier seed: a cluster has one, give it once or the same on every seed`,
      );
  }
  const redisOptions: RedisOptions = {};
  if (signed.username) redisOptions.username = signed.username;
  if (signed.password) redisOptions.password = signed.password;
  // The nodes a cluster announces may be IP addresses while the certificate names the host: the
  // name of the first seed is what TLS checks (SNI and certificate), whatever address is dialled.
  if (first.tls) redisOptions.tls = { servername: first.host };
  return { nodes: parsed.map(({ host, port }) => ({ host, port })), redisOptions };
}

/**
 * A Redis Cluster client with the same fail-fast manners as `connectRedis`: a turn hears "probeer
 * het zo opnieuw" within seconds while a node is away, and the client finds the cluster again by
 * itself. Only masters are read (a replica may lag behind a compare-and-set). `extra.redisOptions`
 * is merged into what every node connection gets (Entra ID puts its token there).
 */
export function connectRedisCluster(url: string, extra: { redisOptions?: RedisOptions } = {}): Cluster {
  const seeds = parseClusterSeeds(url);
  // A node connection queues while it connects (ioredis sets that itself); the cluster does not.
  const { enableOfflineQueue: _queue, ...perNode } = REDIS_FAIL_FAST;
  const options: ClusterOptions = {
    // One object, kept by the cluster's connection pool: what is changed in it later (a renewed
    // token) is what a node connection made later signs in with.
    redisOptions: { ...perNode, ...seeds.redisOptions, ...extra.redisOptions },
    enableOfflineQueue: false,
    scaleReads: 'master',
    clusterRetryStrategy: (times) => Math.min(times * 200, 2000),
    slotsRefreshTimeout: 2000,
    // Keep host names as they are: resolving them here would make TLS check the certificate
    // against an IP address (ioredis' advice for managed clusters with TLS).
    dnsLookup: (address, callback) => callback(null, address),
  };
  return new Cluster(seeds.nodes, options);
}
