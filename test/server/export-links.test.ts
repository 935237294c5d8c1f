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

/** A path as the route gets it, split after `/exports/`. */
const segmentsOf = (url: string) => new URL(url).pathname.split('/').slice(2);

/** The four base64url spellings of a signature's last character: 6 bits, of which the low 2 are unused for 32 bytes. */
function spellingsOfLast(signature: string): string[] {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const value = alphabet.indexOf(signature[signature.length - 1]!);
  return [0, 1, 2, 3].map((low) => `${signature.slice(0, -1)}${alphabet[(value & ~3) | low]}`);
}

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

  const theSession = { code: SESSION_CODE, createdAt: session(tokens).createdAt };
  const table: LinkScope = { type: 'table', session: theSession, token: tokens[0]!, createdAt: tafelNoord().createdAt };
  const whole: LinkScope = { type: 'session', session: theSession };

  /**
   * Replaces one path segment of a link. A table link: 0 = the scope letter, 1 the session code,
   * 2 its creation time, 3 the table token, 4 its creation time, 5 kind, 6 language, 7 expiry,
   * 8 the signature; a session link has no 3 and 4.
   */
  function withSegment(url: string, index: number, value: string): string {
    const u = new URL(url);
    const parts = u.pathname.split('/');
    parts[index + 2] = value;
    return `${u.origin}${parts.join('/')}`;
  }

  /** Refused with a short Dutch page that names no table, no session and nobody. */
  async function expectRefused(url: string, status = 403): Promise<string> {
    const res = await fetch(url);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = await res.text();
    expect(page).toContain('<html lang="nl">');
    for (const leak of ['Tafel', 'Lea', SESSION_CODE]) expect(page).not.toContain(leak);
    expect(res.headers.get('cache-control')).toContain('no-store');
    return page;
  }

  it('gives the five exports of a table, with content type and file name', async () => {
    const links = signer.exportLinks(table, 'nl');
    expect(links.map((l) => [l.kind, l.title])).toEqual([
      ['md', 'Verslag (Markdown)'],
      ['csv', 'Gegevens (CSV)'],
      ['json', 'Gegevens (JSON)'],
      ['pptx', 'PowerPoint'],
      ['docx', 'Verslag (Word)'],
    ]);
    const types = [
      'text/markdown; charset=utf-8',
      'text/csv; charset=utf-8',
      'application/json; charset=utf-8',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ];
    for (const [i, link] of links.entries()) {
      expect(
        link.url.startsWith(
          `${base}/exports/t/${SESSION_CODE}/${theSession.createdAt}/${tokens[0]}/${tafelNoord().createdAt}/${link.kind}/nl/`,
        ),
      ).toBe(true);
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
      if (link.kind === 'pptx' || link.kind === 'docx') expect(body.subarray(0, 2).toString('latin1')).toBe('PK');
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
    await expectRefused(withSegment(url, 8, flipped));
    await expectRefused(withSegment(url, 8, sig.slice(0, -1)));
    await expectRefused(withSegment(url, 8, `${sig}A`));
    await expectRefused(withSegment(url, 8, 'A'.repeat(43)));
  });

  it('accepts one spelling of the signature: of the four that decode to the same bytes, only the one it was written in', async () => {
    for (const url of [signer.url(table, 'md', 'nl'), signer.url(whole, 'md', 'nl')]) {
      const sig = url.split('/').pop()!;
      const spellings = spellingsOfLast(sig);
      // They are the same 32 bytes to a lenient decoder; that is what must not count.
      expect(new Set(spellings.map((s) => Buffer.from(s, 'base64url').toString('hex'))).size).toBe(1);
      expect(spellings).toContain(sig);
      const segments = segmentsOf(url);
      const accepted = spellings.filter((s) => signer.verify([...segments.slice(0, -1), s]) !== undefined);
      expect(accepted).toEqual([sig]);
      const index = segments.length - 1;
      for (const s of spellings) {
        if (s === sig) expect((await fetch(withSegment(url, index, s))).status).toBe(200);
        else await expectRefused(withSegment(url, index, s));
      }
    }
  });

  it('accepts one spelling of the path: a percent-encoded character is another link, refused', async () => {
    const url = signer.url(table, 'md', 'nl');
    const token = tokens[0]!;
    const encoded = `%${token.charCodeAt(0).toString(16).toUpperCase()}${token.slice(1)}`;
    await expectRefused(withSegment(url, 3, encoded));
    const sig = url.split('/').pop()!;
    await expectRefused(withSegment(url, 8, `%${sig.charCodeAt(0).toString(16).toUpperCase()}${sig.slice(1)}`));
    expect((await fetch(`${url}?x=1`)).status).toBe(200);
  });

  it('answers 403 to a changed code, token, creation time, scope, kind, language or expiry', async () => {
    const url = signer.url(table, 'md', 'nl');
    await expectRefused(withSegment(url, 1, 'HTW3MN'));
    await expectRefused(withSegment(url, 2, String(theSession.createdAt + 1)));
    await expectRefused(withSegment(url, 3, tokens[1]!));
    await expectRefused(withSegment(url, 4, String(tafelNoord().createdAt + 1)));
    await expectRefused(withSegment(url, 4, `0${tafelNoord().createdAt}`));
    await expectRefused(withSegment(url, 0, 's'));
    await expectRefused(withSegment(url, 5, 'csv'));
    await expectRefused(withSegment(url, 6, 'en'));
    const expires = segmentsOf(url)[7]!;
    await expectRefused(withSegment(url, 7, String(Number(expires) + 7 * 24 * 3600)));
    const sessionUrl = signer.url(whole, 'json', 'nl');
    await expectRefused(withSegment(sessionUrl, 1, 'KX7M4Q'));
    await expectRefused(withSegment(sessionUrl, 2, String(theSession.createdAt - 1)));
  });

  it('answers 403 to a link signed with another secret, and to links of any other shape', async () => {
    const other = new ExportLinkSigner({ secret: `${SECRET}-other`, baseUrl: base, days: 7, now: () => clock });
    await expectRefused(other.url(table, 'md', 'nl'));
    await expectRefused(`${base}/exports/t/${tokens[0]}/md`);
    await expectRefused(`${base}/exports/`);
    // The shape of the links before they named an instance: the chat's token only.
    await expectRefused(`${base}/exports/t/${tokens[0]}/md/nl/9999999999/${'A'.repeat(43)}`);
    await expectRefused(`${base}/exports/s/${SESSION_CODE}/md/nl/9999999999/${'A'.repeat(43)}`);
    await expectRefused(`${base}/exports/x/${SESSION_CODE}/1/md/nl/9999999999/${'A'.repeat(43)}`);
    await expectRefused(`${base}/exports/s/${SESSION_CODE}/1/exe/nl/9999999999/${'A'.repeat(43)}`);
    await expectRefused(`${signer.url(whole, 'md', 'nl')}/extra`);
    await expectRefused(`${signer.url(table, 'md', 'nl')}/`);
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
    const westUrl = signer.url({ ...table, token: tokens[2]!, createdAt: tafelWest().createdAt }, 'md', 'nl');
    expect((await fetch(westUrl)).status).toBe(200);
    sessions.delete(SESSION_CODE);
    await expectRefused(signer.url(whole, 'md', 'nl'), 404);
    // A table link was made for the session's organisers: without the session it serves nothing.
    await expectRefused(westUrl, 404);
  });

  it('serves a table link only for the table it was made for: a new table in the same chat is another', async () => {
    const urls = signer.exportLinks(table, 'nl').map((l) => l.url);
    expect((await fetch(urls[0]!)).status).toBe(200);
    // The chat of Tafel Noord starts a new table, linked to the same session (same token, same code).
    const next: TableState = { ...tafelNoord(), title: 'Tafel Nieuw', createdAt: tafelNoord().createdAt + 60_000 };
    await store.update(keys[0]!, () => ({ state: next, result: undefined }));
    for (const url of urls) await expectRefused(url, 404);
    // Its own link serves it, and the session counts it as the table linked from that chat.
    const own = signer.url({ ...table, createdAt: next.createdAt }, 'md', 'nl');
    expect(await (await fetch(own)).text()).toContain('Tafel Nieuw');
    expect(await (await fetch(signer.url(whole, 'csv', 'nl'))).text()).toContain('"Tafel Nieuw"');
  });

  it('serves a session link only for the session it was made for: a new session with the same code is another', async () => {
    const sessionUrls = signer.exportLinks(whole, 'nl').map((l) => l.url);
    const tableUrls = signer.exportLinks(table, 'nl').map((l) => l.url);
    expect((await fetch(sessionUrls[0]!)).status).toBe(200);
    // `sessie wis`, then a new session that drew the same code, with a table of the same chat linked.
    sessions.set(SESSION_CODE, { ...session(tokens), title: 'Een andere sessie', createdAt: theSession.createdAt + DAY });
    for (const url of [...sessionUrls, ...tableUrls]) await expectRefused(url, 404);
    const own = signer.url({ type: 'session', session: { code: SESSION_CODE, createdAt: theSession.createdAt + DAY } }, 'md', 'nl');
    expect(await (await fetch(own)).text()).toContain('Een andere sessie');
  });

  it('leaves out a table that has been linked to another session since, and its link serves nothing', async () => {
    const westUrl = signer.url({ ...table, token: tokens[2]!, createdAt: tafelWest().createdAt }, 'md', 'nl');
    expect((await fetch(westUrl)).status).toBe(200);
    await store.update(keys[2]!, (s) => ({ state: { ...(s as TableState), sessionCode: 'HTW3MN' }, result: undefined }));
    const csv = await (await fetch(signer.url(whole, 'csv', 'nl'))).text();
    expect(csv).not.toContain('"Tafel West"');
    expect(csv).toContain('"Tafel Zuid"');
    await expectRefused(westUrl, 404);
  });

  it('answers 404 to a table link whose token the session no longer lists', async () => {
    const current = sessions.get(SESSION_CODE)!;
    sessions.set(SESSION_CODE, { ...current, tables: current.tables.filter((t) => t.token !== tokens[0]) });
    await expectRefused(signer.url(table, 'md', 'nl'), 404);
  });

  it('serves the language the link was made for', async () => {
    const md = await (await fetch(signer.url(table, 'md', 'en'))).text();
    expect(md).toContain('# Table conversation report: Tafel Noord');
    expect(signer.exportLinks(table, 'en').map((l) => l.title)).toEqual([
      'Report (Markdown)',
      'Data (CSV)',
      'Data (JSON)',
      'PowerPoint',
      'Report (Word)',
    ]);
  });

  describe('a table on its own (a leider’s `samenvatting`, no session needed)', () => {
    const alone: LinkScope = { type: 'chatTable', token: tokens[0]!, createdAt: tafelNoord().createdAt };

    it('downloads the table without any session, and names only the table instance', async () => {
      sessions.clear();
      for (const link of signer.exportLinks(alone, 'nl')) {
        expect(link.url.startsWith(`${base}/exports/c/${tokens[0]}/${tafelNoord().createdAt}/${link.kind}/nl/`)).toBe(true);
        expect(link.url).not.toContain(SESSION_CODE);
        const res = await fetch(link.url);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-disposition')).toBe(`attachment; filename="verslag-tafel-noord-2025-03-12.${link.kind}"`);
      }
    });

    it('refuses a forged link, another table’s instance, and a table started anew in the same chat', async () => {
      const url = signer.url(alone, 'docx', 'nl');
      // Pointed at another table (segment 1 = token) or another instance (2 = creation time): the signature breaks.
      await expectRefused(withSegment(url, 1, tokens[1]!));
      await expectRefused(withSegment(url, 2, String(tafelNoord().createdAt + 1)));
      await expectRefused(withSegment(url, 0, 't'));
      const forged = new ExportLinkSigner({ secret: `${SECRET}-other`, baseUrl: base, days: 7, now: () => clock });
      await expectRefused(forged.url(alone, 'docx', 'nl'));
      // Signed for a table instance that is not the one in the chat now: 404, and the page says so.
      const older = signer.url({ ...alone, createdAt: tafelNoord().createdAt - 1 }, 'docx', 'nl');
      expect(await expectRefused(older, 404)).toContain('Dit verslag is er niet meer');
      await store.delete(keys[0]!);
      await expectRefused(url, 404);
    });

    it('after expiry shows a Dutch page that says until when it worked and that the gespreksleider types samenvatting', async () => {
      const url = signer.url(alone, 'md', 'nl');
      clock += 7 * DAY;
      const page = await expectRefused(url);
      expect(page).toContain('Deze downloadlink is verlopen');
      expect(page).toContain('19 maart 2025 om 17:00');
      expect(page).toContain('gespreksleider');
      expect(page).toContain('<b>samenvatting</b>');
      expect(page).not.toContain('organisator');
    });

    it('shows the page in English when the browser prefers English, and names the organiser for a session link', async () => {
      const url = signer.url(whole, 'md', 'nl');
      clock += 8 * DAY;
      const res = await fetch(url, { headers: { 'Accept-Language': 'en-GB,en;q=0.9,nl;q=0.5' } });
      expect(res.status).toBe(403);
      expect(res.headers.get('content-language')).toBe('en');
      const page = await res.text();
      expect(page).toContain('<html lang="en">');
      expect(page).toContain('This download link has expired');
      expect(page).toContain('organiser');
      const dutch = await (await fetch(url, { headers: { 'Accept-Language': 'nl-NL,en;q=0.8' } })).text();
      expect(dutch).toContain('organisator van de sessie');
      expect(dutch).toContain('<b>totaalbeeld</b>');
    });

    it('says a broken link does not work, and whom to ask, without saying what it was for', async () => {
      const page = await expectRefused(`${base}/exports/c/${tokens[0]}/1/md/nl/9999999999/${'A'.repeat(43)}`);
      expect(page).toContain('Deze downloadlink werkt niet');
      expect(page).toContain('<b>samenvatting</b>');
      expect(page).toContain('<b>totaalbeeld</b>');
    });
  });
});

describe('ExportLinkSigner', () => {
  const instance = { code: SESSION_CODE, createdAt: Date.UTC(2025, 2, 12, 9, 0, 0) };

  it('refuses a short secret', () => {
    expect(() => new ExportLinkSigner({ secret: 'too short', baseUrl: 'https://x.example', days: 7 })).toThrow();
  });

  it('signs every link of a card with the same expiry, EXPORT_LINK_DAYS ahead', () => {
    const now = Date.UTC(2025, 2, 12, 12, 0, 0);
    const signer = new ExportLinkSigner({ secret: SECRET, baseUrl: 'https://bot.example.nl/', days: 7, now: () => now });
    const links = signer.exportLinks({ type: 'session', session: instance }, 'nl');
    const expiries = new Set(links.map((l) => segmentsOf(l.url)[5]));
    expect(expiries).toEqual(new Set([String((now + 7 * DAY) / 1000)]));
    expect(links[0]?.url.startsWith(`https://bot.example.nl/exports/s/${SESSION_CODE}/${instance.createdAt}/md/nl/`)).toBe(true);
  });

  it('verifies what it signed, and names the instances it was signed for', () => {
    const now = Date.UTC(2025, 2, 12, 12, 0, 0);
    const signer = new ExportLinkSigner({ secret: SECRET, baseUrl: 'https://bot.example.nl', days: 7, now: () => now });
    const scope: LinkScope = { type: 'table', session: instance, token: tokens[1]!, createdAt: instance.createdAt + 5 };
    expect(signer.verify(segmentsOf(signer.url(scope, 'csv', 'en')))).toEqual({ scope, kind: 'csv', lang: 'en', expiresAt: now + 7 * DAY });
    expect(signer.verify(segmentsOf(signer.url({ type: 'session', session: instance }, 'md', 'nl')))?.scope).toEqual({
      type: 'session',
      session: instance,
    });
  });

  it('makes no link for a creation time that is not a whole number of milliseconds', () => {
    const signer = new ExportLinkSigner({ secret: SECRET, baseUrl: 'https://bot.example.nl', days: 7 });
    for (const createdAt of [Number.NaN, -1, 1.5, Number.MAX_SAFE_INTEGER + 2]) {
      expect(() => signer.url({ type: 'session', session: { code: SESSION_CODE, createdAt } }, 'md', 'nl')).toThrow();
    }
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

  it('without PUBLIC_URL, links point to the port the server listens on once it does (PORT=0 picks one)', () => {
    const config = { EXPORT_LINK_SECRET: SECRET, EXPORT_LINK_DAYS: 7, PUBLIC_URL: undefined, PORT: 0, NODE_ENV: 'development' as const };
    let port: number | undefined;
    const signer = exportLinkSignerFromConfig(config, pino({ level: 'silent' }), () => port);
    const scope: LinkScope = { type: 'table', session: { code: SESSION_CODE, createdAt: 1 }, token: tokens[0]!, createdAt: 2 };
    port = 41234;
    expect(signer.url(scope, 'md', 'nl').startsWith('http://localhost:41234/exports/')).toBe(true);
    const pub = exportLinkSignerFromConfig({ ...config, PUBLIC_URL: 'https://bot.example.nl' }, pino({ level: 'silent' }), () => port);
    expect(pub.url(scope, 'md', 'nl').startsWith('https://bot.example.nl/exports/')).toBe(true);
  });

  it('makes a random secret per process without EXPORT_LINK_SECRET, and says so outside tests', () => {
    const warnings: string[] = [];
    const spy = pino({ level: 'warn' }, { write: (line: string) => warnings.push(JSON.parse(line).msg) });
    const config = {
      EXPORT_LINK_SECRET: undefined,
      EXPORT_LINK_DAYS: 7,
      PUBLIC_URL: undefined,
      PORT: 3978,
      NODE_ENV: 'development' as const,
    };
    const a = exportLinkSignerFromConfig(config, spy);
    const b = exportLinkSignerFromConfig(config, spy);
    const scope: LinkScope = { type: 'table', session: { code: SESSION_CODE, createdAt: 1 }, token: tokens[0]!, createdAt: 2 };
    expect(a.url(scope, 'md', 'nl', 2e12)).not.toBe(b.url(scope, 'md', 'nl', 2e12));
    expect(a.url(scope, 'md', 'nl').startsWith('http://localhost:3978/exports/')).toBe(true);
    expect(warnings.some((w) => w.includes('EXPORT_LINK_SECRET is not set'))).toBe(true);
  });
});
