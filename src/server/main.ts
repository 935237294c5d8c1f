import { existsSync } from 'node:fs';
import { ConfigError, loadConfig } from './config';
import { createApp } from './create-app';

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  const app = await createApp(config);
  const port = await app.listen();
  app.log.info({ port, endpoint: `http://localhost:${port}/api/messages` }, 'Sociale Basis bot is listening');
  const shutdown = (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    app.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  // Configuration errors are the admin's to fix: say what, without a stack trace.
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
