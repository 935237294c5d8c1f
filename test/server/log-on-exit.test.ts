/**
 * The bot's log lines are buffered (logger.ts, issue 14): the real process (src/server/main.ts)
 * still writes every line it logged when it is stopped, the last turn's included.
 */
import { BotProcess } from '../resilience/support/bot-process';
import { ConnectorStandIn } from '../support/connector-stand-in';
import { REDIS_URL, removeRedisKeys, uniqueRedisPrefix } from '../support/e2e-table';
import { groupChat, message, user } from '../support/teams-activity';

jest.setTimeout(60_000);

describe('log lines when the process stops', () => {
  const prefix = uniqueRedisPrefix();
  const bot = new BotProcess('log-on-exit', { REDIS_URL, REDIS_KEY_PREFIX: prefix, LOG_LEVEL: 'info' });
  let connector: ConnectorStandIn;

  beforeAll(async () => {
    connector = await new ConnectorStandIn().start();
    await bot.start();
  });

  afterAll(async () => {
    await bot.stop();
    bot.dispose('log-on-exit');
    await connector?.stop();
    await removeRedisKeys(REDIS_URL, prefix);
  });

  it('on SIGTERM, the lines still in the buffer are written before the process exits', async () => {
    const chat = groupChat();
    const delivery = await bot.send(message(connector.url, chat, user(1), 'help', { mentionBot: true }));
    expect(delivery).toMatchObject({ kind: 'http', status: 200 });
    await bot.stop();
    expect(bot.exit).toEqual({ code: 0, signal: null });
    const lines = bot.logs();
    expect(lines.filter((l) => l.msg === 'turn' && l.conversation === chat.id)).toHaveLength(1);
    expect(lines.at(-1)?.msg).toBe('shutting down');
  });
});
