/**
 * No participant's text ever reaches a log line: not the table's title, not arguments, not a guest's
 * name or a conclusion, not the text of a message. The hard case is a failed send: the error from
 * the connector client carries the request (with the card JSON), and Teams' error answer can quote
 * it. Here the connector fails every send and echoes the whole request in its error message, and
 * the log, captured in memory through the real server, must still not contain the text.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LEIDER, person } from '../fixtures/round1-people';
import { startApp } from '../support/app-harness';
import { ConnectorStandIn } from '../support/connector-stand-in';
import { E2ETable, type PickSpec } from '../support/e2e-table';
import { captureLog } from '../support/log-capture';
import { cardAction } from '../support/teams-activity';

const ANNA = person(0);
const BRAM = person(1);

/** In front of the stand-in: passes calls on, or (when failing) answers 500 quoting the request. */
async function startFlakyConnector(upstreamUrl: string) {
  const state = { failing: false, failedBodies: [] as string[] };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      void (async () => {
        const writes = req.method === 'POST' || req.method === 'PUT';
        if (state.failing && writes) {
          state.failedBodies.push(raw);
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'BadArgument', message: `Could not process activity: ${raw}` } }));
          return;
        }
        const upstream = await fetch(new URL(req.url ?? '/', upstreamUrl), {
          method: req.method ?? 'GET',
          headers: { 'content-type': 'application/json' },
          ...(raw ? { body: raw } : {}),
        });
        res.writeHead(upstream.status, { 'content-type': 'application/json' });
        res.end(await upstream.text());
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { state, url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('no participant text in the logs', () => {
  // Failed sends are retried with backoff before they are given up: this takes a while.
  jest.setTimeout(90_000);

  it('holds for a whole table, including turns whose sends fail with the request quoted back', async () => {
    const secret = `ZEBRAGEHEIM${randomBytes(4).toString('hex')}`;
    const captured = captureLog('trace');
    const consoleLines: string[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
      jest.spyOn(console, m).mockImplementation((...args: unknown[]) => void consoleLines.push(args.map(String).join(' '))),
    );
    const standIn = await new ConnectorStandIn().start();
    const flaky = await startFlakyConnector(standIn.url);
    // The bot sees the flaky connector as the activities' serviceUrl.
    const stand = Object.assign(standIn, { url: flaky.url });
    const h = await startApp({}, { log: captured.log, connector: stand });
    try {
      const t = new E2ETable(h, LEIDER);
      await t.start(`Tafel ${secret}-titel`);
      await t.join(ANNA, BRAM);
      await t.toRound1();
      const picks = (who: string): PickSpec => ({
        in: ['buurthuis', `${secret}-${who}-in omdat iedereen er binnenloopt`],
        out: ['wijkteam', `${secret}-${who}-out want dat is professionele zorg`],
        doubt: ['park', `${secret}-${who}-doubt ik weet het niet`],
      });
      expect((await t.submit(ANNA, picks('anna'))).status).toBe(200);

      flaky.state.failing = true;
      // A submission whose shared progress card update fails.
      expect((await t.submit(BRAM, picks('bram'))).status).toBe(200);
      await h.app.updater.flush();
      // The reveal card, full of arguments, cannot be posted; nor can the apology.
      for (const text of [
        'onthul',
        `gast ${secret}-gast`,
        `conclusie ${secret}-conclusie`,
        `notitie ${secret}-notitie`,
        `${secret}-vrije-tekst wat moet ik doen`,
      ]) {
        const res = await h.send(t.messageActivity(LEIDER, text));
        expect(res.status).toBe(200);
      }
      // Card data that is not ours, with the text in the verb and in the data.
      await h.send(cardAction(flaky.url, t.chat, ANNA, `${secret}-verb`, { note: `${secret}-data` }));
      await h.send(cardAction(flaky.url, t.chat, ANNA, 'picks.submit', { round: `${secret}-round`, inArgument: { nested: secret } }));
      await h.app.updater.flush();
    } finally {
      await h.close();
      await flaky.close();
      await standIn.stop();
      spies.forEach((s) => s.mockRestore());
    }

    // The failures really carried the text, and really were logged.
    expect(flaky.state.failedBodies.some((b) => b.includes(`${secret}-bram-in`))).toBe(true);
    expect(flaky.state.failedBodies.some((b) => b.includes(`${secret}-gast`))).toBe(true);
    // (Whoever logs a failed send, the outbound queue or the turn, the line names the status.)
    const failures = captured.records().filter((r) => r.level >= 40 && (r.err?.statusCode === 500 || r.status === 500));
    expect(failures.length).toBeGreaterThanOrEqual(3);
    for (const f of failures.filter((r) => r.err)) expect(f.err).toEqual({ type: 'RestError', statusCode: 500, code: 'BadArgument' });
    expect(captured.turns().length).toBeGreaterThanOrEqual(12);

    // And nothing of what participants wrote is in any log line, nor on the console.
    expect(captured.text()).not.toContain(secret);
    expect(consoleLines.join('\n')).not.toContain(secret);
  });
});
