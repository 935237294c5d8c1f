/**
 * Over HTTP, the connector clients are built once per service URL and kept across turns (issue
 * 14), and what a turn sends still reaches the service URL of its own activity: two chats behind
 * two connector stand-ins, each answered at its own.
 */
import { ConnectorFactoryImpl } from 'botframework-connector/lib/auth/connectorFactoryImpl';
import { startApp } from '../support/app-harness';
import { ConnectorStandIn } from '../support/connector-stand-in';
import { groupChat, message, user } from '../support/teams-activity';

const ANNA = user(1, 'Anna Achterberg');

describe('connector clients kept across turns', () => {
  let h: Awaited<ReturnType<typeof startApp>>;
  let other: ConnectorStandIn;
  const builtFor: string[] = [];

  beforeAll(async () => {
    other = await new ConnectorStandIn().start();
    h = await startApp();
    const create = ConnectorFactoryImpl.prototype.create;
    jest.spyOn(ConnectorFactoryImpl.prototype, 'create').mockImplementation(function (this: ConnectorFactoryImpl, serviceUrl, audience) {
      builtFor.push(serviceUrl);
      return create.call(this, serviceUrl, audience);
    });
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await h?.close();
    await other?.stop();
  });

  /** Says `help` in a new chat behind `connector` and returns the posts that chat got there. */
  async function help(connector: ConnectorStandIn): Promise<number> {
    const chat = groupChat();
    const res = await h.post(message(connector.url, chat, ANNA, 'help', { mentionBot: true }));
    expect(res.status).toBe(200);
    await h.app.outbound.idle();
    return connector.calls.filter((c) => c.conversationId === chat.id && c.method === 'POST').length;
  }

  it('three turns at two service URLs build two clients, and each turn posts to its own', async () => {
    expect(await help(h.connector)).toBeGreaterThan(0);
    expect(await help(h.connector)).toBeGreaterThan(0);
    expect(await help(other)).toBeGreaterThan(0);
    expect(await help(h.connector)).toBeGreaterThan(0);
    expect(builtFor).toEqual([h.connector.url, other.url]);
    // Nothing of another chat went to the wrong stand-in.
    const conversations = (s: ConnectorStandIn) => new Set(s.calls.map((c) => c.conversationId));
    expect([...conversations(other)].filter((id) => conversations(h.connector).has(id))).toEqual([]);
  });
});
