/**
 * The processes of a benchmark run: the compiled bot and floor bot, the connector stand-in, and the
 * helpers to build and start them.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CallRecord, FromConnector, ToConnector } from './connector';

export const ROOT = resolve(__dirname, '..');

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', fail);
    child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`${cmd} ${args.join(' ')} exited with ${code}`))));
  });
}

/**
 * Compiles the bot (`tsc -p tsconfig.build.json`) and the floor bot and connector
 * (`tsc -p bench/tsconfig.build.json`) into one temporary directory. The compiled bot finds its card
 * templates and the picture's font through `cards` and `assets` links there, and its packages through NODE_PATH (see `botEnv`).
 */
export async function compile(): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'sb-bench-'));
  const tsc = require.resolve('typescript/bin/tsc');
  await Promise.all([
    run(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', out]),
    run(process.execPath, [tsc, '-p', 'bench/tsconfig.build.json', '--outDir', out]),
  ]);
  symlinkSync(join(ROOT, 'cards'), join(out, 'cards'), 'dir');
  // The model picture's font, found above the compiled src/report as in a deployment (picture-font.ts).
  symlinkSync(join(ROOT, 'assets'), join(out, 'assets'), 'dir');
  return out;
}

export function removeBuild(out: string): void {
  rmSync(out, { recursive: true, force: true });
}

/** The environment of a compiled process: nothing of the caller's but PATH and HOME. */
function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_PATH: join(ROOT, 'node_modules'), ...extra };
}

export interface BotProcess {
  name: string;
  child: ChildProcess;
  pid: number;
  url: URL;
  logFile: string;
  stop(): Promise<void>;
}

/** How to tell that a process has started: the first answer on `path` that `ok` accepts. */
interface HttpReady {
  path: string;
  ok(status: number): boolean;
  /** What to call the process in an error. */
  what: string;
  timeoutMs?: number;
}

async function waitForHttp(child: ChildProcess, port: number, ready: HttpReady): Promise<void> {
  const { path, ok, what, timeoutMs = 90_000 } = ready;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode} before it answered`);
    const status = await new Promise<number>((done) => {
      const req = http.get({ host: '127.0.0.1', port, path, timeout: 1000 }, (res) => {
        res.resume();
        done(res.statusCode ?? 0);
      });
      req.on('error', () => done(0));
      req.on('timeout', () => req.destroy());
    });
    if (ok(status)) return;
    if (Date.now() > deadline) throw new Error(`${what} did not answer on port ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface NodeProcessOptions {
  name: string;
  /** The build directory (see `compile`): the script's root, the process's cwd and where its log goes. */
  build: string;
  /** The compiled script, relative to `build`. */
  script: string;
  env: Record<string, string>;
  ready: HttpReady;
  nodeArgs?: string[];
}

async function startNode(opts: NodeProcessOptions): Promise<BotProcess> {
  const { name, build, script, env, ready, nodeArgs = [] } = opts;
  const port = await freePort();
  const logFile = join(build, `${name}.log`);
  const log = openSync(logFile, 'w');
  // cwd is the build directory: main.ts reads a `.env` from the working directory, and a developer's
  // .env must not change the benchmark.
  const child = spawn(process.execPath, [...nodeArgs, join(build, script)], {
    cwd: build,
    env: baseEnv({ ...env, PORT: String(port) }),
    stdio: ['ignore', log, log],
  });
  if (child.pid === undefined) throw new Error(`could not start ${name}`);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  try {
    await waitForHttp(child, port, ready);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${err instanceof Error ? err.message : String(err)}; its log:\n${readFileSync(logFile, 'utf8').slice(-2000)}`);
  }
  return {
    name,
    child,
    pid: child.pid,
    url: new URL(`http://127.0.0.1:${port}/api/messages`),
    logFile,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

export interface BotOptions {
  /** The process's name in errors and its log file's (default `bot`). */
  name?: string;
  /** REDIS_URL holds seed nodes of a Redis Cluster (REDIS_CLUSTER=true). */
  cluster?: boolean;
  redisUrl: string;
  keyPrefix: string;
  logLevel: string;
  /** Run with --cpu-prof, writing the profile here when the bot exits. */
  cpuProfileDir?: string;
}

/** The bot as in production (NODE_ENV=production, Teams' send limits, logs to a file), without an app id. */
export function startBot(build: string, opts: BotOptions): Promise<BotProcess> {
  const name = opts.name ?? 'bot';
  return startNode({
    name,
    build,
    script: 'src/server/main.js',
    env: {
      NODE_ENV: 'production',
      ALLOW_UNAUTHENTICATED: 'true',
      // Production refuses to start without a public https address for its links; nothing fetches them here.
      PUBLIC_URL: 'https://bench.invalid',
      EXPORT_LINK_SECRET: 'bench-only-secret-bench-only-secret-bench-only-secret',
      LOG_LEVEL: opts.logLevel,
      REDIS_URL: opts.redisUrl,
      REDIS_KEY_PREFIX: opts.keyPrefix,
      ...(opts.cluster ? { REDIS_CLUSTER: 'true' } : {}),
    },
    ready: { path: '/healthz', ok: (s) => s === 200, what: `the ${name}` },
    nodeArgs: opts.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfileDir}`] : [],
  });
}

/** The floor bot; with `cpuProfileDir`, run with --cpu-prof like the bot (BENCH_PROFILE=1). */
export function startFloor(build: string, cpuProfileDir?: string): Promise<BotProcess> {
  return startNode({
    name: 'floor',
    build,
    script: 'bench/floor-bot.js',
    env: {},
    ready: { path: '/', ok: (s) => s > 0, what: 'the floor bot' },
    nodeArgs: cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [],
  });
}

/** The connector stand-in in its own process, asked for its records over IPC. */
export class Connector {
  private nextReq = 1;
  private readonly waiting = new Map<number, (msg: FromConnector) => void>();

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.on('message', (msg: FromConnector) => {
      if (msg.type === 'ready') return;
      const done = this.waiting.get(msg.req);
      this.waiting.delete(msg.req);
      done?.(msg);
    });
  }

  static async start(out: string): Promise<Connector> {
    const child = fork(join(out, 'bench/connector.js'), [], {
      execArgv: [],
      env: baseEnv({}),
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const port = await new Promise<number>((done, fail) => {
      child.once('message', (msg: FromConnector) => (msg.type === 'ready' ? done(msg.port) : fail(new Error('unexpected first message'))));
      child.once('exit', (code) => fail(new Error(`connector exited with ${code}`)));
    });
    return new Connector(child, `http://127.0.0.1:${port}/`);
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  private ask(msg: { type: 'calls'; from: number } | { type: 'count' } | { type: 'biggest' }): Promise<FromConnector> {
    const req = this.nextReq++;
    return new Promise((done) => {
      this.waiting.set(req, done);
      this.child.send({ ...msg, req } satisfies ToConnector);
    });
  }

  inspect(on: boolean): void {
    this.child.send({ type: 'inspect', on } satisfies ToConnector);
  }

  async count(): Promise<number> {
    const answer = await this.ask({ type: 'count' });
    return answer.type === 'count' ? answer.total : 0;
  }

  async calls(from = 0): Promise<CallRecord[]> {
    const answer = await this.ask({ type: 'calls', from });
    return answer.type === 'calls' ? answer.calls : [];
  }

  /** Inspect mode: the biggest body per conversation and card heading. */
  async biggest(): Promise<Array<{ conversationId: string; heading: string; body: string }>> {
    const answer = await this.ask({ type: 'biggest' });
    return answer.type === 'biggest' ? answer.bodies : [];
  }

  /** Resolves once no call has arrived for `quietMs` (shared-card updates and queued sends are done). */
  async quiet(quietMs: number, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = await this.count();
    let since = Date.now();
    while (Date.now() - since < quietMs) {
      if (Date.now() > deadline) throw new Error(`the connector was still getting calls after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
      const now = await this.count();
      if (now !== last) {
        last = now;
        since = Date.now();
      }
    }
  }

  stop(): void {
    if (this.child.connected) this.child.disconnect();
    this.child.kill('SIGTERM');
  }
}
