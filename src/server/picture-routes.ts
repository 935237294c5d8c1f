import type { Logger } from 'pino';
import type * as restify from 'restify';
import { groupView, type GroupView, type Language } from '../domain';
import { t } from '../i18n';
import { sessionPicture, tablePicture, type PictureModel } from '../report/picture-model';
import { renderPicturePng } from '../report/picture-render';
import { pictureSvg } from '../report/picture-svg';
import type { TableStore } from '../store';
import { linkedTables, type SessionSource } from './export-routes';
import { pageLanguage, textProblemPage } from './link-problem-page';
import { PICTURE_ROUTE, fingerprint, type PictureLinks, type VerifiedPicture } from './picture-links';

export interface PictureRouteDeps {
  links: PictureLinks;
  tables: Pick<TableStore, 'getByToken'>;
  sessions: SessionSource;
  log: Logger;
}

/** Never sniffed, never framed, no referrer; a picture may be kept a few minutes by the one who fetched it. */
const COMMON = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  'X-Frame-Options': 'DENY',
} as const;

/** Rendered pictures by fingerprint: the eight people at a table all fetch the same one. */
const CACHE_SIZE = 64;

/**
 * GET /pictures/...: the model picture behind a signed link (picture-links.ts), drawn from the store
 * when fetched, as everyone at the table may see it. A refused link (forged, changed, expired) gets
 * 403 and a link that names a table or session no longer stored as that instance 404, each with a
 * short page that says what happened and whom to ask.
 */
export function registerPictureRoutes(server: restify.Server, deps: PictureRouteDeps): void {
  const rendered = new Map<string, Buffer>();
  server.get(`/${PICTURE_ROUTE}/*`, async (req: restify.Request, res: restify.Response): Promise<void> => {
    const lang = pageLanguage(req.headers['accept-language']);
    const link = deps.links.verify(segmentsOf(req));
    if (!link) {
      deps.log.info({ route: PICTURE_ROUTE }, 'picture link refused');
      return problem(res, 403, lang);
    }
    try {
      const model = await load(link, deps);
      if (!model) return problem(res, 404, lang);
      const svg = pictureSvg(model);
      const print = fingerprint(svg);
      let png = rendered.get(print);
      if (!png) {
        png = await renderPicturePng(svg);
        if (rendered.size >= CACHE_SIZE) rendered.delete(rendered.keys().next().value!);
        rendered.set(print, png);
      }
      res.writeHead(200, {
        ...COMMON,
        'Cache-Control': 'private, max-age=300',
        'Content-Type': 'image/png',
        'Content-Length': String(png.length),
        'Content-Disposition': 'inline; filename="model.png"',
      });
      res.end(png);
    } catch (err) {
      deps.log.error({ route: PICTURE_ROUTE, err: err instanceof Error ? err.message : String(err) }, 'picture failed');
      res.writeHead(500, { ...COMMON, 'Cache-Control': 'no-store', 'Content-Length': '0' });
      res.end();
    }
  });
}

function segmentsOf(req: restify.Request): string[] {
  const path = (req.url ?? '').split('?')[0] ?? '';
  const prefix = `/${PICTURE_ROUTE}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length).split('/') : [];
}

function problem(res: restify.Response, status: 403 | 404, lang: Language): void {
  const html =
    status === 403
      ? textProblemPage(lang, {
          title: t(lang, 'picture.link.refusedTitle'),
          paragraphs: [t(lang, 'picture.link.refused'), t(lang, 'picture.link.refusedAsk')],
        })
      : textProblemPage(lang, {
          title: t(lang, 'picture.link.goneTitle'),
          paragraphs: [t(lang, 'picture.link.gone'), t(lang, 'picture.link.goneAsk')],
        });
  const body = Buffer.from(html, 'utf8');
  res.writeHead(status, {
    ...COMMON,
    'Cache-Control': 'no-store',
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': String(body.length),
  });
  res.end(body);
}

/** The picture's content, if the store still holds the very instance the link names; from the group's view only. */
async function load(link: VerifiedPicture, deps: PictureRouteDeps): Promise<PictureModel | undefined> {
  if (link.scope.type === 'table') {
    const state = await deps.tables.getByToken(link.scope.token);
    if (!state || state.createdAt !== link.scope.createdAt) return undefined;
    return tablePicture(groupView(state), link.lang);
  }
  const session = await deps.sessions.get(link.scope.code);
  if (!session || session.createdAt !== link.scope.createdAt) return undefined;
  const tables: GroupView[] = (await linkedTables(session, deps.tables)).map(groupView);
  return sessionPicture(session.title, tables, link.lang);
}
