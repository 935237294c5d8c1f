import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { loadConfig } from '../../src/server/config';
import { createApp } from '../../src/server/create-app';
import type { Harness } from './bot-under-test';
import { ConnectorStandIn } from './connector-stand-in';

/** One request that reached the connector's front door: what Teams would count against the limits. */
export interface WriteAttempt {
  method: string;
  conversationId?: string;
  /** When the whole request had arrived. */
  at: number;
  /** 429 when the front door throttled it, else what the stand-in answered. */
  status: number;
}

/**
 * The connector stand-in behind a front door that can answer 429 with Retry-After, as Teams does
 * when a bot sends too much. Requests it lets through reach the stand-in (which records them in
 * `calls`, as always); every write, throttled or not, is in `attempts` with its arrival time.
 */
export class ThrottlingConnector extends ConnectorStandIn {
  readonly attempts: WriteAttempt[] = [];
  private front?: http.Server;
  private inner = '';
  private throttles: Array<() => string> = [];

  override async start(): Promise<this> {
    await super.start();
    this.inner = this.url;
    this.front = http.createServer((req, res) => this.pass(req, res));
    await new Promise<void>((resolve) => this.front!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.front.address() as AddressInfo).port}/`;
    return this;
  }

  override async stop(): Promise<void> {
    this.front?.closeAllConnections();
    await new Promise<void>((resolve) => (this.front ? this.front.close(() => resolve()) : resolve()));
    await super.stop();
  }

  /**
   * The next `count` writes (posts, updates) get 429 with this Retry-After: seconds ('1'), or a
   * function for an HTTP date made when the answer is given.
   */
  throttleNext(count: number, retryAfter: string | (() => string) = '1'): void {
    const value = typeof retryAfter === 'string' ? () => retryAfter : retryAfter;
    for (let i = 0; i < count; i++) this.throttles.push(value);
  }

  /** Throttled answers still to give. */
  get throttlesLeft(): number {
    return this.throttles.length;
  }

  writes(conversationId?: string): WriteAttempt[] {
    return this.attempts.filter((a) => !conversationId || a.conversationId === conversationId);
  }

  private pass(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = Date.now();
      const parts = (req.url ?? '')
        .split('?')[0]!
        .split('/')
        .map((p) => decodeURIComponent(p));
      const isWrite = parts[1] === 'v3' && parts[2] === 'conversations' && parts[4] === 'activities' && req.method !== 'GET';
      const attempt: WriteAttempt | undefined = isWrite ? { method: req.method ?? '', conversationId: parts[3], at, status: 0 } : undefined;
      if (attempt) this.attempts.push(attempt);
      const throttle = isWrite ? this.throttles.shift() : undefined;
      if (attempt && throttle) {
        attempt.status = 429;
        res.writeHead(429, { 'content-type': 'application/json', 'Retry-After': throttle() });
        res.end(JSON.stringify({ error: { code: 'TooManyRequests', message: 'Too many requests' } }));
        return;
      }
      const forward = http.request(new URL(req.url ?? '/', this.inner), { method: req.method, headers: req.headers }, (answer) => {
        const body: Buffer[] = [];
        answer.on('data', (c: Buffer) => body.push(c));
        answer.on('end', () => {
          if (attempt) attempt.status = answer.statusCode ?? 0;
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(Buffer.concat(body));
        });
      });
      forward.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      forward.end(Buffer.concat(chunks));
    });
  }
}

/**
 * `count` bot instances (the real server, each with its own adapter and queue), as processes behind
 * a load balancer, all sending to one connector; with REDIS_URL in `env` they share one Redis.
 */
export async function startBots(connector: ConnectorStandIn, count: number, env: Record<string, string> = {}): Promise<Harness[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const config = loadConfig({ NODE_ENV: 'test', PORT: '0', SHARED_CARD_UPDATE_MS: '50', ...env });
      const app = await createApp(config, { log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
      const botUrl = `http://127.0.0.1:${await app.listen()}/api/messages`;
      const harness: Harness = {
        app,
        connector,
        botUrl,
        async send(activity) {
          const res = await fetch(botUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(activity),
          });
          const text = await res.text();
          return { status: res.status, body: text ? JSON.parse(text) : undefined };
        },
        close: () => app.close(),
      };
      return harness;
    }),
  );
}

/** The most requests that arrived in any window of `ms` (a sliding window over the arrival times). */
export function maxInWindow(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[j]! <= sorted[i]! - ms) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}
