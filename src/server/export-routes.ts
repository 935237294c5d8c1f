import { docxPictures } from '../report/exports/docx-pictures';
import type { Logger } from 'pino';
import type * as restify from 'restify';
import { groupView, type SessionState, type TableState } from '../domain';
import { buildExport, type ExportScope } from '../report/exports';
import type { TableStore } from '../store';
import type { ExportLinkSigner, LinkScope, VerifiedLink } from './export-links';
import { linkProblemPage, pageLanguage, type LinkOwner, type LinkProblem } from './link-problem-page';

/** Where a session is found by its code: the session store, or anything with its `get`. */
export interface SessionSource {
  get(code: string): Promise<SessionState | undefined>;
}

export interface ExportRouteDeps {
  links: ExportLinkSigner;
  tables: Pick<TableStore, 'getByToken'>;
  /** Every link names a session (a table link, the session its summary was posted for). */
  sessions: SessionSource;
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
 * a changed part or any other shape gets 403 and a short page that says the link does not work; an
 * expired one gets 403 and a page that says until when it worked and whom to ask for a new one; a
 * valid link whose session or table is no longer stored as the very instance it named (deleted,
 * expired from the store, or replaced by a new one under the same code or in the same chat) gets 404
 * and a page that says so. The pages hold nothing of the table. The export is built from the store
 * at download time.
 */
export function registerExportRoutes(server: restify.Server, deps: ExportRouteDeps): void {
  // One route for every shape: the signer parses the raw path, so nothing is decoded or normalised first.
  server.get('/exports/*', async (req: restify.Request, res: restify.Response): Promise<void> => {
    const checked = deps.links.check(segmentsOf(req));
    if (!checked.ok) {
      deps.log.info({ route: 'exports', reason: checked.reason }, 'export link refused');
      return checked.reason === 'expired'
        ? problem(req, res, 403, 'expired', ownerOf(checked.scope), checked.expiresAt)
        : problem(req, res, 403, 'broken', 'either');
    }
    const link = checked.link;
    try {
      const scope = await load(link, deps);
      if (!scope) return problem(req, res, 404, 'gone', ownerOf(link.scope));
      const pictures = link.kind === 'docx' ? await docxPictures(scope, link.lang) : undefined;
      const file = await buildExport(link.kind, scope, link.lang, pictures ? { pictures } : {});
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
  });
}

/** The path after `/exports/`, split at `/`, as it was sent (the query, if any, left off). */
function segmentsOf(req: restify.Request): string[] {
  const path = (req.url ?? '').split('?')[0] ?? '';
  return path.startsWith('/exports/') ? path.slice('/exports/'.length).split('/') : [];
}

/** Who gives out new links of this kind: a session's organiser, or the table's gespreksleider. */
function ownerOf(scope: LinkScope): LinkOwner {
  return scope.type === 'session' ? 'session' : scope.type === 'chatTable' ? 'table' : 'either';
}

/** The page that says what is wrong with the link, in Dutch unless the browser prefers English. */
function problem(
  req: restify.Request,
  res: restify.Response,
  status: 403 | 404,
  what: LinkProblem,
  owner: LinkOwner,
  expiresAt?: number,
): void {
  const accept = req.headers['accept-language'];
  const page = linkProblemPage(what, owner, pageLanguage(Array.isArray(accept) ? accept[0] : accept), expiresAt);
  const body = Buffer.from(page.html, 'utf8');
  res.writeHead(status, {
    ...COMMON,
    // The page's own inline style, and nothing else.
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Language': page.lang,
    'Content-Length': String(body.length),
  });
  res.end(body);
}

function empty(res: restify.Response, status: 500): void {
  res.writeHead(status, { ...COMMON, 'Content-Length': '0' });
  res.end();
}

/**
 * What the link names, if the store still holds it as that instance: the session with the creation
 * time in the link, and for a table link, the table it lists under the token, started at the time in
 * the link and still linked to it. A table moved to another session, or a new table in the same chat,
 * is not what the link was posted for.
 */
async function load(link: VerifiedLink, deps: ExportRouteDeps): Promise<ExportScope | undefined> {
  if (link.scope.type === 'chatTable') {
    // A table on its own: the very table instance, whatever session it is or is not linked to now.
    const state = await deps.tables.getByToken(link.scope.token);
    return state && state.createdAt === link.scope.createdAt ? { type: 'table', state: groupView(state) } : undefined;
  }
  const named = link.scope.session;
  const session = await deps.sessions.get(named.code);
  if (!session || session.createdAt !== named.createdAt) return undefined;
  if (link.scope.type === 'session') return { type: 'session', session, tables: (await linkedTables(session, deps.tables)).map(groupView) };
  const { token, createdAt } = link.scope;
  if (!session.tables.some((t) => t.token === token)) return undefined;
  const state = await deps.tables.getByToken(token);
  return state && state.createdAt === createdAt && linkedTo(state, session) ? { type: 'table', state: groupView(state) } : undefined;
}

/** The session's tables that are still stored and still linked to it (deleted ones, and a newer unlinked table in a linked chat, are left out). */
export async function linkedTables(session: SessionState, tables: ExportRouteDeps['tables']): Promise<TableState[]> {
  const found = await Promise.all(session.tables.map((linked) => tables.getByToken(linked.token)));
  return found.filter((s): s is TableState => s !== undefined && linkedTo(s, session));
}

function linkedTo(table: TableState, session: SessionState): boolean {
  return table.sessionCode !== undefined && sameCode(table.sessionCode, session.code);
}

function sameCode(a: string, b: string): boolean {
  const canonical = (c: string) => c.replace(/-/g, '').toUpperCase();
  return canonical(a) === canonical(b);
}
