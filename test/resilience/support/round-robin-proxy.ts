import { createServer, request, type Server } from 'node:http';
import { postActivity, type Delivery } from './bot-process';

/** Where a request is sent: a bot process, as `BotProcess` is one. */
export interface Backend {
  readonly name: string;
  readonly url: string;
}

/**
 * A small HTTP load balancer: each request goes to the next bot process in turn, as Azure's front
 * door spreads Teams' requests without affinity. A re-sent activity lands on another process than
 * the first copy, so every answer depends on what the processes share (the store), not on memory.
 */
export class RoundRobinProxy {
  private next = 0;
  /** Requests forwarded per backend name. */
  readonly forwarded = new Map<string, number>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(backends: readonly Backend[]): Promise<RoundRobinProxy> {
    let proxy: RoundRobinProxy | undefined;
    const server = createServer((req, res) => {
      const backend = backends[proxy!.next++ % backends.length]!;
      proxy!.forwarded.set(backend.name, (proxy!.forwarded.get(backend.name) ?? 0) + 1);
      const target = new URL(req.url ?? '/', backend.url);
      const upstream = request(target, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      // A dead process is the load balancer's 502, as a real one answers.
      upstream.on('error', () => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      req.pipe(upstream);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    proxy = new RoundRobinProxy(server, typeof address === 'object' && address ? address.port : 0);
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Posts an activity through the balancer, as Teams does; never throws (as `BotProcess.send`). */
  send(activity: object, timeoutMs = 25_000): Promise<Delivery> {
    return postActivity(this.url, activity, timeoutMs);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
