import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy between the bot processes and Redis that can stop one exact reply from arriving: once
 * a command carrying `marker` has gone through to Redis, nothing more comes back on that connection.
 * With that, "Redis dies after it has written a click but before the bot has heard so" happens
 * every run, not by luck of timing: the test waits until the write is in Redis, then kills Redis.
 */
export class HoldingProxy {
  private readonly sockets = new Set<Socket>();
  private armed?: { marker: string; seen: () => void };

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(targetPort: number): Promise<HoldingProxy> {
    let proxy: HoldingProxy | undefined;
    const server = createServer((client) => proxy!.connect(client, targetPort));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    proxy = new HoldingProxy(server, typeof address === 'object' && address ? address.port : 0);
    return proxy;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
  }

  private connect(client: Socket, targetPort: number): void {
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    this.track(client);
    this.track(upstream);
    let recent = '';
    let held = false;
    client.on('data', (d: Buffer) => {
      if (this.armed) {
        // The marker may straddle two chunks: look in what came lately on this connection.
        recent = (recent + d.toString('latin1')).slice(-512 * 1024);
        if (recent.includes(this.armed.marker)) {
          held = true;
          const { seen } = this.armed;
          this.armed = undefined;
          seen();
        }
      }
      upstream.write(d);
    });
    upstream.on('data', (d: Buffer) => {
      if (!held) client.write(d);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }

  /** Resolves when a command containing `marker` has been passed on; from then on its connection gets no replies. */
  holdRepliesAfter(marker: string): Promise<void> {
    return new Promise((resolve) => {
      this.armed = { marker, seen: resolve };
    });
  }

  async close(): Promise<void> {
    this.sockets.forEach((s) => s.destroy());
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
