import type { AccessToken, TokenCredential } from '@azure/identity';
import type Redis from 'ioredis';
import type { Cluster, RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import { connectRedis } from './redis-connection';
import { connectRedisCluster } from './redis-cluster-connection';

/** The scope Azure Cache for Redis issues tokens for. */
export const REDIS_TOKEN_SCOPE = 'https://redis.azure.com/.default';

const MINUTE = 60_000;

/** The parts of an ioredis connection that re-authentication touches. */
export interface ReauthTarget {
  /** Read by ioredis on every (re)connect: the token placed here is what a reconnect signs in with. */
  options: { username?: string; password?: string };
  status: string;
  auth(username: string, password: string): Promise<unknown>;
}

export interface RedisEntraAuthOptions {
  credential: TokenCredential;
  /** The object (principal) id of the identity: Azure wants it as the Redis user name. */
  username: string;
  log: Pick<Logger, 'info' | 'warn'>;
  /** Renew this long before expiry, or at 80 % of the lifetime when that comes first. Default 5 minutes. */
  marginMs?: number;
  /** First retry after a failed renewal; doubles up to `maxRetryMs`. Defaults 1 s and 60 s. */
  retryMs?: number;
  maxRetryMs?: number;
}

/**
 * Keeps a Redis connection signed in with Entra ID tokens. A token expires (typically after an hour
 * to a day), and Azure drops a connection whose token has expired, so a safe margin before that it
 * gets a new token, sends `AUTH <user> <token>` on the live connection, and leaves the token in the
 * connection's options for the next reconnect. A failed renewal is retried with backoff. The token
 * itself is never logged.
 */
export class RedisEntraAuth {
  private timer: NodeJS.Timeout | undefined;
  private target: ReauthTarget | undefined;
  private stopped = false;
  private readonly marginMs: number;
  private readonly retryMs: number;
  private readonly maxRetryMs: number;

  constructor(private readonly opts: RedisEntraAuthOptions) {
    this.marginMs = opts.marginMs ?? 5 * MINUTE;
    this.retryMs = opts.retryMs ?? 1000;
    this.maxRetryMs = opts.maxRetryMs ?? MINUTE;
  }

  /** A token to connect with. Throws the credential's own error: at start-up that is the admin's to fix. */
  async token(): Promise<AccessToken> {
    const token = await this.opts.credential.getToken(REDIS_TOKEN_SCOPE);
    if (!token) throw new Error(`The Azure credential returned no token for ${REDIS_TOKEN_SCOPE}`);
    return token;
  }

  /** From now on, renews the sign-in of `target`, which connected with `token`. */
  keep(target: ReauthTarget, token: AccessToken): void {
    this.target = target;
    this.stopped = false;
    this.scheduleRenewal(token);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** When to renew: `marginMs` before expiry, or at 80 % of a short lifetime; at least a second from now. */
  renewalDelay(token: AccessToken, now = Date.now()): number {
    const lifetime = token.expiresOnTimestamp - now;
    let delay = lifetime - Math.min(this.marginMs, lifetime * 0.2);
    if (token.refreshAfterTimestamp !== undefined) delay = Math.min(delay, token.refreshAfterTimestamp - now);
    return Math.max(1000, delay);
  }

  private scheduleRenewal(token: AccessToken): void {
    this.schedule(this.renewalDelay(token), 0, token.expiresOnTimestamp);
  }

  private schedule(delayMs: number, failures: number, expiresAt: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.renew(failures, expiresAt), delayMs);
    // A pending renewal must not keep a finished process alive.
    this.timer.unref?.();
  }

  private async renew(failures: number, expiresAt: number): Promise<void> {
    const target = this.target;
    if (this.stopped || !target) return;
    const { username, log } = this.opts;
    let token: AccessToken;
    try {
      token = await this.token();
    } catch (err) {
      this.retry(failures, expiresAt, err, 'could not get a new Entra ID token for Redis');
      return;
    }
    if (this.stopped) return;
    target.options.username = username;
    target.options.password = token.token;
    try {
      // Only a ready connection takes commands (the offline queue is off); any other one signs in
      // with the new token from its options when it connects.
      if (target.status === 'ready') await target.auth(username, token.token);
    } catch (err) {
      this.retry(failures, token.expiresOnTimestamp, err, 'Redis refused AUTH with the new Entra ID token');
      return;
    }
    log.info(
      { tokenExpiresAt: new Date(token.expiresOnTimestamp).toISOString(), live: target.status === 'ready' },
      'Redis signed in again with a new Entra ID token',
    );
    this.scheduleRenewal(token);
  }

  private retry(failures: number, expiresAt: number, err: unknown, what: string): void {
    const wait = Math.min(this.maxRetryMs, this.retryMs * 2 ** failures);
    const name = err instanceof Error ? err.name : typeof err;
    const message = err instanceof Error ? err.message.split('\n')[0]?.slice(0, 200) : undefined;
    this.opts.log.warn(
      { err: { name, message }, attempt: failures + 1, retryInMs: wait, tokenExpiresAt: new Date(expiresAt).toISOString() },
      `${what}; trying again`,
    );
    this.schedule(wait, failures + 1, expiresAt);
  }
}

/**
 * Connects to Azure Cache for Redis as `username` with an Entra ID token as password, and keeps the
 * connection signed in. The renewal stops when the connection ends for good (`quit`).
 */
export async function connectRedisWithEntraId(url: string, opts: RedisEntraAuthOptions & { extra?: RedisOptions }): Promise<Redis> {
  const auth = new RedisEntraAuth(opts);
  const token = await auth.token();
  const redis = connectRedis(url, { ...opts.extra, username: opts.username, password: token.token });
  auth.keep(redis, token);
  redis.once('end', () => auth.stop());
  return redis;
}

/**
 * A Redis Cluster as one re-authentication target. Each node has a connection of its own: a new
 * token is sent with AUTH on every node connection that is up, and left in each one's options and in
 * the cluster's shared `redisOptions`, from which connections to nodes found later are made.
 */
export function clusterReauthTarget(cluster: Cluster): ReauthTarget {
  const shared = (cluster.options.redisOptions ??= {});
  const everywhere = (field: 'username' | 'password', value: string | undefined) => {
    shared[field] = value;
    for (const node of cluster.nodes('all')) node.options[field] = value;
  };
  return {
    options: {
      get username() {
        return shared.username;
      },
      set username(value) {
        everywhere('username', value);
      },
      get password() {
        return shared.password;
      },
      set password(value) {
        everywhere('password', value);
      },
    },
    get status() {
      return cluster.status;
    },
    async auth(username, password) {
      await Promise.all(
        cluster
          .nodes('all')
          .filter((node) => node.status === 'ready')
          .map((node) => node.auth(username, password)),
      );
    },
  };
}

/** As connectRedisWithEntraId, for a Redis Cluster (Azure Managed Redis with the OSS cluster policy). */
export async function connectRedisClusterWithEntraId(
  url: string,
  opts: RedisEntraAuthOptions & { extra?: RedisOptions },
): Promise<Cluster> {
  const auth = new RedisEntraAuth(opts);
  const token = await auth.token();
  const cluster = connectRedisCluster(url, { redisOptions: { ...opts.extra, username: opts.username, password: token.token } });
  auth.keep(clusterReauthTarget(cluster), token);
  cluster.once('end', () => auth.stop());
  return cluster;
}
