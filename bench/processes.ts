/**
 * The processes of a benchmark run: the compiled bot and floor bot, the connector stand-in, and the
 * helpers to build them, wait for them and read their peak memory.
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
 * templates through a `cards` link there, and its packages through NODE_PATH (see `botEnv`).
 */
export async function compile(): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'sb-bench-'));
  const tsc = require.resolve('typescript/bin/tsc');
  await Promise.all([
    run(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', out]),
    run(process.execPath, [tsc, '-p', 'bench/tsconfig.build.json', '--outDir', out]),
  ]);
  symlinkSync(join(ROOT, 'cards'), join(out, 'cards'), 'dir');
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

async function waitForHttp(port: number, path: string, ok: (status: number) => boolean, child: ChildProcess, what: string, timeoutMs = 20_000): Promise<void> {
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

async function startNode(
  name: string,
  out: string,
  script: string,
  env: Record<string, string>,
  ready: (port: number, child: ChildProcess) => Promise<void>,
  nodeArgs: string[] = [],
): Promise<BotProcess> {
  const port = await freePort();
  const logFile = join(out, `${name}.log`);
  const log = openSync(logFile, 'w');
  // cwd is the build directory: main.ts reads a `.env` from the working directory, and a developer's
  // .env must not change the benchmark.
  const child = spawn(process.execPath, [...nodeArgs, join(out, script)], { cwd: out, env: baseEnv({ ...env, PORT: String(port) }), stdio: ['ignore', log, log] });
  if (child.pid === undefined) throw new Error(`could not start ${name}`);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  try {
    await ready(port, child);
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

/** The bot as in production (NODE_ENV=production, Teams' send limits, info logs), without an app id. */
export function startBot(out: string, env: { REDIS_URL: string; REDIS_KEY_PREFIX: string }, nodeArgs: string[] = []): Promise<BotProcess> {
  return startNode(
    'bot',
    out,
    'src/server/main.js',
    { NODE_ENV: 'production', ALLOW_UNAUTHENTICATED: 'true', LOG_LEVEL: process.env.BENCH_BOT_LOG_LEVEL ?? 'info', ...env },
    (port, child) => waitForHttp(port, '/healthz', (s) => s === 200, child, 'the bot'),
    nodeArgs,
  );
}

export function startFloor(out: string): Promise<BotProcess> {
  return startNode('floor', out, 'bench/floor-bot.js', {}, (port, child) => waitForHttp(port, '/', (s) => s > 0, child, 'the floor bot'));
}

/** Peak resident set size (VmHWM) of a running process, in MiB. */
export function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

/** CPU time (user + system) a process has used so far, in ms (from /proc/<pid>/stat, 100 ticks a second). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU time all processes on the machine have used (busy, not idle or waiting), in ms, from /proc/stat. */
export function machineBusyMs(): number {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return (user + nice + system + irq + softirq + steal) * 10;
}

/** Like cpuMs, 0 for a process that is gone or not visible (Redis in another container). */
export function cpuMsOrZero(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    return cpuMs(pid);
  } catch {
    return 0;
  }
}

/** Counts of log lines by pino level (30 info, 40 warn, 50 error, 60 fatal) and the first few messages above info. */
export function logLevels(file: string): { counts: Record<number, number>; samples: string[] } {
  const counts: Record<number, number> = {};
  const samples: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string };
      const level = entry.level ?? 0;
      counts[level] = (counts[level] ?? 0) + 1;
      if (level >= 40 && samples.length < 5 && entry.msg && !samples.includes(entry.msg)) samples.push(entry.msg);
    } catch {
      // not a log line
    }
  }
  return { counts, samples };
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
    const child = fork(join(out, 'bench/connector.js'), [], { execArgv: [], env: baseEnv({}), stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
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
