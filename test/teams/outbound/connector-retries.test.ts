/**
 * What botbuilder 4.23.3 really does when the connector answers 429, 5xx or drops the connection,
 * against a local HTTP server: the shape of the error, and the retries the SDK's own pipeline
 * makes (and that `leaveWriteRetriesToQueue` takes away for writes). If a botbuilder or
 * @azure/core-rest-pipeline update changes any of it, this file says so.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConversationReference, type TurnContext } from 'botbuilder';
import pino from 'pino';
import { MemoryRateWindow } from '../../../src/store';
import { leaveWriteRetriesToQueue } from '../../../src/teams/outbound/connector-retries';
import { post, sendMessage, updateCard, useOutboundQueue } from '../../../src/teams/outbound/outbound';
import { OutboundQueue } from '../../../src/teams/outbound/outbound-queue';
import { classifyFailure } from '../../../src/teams/outbound/send-failure';
import { freePort } from '../../support/redis-server';

type Reply = (res: http.ServerResponse, req: http.IncomingMessage) => void;

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
  (res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
const ok: Reply = (res, req) => json(200, req.method === 'GET' ? [] : { id: `msg-${Math.random().toString(36).slice(2, 8)}` })(res, req);
const tooMany = (retryAfter: string) => json(429, { error: { code: 'TooManyRequests' } }, { 'Retry-After': retryAfter });
const reset: Reply = (_res, req) => req.socket.destroy();

let server: http.Server;
let url = '';
/** What the next requests get, in turn; after that: 200. */
let replies: Reply[] = [];
let hits: Array<{ method: string; path: string }> = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      hits.push({ method: req.method ?? '', path: req.url ?? '' });
      (replies.shift() ?? ok)(res, req);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

beforeEach(() => {
  replies = [];
  hits = [];
});

const adapter = () => new CloudAdapter(new ConfigurationBotFrameworkAuthentication({ MicrosoftAppType: 'MultiTenant' }));
const reference = (serviceUrl = url): Partial<ConversationReference> => ({
  serviceUrl,
  channelId: 'msteams',
  conversation: { id: '19:table-1@thread.v2', tenantId: 'tenant-gemeente', isGroup: true, conversationType: 'groupChat', name: '' },
  bot: { id: '28:sociale-basis-bot', name: 'Sociale Basis' },
});

/** Runs `logic` in a proactive turn and returns what it threw (or undefined). */
async function inTurn(logic: (context: TurnContext) => Promise<unknown>, a = adapter(), ref = reference()): Promise<unknown> {
  try {
    await a.continueConversationAsync('', ref, async (context) => void (await logic(context)));
    return undefined;
  } catch (err) {
    return err;
  }
}

const send = (context: TurnContext) => context.sendActivity({ type: 'message', text: 'Hier ontmoeten buren elkaar' });

describe('the error botbuilder throws', () => {
  it('a 429 is a RestError with statusCode, code, and Retry-After in the non-enumerable response headers', async () => {
    replies = [tooMany('1')];
    const err = await inTurn(async (context) => {
      leaveWriteRetriesToQueue(context);
      await send(context);
    });
    expect(err).toMatchObject({ name: 'RestError', statusCode: 429, code: 'TooManyRequests' });
    const e = err as { response: { status: number; headers: { get(n: string): string | undefined } }; request: { body: string } };
    expect(e.response.status).toBe(429);
    expect(e.response.headers.get('retry-after')).toBe('1');
    expect(Object.keys(err as object)).not.toContain('response');
    // The request rides along, card and all: why the queue never logs the error itself.
    expect(e.request.body).toContain('Hier ontmoeten buren elkaar');
    expect(classifyFailure(err)).toEqual({ type: 'throttled', status: 429, retryAfterMs: 1000 });
    expect(hits).toHaveLength(1);
  });

  it('Retry-After as an HTTP date', async () => {
    replies = [tooMany(new Date(Date.now() + 2000).toUTCString())];
    const err = await inTurn(async (context) => {
      leaveWriteRetriesToQueue(context);
      await send(context);
    });
    const failure = classifyFailure(err);
    expect(failure).toMatchObject({ type: 'throttled', status: 429 });
    expect(failure.type === 'throttled' && failure.retryAfterMs).toBeLessThanOrEqual(2000);
  });

  it.each<[string, Reply, object]>([
    ['500', json(500, { error: { code: 'InternalServerError' } }), { type: 'rejected', status: 500, code: 'InternalServerError' }],
    ['a dropped connection', reset, { type: 'ambiguous', code: 'ECONNRESET' }],
  ])('%s, sent once', async (_, reply, failure) => {
    replies = [reply];
    const err = await inTurn(async (context) => {
      leaveWriteRetriesToQueue(context);
      await send(context);
    });
    expect(classifyFailure(err)).toEqual(failure);
    expect(hits).toHaveLength(1);
  });

  it('no one listening: ECONNREFUSED, nothing was sent', async () => {
    const err = await inTurn(
      async (context) => {
        leaveWriteRetriesToQueue(context);
        await send(context);
      },
      adapter(),
      reference(`http://127.0.0.1:${await freePort()}/`),
    );
    expect(classifyFailure(err)).toEqual({ type: 'notSent', code: 'ECONNREFUSED' });
  });
});

describe("botbuilder's own retries", () => {
  it('left alone, the SDK posts the same message four times after 429s (and after a reset: a second card)', async () => {
    replies = [tooMany('0'), tooMany('0'), tooMany('0'), tooMany('0')];
    const err = await inTurn(send);
    expect(err).toMatchObject({ statusCode: 429 });
    expect(hits.map((h) => h.method)).toEqual(['POST', 'POST', 'POST', 'POST']);

    hits = [];
    replies = [reset];
    expect(await inTurn(send)).toBeUndefined(); // the retry succeeded: had the first arrived, Teams shows it twice
    expect(hits).toHaveLength(2);
  });

  it('after leaveWriteRetriesToQueue, a write is one request; reads are still retried by the SDK', async () => {
    replies = [tooMany('0'), tooMany('0')];
    const err = await inTurn(async (context) => {
      expect(leaveWriteRetriesToQueue(context)).toBe(true);
      expect(leaveWriteRetriesToQueue(context)).toBe(true); // once per connector client is enough
      await send(context);
    });
    expect(err).toMatchObject({ statusCode: 429 });
    expect(hits).toHaveLength(1);

    hits = [];
    replies = [tooMany('0')];
    const read = await inTurn(async (context) => {
      leaveWriteRetriesToQueue(context);
      const connector = context.turnState.get((context.adapter as CloudAdapter).ConnectorClientKey);
      await connector.conversations.getConversationMembers('19:table-1@thread.v2');
    });
    expect(read).toBeUndefined();
    expect(hits.map((h) => h.method)).toEqual(['GET', 'GET']);
  });
});

describe('outbound.ts over a real CloudAdapter', () => {
  function queued() {
    const a = adapter();
    const queue = new OutboundQueue(new MemoryRateWindow(), pino({ level: 'silent' }), { baseDelayMs: 20 });
    useOutboundQueue(a, queue);
    return { a, queue };
  }

  it('sendMessage: a 429 is waited out and retried by the queue, one request per attempt, and the id comes back', async () => {
    const { a, queue } = queued();
    replies = [tooMany('0'), tooMany('0')];
    let id: string | undefined;
    expect(await inTurn(async (context) => (id = await sendMessage(context, { type: 'message', text: 'x' })), a)).toBeUndefined();
    expect(id).toMatch(/^msg-/);
    expect(hits.map((h) => h.method)).toEqual(['POST', 'POST', 'POST']);
    expect(queue.stats()).toMatchObject({ sent: 1, retries: 2, throttled: 2, failed: 0 });
  });

  it('a post that finally fails gives undefined instead of throwing: the turn goes on', async () => {
    const { a, queue } = queued();
    replies = [reset];
    let id: string | undefined = 'not set';
    expect(
      await inTurn(async (context) => (id = await post(context, { type: 'AdaptiveCard', version: '1.5', body: [] })), a),
    ).toBeUndefined();
    expect(id).toBeUndefined();
    expect(hits).toHaveLength(1); // ambiguous: not posted again
    expect(queue.stats()).toMatchObject({ sent: 0, failed: 1 });
  });

  it('updateCard: a reset update is retried (it is idempotent)', async () => {
    const { a, queue } = queued();
    replies = [reset];
    await updateCard(a, '', reference(), 'msg-1', { type: 'AdaptiveCard', version: '1.5', body: [] });
    expect(hits.map((h) => h.method)).toEqual(['PUT', 'PUT']);
    expect(queue.stats()).toMatchObject({ sent: 1, retries: 1 });
  });

  it('without a queue on the adapter, post says what is missing', async () => {
    const err = await inTurn((context) => post(context, { type: 'AdaptiveCard', version: '1.5', body: [] }));
    expect(String(err)).toContain('useOutboundQueue');
    expect(hits).toHaveLength(0);
  });
});
