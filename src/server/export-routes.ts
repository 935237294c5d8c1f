import type { Logger } from 'pino';
import type * as restify from 'restify';
import { groupView, type SessionState, type TableState } from '../domain';
import { buildExport, type ExportScope } from '../report/exports';
import type { TableStore } from '../store';
import type { ExportLinkSigner, VerifiedLink } from './export-links';

/** Where a session is found by its code: the session store, or anything with its `get`. */
export interface SessionSource {
  get(code: string): Promise<SessionState | undefined>;
}

export interface ExportRouteDeps {
  links: ExportLinkSigner;
  tables: Pick<TableStore, 'getByToken'>;
  /** Without it, session links answer 404 (nothing to export). */
  sessions?: SessionSource;
  log: Logger;
}

/** Headers of every answer: never cached, never sniffed, never shown inside another page. */
const COMMON = {
  'Cache-Control': 'private, no-store, max-age=0',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': "default-src 'none'; sandbox",
  'X-Frame-Options': 'DENY',
} as const;

/**
 * GET /exports/...: the signed download links (see export-links.ts). A link with a wrong signature,
 * a changed part or a past expiry gets 403 with an empty body, whatever the reason; a valid link to
 * data that has been deleted (or has expired from the store) gets 404. The export is built from the
 * store at download time.
 */
export function registerExportRoutes(server: restify.Server, deps: ExportRouteDeps): void {
  const handler = async (req: restify.Request, res: restify.Response): Promise<void> => {
    const p = (req.params ?? {}) as Record<string, string | undefined>;
    const link = deps.links.verify({
      scope: p.scope ?? '',
      id: p.id ?? '',
      kind: p.kind ?? '',
      lang: p.lang ?? '',
      expires: p.expires ?? '',
      signature: p.signature ?? '',
    });
    if (!link) {
      deps.log.info({ route: 'exports' }, 'export link refused');
      return empty(res, 403);
    }
    try {
      const scope = await load(link, deps);
      if (!scope) return empty(res, 404);
      const file = await buildExport(link.kind, scope, link.lang);
      res.writeHead(200, {
        ...COMMON,
        'Content-Type': file.contentType,
        'Content-Length': String(file.body.length),
        'Content-Disposition': `attachment; filename="${file.filename}"`,
      });
      res.end(file.body);
      deps.log.info({ route: 'exports', scope: link.scope.type, kind: link.kind, bytes: file.body.length }, 'export downloaded');
    } catch (err) {
      deps.log.error({ route: 'exports', err: err instanceof Error ? err.message : String(err) }, 'export failed');
      empty(res, 500);
    }
  };
  server.get('/exports/:scope/:id/:kind/:lang/:expires/:signature', handler);
  // Any other shape under /exports is a damaged or made-up link: 403 as well, not restify's 404 text.
  server.get('/exports/*', async (_req: restify.Request, res: restify.Response) => empty(res, 403));
}

function empty(res: restify.Response, status: 403 | 404 | 500): void {
  res.writeHead(status, { ...COMMON, 'Content-Length': '0' });
  res.end();
}

async function load(link: VerifiedLink, deps: ExportRouteDeps): Promise<ExportScope | undefined> {
  if (link.scope.type === 'table') {
    const state = await deps.tables.getByToken(link.scope.token);
    return state ? { type: 'table', state: groupView(state) } : undefined;
  }
  const session = await deps.sessions?.get(link.scope.code);
  if (!session) return undefined;
  const found = await Promise.all(session.tables.map((linked) => deps.tables.getByToken(linked.token)));
  // Deleted tables are left out; so is a table that has been linked to another session since.
  const tables = found.filter((s): s is TableState => s !== undefined && s.sessionCode !== undefined && sameCode(s.sessionCode, session.code));
  return { type: 'session', session, tables: tables.map(groupView) };
}

function sameCode(a: string, b: string): boolean {
  const canonical = (c: string) => c.replace(/-/g, '').toUpperCase();
  return canonical(a) === canonical(b);
}
