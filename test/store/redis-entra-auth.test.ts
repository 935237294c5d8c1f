/**
 * Azure Cache for Redis with Entra ID: the token is the password, and it expires. The renewal
 * timing is checked with a fake credential and jest's fake clock (no network); then the whole
 * thing once against a real redis-server whose ACL user takes the current token as password.
 */
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import type Redis from 'ioredis';
import { connectRedis, whenReady } from '../../src/store';
import { connectRedisWithEntraId, REDIS_TOKEN_SCOPE, RedisEntraAuth, type ReauthTarget } from '../../src/store/redis-entra-auth';
import { killAllRedisServers, startRedisServer } from '../support/redis-server';

const MINUTE = 60_000;
const T0 = Date.UTC(2025, 10, 25, 9, 0, 0);
const USER = '6f1c2a9e-0000-4b1e-9d51-00000000c0de';

type Step = { lifetimeMs: number; refreshAfterMs?: number } | { error: string };

/** Hands out `token-1`, `token-2`, ... with the lifetimes given, or fails, in the order of `steps`. */
class FakeCredential implements TokenCredential {
  readonly calls: Array<{ at: number; scopes: string | string[] }> = [];
  issued = 0;
  constructor(private readonly steps: Step[]) {}
  async getToken(scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken | null> {
    this.calls.push({ at: Date.now() - T0, scopes });
    const step = this.steps.shift() ?? this.steps[this.steps.length - 1] ?? { lifetimeMs: 60 * MINUTE };
    if (this.steps.length === 0) this.steps.push(step);
    if ('error' in step) throw new Error(step.error);
    this.issued++;
    return {
      token: `token-${this.issued}`,
      expiresOnTimestamp: Date.now() + step.lifetimeMs,
      ...(step.refreshAfterMs !== undefined ? { refreshAfterTimestamp: Date.now() + step.refreshAfterMs } : {}),
    };
  }
}

function fakeConnection(status = 'ready') {
  const auths: Array<{ at: number; user: string; token: string }> = [];
  const target: ReauthTarget & { failAuth: number } = {
    options: { username: USER, password: 'token-1' },
    status,
    failAuth: 0,
    async auth(user: string, token: string) {
      auths.push({ at: Date.now() - T0, user, token });
      if (target.failAuth > 0) {
        target.failAuth--;
        throw new Error('WRONGPASS invalid username-password pair or user is disabled.');
      }
      return 'OK';
    },
  };
  return { target, auths };
}

function fakeLog() {
  const lines: Array<{ level: string; obj: unknown; msg: string }> = [];
  return {
    lines,
    log: {
      info: (obj: unknown, msg: string) => void lines.push({ level: 'info', obj, msg }),
      warn: (obj: unknown, msg: string) => void lines.push({ level: 'warn', obj, msg }),
    } as never,
  };
}

describe('RedisEntraAuth renewal timing (fake clock)', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: T0 });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  /** Starts keeping `target` signed in, as connectRedisWithEntraId does after connecting. */
  async function started(steps: Step[], target: ReauthTarget, opts: { retryMs?: number; maxRetryMs?: number } = {}) {
    const credential = new FakeCredential(steps);
    const { log, lines } = fakeLog();
    const auth = new RedisEntraAuth({ credential, username: USER, log, ...opts });
    const first = await auth.token();
    auth.keep(target, first);
    return { auth, credential, lines, first };
  }

  it('asks for the Azure Cache for Redis scope', async () => {
    const { target } = fakeConnection();
    const { credential, auth } = await started([{ lifetimeMs: 60 * MINUTE }], target);
    expect(credential.calls[0]?.scopes).toBe('https://redis.azure.com/.default');
    expect(REDIS_TOKEN_SCOPE).toBe('https://redis.azure.com/.default');
    auth.stop();
  });

  it('renews an hour-long token 5 minutes before it expires: AUTH on the live connection, and the options for reconnects', async () => {
    const { target, auths } = fakeConnection();
    const { credential, auth } = await started([{ lifetimeMs: 60 * MINUTE }], target);
    await jest.advanceTimersByTimeAsync(55 * MINUTE - 1);
    expect(credential.calls).toHaveLength(1);
    expect(auths).toEqual([]);

    await jest.advanceTimersByTimeAsync(1);
    expect(credential.calls.map((c) => c.at)).toEqual([0, 55 * MINUTE]);
    expect(auths).toEqual([{ at: 55 * MINUTE, user: USER, token: 'token-2' }]);
    expect(target.options).toEqual({ username: USER, password: 'token-2' });

    // The next one follows the new token: 55 minutes after it was issued.
    await jest.advanceTimersByTimeAsync(55 * MINUTE);
    expect(auths.map((a) => [a.at, a.token])).toEqual([
      [55 * MINUTE, 'token-2'],
      [110 * MINUTE, 'token-3'],
    ]);
    auth.stop();
  });

  it('renews a short-lived token at 80 % of its lifetime', async () => {
    const { target, auths } = fakeConnection();
    const { auth } = await started([{ lifetimeMs: 10 * MINUTE }], target);
    await jest.advanceTimersByTimeAsync(8 * MINUTE - 1);
    expect(auths).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(auths.map((a) => a.at)).toEqual([8 * MINUTE]);
    auth.stop();
  });

  it('renews earlier when the token says to refresh earlier', async () => {
    const { target, auths } = fakeConnection();
    const { auth } = await started([{ lifetimeMs: 24 * 60 * MINUTE, refreshAfterMs: 12 * 60 * MINUTE }], target);
    await jest.advanceTimersByTimeAsync(12 * 60 * MINUTE);
    expect(auths.map((a) => a.at)).toEqual([12 * 60 * MINUTE]);
    auth.stop();
  });

  it('retries a failed token request with backoff (1 s, 2 s, 4 s), then signs in; the token is never logged', async () => {
    const { target, auths } = fakeConnection();
    const steps: Step[] = [
      { lifetimeMs: 60 * MINUTE },
      { error: 'ManagedIdentityCredential: IMDS unreachable' },
      { error: 'timeout' },
      { error: 'timeout' },
      { lifetimeMs: 60 * MINUTE },
    ];
    const { credential, lines, auth } = await started(steps, target);
    await jest.advanceTimersByTimeAsync(55 * MINUTE + 7000);
    expect(credential.calls.map((c) => c.at - 55 * MINUTE)).toEqual([-55 * MINUTE, 0, 1000, 3000, 7000]);
    expect(auths).toEqual([{ at: 55 * MINUTE + 7000, user: USER, token: 'token-2' }]);
    const warnings = lines.filter((l) => l.level === 'warn');
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatchObject({
      obj: { attempt: 1, retryInMs: 1000, err: { message: 'ManagedIdentityCredential: IMDS unreachable' } },
    });
    expect(JSON.stringify(lines)).not.toMatch(/token-\d/);
    auth.stop();
  });

  it('caps the backoff, and keeps trying', async () => {
    const { target } = fakeConnection();
    const { credential, auth } = await started([{ lifetimeMs: 60 * MINUTE }, { error: 'down' }], target, {
      retryMs: 1000,
      maxRetryMs: 5000,
    });
    await jest.advanceTimersByTimeAsync(55 * MINUTE + 1000 + 2000 + 4000 + 5000 + 5000);
    expect(credential.calls.map((c) => c.at - 55 * MINUTE).slice(1)).toEqual([0, 1000, 3000, 7000, 12000, 17000]);
    auth.stop();
  });

  it('when Redis refuses AUTH with the new token, gets another token and tries again', async () => {
    const { target, auths } = fakeConnection();
    target.failAuth = 1;
    const { lines, auth } = await started([{ lifetimeMs: 60 * MINUTE }], target);
    await jest.advanceTimersByTimeAsync(55 * MINUTE + 1000);
    expect(auths.map((a) => [a.at - 55 * MINUTE, a.token])).toEqual([
      [0, 'token-2'],
      [1000, 'token-3'],
    ]);
    expect(lines.filter((l) => l.level === 'warn').map((l) => l.msg)).toEqual([
      'Redis refused AUTH with the new Entra ID token; trying again',
    ]);
    expect(target.options.password).toBe('token-3');
    auth.stop();
  });

  it('a connection that is not ready gets no AUTH, but reconnects with the new token', async () => {
    const { target, auths } = fakeConnection('reconnecting');
    const { auth } = await started([{ lifetimeMs: 60 * MINUTE }], target);
    await jest.advanceTimersByTimeAsync(55 * MINUTE);
    expect(auths).toEqual([]);
    expect(target.options.password).toBe('token-2');
    auth.stop();
  });

  it('stop ends the renewals', async () => {
    const { target } = fakeConnection();
    const { credential, auth } = await started([{ lifetimeMs: 60 * MINUTE }], target);
    auth.stop();
    await jest.advanceTimersByTimeAsync(24 * 60 * MINUTE);
    expect(credential.calls).toHaveLength(1);
  });

  it('an already expired or very short token is renewed after a second, not in a tight loop', async () => {
    const { target, auths } = fakeConnection();
    const { auth } = await started([{ lifetimeMs: 0 }, { lifetimeMs: 60 * MINUTE }], target);
    await jest.advanceTimersByTimeAsync(999);
    expect(auths).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(auths.map((a) => a.at)).toEqual([1000]);
    auth.stop();
  });

  it("connecting fails with the credential's own error when there is no first token", async () => {
    const credential = new FakeCredential([{ error: 'CredentialUnavailableError: no managed identity endpoint' }]);
    await expect(connectRedisWithEntraId('rediss://127.0.0.1:1', { credential, username: USER, log: fakeLog().log })).rejects.toThrow(
      /no managed identity endpoint/,
    );
  });
});

describe('RedisEntraAuth against a real redis-server (ACL user, tokens of 2 s)', () => {
  afterAll(() => killAllRedisServers());

  it('signs in with the token, renews before expiry, and a reconnect uses the new token', async () => {
    const server = await startRedisServer();
    const admin: Redis = connectRedis(server.url);
    await whenReady(admin);
    const tokens: string[] = [];
    // Each token Azure would issue becomes a password of the user; the previous one stops working.
    const credential: TokenCredential = {
      async getToken() {
        const token = `tok-${tokens.length + 1}-${Math.random().toString(36).slice(2)}`;
        const previous = tokens[tokens.length - 1];
        await admin.call('ACL', 'SETUSER', USER, 'on', `>${token}`, '~*', '&*', '+@all', ...(previous ? [`<${previous}`] : []));
        tokens.push(token);
        return { token, expiresOnTimestamp: Date.now() + 2000 };
      },
    };
    const { log, lines } = fakeLog();
    const redis = await connectRedisWithEntraId(server.url, { credential, username: USER, log, extra: { disconnectTimeout: 100 } });
    const authSpy = jest.spyOn(redis, 'auth');
    let reconnects = 0;
    redis.on('reconnecting', () => reconnects++);
    redis.on('error', () => undefined);
    try {
      await whenReady(redis);
      expect(await redis.call('ACL', 'WHOAMI')).toBe(USER);
      await redis.set('entra:k', 'v1');

      // 80 % of 2 s: renewed after 1.6 s, on the live connection.
      await new Promise((r) => setTimeout(r, 1900));
      expect(tokens).toHaveLength(2);
      expect(authSpy).toHaveBeenCalledWith(USER, tokens[1]);
      expect(await redis.get('entra:k')).toBe('v1');

      // Drop the connection: ioredis reconnects with the token from its options (the first no longer works).
      await admin.call('CLIENT', 'KILL', 'USER', USER);
      await new Promise((r) => setTimeout(r, 300));
      await whenReady(redis, 5000);
      expect(await redis.call('ACL', 'WHOAMI')).toBe(USER);
      expect(await redis.get('entra:k')).toBe('v1');
      expect(reconnects).toBeGreaterThanOrEqual(1);
      expect(lines.filter((l) => l.level === 'warn')).toEqual([]);
      expect(JSON.stringify(lines)).not.toContain('tok-');
    } finally {
      await redis.quit().catch(() => undefined);
      await admin.quit().catch(() => undefined);
      await server.kill();
    }
  }, 20_000);
});
