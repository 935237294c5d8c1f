import pino from 'pino';
import * as restify from 'restify';
import type { SessionState, TableState } from '../../src/domain';
import { ConfigError, loadConfig } from '../../src/server/config';
import { ExportLinkSigner, exportLinkSignerFromConfig, type LinkScope } from '../../src/server/export-links';
import { registerExportRoutes } from '../../src/server/export-routes';
import { MemoryTableStore, tableToken, type TableKey } from '../../src/store';
import { session, SESSION_CODE, tafelNoord, tafelWest, tafelZuid } from '../report/session-fixtures';

const SECRET = 'test-secret-that-is-long-enough-for-hmac-0123456789';
const DAY = 24 * 60 * 60 * 1000;
const log = pino({ level: 'silent' });

const keys: TableKey[] = [1, 2, 3].map((n) => ({ tenantId: 'tenant-1', conversationId: `19:table-${n}@thread.v2` }));
const tokens = keys.map(tableToken);

describe('export links over HTTP', () => {
  let server: restify.Server;
  let base: string;
  let clock = Date.UTC(2025, 2, 12, 16, 0, 0);
  let store: MemoryTableStore;
  const sessions = new Map<string, SessionState>();
  let signer: ExportLinkSigner;

  beforeAll(async () => {
    store = new MemoryTableStore({ retentionMs: 365 * DAY, now: () => clock });
    server = restify.createServer({ name: 'export-test' });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    base = `http://127.0.0.1:${server.address().port}`;
    signer = new ExportLinkSigner({ secret: SECRET, baseUrl: base, days: 7, now: () => clock });
    registerExportRoutes(server, { links: signer, tables: store, sessions: { get: async (code) => sessions.get(code) }, log });
  });

  beforeEach(async () => {
    clock = Date.UTC(2025, 2, 12, 16, 0, 0);
    const tables = [tafelNoord(), tafelZuid(), tafelWest()];
    for (const [i, key] of keys.entries()) await store.update(key, () => ({ state: tables[i] as TableState, result: undefined }));
    sessions.set(SESSION_CODE, session(tokens, tables));
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const table: LinkScope = { type: 'table', token: tokens[0]! };
  const whole: LinkScope = { type: 'session', code: SESSION_CODE };

  /** Replaces one path segment (0 = the scope letter ... 5 = the signature) of a link. */
  function withSegment(url: string, index: number, value: string): string {
    const u = new URL(url);
    const parts = u.pathname.split('/');
    // ['', 'exports', scope, id, kind, lang, expires, signature]
    parts[index + 2] = value;
    return `${u.origin}${parts.join('/')}`;
  }

  async function expectRefused(url: string, status = 403): Promise<void> {
    const res = await fetch(url);
    expect(res.status).toBe(status);
    expect(await res.text()).toBe('');
    expect(res.headers.get('cache-control')).toContain('no-store');
  }

  it('gives the four exports of a table, with content type and file name', async () => {
    const links = signer.exportLinks(table, 'nl');
    expect(links.map((l) => [l.kind, l.title])).toEqual([
      ['md', 'Verslag (Markdown)'],
      ['csv', 'Gegevens (CSV)'],
      ['json', 'Gegevens (JSON)'],
      ['pptx', 'PowerPoint'],
    ]);
    const types = ['text/markdown; charset=utf-8', 'text/csv; charset=utf-8', 'application/json; charset=utf-8', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'];
    for (const [i, link] of links.entries()) {
      expect(link.url.startsWith(`${base}/exports/t/${tokens[0]}/${link.kind}/nl/`)).toBe(true);
      const res = await fetch(link.url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(types[i]);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="verslag-tafel-noord-2025-03-12.${link.kind}"`);
      expect(res.headers.get('cache-control')).toContain('no-store');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.length).toBe(Number(res.headers.get('content-length')));
      if (link.kind === 'md') expect(body.toString('utf8')).toContain('# Verslag tafelgesprek: Tafel Noord');
      if (link.kind === 'json') expect(JSON.parse(body.toString('utf8')).tables[0].title).toBe('Tafel Noord');
      if (link.kind === 'pptx') expect(body.subarray(0, 2).toString('latin1')).toBe('PK');
    }
  });

  it('gives the session export with every linked table, read from the store at download time', async () => {
    const url = signer.url(whole, 'csv', 'nl');
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const csv = await res.text();
    expect(csv).toContain('"Tafel Noord"');
    expect(csv).toContain('"Tafel Zuid"');
    expect(csv).toContain('"Tafel West"');
    // A change after the link was made is in the next download: the link holds no data.
    await store.update(keys[1]!, (s) => ({ state: { ...(s as TableState), title: 'Tafel Zuid-Oost' }, result: undefined }));
    expect(await (await fetch(url)).text()).toContain('"Tafel Zuid-Oost"');
  });

  it('answers 403 and nothing else to a tampered signature', async () => {
    const url = signer.url(table, 'md', 'nl');
    const sig = url.split('/').pop()!;
    const flipped = `${sig.slice(0, 10)}${sig[10] === 'A' ? 'B' : 'A'}${sig.slice(11)}`;
    await expectRefused(withSegment(url, 5, flipped));
    await expectRefused(withSegment(url, 5, sig.slice(0, -1)));
    await expectRefused(withSegment(url, 5, `${sig}A`));
    await expectRefused(withSegment(url, 5, 'A'.repeat(43)));
  });

  it('answers 403 to a changed id, scope, kind, language or expiry', async () => {
    const url = signer.url(table, 'md', 'nl');
    await expectRefused(withSegment(url, 1, tokens[1]!));
    await expectRefused(withSegment(url, 0, 's'));
    await expectRefused(withSegment(url, 2, 'csv'));
    await expectRefused(withSegment(url, 3, 'en'));
    const expires = new URL(url).pathname.split('/')[6]!;
    await expectRefused(withSegment(url, 4, String(Number(expires) + 7 * 24 * 3600)));
    const sessionUrl = signer.url(whole, 'json', 'nl');
    await expectRefused(withSegment(sessionUrl, 1, 'KX7M4Q'));
  });

  it('answers 403 to a link signed with another secret, and to links of any other shape', async () => {
    const other = new ExportLinkSigner({ secret: `${SECRET}-other`, baseUrl: base, days: 7, now: () => clock });
    await expectRefused(other.url(table, 'md', 'nl'));
    await expectRefused(`${base}/exports/t/${tokens[0]}/md`);
    await expectRefused(`${base}/exports/`);
    await expectRefused(`${base}/exports/x/${tokens[0]}/md/nl/9999999999/${'A'.repeat(43)}`);
    await expectRefused(`${base}/exports/t/${tokens[0]}/exe/nl/9999999999/${'A'.repeat(43)}`);
    await expectRefused(`${base}/exports/t/${tokens[0]}/md/nl/9999999999/${'A'.repeat(43)}/extra`);
  });

  it('answers 403 once the link has expired', async () => {
    const url = signer.url(table, 'md', 'nl');
    clock += 7 * DAY - 60_000;
    expect((await fetch(url)).status).toBe(200);
    clock += 60_000;
    await expectRefused(url);
  });

  it('answers 404 to a valid link whose data has been deleted', async () => {
    const tableUrl = signer.url(table, 'pptx', 'nl');
    await store.delete(keys[0]!);
    await expectRefused(tableUrl, 404);
    // The session still exports, without the deleted table.
    const csv = await (await fetch(signer.url(whole, 'csv', 'nl'))).text();
    expect(csv).not.toContain('"Tafel Noord"');
    expect(csv).toContain('"Tafel West"');
    sessions.delete(SESSION_CODE);
    await expectRefused(signer.url(whole, 'md', 'nl'), 404);
  });

  it('leaves out a table that has been linked to another session since', async () => {
    await store.update(keys[2]!, (s) => ({ state: { ...(s as TableState), sessionCode: 'HTW3MN' }, result: undefined }));
    const csv = await (await fetch(signer.url(whole, 'csv', 'nl'))).text();
    expect(csv).not.toContain('"Tafel West"');
    expect(csv).toContain('"Tafel Zuid"');
  });

  it('serves the language the link was made for', async () => {
    const md = await (await fetch(signer.url(table, 'md', 'en'))).text();
    expect(md).toContain('# Table conversation report: Tafel Noord');
    expect(signer.exportLinks(table, 'en').map((l) => l.title)).toEqual(['Report (Markdown)', 'Data (CSV)', 'Data (JSON)', 'PowerPoint']);
  });
});

describe('ExportLinkSigner', () => {
  it('refuses a short secret', () => {
    expect(() => new ExportLinkSigner({ secret: 'too short', baseUrl: 'https://x.example', days: 7 })).toThrow();
  });

  it('signs every link of a card with the same expiry, EXPORT_LINK_DAYS ahead', () => {
    const now = Date.UTC(2025, 2, 12, 12, 0, 0);
    const signer = new ExportLinkSigner({ secret: SECRET, baseUrl: 'https://bot.example.nl/', days: 7, now: () => now });
    const links = signer.exportLinks({ type: 'session', code: SESSION_CODE }, 'nl');
    const expiries = new Set(links.map((l) => l.url.split('/')[8]));
    expect(expiries).toEqual(new Set([String((now + 7 * DAY) / 1000)]));
    expect(links[0]?.url.startsWith(`https://bot.example.nl/exports/s/${SESSION_CODE}/md/nl/`)).toBe(true);
  });
});

describe('export link settings', () => {
  const env = (extra: Record<string, string>) => ({ NODE_ENV: 'test', ...extra });

  it('defaults to 7 days and no public address', () => {
    const config = loadConfig(env({}));
    expect(config.EXPORT_LINK_DAYS).toBe(7);
    expect(config.PUBLIC_URL).toBeUndefined();
    expect(config.EXPORT_LINK_SECRET).toBeUndefined();
  });

  it('requires EXPORT_LINK_SECRET when PUBLIC_URL is set', () => {
    expect(() => loadConfig(env({ PUBLIC_URL: 'https://bot.example.nl' }))).toThrow(ConfigError);
    expect(() => loadConfig(env({ PUBLIC_URL: 'https://bot.example.nl' }))).toThrow(/EXPORT_LINK_SECRET/);
    const config = loadConfig(env({ PUBLIC_URL: 'https://bot.example.nl/', EXPORT_LINK_SECRET: SECRET, EXPORT_LINK_DAYS: '14' }));
    expect(config.PUBLIC_URL).toBe('https://bot.example.nl');
    expect(config.EXPORT_LINK_DAYS).toBe(14);
  });

  it('refuses a short secret and a number of days out of range', () => {
    expect(() => loadConfig(env({ EXPORT_LINK_SECRET: 'short' }))).toThrow(/EXPORT_LINK_SECRET/);
    expect(() => loadConfig(env({ EXPORT_LINK_DAYS: '0' }))).toThrow(/EXPORT_LINK_DAYS/);
    expect(() => loadConfig(env({ EXPORT_LINK_DAYS: '365' }))).toThrow(/EXPORT_LINK_DAYS/);
  });

  it('makes a random secret per process without EXPORT_LINK_SECRET, and says so outside tests', () => {
    const warnings: string[] = [];
    const spy = pino({ level: 'warn' }, { write: (line: string) => warnings.push(JSON.parse(line).msg) });
    const config = { EXPORT_LINK_SECRET: undefined, EXPORT_LINK_DAYS: 7, PUBLIC_URL: undefined, PORT: 3978, NODE_ENV: 'development' as const };
    const a = exportLinkSignerFromConfig(config, spy);
    const b = exportLinkSignerFromConfig(config, spy);
    const scope: LinkScope = { type: 'table', token: tokens[0]! };
    expect(a.url(scope, 'md', 'nl', 2e12)).not.toBe(b.url(scope, 'md', 'nl', 2e12));
    expect(a.url(scope, 'md', 'nl').startsWith('http://localhost:3978/exports/')).toBe(true);
    expect(warnings.some((w) => w.includes('EXPORT_LINK_SECRET is not set'))).toBe(true);
  });
});
