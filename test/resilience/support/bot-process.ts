/**
 * The bot as a separate operating-system process: the real entry (src/server/main.ts) run by Node
 * with the tsx loader, configured only through its environment, as a container would run it.
 *
 * Why tsx and not the compiled output: measured on this 2-core machine, `tsc -p tsconfig.build.json`
 * takes ~13 s once and then `node main.js` is ready (GET /healthz answers) in ~0.9 s; `node --import
 * tsx src/server/main.ts` is ready in ~1.4 s with no build step, so for the ~6 starts of the
 * resilience tests tsx is about twice as fast. `npx tsx` is slower (2-3 s) and runs the bot in a
 * child of the tsx CLI, so a SIGKILL would hit the wrapper and leave the bot running: the loader
 * is given to `node` directly instead, and the pid we signal is the bot's own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort } from '../../support/redis-server';

const ROOT = resolve(__dirname, '../../..');
const MAIN = join(ROOT, 'src/server/main.ts');
const TSX_LOADER = join(ROOT, 'node_modules/tsx/dist/loader.mjs');
const WATCHDOG = join(__dirname, 'parent-watchdog.cjs');

/** Every bot process any test in this jest worker started and that may still run. */
const running = new Set<BotProcess>();

// A jest worker that dies (or a test that forgot) must not leave bots behind.
process.once('exit', () => {
  for (const bot of running) bot.child?.kill('SIGKILL');
});

export type Delivery =
  /** The bot answered (any status). */
  | { kind: 'http'; status: number; body: any; ms: number }
  /** No answer: connection refused or reset (a dead process), or no answer within the timeout. */
  | { kind: 'network'; error: string; ms: number };

export interface BotEnv {
  REDIS_URL: string;
  REDIS_KEY_PREFIX: string;
  [name: string]: string;
}

/** A parsed pino line the bot wrote. */
export interface LogLine {
  level: number;
  msg?: string;
  [field: string]: unknown;
}

export class BotProcess {
  child?: ChildProcess;
  port = 0;
  /** How many times this bot has been started (restarts included). */
  starts = 0;
  private exited?: Promise<void>;
  private readonly cwd: string;
  private output = '';
  /** Output of earlier runs (before a kill), for diagnosis. */
  private history = '';

  constructor(
    readonly name: string,
    private readonly env: BotEnv,
  ) {
    // An empty working directory: main.ts loads `.env` from its cwd, and a developer's .env in the
    // repository must not change what the test runs.
    this.cwd = mkdtempSync(join(tmpdir(), 'sb-bot-cwd-'));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get alive(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** How the last run ended: null while it runs. */
  get exit(): { code: number | null; signal: NodeJS.Signals | null } | null {
    if (!this.child || this.alive) return null;
    return { code: this.child.exitCode, signal: this.child.signalCode };
  }

  /**
   * Starts the process and waits until GET /healthz answers 200. main.ts has no PORT=0 mode that
   * tells us the port, so the test picks one: `port` if given (strict), else the port of the previous
   * run (a restarted container keeps its address), else a free one. If another process took a port
   * that was not given explicitly, a fresh one is tried.
   */
  async start(opts: { port?: number; readyTimeoutMs?: number } = {}): Promise<this> {
    if (this.alive) throw new Error(`${this.name} is already running (pid ${this.pid})`);
    if (!existsSync(TSX_LOADER)) throw new Error(`tsx loader not found at ${TSX_LOADER}`);
    let preferred = opts.port ?? (this.port || undefined);
    for (let attempt = 1; ; attempt++) {
      this.port = preferred ?? (await freePort());
      this.spawn();
      try {
        await this.waitForHealth((status) => status === 200, opts.readyTimeoutMs ?? 30_000, 'to start');
        this.starts++;
        return this;
      } catch (err) {
        const inUse = /EADDRINUSE/.test(this.output);
        await this.kill('SIGKILL');
        if (!inUse || opts.port !== undefined || attempt >= 3) throw err;
        preferred = undefined;
      }
    }
  }

  private spawn(): void {
    if (this.output) this.history += `--- earlier run ---\n${this.output}`;
    this.output = '';
    const child = spawn(process.execPath, ['--require', WATCHDOG, '--import', pathToFileURL(TSX_LOADER).href, MAIN], {
      cwd: this.cwd,
      // Only what the bot needs: nothing of the test runner's environment leaks into its config.
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: process.env.HOME ?? this.cwd,
        TMPDIR: tmpdir(),
        TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json'),
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        MICROSOFT_APP_ID: '',
        ...this.env,
        PORT: String(this.port),
      },
      // stdin stays open for the watchdog: it closes when this process dies.
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child = child;
    running.add(this);
    const keep = (d: Buffer) => {
      this.output += d.toString();
      // Bounded: a bot that logs in a loop must not eat the test's memory.
      if (this.output.length > 2_000_000) this.output = this.output.slice(-1_000_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.once('error', (err) => {
        this.output += `\nspawn error: ${err.message}`;
        resolve();
      });
    });
  }

  /** Polls GET /healthz until `ok(status)`; fails at once if the process exits meanwhile. */
  async waitForHealth(ok: (status: number) => boolean, timeoutMs: number, what = 'to become healthy'): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer';
    for (;;) {
      if (!this.alive) throw new Error(`${this.name} exited (${JSON.stringify(this.exit)}) while waiting ${what}:\n${this.tail()}`);
      try {
        const res = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(2000) });
        const body = await res.text();
        last = `${res.status} ${body}`;
        if (ok(res.status)) return res.status;
      } catch (err) {
        last = (err as Error).message;
      }
      if (Date.now() > deadline)
        throw new Error(
          `${this.name} did not answer as expected on /healthz within ${timeoutMs} ms ${what} (last: ${last}):\n${this.tail()}`,
        );
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async health(): Promise<{ status: number; body: any } | { status: 0; error: string }> {
    try {
      const res = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(5000) });
      return { status: res.status, body: JSON.parse(await res.text()) };
    } catch (err) {
      return { status: 0, error: (err as Error).message };
    }
  }

  /** Posts an activity to /api/messages as Teams does; never throws. */
  send(activity: object, timeoutMs = 25_000): Promise<Delivery> {
    return postActivity(this.url, activity, timeoutMs);
  }

  /** Sends the signal and waits until the process is gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.alive) this.child!.kill(signal);
    await this.exited;
    running.delete(this);
  }

  /** SIGTERM (main.ts closes cleanly), SIGKILL if it has not exited within `graceMs`. */
  async stop(graceMs = 5000): Promise<void> {
    if (!this.alive) return void running.delete(this);
    this.child!.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
    running.delete(this);
  }

  /**
   * Removes the empty working directory; after the last stop. With RESILIENCE_LOG_DIR set, first
   * writes everything the process printed (all runs) to `<dir>/<label>-<name>.log`, for diagnosis.
   */
  dispose(label = 'bot'): void {
    const dir = process.env.RESILIENCE_LOG_DIR;
    if (dir) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${label}-${this.name}.log`), this.history + this.output);
    }
    rmSync(this.cwd, { recursive: true, force: true });
  }

  /** The JSON log lines this run wrote (pino), other output skipped. */
  logs(): LogLine[] {
    return (this.history + this.output)
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as LogLine];
        } catch {
          return [];
        }
      });
  }

  /** Log lines at warn (40) or worse, counted by message: what the bot complained about, for the report. */
  complaints(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const line of this.logs()) {
      if (line.level < 40) continue;
      const key = `${line.level >= 50 ? 'error' : 'warn'}: ${line.msg ?? '(no msg)'}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }

  /** The last lines of output, for failure messages. */
  tail(lines = 30): string {
    return (this.history + this.output).split('\n').filter(Boolean).slice(-lines).join('\n');
  }
}

/**
 * Posts an activity to `<url>/api/messages` as Teams does; never throws: a failure is a delivery of its
 * own kind. Each delivery on a connection of its own: a kept-alive one that the bot closes as idle
 * (after Node's 5 s) at the moment it is reused fails with "other side closed" before the bot saw the
 * request, and a test process lagging under load reuses such connections late; that is the client's
 * race, not the bot's answer.
 */
export function postActivity(url: string, activity: object, timeoutMs = 25_000): Promise<Delivery> {
  const started = Date.now();
  const body = JSON.stringify(activity);
  return new Promise((resolve) => {
    const failed = (err: Error & { code?: string }) =>
      resolve({ kind: 'network', error: `${err.name}: ${err.code ?? err.message}`, ms: Date.now() - started });
    const req = request(
      `${url}/api/messages`,
      {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', failed);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text || undefined;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // A plain-text answer stays text.
          }
          resolve({ kind: 'http', status: res.statusCode ?? 0, body: parsed, ms: Date.now() - started });
        });
      },
    );
    req.on('error', failed);
    req.end(body);
  });
}
