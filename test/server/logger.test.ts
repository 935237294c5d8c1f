/**
 * The log's serializers reduce errors to name, safe message, status and code, so that the request
 * an HTTP error carries (card JSON with participants' text) never reaches a log line; and the
 * turn line's labels only hold names the bot knows.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConversationReference } from 'botbuilder';
import pino from 'pino';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bufferedDestination, createLogger, flushLog, safeLogger } from '../../src/server/logger';
import { logLabel, turnLogFields } from '../../src/teams/turn-log';

const SECRET = 'Mijn-argument-over-de-buurtkroeg-4711';

function memoryDestination() {
  const lines: string[] = [];
  return { lines, stream: { write: (l: string) => void lines.push(l) }, text: () => lines.join('') };
}

/** The two ways the app gets a logger: its own, or one handed in and made safe. */
const loggers: Array<[string, () => { log: pino.Logger; text: () => string }]> = [
  [
    'createLogger',
    () => {
      const d = memoryDestination();
      return { log: createLogger('debug', d.stream), text: d.text };
    },
  ],
  [
    'safeLogger(a plain pino)',
    () => {
      const d = memoryDestination();
      return { log: safeLogger(pino({ level: 'debug' }, d.stream)), text: d.text };
    },
  ],
];

/** A real error from botbuilder's connector client: a send rejected by a server that quotes the request. */
async function realSendError(): Promise<Error> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'BadArgument', message: `Could not process ${body}` } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({ MicrosoftAppType: 'MultiTenant' }));
  let caught: Error | undefined;
  const reference: Partial<ConversationReference> = {
    serviceUrl,
    channelId: 'msteams',
    conversation: { id: '19:x@thread.v2', isGroup: true, conversationType: 'groupChat', name: '' },
  };
  await adapter.continueConversationAsync('', reference, async (context) => {
    try {
      await context.sendActivity({
        type: 'message',
        text: SECRET,
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { body: [{ text: SECRET }] } }],
      });
    } catch (err) {
      caught = err as Error;
    }
  });
  await new Promise<void>((r) => server.close(() => r()));
  if (!caught) throw new Error('the send did not fail');
  return caught;
}

describe.each(loggers)('%s', (_name, make) => {
  let sendError: Error;
  beforeAll(async () => {
    sendError = await realSendError();
  });

  it('a failed send from botbuilder really carries the text (so the test has teeth)', () => {
    expect(JSON.stringify(pino.stdSerializers.err(sendError))).toContain(SECRET);
  });

  it('reduces a failed send to type, status and code, under err and as the only argument', () => {
    const { log, text } = make();
    log.error({ err: sendError, activityId: 'a1' }, 'turn failed');
    log.error(sendError);
    log.warn({ error: sendError }, 'other key');
    log.warn({ failure: sendError }, 'any key');
    expect(text()).not.toContain(SECRET);
    const lines = text()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({
      msg: 'turn failed',
      activityId: 'a1',
      err: { type: 'RestError', statusCode: 500, code: 'BadArgument' },
    });
    expect(lines[2].error).toEqual({ type: 'RestError', statusCode: 500, code: 'BadArgument' });
    expect(lines[3].failure).toEqual({ type: 'RestError', statusCode: 500, code: 'BadArgument' });
  });

  it('reduces an axios-style error, which carries the request body and the response data', () => {
    const { log, text } = make();
    const err = Object.assign(new Error('Request failed with status code 400'), {
      name: 'AxiosError',
      code: 'ERR_BAD_REQUEST',
      config: { data: JSON.stringify({ text: SECRET }) },
      request: { body: SECRET },
      response: { status: 400, data: { message: SECRET } },
    });
    log.error({ err }, 'send failed');
    expect(text()).not.toContain(SECRET);
    expect(JSON.parse(text()).err).toEqual({ type: 'AxiosError', statusCode: 400, code: 'ERR_BAD_REQUEST' });
  });

  it('keeps our own messages but cuts where Node, zod or JSON.stringify quote input', () => {
    const { log, text } = make();
    let parseError: unknown;
    try {
      JSON.parse(`${SECRET} is geen JSON`);
    } catch (err) {
      parseError = err;
    }
    log.error({ err: parseError }, 'parse');
    log.error({ err: new Error(`Unhandled verb ${JSON.stringify({ verb: 'x', argument: SECRET })}`) }, 'unhandled');
    log.error({ err: new Error('Store unavailable: Connection is closed.') }, 'store');
    log.error({ err: new Error('outer', { cause: new Error(`inner "${SECRET}"`) }) }, 'cause');
    expect(text()).not.toContain(SECRET);
    const lines = text()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0].err.type).toBe('SyntaxError');
    expect(lines[1].err.message).toBe('Unhandled verb […]');
    expect(lines[2].err.message).toBe('Store unavailable: Connection is closed.');
    expect(lines[3].err.cause).toEqual({ type: 'Error', message: 'inner […]' });
  });

  it('censors text, card data and whole activities when someone logs them', () => {
    const { log, text } = make();
    log.info({ text: SECRET, activity: { text: SECRET }, ctx: { value: { argument: SECRET } }, card: { body: SECRET } }, 'oops');
    expect(text()).not.toContain(SECRET);
  });
});

describe('createLogger', () => {
  it('an error logged without a message gets its name as message, never its own words', () => {
    const d = memoryDestination();
    const log = createLogger('info', d.stream);
    const echo = Object.assign(new Error(`Could not process: ${SECRET}`), { name: 'RestError', statusCode: 400 });
    log.error(echo);
    log.error({ err: echo });
    log.error({ err: echo }, 'send failed');
    expect(d.text()).not.toContain(SECRET);
    expect(d.lines.map((l) => JSON.parse(l).msg)).toEqual(['RestError', 'RestError', 'send failed']);
  });
});

describe("the bot's own destination (buffered, issue 14)", () => {
  let dir: string;
  beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'sb-log-'))));
  afterEach(() => {
    jest.useRealTimers();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A buffered destination into a file of its own; `end` closes it (and its file). */
  function buffered() {
    const file = join(dir, 'bot.log');
    const destination = bufferedDestination(openSync(file, 'w'));
    return {
      destination,
      written: () => readFileSync(file, 'utf8'),
      end: async () => (destination.end(), await once(destination, 'close')),
    };
  }

  it('a line waits in the buffer and flushLog writes it out, with the safe serializers still applied', async () => {
    const { destination, written, end } = buffered();
    const log = createLogger('info', destination);
    log.info({ text: SECRET, activityId: 'a-1' }, 'turn');
    expect(written()).toBe('');
    await flushLog(log, 60_000);
    expect(JSON.parse(written())).toMatchObject({ msg: 'turn', activityId: 'a-1', text: '[redacted]' });
    await end();
  });

  it('is flushed once a second, and no more once it is closed', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const { destination, end } = buffered();
    const flush = jest.spyOn(destination, 'flush');
    jest.advanceTimersByTime(999);
    expect(flush).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(flush).toHaveBeenCalledTimes(1);
    await end();
    jest.advanceTimersByTime(5000);
    expect(flush).toHaveBeenCalledTimes(1);
  });
});

describe('the turn line', () => {
  it('logs type, invoke name and verb only when they look like names the bot knows', () => {
    const fields = (type: string, name: string | undefined, verb: unknown) =>
      turnLogFields({ id: 'a', type, name, conversation: { id: 'c' }, value: { action: { verb } } } as never);
    expect(fields('invoke', 'adaptiveCard/action', 'picks.submit')).toMatchObject({
      type: 'invoke',
      name: 'adaptiveCard/action',
      verb: 'picks.submit',
    });
    expect(fields('invoke', 'adaptiveCard/action', SECRET)).toMatchObject({ verb: '(unknown verb)' });
    expect(fields('invoke', 'adaptiveCard/action', { text: SECRET })).toMatchObject({ verb: '(unknown verb)' });
    expect(fields('invoke', `${SECRET} met spaties`, undefined)).toMatchObject({ name: '(other)' });
    expect(fields('message', undefined, undefined)).toEqual({
      activityId: 'a',
      conversation: 'c',
      type: 'message',
      name: undefined,
      verb: undefined,
    });
    expect(logLabel('conversationUpdate')).toBe('conversationUpdate');
  });
});
