/**
 * The connector and user token clients are built once and kept (issue 14: a pipeline per turn was
 * about 10 % of a click), bounded, and never handed to a turn for another service URL, audience or
 * app id. With an app id, a kept client still carries credentials for that app id and audience.
 */
import { AuthenticationConstants, ClaimsIdentity, type ConnectorClient } from 'botframework-connector';
import { BotAuthentication } from '../../src/server/bot-authentication';
import { loadConfig } from '../../src/server/config';
import { KeptClients } from '../../src/server/kept-clients';

const APP_ID = '3f1b6c0e-5a8d-4c7e-9b21-7d4e2a9c1f00';
const TENANT_ID = 'c1a2b3c4-0000-4000-8000-000000000001';
const EMEA = 'https://smba.trafficmanager.net/emea/';
const AMER = 'https://smba.trafficmanager.net/amer/';
const SKILL_AUDIENCE = '9a8b7c6d-0000-4000-8000-000000000abc';

/** The identity continueConversationAsync builds for a proactive turn. */
function claimsFor(appId = ''): ClaimsIdentity {
  return new ClaimsIdentity([
    { type: AuthenticationConstants.AudienceClaim, value: appId },
    { type: AuthenticationConstants.AppIdClaim, value: appId },
  ]);
}

/** What the client was built for: its address and its credentials' app id and scope. */
function builtFor(client: ConnectorClient): { baseUri: unknown; appId: unknown; scope: unknown } {
  const c = client as unknown as { baseUri?: string; credentials: { appId?: string; oAuthScope?: string } };
  return { baseUri: c.baseUri, appId: c.credentials.appId, scope: c.credentials.oAuthScope };
}

describe('KeptClients', () => {
  const counting = () => {
    const built: string[] = [];
    return { built, build: (key: string) => () => (built.push(key), Promise.resolve({ key })) };
  };

  it('builds a key once and hands the same client out again', async () => {
    const kept = new KeptClients<{ key: string }>();
    const { built, build } = counting();
    const first = await kept.get('a', build('a'));
    expect(await kept.get('a', build('a'))).toBe(first);
    expect(await kept.get('b', build('b'))).not.toBe(first);
    expect(built).toEqual(['a', 'b']);
  });

  it('two asking at once share one build', async () => {
    const kept = new KeptClients<{ key: string }>();
    const { built, build } = counting();
    const [x, y] = await Promise.all([kept.get('a', build('a')), kept.get('a', build('a'))]);
    expect(x).toBe(y);
    expect(built).toEqual(['a']);
  });

  it('keeps at most its capacity, letting the least recently used go', async () => {
    const kept = new KeptClients<{ key: string }>(2);
    const { built, build } = counting();
    const a = await kept.get('a', build('a'));
    await kept.get('b', build('b'));
    expect(await kept.get('a', build('a'))).toBe(a); // a is now the most recently used
    await kept.get('c', build('c')); // b goes
    expect(kept.size).toBe(2);
    expect(await kept.get('a', build('a'))).toBe(a);
    await kept.get('b', build('b'));
    expect(built).toEqual(['a', 'b', 'c', 'b']);
  });

  it('does not keep a build that failed', async () => {
    const kept = new KeptClients<string>();
    await expect(kept.get('a', () => Promise.reject(new Error('login failed')))).rejects.toThrow('login failed');
    expect(await kept.get('a', () => Promise.resolve('second try'))).toBe('second try');
  });
});

describe.each([
  ['without an app id', {}, undefined],
  [
    'with an app id',
    {
      MICROSOFT_APP_ID: APP_ID,
      MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
      MICROSOFT_APP_TYPE: 'SingleTenant',
      MICROSOFT_APP_TENANT_ID: TENANT_ID,
    },
    APP_ID,
  ],
] as Array<[string, Record<string, string>, string | undefined]>)('BotAuthentication %s', (_name, env, appId) => {
  const auth = () => new BotAuthentication(loadConfig({ NODE_ENV: 'test', PORT: '0', ...env }), { keep: 2 });
  const claims = claimsFor(appId);

  it('turns to the same service URL get one connector client, through factories of their own', async () => {
    const a = auth();
    const first = await a.createConnectorFactory(claims).create(EMEA);
    const second = await a.createConnectorFactory(claimsFor(appId)).create(EMEA);
    expect(second).toBe(first);
    expect(builtFor(first).baseUri).toBe(EMEA);
  });

  it('another service URL or audience gets a client of its own, built for it', async () => {
    const a = auth();
    const emea = await a.createConnectorFactory(claims).create(EMEA);
    const amer = await a.createConnectorFactory(claims).create(AMER);
    expect(amer).not.toBe(emea);
    expect(builtFor(amer).baseUri).toBe(AMER);
    const skill = await a.createConnectorFactory(claims).create(EMEA, SKILL_AUDIENCE);
    expect(skill).not.toBe(emea);
    expect(builtFor(skill).baseUri).toBe(EMEA);
    if (appId) {
      expect(builtFor(emea)).toMatchObject({ appId, scope: AuthenticationConstants.ToChannelFromBotOAuthScope });
      expect(builtFor(skill)).toMatchObject({ appId, scope: SKILL_AUDIENCE });
    }
  });

  it('keeps at most `keep` connector clients', async () => {
    const a = auth();
    const emea = await a.createConnectorFactory(claims).create(EMEA);
    const amer = await a.createConnectorFactory(claims).create(AMER);
    await a.createConnectorFactory(claims).create('https://smba.trafficmanager.net/apac/');
    expect(await a.createConnectorFactory(claims).create(AMER)).toBe(amer);
    expect(await a.createConnectorFactory(claims).create(EMEA)).not.toBe(emea);
  });

  it('one user token client per app id', async () => {
    const a = auth();
    const first = await a.createUserTokenClient(claims);
    expect(await a.createUserTokenClient(claimsFor(appId))).toBe(first);
  });

  it('two authentications keep their clients apart', async () => {
    const [one, two] = [auth(), auth()];
    expect(await two.createConnectorFactory(claims).create(EMEA)).not.toBe(await one.createConnectorFactory(claims).create(EMEA));
  });
});
