/**
 * A request body is bounded before any work is done for it: at most 256 KB, counted as sent and as
 * it inflates. A real gzip bomb (about 250 KB that inflates to 250 MB of JSON) is posted over HTTP to
 * the running bot: it is refused with 413 without being inflated (the process's memory barely moves),
 * also when an app id is configured, where the refusal comes before the token is looked at (no key
 * document is fetched). The bot answers a normal activity afterwards, and a gzip body within the
 * limit is still read. Other encodings get 415, a corrupt gzip body 400.
 */
import { createSign, generateKeyPairSync, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGzip, gzipSync } from 'node:zlib';
import { startApp } from '../support/app-harness';
import { startHarness, type Harness } from '../support/bot-under-test';
import { groupChat, message, user } from '../support/teams-activity';

const LIMIT = 256 * 1024;
const INFLATED_MB = 250;
const ANNA = user(1, 'Anna Achterberg');

/**
 * A valid activity whose JSON carries `megabytes` MB of whitespace between two of its fields, gzipped
 * at level 9 while it is generated (the whitespace is never held in memory as a whole).
 */
async function gzipBomb(activity: object, megabytes: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const out: Buffer[] = [];
  gzip.on('data', (c: Buffer) => out.push(c));
  const ended = new Promise<void>((resolve) => gzip.once('end', resolve));
  const json = JSON.stringify(activity);
  gzip.write(json.slice(0, -1));
  const spaces = Buffer.alloc(1024 * 1024, ' ');
  for (let i = 0; i < megabytes; i++) {
    if (!gzip.write(spaces)) await new Promise((resolve) => gzip.once('drain', resolve));
  }
  gzip.end(', "padding": true}');
  await ended;
  return Buffer.concat(out);
}

/** A POST with exactly these bytes and headers, on a connection of its own. */
function post(
  url: string,
  body: Buffer,
  headers: Record<string, string>,
  opts: { chunked?: boolean } = {},
): Promise<{ status: number; text: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          ...(opts.chunked ? {} : { 'content-length': String(body.length) }),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (opts.chunked) {
      // In pieces, without Content-Length: the size is only known by counting.
      for (let at = 0; at < body.length; at += 16 * 1024) req.write(body.subarray(at, at + 16 * 1024));
      req.end();
    } else {
      req.end(body);
    }
  });
}

const mb = (bytes: number) => Math.round(bytes / (1024 * 1024));

describe('a request body is bounded before any work (no app id)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Posts `help` in a new chat and answers whether the bot answered there. */
  async function botAnswers(): Promise<boolean> {
    const chat = groupChat();
    const res = await h.send(message(h.connector.url, chat, ANNA, 'help', { mentionBot: true }));
    await h.app.outbound.idle();
    return res.status === 200 && h.connector.calls.some((c) => c.conversationId === chat.id && c.method === 'POST');
  }

  it(`a gzip bomb (under 256 KB, inflating to ${INFLATED_MB} MB) gets 413 without being inflated, and the bot answers afterwards`, async () => {
    const chat = groupChat();
    const bomb = await gzipBomb(message(h.connector.url, chat, ANNA, 'help', { mentionBot: true }), INFLATED_MB);
    // Under the old limit, which counted the compressed bytes.
    expect(bomb.length).toBeLessThan(LIMIT);

    global.gc?.();
    const before = process.memoryUsage();
    const res = await post(h.botUrl, bomb, { 'content-encoding': 'gzip' });
    const after = process.memoryUsage();
    console.log(
      `gzip bomb: ${Math.round(bomb.length / 1024)} KB sent, ${INFLATED_MB} MB when inflated; answered ${res.status}; ` +
        `rss ${mb(before.rss)} -> ${mb(after.rss)} MB, heap ${mb(before.heapUsed)} -> ${mb(after.heapUsed)} MB, buffers ${mb(before.arrayBuffers)} -> ${mb(after.arrayBuffers)} MB`,
    );

    expect(res.status).toBe(413);
    expect(res.text).toBe('Request body too large.');
    // Inflating it would take at least its 250 MB (restify took about 1 GB); bounded, it takes at most
    // the 256 KB limit and zlib's window. A generous margin for everything else in this process.
    expect(after.rss - before.rss).toBeLessThan(100 * 1024 * 1024);
    // Nothing of it reached the bot.
    expect(h.connector.calls.filter((c) => c.conversationId === chat.id)).toEqual([]);
    expect(await botAnswers()).toBe(true);
  }, 60_000);

  it('a gzip-compressed activity within the limit is inflated and answered', async () => {
    const chat = groupChat();
    const res = await post(h.botUrl, gzipSync(JSON.stringify(message(h.connector.url, chat, ANNA, 'help', { mentionBot: true }))), {
      'content-encoding': 'gzip',
    });
    await h.app.outbound.idle();
    expect(res.status).toBe(200);
    expect(h.connector.calls.some((c) => c.conversationId === chat.id && c.method === 'POST')).toBe(true);
  });

  it('an uncompressed body sent in pieces without Content-Length is counted: 413 past 256 KB', async () => {
    const activity = { ...message(h.connector.url, groupChat(), ANNA, 'help'), padding: 'x'.repeat(LIMIT) };
    const res = await post(h.botUrl, Buffer.from(JSON.stringify(activity)), {}, { chunked: true });
    expect(res.status).toBe(413);
    expect(res.text).toBe('Request body too large.');
  });

  it('a body declared larger than the limit gets 413, and the bot answers on', async () => {
    const res = await post(h.botUrl, Buffer.alloc(2 * LIMIT, ' '), {});
    expect(res.status).toBe(413);
    expect(await botAnswers()).toBe(true);
  });

  it('another Content-Encoding gets 415, naming gzip as the one accepted', async () => {
    const res = await post(h.botUrl, Buffer.from(JSON.stringify(message(h.connector.url, groupChat(), ANNA, 'help'))), {
      'content-encoding': 'br',
    });
    expect(res.status).toBe(415);
    expect(res.text).toBe('Unsupported Content-Encoding.');
    expect(res.headers['accept-encoding']).toBe('gzip');
  });

  it('a body that says gzip but is not gets 400 with a neutral text', async () => {
    const res = await post(h.botUrl, Buffer.from(JSON.stringify(message(h.connector.url, groupChat(), ANNA, 'help'))), {
      'content-encoding': 'gzip',
    });
    expect(res.status).toBe(400);
    expect(res.text).toBe('Request body could not be read.');
  });
});

describe('with an app id, the limit comes before the token check', () => {
  const APP_ID = '3f1b6c0e-5a8d-4c7e-9b21-7d4e2a9c1f00';
  const TENANT_ID = 'c1a2b3c4-0000-4000-8000-000000000001';
  const KID = 'body-limits-key';
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  /** Every request for the OpenID document or its keys: botbuilder fetches them to check a token. */
  const fetches: string[] = [];
  let openId: http.Server;
  let h: Awaited<ReturnType<typeof startApp>>;

  beforeAll(async () => {
    openId = http.createServer((req, res) => {
      fetches.push(req.url ?? '');
      const base = `http://127.0.0.1:${(openId.address() as AddressInfo).port}`;
      const jwk = { ...keys.publicKey.export({ format: 'jwk' }), kid: KID, use: 'sig', endorsements: ['msteams'] };
      const body =
        req.url === '/openid'
          ? { issuer: 'https://api.botframework.com', jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }
          : { keys: [jwk] };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => openId.listen(0, '127.0.0.1', resolve));
    h = await startApp({
      MICROSOFT_APP_ID: APP_ID,
      MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
      MICROSOFT_APP_TENANT_ID: TENANT_ID,
      BOT_OPENID_METADATA_URL: `http://127.0.0.1:${(openId.address() as AddressInfo).port}/openid`,
    });
  });
  afterAll(async () => {
    await h?.close();
    await new Promise<void>((resolve) => (openId ? openId.close(() => resolve()) : resolve()));
  });

  /** A token as the Bot Connector service signs it (with a key the stand-in publishes). */
  function token(serviceUrl: string): string {
    const now = Math.floor(Date.now() / 1000);
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const data = `${b64({ alg: 'RS256', typ: 'JWT', kid: KID })}.${b64({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: serviceUrl, nbf: now - 60, exp: now + 3600 })}`;
    return `${data}.${createSign('RSA-SHA256').update(data).sign(keys.privateKey).toString('base64url')}`;
  }

  it('a gzip bomb with a token gets 413, and no key is fetched to check that token', async () => {
    const bomb = await gzipBomb(message(h.connector.url, groupChat(), ANNA, 'help'), INFLATED_MB);
    const res = await post(h.botUrl, bomb, { 'content-encoding': 'gzip', authorization: `Bearer ${token(h.connector.url)}` });
    expect(res.status).toBe(413);
    expect(fetches).toEqual([]);
  }, 60_000);

  it('a malformed activity with a token gets 400, and no key is fetched', async () => {
    const res = await post(h.botUrl, Buffer.from(JSON.stringify({ type: 'message', id: randomUUID() })), {
      authorization: `Bearer ${token(h.connector.url)}`,
    });
    expect(res.status).toBe(400);
    expect(fetches).toEqual([]);
  });

  it('positive control: the same token on a well-formed activity is checked against the fetched keys, and accepted', async () => {
    const chat = groupChat();
    const res = await post(h.botUrl, Buffer.from(JSON.stringify(message(h.connector.url, chat, ANNA, 'help'))), {
      authorization: `Bearer ${token(h.connector.url)}`,
    });
    expect(res.status).toBe(200);
    expect(fetches.length).toBeGreaterThan(0);
  });
});
