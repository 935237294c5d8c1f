/**
 * What a turn's connector set-up costs before the bot runs: botbuilder's CloudAdapter asks its
 * authentication for a ConnectorFactory, a ConnectorClient (a whole Azure HTTP pipeline) and a
 * UserTokenClient on every turn, proactive ones too. This prints µs per turn for botbuilder's own
 * ConfigurationBotFrameworkAuthentication beside ours (BotAuthentication, which keeps the clients),
 * without an app id (as the bench runs) and with one (as production runs; no token is fetched).
 * Then a whole request without an app id, a turn that does nothing: as before (CloudAdapter.process,
 * which builds zod schemas per request, and a client per turn), with kept clients, and as now
 * (MessagesAdapter.processRequest with kept clients).
 *
 *     npx tsx bench/turn-setup.ts
 *
 * CPU only, one process, no network. Medians of 15 rounds of 200 turns.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import pino from 'pino';
import type { Request, Response } from 'restify';
import { AuthenticationConstants, ClaimsIdentity, type BotFrameworkAuthentication } from 'botframework-connector';
import { BotAuthentication } from '../src/server/bot-authentication';
import { loadConfig } from '../src/server/config';
import { MessagesAdapter } from '../src/server/messages-adapter';

const ROUNDS = 15;
const TURNS_PER_ROUND = 200;
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

async function microsPerTurn(turn: () => Promise<unknown>): Promise<number> {
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < TURNS_PER_ROUND; i++) await turn();
    rounds.push(Number(process.hrtime.bigint() - started) / 1000 / TURNS_PER_ROUND);
  }
  return rounds.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!;
}

/** What CloudAdapterBase.processProactive asks for (processActivity asks the same of the factory authenticateRequest returns). */
function turnOf(auth: BotFrameworkAuthentication, claims: ClaimsIdentity): () => Promise<unknown> {
  return async () => {
    const factory = auth.createConnectorFactory(claims);
    await factory.create(SERVICE_URL, undefined);
    return auth.createUserTokenClient(claims);
  };
}

const appId = '3f1b6c0e-5a8d-4c7e-9b21-7d4e2a9c1f00';
const envs: Array<[string, Record<string, string>]> = [
  ['no app id', {}],
  [
    'app id (SingleTenant)',
    { MICROSOFT_APP_ID: appId, MICROSOFT_APP_PASSWORD: 'not-a-secret', MICROSOFT_APP_TYPE: 'SingleTenant', MICROSOFT_APP_TENANT_ID: appId },
  ],
];

async function main(): Promise<void> {
  console.log('| configuration | botbuilder (a client per turn) | BotAuthentication (kept clients) |');
  console.log('| --- | --- | --- |');
  for (const [name, env] of envs) {
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', ...env });
    const ours = new BotAuthentication(config);
    const identity = claimsFor(config.MICROSOFT_APP_ID);
    const theirs = new ConfigurationBotFrameworkAuthentication(
      config.MICROSOFT_APP_ID
        ? {
            MicrosoftAppId: config.MICROSOFT_APP_ID,
            MicrosoftAppPassword: config.MICROSOFT_APP_PASSWORD,
            MicrosoftAppType: config.MICROSOFT_APP_TYPE,
            MicrosoftAppTenantId: config.MICROSOFT_APP_TENANT_ID,
          }
        : { MicrosoftAppType: 'MultiTenant' },
    );
    // Warm up both, so neither pays for the JIT in its figure.
    await microsPerTurn(turnOf(theirs, identity));
    await microsPerTurn(turnOf(ours, identity));
    const before = await microsPerTurn(turnOf(theirs, identity));
    const after = await microsPerTurn(turnOf(ours, identity));
    console.log(`| ${name} | ${before.toFixed(1)} µs | ${after.toFixed(1)} µs |`);
  }

  const config = loadConfig({ NODE_ENV: 'test', PORT: '0' });
  const log = pino({ level: 'silent' });
  const turn = async () => undefined;
  const asBefore = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({ MicrosoftAppType: 'MultiTenant' }));
  const kept = new CloudAdapter(new BotAuthentication(config));
  const ours = new MessagesAdapter(new BotAuthentication(config));
  const ways: Array<() => Promise<unknown>> = [
    () => asBefore.process(...exchange(), turn),
    () => kept.process(...exchange(), turn),
    () => ours.processRequest(...exchange(), turn, log),
  ];
  for (const way of ways) await microsPerTurn(way);
  const figures: number[] = [];
  for (const way of ways) figures.push(await microsPerTurn(way));
  console.log('');
  console.log(
    '| a request, no app id | CloudAdapter.process, a client per turn | CloudAdapter.process, kept clients | MessagesAdapter.processRequest, kept clients |',
  );
  console.log('| --- | --- | --- | --- |');
  console.log(`| a message, the turn does nothing | ${figures.map((f) => `${f.toFixed(1)} µs`).join(' | ')} |`);
}

const activity = JSON.stringify({
  type: 'message',
  id: 'a1',
  timestamp: new Date().toISOString(),
  serviceUrl: SERVICE_URL,
  channelId: 'msteams',
  from: { id: '29:user-1', name: 'Anna' },
  conversation: { id: '19:table@thread.v2', conversationType: 'groupChat', tenantId: 't' },
  recipient: { id: '28:bot', name: 'Sociale Basis' },
  text: 'status',
});

/** A request as readActivity leaves it and a response that writes nowhere. */
function exchange(): [Request, Response] {
  const req = { method: 'POST', body: JSON.parse(activity), headers: {} };
  const res = { status: () => undefined, header: () => undefined, send: () => undefined, end: () => undefined, sendRaw: () => undefined };
  return [req as unknown as Request, res as unknown as Response];
}

/** The identity continueConversationAsync builds for a proactive turn (audience and app id claims). */
function claimsFor(appId = ''): ClaimsIdentity {
  return new ClaimsIdentity([
    { type: AuthenticationConstants.AudienceClaim, value: appId },
    { type: AuthenticationConstants.AppIdClaim, value: appId },
  ]);
}

void main();
