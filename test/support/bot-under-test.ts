import pino from 'pino';
import { loadConfig } from '../../src/server/config';
import { createApp, type App } from '../../src/server/create-app';
import { ConnectorStandIn } from './connector-stand-in';
import { TEST_COMMAND_TIMEOUT_MS } from './redis-run';

export interface Harness {
  app: App;
  connector: ConnectorStandIn;
  botUrl: string;
  /** Posts an activity to /api/messages as Teams would; returns status and the JSON body. */
  send(activity: object): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/**
 * The real server (restify, CloudAdapter, store) listening on a free port, without an app id so no
 * token is needed, and a stand-in connector that records what it sends back.
 */
export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const connector = await new ConnectorStandIn().start();
  // Teams' send limits are tested on their own (test/e2e/outbound-throttling.test.ts); here they would
  // only make every table wait seconds for its next card.
  // REDIS_COMMAND_TIMEOUT_MS: the 2 s fail-fast is the resilience tests' subject; on a loaded test
  // machine a healthy Redis can take longer, and "probeer het zo opnieuw" would fail a test about else.
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    SHARED_CARD_UPDATE_MS: '50',
    OUTBOUND_RATE_LIMITS: 'off',
    REDIS_COMMAND_TIMEOUT_MS: String(TEST_COMMAND_TIMEOUT_MS),
    ...env,
  });
  const app = await createApp(config, { log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
  const port = await app.listen();
  const botUrl = `http://127.0.0.1:${port}/api/messages`;
  return {
    app,
    connector,
    botUrl,
    async send(activity) {
      const res = await fetch(botUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      const text = await res.text();
      // A card action's posts go out after its answer: the test reads the chat once they are there.
      await app.afterAnswer.idle();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    async close() {
      await app.close();
      await connector.stop();
    },
  };
}
