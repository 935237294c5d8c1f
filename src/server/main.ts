import { existsSync } from 'node:fs';
import { isIPv6 } from 'node:net';
import type { Logger } from 'pino';
import { ConfigError, loadConfig } from './config';
import { createApp } from './create-app';
import { flushLog } from './logger';

/** The app's logger once there is one: its lines are buffered (logger.ts), so they are written out before any exit. */
let log: Logger | undefined;

async function exit(code: number): Promise<never> {
  if (log) await flushLog(log);
  process.exit(code);
}

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  const app = await createApp(config);
  log = app.log;
  const port = await app.listen();
  app.log.info(
    { host: config.HOST ?? 'all interfaces', port, endpoint: `http://${endpointHost(config.HOST)}:${port}/api/messages` },
    'Sociale Basis bot is listening',
  );
  const shutdown = (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    void app.close().finally(() => exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

/** The host to reach the bot at from this machine: the address it listens on, or localhost for all interfaces. */
function endpointHost(host: string | undefined): string {
  if (host === undefined || host === '0.0.0.0' || host === '::') return 'localhost';
  return isIPv6(host) ? `[${host}]` : host;
}

main().catch(async (err: unknown) => {
  // Configuration errors are the admin's to fix: say what, without a stack trace.
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(err);
  await exit(1);
});
