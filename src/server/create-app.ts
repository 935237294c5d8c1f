import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import pino, { type Logger } from 'pino';
import * as restify from 'restify';
import { defaultDeck } from '../domain';
import type { TableStore } from '../store';
import { SocialeBasisBot } from '../teams/bot';
import { sharedCardRenderer } from '../teams/effects';
import { SharedCardUpdater } from '../teams/shared-card-updater';
import { TableRunner } from '../teams/table-runner';
import type { Config } from './config';
import { createStores, type Stores } from './create-store';
import { TimerAnnouncer } from '../teams/timer-announcer';

export interface App {
  server: restify.Server;
  store: TableStore;
  updater: SharedCardUpdater;
  timers: TimerAnnouncer;
  log: Logger;
  /** Listens on config.PORT (0 picks a free port) and resolves with the port. */
  listen(): Promise<number>;
  close(): Promise<void>;
}

export async function createApp(config: Config, options: { stores?: Stores; log?: Logger } = {}): Promise<App> {
  const log = options.log ?? pino({ level: config.LOG_LEVEL, base: { app: 'sociale-basis-bot' } });
  const stores = options.stores ?? (await createStores(config, log));
  const store = stores.tables;

  if (!config.MICROSOFT_APP_ID) {
    log.warn('MICROSOFT_APP_ID is not set: the bot accepts requests WITHOUT authentication. Only for local runs and tests, never on the internet.');
  }
  // Without an app id botbuilder only accepts the anonymous (multi-tenant) shape of configuration.
  const auth = new ConfigurationBotFrameworkAuthentication(
    config.MICROSOFT_APP_ID
      ? {
          MicrosoftAppId: config.MICROSOFT_APP_ID,
          MicrosoftAppPassword: config.MICROSOFT_APP_PASSWORD,
          MicrosoftAppType: config.MICROSOFT_APP_TYPE,
          MicrosoftAppTenantId: config.MICROSOFT_APP_TENANT_ID,
        }
      : { MicrosoftAppType: 'MultiTenant' },
  );
  const adapter = new CloudAdapter(auth);

  const updater = new SharedCardUpdater(adapter, config.MICROSOFT_APP_ID, store, sharedCardRenderer(config.RETENTION_DAYS), log, config.SHARED_CARD_UPDATE_MS);
  const timers = new TimerAnnouncer(adapter, config.MICROSOFT_APP_ID, stores.timers, log);
  timers.start();
  const bot = new SocialeBasisBot({
    runner: new TableRunner(store),
    store,
    updater,
    timers,
    log,
    settings: { retentionDays: config.RETENTION_DAYS, maxParticipants: config.MAX_PARTICIPANTS, deck: defaultDeck },
  });

  const server = restify.createServer({ name: 'sociale-basis-bot' });
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024 }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.onTurn(context));
  });
  server.get('/healthz', async (_req, res) => {
    const storeUp = await store.ping();
    res.send(storeUp ? 200 : 503, { status: storeUp ? 'ok' : 'degraded', store: storeUp ? 'up' : 'down' });
  });

  return {
    server,
    store,
    updater,
    timers,
    log,
    listen: () =>
      new Promise((resolve) => {
        server.listen(config.PORT, () => {
          const address = server.address();
          resolve(address.port);
        });
      }),
    close: async () => {
      await timers.stop();
      await updater.flush();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}
