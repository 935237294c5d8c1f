import pino, { type Logger } from 'pino';
import { loadConfig } from '../../src/server/config';
import { createApp } from '../../src/server/create-app';
import type { RandomInt } from '../../src/domain';
import type { Stores } from '../../src/server/create-store';
import type { Harness } from './bot-under-test';
import { ConnectorStandIn } from './connector-stand-in';

/**
 * Like `startHarness`, for tests that need to hand the app its stores or logger, or to post with
 * their own headers (authentication). `connector` may be one the test already started.
 */
export async function startApp(
  env: Record<string, string> = {},
  opts: { stores?: Stores; log?: Logger; connector?: ConnectorStandIn; randomInt?: RandomInt } = {},
): Promise<Harness & { post(activity: object, headers?: Record<string, string>): Promise<{ status: number; body: any }> }> {
  const connector = opts.connector ?? (await new ConnectorStandIn().start());
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', SHARED_CARD_UPDATE_MS: '50', ...env });
  const app = await createApp(config, {
    log: opts.log ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    ...(opts.stores ? { stores: opts.stores } : {}),
    ...(opts.randomInt ? { randomInt: opts.randomInt } : {}),
  });
  const port = await app.listen();
  const botUrl = `http://127.0.0.1:${port}/api/messages`;
  const post = async (activity: object, headers: Record<string, string> = {}) => {
    const res = await fetch(botUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    // A card action's posts go out after its answer: the test reads the chat once they are there.
    await app.afterAnswer.idle();
    let body: any = text || undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // A refused request is answered in plain text.
    }
    return { status: res.status, body };
  };
  return {
    app,
    connector,
    botUrl,
    post,
    send: (activity) => post(activity),
    async close() {
      await app.close();
      if (!opts.connector) await connector.stop();
    },
  };
}
