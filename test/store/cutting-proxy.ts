import { createConnection, createServer, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a Redis that can cut the connection at one exact moment: after the server
 * has run a command but before its reply reaches the client (a network blip, a load balancer reset).
 */
export interface CuttingProxy {
  port: number;
  url: string;
  /** The next reply from the server is dropped and both sides of that connection are closed. */
  cutOnNextReply(): void;
  close(): Promise<void>;
}

export function startCuttingProxy(targetPort: number): Promise<CuttingProxy> {
  let cut = false;
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
  };
  const server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    track(client);
    track(upstream);
    client.on('data', (d) => upstream.write(d));
    upstream.on('data', (d) => {
      if (cut) {
        cut = false;
        upstream.destroy();
        client.destroy();
        return;
      }
      client.write(d);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        port,
        url: `redis://127.0.0.1:${port}`,
        cutOnNextReply: () => void (cut = true),
        close: () =>
          new Promise<void>((done) => {
            sockets.forEach((s) => s.destroy());
            server.close(() => done());
          }),
      });
    });
  });
}
