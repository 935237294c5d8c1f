import { randomInt } from 'node:crypto';
import type { Logger } from 'pino';
import * as restify from 'restify';
import { defaultDeck, type RandomInt } from '../domain';
import {
  MemoryAttemptLimiter,
  MemoryRateWindow,
  MemorySessionStore,
  MemoryUserAllowance,
  TEAMS_TENANT_LIMITS,
  type TableStore,
  type UserAllowance,
} from '../store';
import { SocialeBasisBot } from '../teams/bot';
import { sharedCardRenderer } from '../teams/publish/shared-cards';
import { useOutboundQueue } from '../teams/outbound/outbound';
import { OutboundQueue } from '../teams/outbound/outbound-queue';
import { SessionChannel } from '../teams/publish/session-channel';
import { SessionRunner } from '../app/session-runner';
import { AfterAnswer } from '../teams/outbound/after-answer';
import { SharedCardUpdater } from '../teams/publish/shared-card-updater';
import { TableRunner } from '../app/table-runner';
import { readActivity } from './activity-request';
import { BotAuthentication } from './bot-authentication';
import { isLoopback, type Config } from './config';
import { createStores, type Stores } from './create-store';
import { exportLinkSignerFromConfig, type ExportLinkSigner } from './export-links';
import { registerExportRoutes } from './export-routes';
import { registerInfoPages } from './info-pages';
import { PictureLinks } from './picture-links';
import { registerPictureRoutes } from './picture-routes';
import { createLogger, safeLogger } from './logger';
import { MessagesAdapter } from './messages-adapter';
import { TimerAnnouncer } from '../teams/outbound/timer-announcer';

export interface App {
  server: restify.Server;
  store: TableStore;
  updater: SharedCardUpdater;
  /** Posts that card actions left for after their answer; `idle()` waits for them (tests, shutdown). */
  afterAnswer: AfterAnswer;
  timers: TimerAnnouncer;
  /** Every post and update to a conversation goes through it. */
  outbound: OutboundQueue;
  /** Signs the download links of the exports (summary and totaalbeeld cards). */
  exportLinks: ExportLinkSigner;
  /** Signed links to the model picture of a table or a session (board, summary and channel cards). */
  pictures: PictureLinks;
  /** The organisers' sessions: stores and rules, and the proactive posts to their channel threads. */
  sessions: { runner: SessionRunner; channel: SessionChannel };
  log: Logger;
  /**
   * Listens on config.PORT (0 picks a free port) at config.HOST (127.0.0.1 without an app id, every
   * interface with one, unless HOST says otherwise) and resolves with the port.
   */
  listen(): Promise<number>;
  close(): Promise<void>;
}

/** How long after a click the durable reminder re-checks its shared card (a crashed process's pending update). */
const SHARED_CARD_REMINDER_MS = 3000;

export interface CreateAppOptions {
  stores?: Stores;
  log?: Logger;
  /** Draws the sessions' join codes (default: node:crypto); tests hand in one that repeats a code. */
  randomInt?: RandomInt;
}

export async function createApp(config: Config, options: CreateAppOptions = {}): Promise<App> {
  // A logger handed in (tests) gets the same protection against logging participants' text.
  const log = options.log ? safeLogger(options.log) : createLogger(config.LOG_LEVEL);
  const stores = options.stores ?? (await createStores(config, log));
  const store = stores.tables;

  if (!config.MICROSOFT_APP_ID) {
    log.warn(
      { host: config.HOST },
      config.HOST !== undefined && isLoopback(config.HOST)
        ? 'MICROSOFT_APP_ID is not set: the bot accepts requests WITHOUT authentication, from this machine only. Only for local runs and tests.'
        : 'MICROSOFT_APP_ID is not set and HOST opens the bot beyond this machine: it accepts requests WITHOUT authentication from anyone who can reach it, and posts wherever they tell it to. Only for tests on a closed network, never on the internet.',
    );
  }
  if (config.BOT_OPENID_METADATA_URL) {
    log.warn(
      { url: config.BOT_OPENID_METADATA_URL },
      'BOT_OPENID_METADATA_URL is set: request tokens are checked against keys from this address instead of login.botframework.com',
    );
  }
  const adapter = new MessagesAdapter(new BotAuthentication(config));
  // Without limits (tests only) a 429 is still waited out: holds work in any window.
  const rateWindow =
    config.OUTBOUND_RATE_LIMITS === 'off' ? new MemoryRateWindow({ limits: [] }) : (stores.rateWindow ?? new MemoryRateWindow());
  const tenantWindow =
    config.OUTBOUND_RATE_LIMITS === 'off' ? undefined : (stores.tenantWindow ?? new MemoryRateWindow({ limits: TEAMS_TENANT_LIMITS }));
  const outbound = new OutboundQueue(rateWindow, log, tenantWindow ? { tenantWindow } : {});
  useOutboundQueue(adapter, outbound);
  // The allowance keeps one person's questions from filling the send window; without a window, nothing to keep.
  const allowance: UserAllowance =
    config.OUTBOUND_RATE_LIMITS === 'off' ? { take: async () => ({ type: 'granted' }) } : (stores.allowance ?? new MemoryUserAllowance());

  const appId = config.MICROSOFT_APP_ID;
  // Known once the server listens; the links of a local run without PUBLIC_URL point there.
  let listeningPort: number | undefined;
  const exportLinks = exportLinkSignerFromConfig(config, log, () => listeningPort);
  const pictures = new PictureLinks(exportLinks, { days: config.EXPORT_LINK_DAYS });
  const updater = new SharedCardUpdater({
    adapter,
    appId,
    store,
    render: sharedCardRenderer(config.RETENTION_DAYS, pictures),
    log,
    intervalMs: config.SHARED_CARD_UPDATE_MS,
    reminders: { queue: stores.timers, afterMs: SHARED_CARD_REMINDER_MS },
  });
  const afterAnswer = new AfterAnswer(adapter, config.MICROSOFT_APP_ID, log);
  const timers = new TimerAnnouncer({
    adapter,
    appId,
    queue: stores.timers,
    tables: store,
    log,
    onCardReminder: (reminder) => updater.remind(reminder),
  });
  timers.start();
  const sessionStore = stores.sessions ?? new MemorySessionStore({ retentionMs: config.RETENTION_DAYS * 24 * 60 * 60 * 1000 });
  const sessionRunner = new SessionRunner({
    sessions: sessionStore,
    tables: store,
    randomInt: options.randomInt ?? randomInt,
    timers: stores.timers,
  });
  const sessionChannel = new SessionChannel({
    adapter,
    appId,
    runner: sessionRunner,
    log,
    links: (target, lang) => exportLinks.exportLinks(target, lang),
    pictures,
    retentionDays: config.RETENTION_DAYS,
  });
  const sessions = { runner: sessionRunner, channel: sessionChannel, codeAttempts: stores.codeAttempts ?? new MemoryAttemptLimiter() };
  const bot = new SocialeBasisBot({
    runner: new TableRunner(store),
    store,
    idempotency: stores.idempotency,
    allowance,
    updater,
    afterAnswer,
    sessions,
    timers,
    pictures,
    log,
    settings: { retentionDays: config.RETENTION_DAYS, maxParticipants: config.MAX_PARTICIPANTS, deck: defaultDeck },
  });

  // restify 11 logs through pino (its types still say bunyan): its lines get the same protection.
  const restifyLog = log.child({ component: 'restify' }) as unknown as restify.ServerOptions['log'];
  const server = restify.createServer({ name: 'sociale-basis-bot', log: restifyLog });
  // No body parser for the whole server: only /api/messages takes a body, read under a limit on its
  // inflated size (restify's bodyParser counts compressed bytes and inflates everything first).
  server.post('/api/messages', readActivity(log), async (req: restify.Request, res: restify.Response) => {
    await adapter.processRequest(req, res, (context) => bot.onTurn(context), log);
  });
  server.get('/healthz', async (_req, res) => {
    const storeUp = await store.ping();
    res.send(storeUp ? 200 : 503, { status: storeUp ? 'ok' : 'degraded', store: storeUp ? 'up' : 'down' });
  });
  // Signed export links, looked up in the same stores the runner writes (also when the tests hand in stores without sessions).
  registerExportRoutes(server, { links: exportLinks, tables: store, sessions: sessionStore, log });
  registerPictureRoutes(server, { links: pictures, tables: store, sessions: sessionStore, log });
  registerInfoPages(server, config.RETENTION_DAYS, config.EXPORT_LINK_DAYS);

  return {
    server,
    store,
    updater,
    afterAnswer,
    timers,
    outbound,
    exportLinks,
    pictures,
    sessions,
    log,
    listen: () =>
      new Promise((resolve) => {
        const listening = () => {
          listeningPort = server.address().port;
          resolve(listeningPort);
        };
        if (config.HOST === undefined) server.listen(config.PORT, listening);
        else server.listen(config.PORT, config.HOST, listening);
      }),
    close: async () => {
      await timers.stop();
      await afterAnswer.idle();
      await updater.flush();
      await sessionChannel.idle();
      await outbound.idle();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}
