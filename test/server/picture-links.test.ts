import pino from 'pino';
import * as restify from 'restify';
import { groupView, type SessionState, type TableState } from '../../src/domain';
import { ExportLinkSigner } from '../../src/server/export-links';
import { registerExportRoutes } from '../../src/server/export-routes';
import { PictureLinks } from '../../src/server/picture-links';
import { registerPictureRoutes } from '../../src/server/picture-routes';
import { MemoryTableStore, tableToken, type TableKey } from '../../src/store';
import { session, SESSION_CODE, tafelNoord, tafelWest, tafelZuid } from '../report/session-fixtures';

const SECRET = 'test-secret-that-is-long-enough-for-hmac-0123456789';
const DAY = 24 * 60 * 60 * 1000;
const log = pino({ level: 'silent' });
const keys: TableKey[] = [1, 2, 3].map((n) => ({ tenantId: 'tenant-1', conversationId: `19:table-${n}@thread.v2` }));
const tokens = keys.map(tableToken);

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Replaces path segment `index` after `/pictures/` (0 = t or s, 1 id, 2 created, 3 print, 4 lang, 5 expires, 6 signature). */
function withSegment(url: string, index: number, value: string): string {
  const u = new URL(url);
  const parts = u.pathname.split('/');
  parts[index + 2] = value;
  return `${u.origin}${parts.join('/')}`;
}

describe('model picture links over HTTP', () => {
  let server: restify.Server;
  let base: string;
  let clock = Date.UTC(2025, 2, 12, 16, 0, 0);
  let store: MemoryTableStore;
  const sessions = new Map<string, SessionState>();
  let signer: ExportLinkSigner;
  let pictures: PictureLinks;

  beforeAll(async () => {
    store = new MemoryTableStore({ retentionMs: 365 * DAY, now: () => clock });
    server = restify.createServer({ name: 'picture-test' });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    base = `http://127.0.0.1:${server.address().port}`;
    signer = new ExportLinkSigner({ secret: SECRET, baseUrl: base, days: 7, now: () => clock });
    pictures = new PictureLinks(signer, { days: 7, now: () => clock });
    const deps = { tables: store, sessions: { get: async (code: string) => sessions.get(code) }, log };
    registerPictureRoutes(server, { links: pictures, ...deps });
    registerExportRoutes(server, { links: signer, ...deps });
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

  const tableLink = () => pictures.modelPicture(tokens[0]!, groupView(tafelNoord()));

  async function expectProblem(url: string, status: 403 | 404, words: RegExp): Promise<void> {
    const res = await fetch(url);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toContain('no-store');
    const html = await res.text();
    expect(html).toContain('<html lang="nl">');
    expect(html).toMatch(words);
  }

  it('serves the table’s picture as image/png at the expected size', async () => {
    const { url, alt } = tableLink();
    expect(url.startsWith(`${base}/pictures/t/${tokens[0]}/${tafelNoord().createdAt}/`)).toBe(true);
    expect(alt).toContain('Het model van Tafel Noord.');
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(pngSize(Buffer.from(await res.arrayBuffer()))).toEqual({ width: 1200, height: 800 });
  });

  it('serves the session’s combined picture, from the tables still linked', async () => {
    const { url, alt } = pictures.sessionPicture(
      sessions.get(SESSION_CODE)!,
      [tafelNoord(), tafelZuid(), tafelWest()].map(groupView),
      'nl',
    );
    expect(alt).toMatch(/^Totaalbeeld van /);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(pngSize(Buffer.from(await res.arrayBuffer())).width).toBe(1200);
  });

  it('changes its address when the picture changes, and keeps it when nothing changed', () => {
    const before = tableLink().url;
    expect(tableLink().url).toBe(before);
    // Later the same day: the expiry is rounded up to midnight, so the address stays.
    clock += 60 * 60 * 1000;
    expect(tableLink().url).toBe(before);
    const state = tafelNoord();
    const moved: TableState = {
      ...state,
      round2: {
        ...state.round2,
        placements: Object.fromEntries(Object.entries(state.round2.placements).map(([id, p]) => [id, { ...p, zone: 'border' as const }])),
      },
    };
    expect(pictures.modelPicture(tokens[0]!, groupView(moved)).url).not.toBe(before);
  });

  it('refuses a forged signature, a changed part and a link of another table instance with a Dutch page', async () => {
    const { url } = tableLink();
    const sig = url.split('/').pop()!;
    const forged = `${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`;
    await expectProblem(withSegment(url, 6, forged), 403, /verlopen of klopt niet/);
    await expectProblem(withSegment(url, 1, tokens[1]!), 403, /typ model in de chat/);
    await expectProblem(withSegment(url, 0, 's'), 403, /klopt niet/);
    await expectProblem(withSegment(url, 3, 'AAAAAAAAAAAAAAAA'), 403, /klopt niet/);
    await expectProblem(withSegment(url, 5, String(Math.floor(clock / 1000) + 365 * 86400)), 403, /klopt niet/);
    // Another instance of the same table: the creation time is signed, so the link cannot be moved.
    await expectProblem(withSegment(url, 2, String(tafelNoord().createdAt + 1)), 403, /klopt niet/);
    // Signed with another secret.
    const other = new PictureLinks(new ExportLinkSigner({ secret: `${SECRET}-other`, baseUrl: base, days: 7, now: () => clock }), {
      days: 7,
      now: () => clock,
    });
    await expectProblem(other.modelPicture(tokens[0]!, groupView(tafelNoord())).url, 403, /klopt niet/);
  });

  it('is no export link, and no export link is a picture link', async () => {
    const { url } = tableLink();
    // Signed by the same signer, under another route: the export route refuses it.
    expect((await fetch(url.replace('/pictures/', '/exports/'))).status).toBe(403);
    const exportUrl = signer.url(
      { type: 'session', session: { code: SESSION_CODE, createdAt: sessions.get(SESSION_CODE)!.createdAt } },
      'md',
      'nl',
    );
    expect((await fetch(exportUrl)).status).toBe(200);
    expect((await fetch(exportUrl.replace('/exports/', '/pictures/'))).status).toBe(403);
  });

  it('refuses the link once it has expired', async () => {
    const { url } = tableLink();
    clock += 8 * DAY;
    await expectProblem(url, 403, /verlopen/);
  });

  it('answers 404 with a page once the table is erased or a new table started in the same chat', async () => {
    const { url } = tableLink();
    await store.update(keys[0]!, () => ({ state: { ...tafelNoord(), createdAt: tafelNoord().createdAt + 5 }, result: undefined }));
    await expectProblem(url, 404, /gewist, of in deze chat is een nieuwe tafel begonnen/);
    await store.delete(keys[0]!);
    await expectProblem(url, 404, /Vraag de gespreksleider/);
  });

  it('speaks English to a browser that asks for English first', async () => {
    const res = await fetch(withSegment(tableLink().url, 6, 'x'.repeat(43)), { headers: { 'Accept-Language': 'en-GB,en;q=0.9,nl;q=0.8' } });
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('type board in the table’s chat');
  });
});
