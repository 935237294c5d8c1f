import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway `redis-server` for fault tests: no persistence, its own temp dir, local only. */
export interface RedisServer {
  port: number;
  url: string;
  pid: number;
  /** SIGTERM, wait for the exit, remove the temp dir. */
  stop(): Promise<void>;
  /** SIGKILL (a crash), wait for the exit, remove the temp dir. */
  kill(): Promise<void>;
  /** SIGSTOP: the process keeps its sockets open but answers nothing (a frozen host or partition). */
  freeze(): void;
  /** SIGCONT after `freeze`. */
  thaw(): void;
}

const running = new Set<ChildProcess>();
const handles = new Set<RedisServer>();

// A jest worker that dies must not leave servers behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** For `afterAll`: kills every server this process started that is still running. */
export async function killAllRedisServers(): Promise<void> {
  await Promise.all([...handles].map((server) => server.kill()));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts `redis-server` on `port` (a free one if omitted) and resolves once it answers PING; `extraArgs` go on its command line. */
export async function startRedisServer(port?: number, extraArgs: readonly string[] = []): Promise<RedisServer> {
  const chosen = port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'sb-redis-'));
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(chosen),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--daemonize',
      'no',
      '--loglevel',
      'warning',
      ...extraArgs,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.add(child);
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  let spawnError: Error | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    // Spawning failed (no redis-server on PATH): no 'exit' follows.
    child.once('error', (err) => {
      spawnError = err;
      resolve();
    });
  });
  void exited.then(() => running.delete(child));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  let server: RedisServer | undefined;

  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      // A frozen server handles SIGTERM only once it runs again; SIGKILL needs no help (and must not
      // let a frozen server answer anything before it dies).
      if (signal !== 'SIGKILL') child.kill('SIGCONT');
    }
    await exited;
    removeDir();
    if (server) handles.delete(server);
  };

  try {
    await waitForPong(chosen, 5000, () =>
      spawnError
        ? `cannot start redis-server: ${spawnError.message}`
        : child.exitCode !== null
          ? `redis-server exited (${child.exitCode}): ${output}`
          : undefined,
    );
  } catch (err) {
    await end('SIGKILL');
    throw err;
  }

  if (child.pid === undefined) throw new Error('redis-server has no pid');
  const pid = child.pid;
  server = {
    port: chosen,
    url: `redis://127.0.0.1:${chosen}`,
    pid,
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
    freeze: () => void child.kill('SIGSTOP'),
    thaw: () => void child.kill('SIGCONT'),
  };
  handles.add(server);
  return server;
}

async function waitForPong(port: number, timeoutMs: number, failure: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const early = failure();
    if (early) throw new Error(early);
    if (await pingOnce(port)) return;
    if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer PING within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A raw RESP PING, so the helper needs no client and leaves no reconnecting client behind: true only for +PONG (not -LOADING, not a refused connection). */
export function pingOnce(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.on('data', (d) => {
      reply += d.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
    socket.once('connect', () => socket.write('PING\r\n'));
  });
}
