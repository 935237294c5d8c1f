/**
 * POST /api/messages without CloudAdapter.process (issue 14: it built zod schemas per request):
 * the activity is fixed up as botbuilder does it, the turn's answer is written as botbuilder
 * writes it, and a failure is logged through our logger and answered without its message.
 */
import type { Activity, TurnContext } from 'botbuilder';
import type { Request, Response } from 'restify';
import { BotAuthentication } from '../../src/server/bot-authentication';
import { loadConfig } from '../../src/server/config';
import { safeLogger } from '../../src/server/logger';
import { MessagesAdapter } from '../../src/server/messages-adapter';
import { captureLog } from '../support/log-capture';
import { cardAction, groupChat, message, user } from '../support/teams-activity';

const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const ANNA = user(1, 'Anna Achterberg');
const SECRET = 'Mijn-argument-over-de-buurtkroeg-4711';

interface Written {
  status?: number;
  body?: unknown;
  ended: boolean;
  raw?: { status: number; text: string; headers: Record<string, string> };
}

function exchange(activity: object, headers: Record<string, string> = {}): { req: Request; res: Response; written: Written } {
  const written: Written = { ended: false };
  const res = {
    status: (status: number) => void (written.status = status),
    send: (body: unknown) => void (written.body = body),
    end: () => void (written.ended = true),
    sendRaw: (status: number, text: string, headers: Record<string, string>) => void (written.raw = { status, text, headers }),
  };
  // A body as readActivity leaves it: parsed JSON, so the timestamps are strings.
  const req = { body: JSON.parse(JSON.stringify(activity)), headers };
  return { req: req as unknown as Request, res: res as unknown as Response, written };
}

function adapter(env: Record<string, string> = {}): MessagesAdapter {
  return new MessagesAdapter(new BotAuthentication(loadConfig({ NODE_ENV: 'test', PORT: '0', ...env })));
}

describe('MessagesAdapter.processRequest', () => {
  it('runs the turn on the activity with its timestamps as Dates, as botbuilder fixes them, and answers 200', async () => {
    const activity = message(SERVICE_URL, groupChat(), ANNA, 'help');
    const { req, res, written } = exchange(activity);
    let seen: (Partial<Activity> & { rawTimestamp?: string }) | undefined;
    await adapter().processRequest(req, res, async (context) => void (seen = context.activity), captureLog().log);
    expect(seen?.id).toBe(activity.id);
    expect(seen?.timestamp).toBeInstanceOf(Date);
    expect((seen?.timestamp as Date).toISOString()).toBe(activity.timestamp);
    expect(seen?.rawTimestamp).toBe(activity.timestamp);
    expect(written).toEqual({ status: 200, ended: true });
  });

  it("writes an invoke's answer: its status and body", async () => {
    const { req, res, written } = exchange(cardAction(SERVICE_URL, groupChat(), ANNA, 'join'));
    const body = { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: { type: 'AdaptiveCard' } };
    const answer = async (context: TurnContext) =>
      void (await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body } }));
    await adapter().processRequest(req, res, answer, captureLog().log);
    expect(written).toEqual({ status: 200, body, ended: true });
  });

  it('an invoke the turn did not answer gets 501, as botbuilder answers it', async () => {
    const { req, res, written } = exchange(cardAction(SERVICE_URL, groupChat(), ANNA, 'join'));
    await adapter().processRequest(req, res, async () => undefined, captureLog().log);
    expect(written).toEqual({ status: 501, ended: true });
  });

  it('a failure outside the turn: 500 with a neutral body, logged through the safe logger with the activity id', async () => {
    const captured = captureLog();
    const activity = message(SERVICE_URL, groupChat(), ANNA, 'help');
    const { req, res, written } = exchange(activity);
    const failing = async () => {
      throw Object.assign(new Error(`Bad request: "${SECRET}"`), { statusCode: 400 });
    };
    const consoleError = jest.spyOn(console, 'error');
    try {
      await adapter().processRequest(req, res, failing, safeLogger(captured.log));
      expect(consoleError).not.toHaveBeenCalled();
    } finally {
      consoleError.mockRestore();
    }
    expect(written.raw).toEqual({
      status: 500,
      text: 'The activity could not be processed.',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
    expect(written.status).toBeUndefined();
    expect(captured.records().at(-1)).toMatchObject({
      level: 50,
      status: 500,
      activityId: activity.id,
      err: { type: 'Error', statusCode: 400 },
    });
    expect(captured.text()).not.toContain(SECRET);
  });

  it('a refused token: 401 with a neutral body, and the turn never runs', async () => {
    const captured = captureLog();
    const appId = '3f1b6c0e-5a8d-4c7e-9b21-7d4e2a9c1f00';
    const withAppId = adapter({
      MICROSOFT_APP_ID: appId,
      MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
      MICROSOFT_APP_TYPE: 'SingleTenant',
      MICROSOFT_APP_TENANT_ID: appId,
    });
    const { req, res, written } = exchange(message(SERVICE_URL, groupChat(), ANNA, 'help'));
    const turn = jest.fn(async () => undefined);
    await withAppId.processRequest(req, res, turn, captured.log);
    expect(turn).not.toHaveBeenCalled();
    expect(written.raw).toMatchObject({ status: 401, text: 'Unauthorized.' });
    expect(captured.records().at(-1)).toMatchObject({ level: 40, status: 401, err: { type: 'AuthenticationError' } });
  });
});
