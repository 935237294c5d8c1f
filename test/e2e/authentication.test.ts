/**
 * With an app id configured, only requests that carry a valid Bot Framework token reach the bot.
 * botbuilder checks the token against the keys in an OpenID document (login.botframework.com in
 * production); here BOT_OPENID_METADATA_URL points it at a local one whose key the test holds, so
 * the test can sign tokens itself: a correctly signed one is the positive control for the refusals.
 * A refused request gets 401, and nothing is stored: no table, no join, no activity record, no
 * turn at all.
 */
import { createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConnectorFactoryImpl } from 'botframework-connector/lib/auth/connectorFactoryImpl';
import { aTable } from '../store/table-store.contract';
import { startApp } from '../support/app-harness';
import { cardText } from '../support/cards';
import { ConnectorStandIn } from '../support/connector-stand-in';
import { REDIS_URL, redisKeysUnder, removeRedisKeys, uniqueRedisPrefix } from '../support/e2e-table';
import { captureLog } from '../support/log-capture';
import { cardAction, groupChat, message, user, type TeamsChat } from '../support/teams-activity';

const APP_ID = '3f1b6c0e-5a8d-4c7e-9b21-7d4e2a9c1f00';
const OTHER_APP_ID = '9a8b7c6d-0000-4000-8000-000000000abc';
const TENANT_ID = 'c1a2b3c4-0000-4000-8000-000000000001';
const ISSUER = 'https://api.botframework.com';
const KID = 'local-test-key';
const ANNA = user(1, 'Anna Achterberg');

const b64url = (value: object | Buffer) => (Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))).toString('base64url');

/** A JWT as the Bot Connector service issues it, signed with `key` (RS256 unless `alg` says otherwise). */
function jwt(key: KeyObject, claims: Record<string, unknown>, header: Record<string, unknown> = {}): string {
  const head = { alg: 'RS256', typ: 'JWT', kid: KID, ...header };
  const data = `${b64url(head)}.${b64url(claims)}`;
  if (head.alg === 'none') return `${data}.`;
  const signature = createSign('RSA-SHA256').update(data).sign(key);
  return `${data}.${b64url(signature)}`;
}

function channelClaims(serviceUrl: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { iss: ISSUER, aud: APP_ID, serviceurl: serviceUrl, nbf: now - 60, iat: now - 60, exp: now + 3600, ...overrides };
}

/** The OpenID configuration and key set botbuilder fetches, served locally. */
async function startOpenIdServer(publicKey: KeyObject): Promise<{ url: string; fetches: string[]; close(): Promise<void> }> {
  const fetches: string[] = [];
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: KID, use: 'sig', endorsements: ['msteams'] };
  const server = http.createServer((req, res) => {
    fetches.push(req.url ?? '');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const body =
      req.url === '/.well-known/openidconfiguration'
        ? {
            issuer: ISSUER,
            jwks_uri: `${base}/keys`,
            id_token_signing_alg_values_supported: ['RS256'],
            token_endpoint_auth_methods_supported: ['private_key_jwt'],
          }
        : req.url === '/keys'
          ? { keys: [jwk] }
          : undefined;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/openidconfiguration`;
  return { url, fetches, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const signing = generateKeyPairSync('rsa', { modulusLength: 2048 });
const impostor = generateKeyPairSync('rsa', { modulusLength: 2048 });

describe.each([
  ['memory', {}],
  ['redis', { REDIS_URL, REDIS_KEY_PREFIX: uniqueRedisPrefix() }],
] as Array<[string, Record<string, string>]>)('authentication with an app id (%s store)', (storeName, storeEnv) => {
  const captured = captureLog('info');
  let openId: Awaited<ReturnType<typeof startOpenIdServer>>;
  let h: Awaited<ReturnType<typeof startApp>>;
  let consoleError: jest.SpyInstance;

  beforeAll(async () => {
    // botbuilder's token check prints some refused tokens with console.error; the assertions are on the answers.
    consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    openId = await startOpenIdServer(signing.publicKey);
    h = await startApp(
      {
        MICROSOFT_APP_ID: APP_ID,
        MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
        MICROSOFT_APP_TYPE: 'SingleTenant',
        MICROSOFT_APP_TENANT_ID: TENANT_ID,
        BOT_OPENID_METADATA_URL: openId.url,
        ...storeEnv,
      },
      { log: captured.log },
    );
  });

  afterAll(async () => {
    await h?.close();
    await openId?.close();
    if (storeEnv.REDIS_URL && storeEnv.REDIS_KEY_PREFIX) await removeRedisKeys(storeEnv.REDIS_URL, storeEnv.REDIS_KEY_PREFIX);
    consoleError.mockRestore();
  });

  const keyOf = (chat: TeamsChat) => ({ tenantId: chat.tenantId, conversationId: chat.id });
  const redisKeys = async () => (storeEnv.REDIS_URL ? (await redisKeysUnder(storeEnv.REDIS_URL, storeEnv.REDIS_KEY_PREFIX!)).sort() : []);

  /** A table that exists, so that a join would change it. */
  async function seededTable(): Promise<TeamsChat> {
    const chat = groupChat();
    await h.app.store.update(keyOf(chat), () => ({ state: aTable({ title: 'Tafel West' }), result: undefined }));
    return chat;
  }

  type Case = [what: string, header: (serviceUrl: string) => string | undefined];
  const refused: Case[] = [
    ['no Authorization header', () => undefined],
    ['an empty bearer token', () => 'Bearer '],
    ['a malformed token', () => 'Bearer not.a-jwt.at-all'],
    ['another scheme', (s) => `Basic ${Buffer.from(`x:${jwt(signing.privateKey, channelClaims(s))}`).toString('base64')}`],
    ['a token signed with the wrong key (same key id)', (s) => `Bearer ${jwt(impostor.privateKey, channelClaims(s))}`],
    ['a token signed with an unknown key id', (s) => `Bearer ${jwt(impostor.privateKey, channelClaims(s), { kid: 'someone-elses-key' })}`],
    ['an unsigned token (alg none)', (s) => `Bearer ${jwt(signing.privateKey, channelClaims(s), { alg: 'none' })}`],
    ['a correctly signed token for another bot', (s) => `Bearer ${jwt(signing.privateKey, channelClaims(s, { aud: OTHER_APP_ID }))}`],
    [
      'a correctly signed token from another issuer',
      (s) => `Bearer ${jwt(signing.privateKey, channelClaims(s, { iss: 'https://evil.example' }))}`,
    ],
    [
      'a correctly signed token for another service url',
      (_s) => `Bearer ${jwt(signing.privateKey, channelClaims('https://smba.evil.example/'))}`,
    ],
    [
      'an expired token',
      (s) =>
        `Bearer ${jwt(signing.privateKey, channelClaims(s, { exp: Math.floor(Date.now() / 1000) - 600, nbf: Math.floor(Date.now() / 1000) - 4000 }))}`,
    ],
  ];

  it.each(refused)('%s: 401, and nothing is stored', async (_what, header) => {
    const chat = await seededTable();
    const fresh = groupChat();
    const keysBefore = await redisKeys();
    const turnsBefore = captured.turns().length;
    const auth = header(h.connector.url);
    const headers: Record<string, string> = auth === undefined ? {} : { authorization: auth };

    const start = await h.post(message(h.connector.url, fresh, ANNA, 'start Tafel Noord'), headers);
    const join = await h.post(cardAction(h.connector.url, chat, ANNA, 'join'), headers);

    expect([start.status, join.status]).toEqual([401, 401]);
    expect(await h.app.store.get(keyOf(fresh))).toBeUndefined();
    expect((await h.app.store.get(keyOf(chat)))?.participants).toEqual([]);
    expect(await redisKeys()).toEqual(keysBefore);
    // The bot never ran: no turn was logged and nothing was sent.
    expect(captured.turns().length).toBe(turnsBefore);
    expect(h.connector.calls.filter((c) => c.conversationId === chat.id || c.conversationId === fresh.id)).toEqual([]);
  });

  it('positive control: a correctly signed token is accepted, and the join is stored', async () => {
    const chat = await seededTable();
    const token = jwt(signing.privateKey, channelClaims(h.connector.url));
    const join = await h.post(cardAction(h.connector.url, chat, ANNA, 'join'), { authorization: `Bearer ${token}` });
    expect(join.status).toBe(200);
    expect(cardText(join.body.value)).toContain('Je doet mee als deelnemer 1');
    expect((await h.app.store.get(keyOf(chat)))?.participants.map((p) => p.name)).toEqual([ANNA.name]);
    expect(captured.turns().at(-1)).toMatchObject({ outcome: 'ok', verb: 'join' });
    // The keys came from the local OpenID document, not from login.botframework.com.
    expect(openId.fetches).toEqual(expect.arrayContaining(['/.well-known/openidconfiguration', '/keys']));
    if (storeName === 'redis') expect((await redisKeys()).some((k) => k.includes(':activity:'))).toBe(true);
  });

  it('signed turns to the same service URL share one connector client (issue 14), built for this app id', async () => {
    // A service URL no earlier test used, so that its client is built here.
    const connector = await new ConnectorStandIn().start();
    const created = jest.spyOn(ConnectorFactoryImpl.prototype, 'create');
    try {
      for (const chat of [await seededTable(), await seededTable()]) {
        const token = jwt(signing.privateKey, channelClaims(connector.url));
        const join = await h.post(cardAction(connector.url, chat, ANNA, 'join'), { authorization: `Bearer ${token}` });
        expect(join.status).toBe(200);
      }
      expect(created.mock.calls.map(([serviceUrl]) => serviceUrl)).toEqual([connector.url]);
      const client = (await created.mock.results[0]?.value) as { credentials: { appId?: string } };
      expect(client.credentials.appId).toBe(APP_ID);
    } finally {
      created.mockRestore();
      await connector.stop();
    }
  });

  it('without a token the same request is refused even for a conversation id that exists', async () => {
    // The activity claims to come from Teams; only the token can prove it.
    const chat = await seededTable();
    const res = await h.post({ ...cardAction(h.connector.url, chat, ANNA, 'join'), id: randomUUID() });
    expect(res.status).toBe(401);
    // Not botbuilder's message for it: nothing of the check is echoed.
    expect(res.body).toBe('Unauthorized.');
  });
});
