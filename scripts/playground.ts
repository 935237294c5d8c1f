/**
 * Try the bot without Teams and without Azure: `npm run playground`.
 *
 * Starts, in this one process tree:
 *   1. the bot (src/server/create-app.ts) on the in-memory store, without an app id (so without
 *      authentication), on PORT (default 3978, or a free port when 3978 is taken);
 *   2. a small locale proxy in front of it (see below);
 *   3. the Microsoft 365 Agents Playground (@microsoft/m365agentsplayground, the program behind
 *      node_modules/.bin/agentsplayground), headless, on TEAMSAPPTESTER_PORT (default 56150; the
 *      Playground itself picks a random port when that one is taken, and we read which one it chose),
 *      with the mock users and chats of .m365agentsplayground.yml;
 * waits until the Playground answers GET /_debug/ping, prints the address to open, and stops
 * everything on Ctrl-C.
 *
 *   npm run playground                     # Dutch (the default): the bot sees locale nl-NL
 *   npm run playground -- --locale en-US   # the bot answers in English
 *   LOG_LEVEL=info npm run playground      # also log every turn of the bot
 *
 * Why a locale proxy: the Playground (0.2.x) hard-codes `locale: "en-US"` in every activity it sends
 * (messages, invokes, submits, installation), so the bot would always answer in English there. The
 * proxy replaces that en-US (and the clientInfo entity's locale) with --locale before the activity
 * reaches the bot; nothing else is changed. In Teams, the user's own Teams language decides.
 *
 * Things to know when you use the page (they are the Playground's, not the bot's):
 *   - In a group chat the Playground only passes a message on to the bot when the bot is
 *     @mentioned, as Teams does: type "@", pick "Sociale Basis", then the command.
 *   - The page acts as one user (currentUser in the yml). Other members can act through the HTTP
 *     API: PlaygroundClient below (messages, card button presses as any member, the message stream).
 *   - No dialogs (task/fetch), no per-user refresh of shared cards, no meetings.
 *
 * The functions are exported for the browser tests in test/browser/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import pino from 'pino';
import WebSocket from 'ws';
import { loadConfig } from '../src/server/config';
import { createApp, type App } from '../src/server/create-app';

export const ROOT = path.resolve(__dirname, '..');
/** The mock Teams data: users, the group chat (a table), a team. */
export const PLAYGROUND_CONFIG = path.join(ROOT, '.m365agentsplayground.yml');
/** What node_modules/.bin/agentsplayground runs; started with this Node so it also works on Windows. */
export const PLAYGROUND_CLI = require.resolve('@microsoft/m365agentsplayground/cli.js');
export const DEFAULT_BOT_PORT = 3978;
export const DEFAULT_PLAYGROUND_PORT = 56150;

// ---------------------------------------------------------------------------------------------
// The bot
// ---------------------------------------------------------------------------------------------

export interface RunningBot {
  app: App;
  port: number;
  /** http://127.0.0.1:<port>/api/messages */
  endpoint: string;
  close(): Promise<void>;
}

/** True when nothing listens on 127.0.0.1:`port` (and on the wildcard address). */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}

/** A port nothing listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The real bot on the in-memory store, without an app id. Workshop settings from the environment
 * (MAX_PARTICIPANTS, RETENTION_DAYS, ...) are kept; the identity, the store and NODE_ENV are forced.
 * `port` 0 takes any free port; by default 3978, or any free port when 3978 is taken.
 */
export async function startBot(options: { port?: number; logLevel?: string; env?: Record<string, string> } = {}): Promise<RunningBot> {
  let port = options.port ?? (process.env.PORT ? Number(process.env.PORT) : DEFAULT_BOT_PORT);
  if (port !== 0 && !(await isPortFree(port))) port = 0;
  // The picture of the model is fetched from the bot by its link: the links must name the port it
  // really listens on, so a free one is chosen here rather than by listen().
  if (port === 0) port = await freePort();
  const env = { ...process.env, ...options.env };
  const config = loadConfig({
    ...env,
    PUBLIC_URL: env.PUBLIC_URL || `http://127.0.0.1:${port}`,
    EXPORT_LINK_SECRET: env.EXPORT_LINK_SECRET || randomBytes(32).toString('base64'),
    NODE_ENV: 'development',
    PORT: String(port),
    MICROSOFT_APP_ID: '',
    MICROSOFT_APP_PASSWORD: '',
    REDIS_URL: '',
    LOG_LEVEL: options.logLevel ?? process.env.LOG_LEVEL ?? 'warn',
  });
  const log = pino({ level: config.LOG_LEVEL, base: { app: 'sociale-basis-bot' } });
  const app = await createApp(config, { log });
  const actual = await app.listen();
  return { app, port: actual, endpoint: `http://127.0.0.1:${actual}/api/messages`, close: () => app.close() };
}

// ---------------------------------------------------------------------------------------------
// The locale proxy
// ---------------------------------------------------------------------------------------------

export interface LocaleProxy {
  /** The address to give the Playground instead of the bot's: http://127.0.0.1:<port>/api/messages */
  endpoint: string;
  close(): Promise<void>;
}

/** The locale the Playground writes into every activity it generates, whatever the user's settings. */
export const PLAYGROUND_HARDCODED_LOCALE = 'en-US';

/**
 * Sets `locale` (and the clientInfo entity's locale) of one activity when it carries the Playground's
 * hard-coded en-US or none; an activity with another locale (e.g. one sent with
 * POST /_internal/v1/customActivities) is passed on as it is, and so is anything else in it.
 */
export function withLocale(activity: unknown, locale: string): unknown {
  if (!activity || typeof activity !== 'object' || Array.isArray(activity)) return activity;
  const a = activity as Record<string, unknown>;
  if (a.locale !== undefined && a.locale !== PLAYGROUND_HARDCODED_LOCALE) return activity;
  const entities = Array.isArray(a.entities)
    ? a.entities.map((e) => (e && typeof e === 'object' && (e as { type?: unknown }).type === 'clientInfo' ? { ...e, locale } : e))
    : a.entities;
  return { ...a, locale, ...(entities !== undefined ? { entities } : {}) };
}

/**
 * Forwards every request to `botEndpoint` (same path and query, same method, headers, body), with the
 * activity's locale set to `locale`, and passes the bot's answer back unchanged.
 */
export async function startLocaleProxy(botEndpoint: string, locale: string): Promise<LocaleProxy> {
  const target = new URL(botEndpoint);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      if (body.length > 0 && /json/i.test(req.headers['content-type'] ?? '')) {
        try {
          body = Buffer.from(JSON.stringify(withLocale(JSON.parse(body.toString('utf8')), locale)), 'utf8');
        } catch {
          // Not JSON after all: pass it on as it came.
        }
      }
      const headers = { ...req.headers, host: target.host, 'content-length': String(body.length) };
      const upstream = http.request(
        { hostname: target.hostname, port: target.port, path: req.url ?? '/', method: req.method, headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', (err) => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`locale proxy: the bot at ${botEndpoint} did not answer: ${err.message}`);
      });
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}${target.pathname}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// The Playground
// ---------------------------------------------------------------------------------------------

export interface RunningPlayground {
  child: ChildProcess;
  port: number;
  /** http://localhost:<port>: the page to open, and the base of the HTTP API. */
  url: string;
  /** The Playground's own log file (it writes one; we keep it out of the repository). */
  logFile: string;
  stop(): Promise<void>;
}

/**
 * Starts the Playground headless against `endpoint`:
 *   TEAMSAPPTESTER_BROWSER=none TEAMSAPPTESTER_PORT=<port> agentsplayground -e <endpoint> -c msteams --disable-telemetry
 * and resolves once GET /_debug/ping answers "pong". Rejects (and stops it) when it exits early or
 * does not answer within `timeoutMs`.
 */
export async function startPlayground(options: {
  endpoint: string;
  port?: number;
  timeoutMs?: number;
  quiet?: boolean;
}): Promise<RunningPlayground> {
  if (!existsSync(PLAYGROUND_CONFIG)) throw new Error(`${PLAYGROUND_CONFIG} is missing`);
  const logDir = mkdtempSync(path.join(os.tmpdir(), 'agentsplayground-'));
  const logFile = path.join(logDir, 'm365agentsplayground.log');
  const child = spawn(process.execPath, [PLAYGROUND_CLI, '-e', options.endpoint, '-c', 'msteams', '--disable-telemetry'], {
    cwd: ROOT,
    env: {
      ...process.env,
      TEAMSAPPTESTER_BROWSER: 'none',
      TEAMSAPPTESTER_PORT: String(options.port ?? DEFAULT_PLAYGROUND_PORT),
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: PLAYGROUND_CONFIG,
      // By default it writes ./devTools/m365agentsplayground.log into the working directory.
      M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(killer);
  };

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the Playground did not say which port it listens on within ${options.timeoutMs ?? 60000} ms:\n${output}`)),
      options.timeoutMs ?? 60000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!options.quiet) process.stdout.write(chunk.toString().replace(/^/gm, '[playground] '));
      const m = /Listening on (\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!options.quiet) process.stderr.write(chunk.toString().replace(/^/gm, '[playground] '));
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the Playground exited (code ${code}) before it listened:\n${output}`));
    });
  }).catch(async (err: unknown) => {
    await stop();
    throw err;
  });

  const url = `http://localhost:${port}`;
  try {
    await waitForPing(url, options.timeoutMs ?? 60000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { child, port, url, logFile, stop };
}

/** Polls GET <url>/_debug/ping until it answers "pong". */
export async function waitForPing(url: string, timeoutMs = 60000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/_debug/ping`, { signal: AbortSignal.timeout(2000) });
      const text = await res.text();
      if (res.ok && text.trim() === 'pong') return;
      last = `${res.status} ${text.slice(0, 200)}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the Playground at ${url} did not answer GET /_debug/ping within ${timeoutMs} ms (last: ${last})`);
}

// ---------------------------------------------------------------------------------------------
// The Playground's HTTP API (verified against @microsoft/m365agentsplayground 0.2.28)
// ---------------------------------------------------------------------------------------------

export interface PlaygroundUser {
  id: string;
  name: string;
  aadObjectId: string;
}

export interface PlaygroundConfig {
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: PlaygroundUser;
  users: PlaygroundUser[];
  personalChat: { id: string; name: string };
  groupChats: Array<{ id: string; name: string; members: string[] }>;
  teams: Array<{ id: string; name: string; channels: Array<{ id: string; name: string }>; members: string[] }>;
}

/** One message as the Playground's stream reports it. */
export interface StreamMessage {
  messageId: string;
  timestamp: number;
  from?: { id: string };
  text?: string;
  attachments?: Array<{ contentType: string; content: any }>;
  [key: string]: unknown;
}

export interface StreamEvent {
  /** createMessage | updateMessage | typing | ... */
  action: string;
  actionConversationId: string;
  message?: StreamMessage;
  /** When the event arrived here. */
  receivedAt: number;
}

export class PlaygroundError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(message);
    this.name = 'PlaygroundError';
  }
}

/**
 * The Playground's API, as its page uses it. Every call acts as the member named by `from`, which
 * must be a member of the conversation (the Playground checks it); the page itself is currentUser.
 */
export class PlaygroundClient {
  constructor(readonly url: string) {}

  private async call(method: string, pathname: string, body?: unknown): Promise<string> {
    const res = await fetch(`${this.url}${pathname}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30000),
    });
    const text = await res.text();
    if (!res.ok) throw new PlaygroundError(`${method} ${pathname} answered ${res.status}: ${text.slice(0, 500)}`, res.status, text);
    return text;
  }

  /** GET /_internal/v1/config: the users and conversation ids of .m365agentsplayground.yml. */
  async config(): Promise<PlaygroundConfig> {
    return (JSON.parse(await this.call('GET', '/_internal/v1/config')) as { config: PlaygroundConfig }).config;
  }

  /** POST /_debug/conversation/{id}/installation: the bot is "installed" (conversationUpdate, installationUpdate). */
  async install(conversationId: string): Promise<void> {
    await this.call('POST', `/_debug/conversation/${encodeURIComponent(conversationId)}/installation`, {});
  }

  /**
   * POST /_conversation/v1/conversations/{id}/messages: a chat message from any member. In a group
   * chat the Playground only passes it on to the bot when the bot is @mentioned (as Teams does), so
   * by default the text starts with the bot's mention.
   */
  async say(
    conversationId: string,
    from: string,
    text: string,
    options: { mentionBot?: { id: string; name: string } | false } = {},
  ): Promise<{ messageId: string }> {
    const bot = options.mentionBot;
    const body = bot
      ? {
          from: { id: from },
          text: `<at>${bot.name}</at> ${text}`,
          textFormat: 'plain',
          mentions: [{ mentioned: { id: bot.id }, text: `<at>${bot.name}</at>` }],
        }
      : { from: { id: from }, text, textFormat: 'plain' };
    return JSON.parse(await this.call('POST', `/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`, body)) as {
      messageId: string;
    };
  }

  /**
   * POST /_conversation/v1/invoke: an `Action.Execute` button press by any member on message
   * `replyToId`. Answers the bot's invoke response ({ type, value: the card }). Like the page, the
   * Playground then keeps that card as the message's card (one view for everyone).
   */
  async invoke(
    conversationId: string,
    from: string,
    replyToId: string,
    verb: string,
    data: Record<string, unknown> = {},
  ): Promise<{ type: string; value: any }> {
    const body = {
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      from: { id: from },
      conversation: { id: conversationId },
      replyToId,
    };
    return JSON.parse(await this.call('POST', '/_conversation/v1/invoke', body)) as { type: string; value: any };
  }

  /** POST /_conversation/v1/submit: an `Action.Submit` (a message activity with `value`) by any member. */
  async submit(conversationId: string, from: string, replyToId: string, value: Record<string, unknown>): Promise<void> {
    await this.call('POST', '/_conversation/v1/submit', { conversation: { id: conversationId }, from: { id: from }, replyToId, value });
  }

  /** POST /_internal/v1/customActivities: any activity, sent to the bot as it is (the answer is not returned). */
  async customActivity(activity: Record<string, unknown>): Promise<void> {
    await this.call('POST', '/_internal/v1/customActivities', activity);
  }

  /** Opens the WebSocket /_ws_conversation/v1/conversations/stream. */
  async stream(): Promise<MessageStream> {
    return MessageStream.open(this.url.replace(/^http/, 'ws') + '/_ws_conversation/v1/conversations/stream');
  }
}

/** Every message the bot creates or updates, in order, as the page receives it. */
export class MessageStream {
  readonly events: StreamEvent[] = [];
  private waiters: Array<() => void> = [];

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      try {
        const event = JSON.parse(String(data)) as Omit<StreamEvent, 'receivedAt'>;
        this.events.push({ ...event, receivedAt: Date.now() });
      } catch {
        return;
      }
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static open(url: string): Promise<MessageStream> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      socket.once('open', () => resolve(new MessageStream(socket)));
      socket.once('error', reject);
    });
  }

  /** The latest version of every message of a conversation, in order of creation. */
  messages(conversationId: string): StreamMessage[] {
    const byId = new Map<string, StreamMessage>();
    for (const e of this.events) {
      if (e.actionConversationId !== conversationId || !e.message) continue;
      if (e.action === 'createMessage' || (e.action === 'updateMessage' && byId.has(e.message.messageId)))
        byId.set(e.message.messageId, e.message);
    }
    return [...byId.values()];
  }

  /** Resolves with the first value `probe` returns that is not undefined; checks after every event. */
  async waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 20000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = probe();
      if (found !== undefined) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 1000));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.socket.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Everything together
// ---------------------------------------------------------------------------------------------

export interface PlaygroundSession {
  bot: RunningBot;
  proxy: LocaleProxy | undefined;
  playground: RunningPlayground;
  client: PlaygroundClient;
  config: PlaygroundConfig;
  locale: string;
  stop(): Promise<void>;
}

/**
 * The bot, the locale proxy (unless `locale` is empty) and the Playground pointed at it. `stop`
 * ends all three, in reverse order; it is safe to call more than once.
 */
export async function startPlaygroundSession(
  options: {
    botPort?: number;
    playgroundPort?: number;
    locale?: string;
    logLevel?: string;
    botEnv?: Record<string, string>;
    quiet?: boolean;
  } = {},
): Promise<PlaygroundSession> {
  const locale = options.locale ?? process.env.PLAYGROUND_LOCALE ?? 'nl-NL';
  const bot = await startBot({
    ...(options.botPort !== undefined ? { port: options.botPort } : {}),
    ...(options.logLevel !== undefined ? { logLevel: options.logLevel } : {}),
    ...(options.botEnv ? { env: options.botEnv } : {}),
  });
  let proxy: LocaleProxy | undefined;
  let playground: RunningPlayground | undefined;
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      await playground?.stop().catch(() => undefined);
      await proxy?.close().catch(() => undefined);
      await bot.close().catch(() => undefined);
    })());
  try {
    proxy = locale ? await startLocaleProxy(bot.endpoint, locale) : undefined;
    playground = await startPlayground({
      endpoint: proxy?.endpoint ?? bot.endpoint,
      ...(options.playgroundPort !== undefined ? { port: options.playgroundPort } : {}),
      ...(options.quiet !== undefined ? { quiet: options.quiet } : {}),
    });
    const client = new PlaygroundClient(playground.url);
    const config = await client.config();
    return { bot, proxy, playground, client, config, locale, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  if (i >= 0) return process.argv[i + 1];
  const inline = process.argv.find((a) => a.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log('npm run playground [-- --locale nl-NL|en-US] [--port <bot port>] [--playground-port <port>]');
    return;
  }
  const locale = argValue('--locale');
  const botPort = argValue('--port');
  const playgroundPort = argValue('--playground-port') ?? process.env.TEAMSAPPTESTER_PORT;
  const session = await startPlaygroundSession({
    ...(locale !== undefined ? { locale } : {}),
    ...(botPort !== undefined ? { botPort: Number(botPort) } : {}),
    ...(playgroundPort !== undefined ? { playgroundPort: Number(playgroundPort) } : {}),
    quiet: true,
  });
  const { config } = session;
  const chat = config.groupChats[0];
  console.log(
    [
      '',
      'Sociale Basis bot + Microsoft 365 Agents Playground',
      '',
      `  Open ${session.playground.url} in your browser.`,
      '',
      `  Bot:        ${session.bot.endpoint} (in memory, no authentication, locale ${session.locale || 'as the Playground sends it (en-US)'})`,
      `  You are:    ${config.currentUser.name}; also in the chat: ${config.users.map((u) => u.name).join(', ')}`,
      `  Group chat: "${chat?.name}" (${chat?.id}): choose it on the left.`,
      `  In a group chat, @mention the bot: type "@", choose "${config.bot.name}", then "start".`,
      `  Playground log: ${session.playground.logFile}`,
      '',
      '  Ctrl-C stops the bot and the Playground.',
      '',
    ].join('\n'),
  );
  let stopping = false;
  const shutdown = (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${reason}: stopping the Playground and the bot ...`);
    void session.stop().finally(() => process.exit(code));
  };
  process.once('SIGINT', () => shutdown('Ctrl-C', 0));
  process.once('SIGTERM', () => shutdown('SIGTERM', 0));
  session.playground.child.once('exit', (code) => shutdown(`the Playground exited (code ${code})`, 1));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
