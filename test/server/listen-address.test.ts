/**
 * Without an app id the bot accepts requests without authentication and posts to whatever address
 * an activity names, so it listens on 127.0.0.1 only, unless HOST says otherwise; with an app id it
 * listens on every interface, as before. Checked on the running server: the address it is bound to,
 * and whether a connection to this machine's own network address gets through.
 */
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import pino from 'pino';
import { loadConfig } from '../../src/server/config';
import { createApp, type App } from '../../src/server/create-app';

const APP_ID = '3f1b6c0e-5a8d-4c7e-9b21-7d4e2a9c1f00';
const TENANT = 'c1a2b3c4-0000-4000-8000-000000000001';
const AUTHENTICATED = { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 's3cret', MICROSOFT_APP_TENANT_ID: TENANT };

/** This machine's address on its network (not loopback), when it has one. */
const NETWORK_ADDRESS = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && !i.internal && i.family === 'IPv4')?.address;

async function started(env: Record<string, string>): Promise<{ app: App; port: number; address: string }> {
  const app = await createApp(loadConfig({ NODE_ENV: 'test', PORT: '0', ...env }), { log: pino({ level: 'silent' }) });
  const port = await app.listen();
  return { app, port, address: app.server.address().address };
}

/** Whether a TCP connection to host:port is accepted. */
function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('the address the bot listens on', () => {
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('without an app id: 127.0.0.1 only; not reachable over the network, reachable as localhost', async () => {
    const s = await started({});
    app = s.app;
    expect(s.address).toBe('127.0.0.1');
    if (NETWORK_ADDRESS) expect(await reachable(NETWORK_ADDRESS, s.port)).toBe(false);
    // Tests, the Playground and developers use http://localhost:<port>; Node tries 127.0.0.1 too
    // when localhost resolves to ::1 first.
    const health = await fetch(`http://localhost:${s.port}/healthz`);
    expect(health.status).toBe(200);
  });

  it('without an app id and HOST=0.0.0.0: every interface, as HOST says', async () => {
    const s = await started({ HOST: '0.0.0.0' });
    app = s.app;
    expect(s.address).toBe('0.0.0.0');
    if (NETWORK_ADDRESS) expect(await reachable(NETWORK_ADDRESS, s.port)).toBe(true);
  });

  it('with an app id: every interface, as before', async () => {
    const s = await started(AUTHENTICATED);
    app = s.app;
    expect(['::', '0.0.0.0']).toContain(s.address);
    if (NETWORK_ADDRESS) expect(await reachable(NETWORK_ADDRESS, s.port)).toBe(true);
  });

  it('with an app id and HOST=127.0.0.1: 127.0.0.1, as HOST says (e.g. behind a local proxy)', async () => {
    const s = await started({ ...AUTHENTICATED, HOST: '127.0.0.1' });
    app = s.app;
    expect(s.address).toBe('127.0.0.1');
  });
});
