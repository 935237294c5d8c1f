/**
 * A throwaway redis-server with the persistence production needs, that can be killed (SIGKILL, a
 * crash) and started again on the same port with the same data directory, so it reloads its
 * append-only file. (test/support/redis-server.ts runs without persistence and removes its
 * directory on kill: right for the other tests, not for a restart.)
 *
 * Settings, as production needs them:
 * - `appendonly yes`: every write goes to the AOF, which a restart replays.
 * - `appendfsync always` (default here): Redis fsyncs the AOF before it answers a write, so a write
 *   the bot was told succeeded — and so a submission the bot confirmed — survives any crash. With
 *   `everysec` a crash of redis-server itself usually loses nothing either (the write(2) to the
 *   page cache comes before the answer), but Redis may hold that write back for up to 2 s while a
 *   slow background fsync runs, and a host crash loses up to a second of confirmed writes: then
 *   "every acknowledged submission is there after the restart" no longer holds by contract.
 *   `RESILIENCE_APPENDFSYNC=everysec` runs the test with it anyway.
 * - `maxmemory-policy noeviction`: a full Redis refuses writes (the user hears "probeer het zo
 *   opnieuw") instead of silently evicting a table.
 * - `save ""`: no RDB snapshots; the AOF is the only persistence.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, pingOnce } from '../../support/redis-server';

export type AppendFsync = 'always' | 'everysec';

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export class AofRedis {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  private output = '';
  /** How many times a server was started on this directory. */
  starts = 0;

  private constructor(
    readonly port: number,
    readonly dir: string,
    readonly appendfsync: AppendFsync,
  ) {}

  static async start(appendfsync: AppendFsync = 'always'): Promise<AofRedis> {
    const server = new AofRedis(await freePort(), mkdtempSync(join(tmpdir(), 'sb-aof-redis-')), appendfsync);
    await server.launch();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get alive(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The command-line settings, as documented above. */
  get settings(): string[] {
    return ['--appendonly', 'yes', '--appendfsync', this.appendfsync, '--maxmemory-policy', 'noeviction', '--save', ''];
  }

  private async launch(): Promise<void> {
    this.output = '';
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--dir',
        this.dir,
        '--daemonize',
        'no',
        '--loglevel',
        'warning',
        ...this.settings,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    running.add(child);
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    this.exited = new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.once('error', (err) => {
        this.output += `spawn error: ${err.message}`;
        resolve();
      });
    });
    void this.exited.then(() => running.delete(child));
    // PING answers -LOADING while the AOF is replayed: PONG means the data is back.
    const deadline = Date.now() + 15_000;
    while (!(await pingOnce(this.port))) {
      if (!this.alive) throw new Error(`redis-server exited: ${this.output}`);
      if (Date.now() > deadline) throw new Error(`redis-server on ${this.port} did not answer PING: ${this.output}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    this.starts++;
  }

  /** SIGKILL: a crash. The data directory (and its AOF) stays. */
  async crash(): Promise<void> {
    if (this.alive) this.child!.kill('SIGKILL');
    await this.exited;
  }

  /** Starts a new server on the same port and directory; resolves when it has loaded the AOF. */
  async restart(): Promise<void> {
    if (this.alive) throw new Error('redis-server is still running');
    await this.launch();
  }

  /** For afterAll: kill whatever runs and remove the directory. */
  async dispose(): Promise<void> {
    await this.crash();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
