import { createHash } from 'node:crypto';
import type { GroupView, Language } from '../domain';
import { pictureAlt, sessionPicture, tablePicture, type PictureModel } from '../report/picture-model';
import type { ModelPicture, ModelPictures, PictureSession } from '../report/picture-ref';
import { pictureSvg } from '../report/picture-svg';
import type { ExportLinkSigner } from './export-links';

/**
 * Links to the model picture, signed like the export links (export-links.ts: same secret, same
 * signature spelling), under their own route:
 *
 *   <PUBLIC_URL>/pictures/t/<table token>/<table created>/<print>/<lang>/<expires>/<signature>
 *   <PUBLIC_URL>/pictures/s/<session code>/<session created>/<print>/<lang>/<expires>/<signature>
 *
 * A link names one table or session instance: after `wis`, or when a new table starts in the same
 * chat, it no longer opens. `print` is a fingerprint of the picture when the link was made, so the
 * address changes when the placements do (Teams caches images by address); `expires` (seconds) is
 * rounded up to a whole day, so that a card rendered twice in a day carries the same address and the
 * shared-card updater sees no change where there is none.
 */
export const PICTURE_ROUTE = 'pictures';

/** A picture link that passed the signature and expiry checks. */
export interface VerifiedPicture {
  scope: { type: 'table'; token: string; createdAt: number } | { type: 'session'; code: string; createdAt: number };
  lang: Language;
  expiresAt: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const INSTANCE = /^(0|[1-9][0-9]{0,15})$/;
const EXPIRES = /^[0-9]{1,12}$/;
const LANGUAGES: ReadonlyArray<Language> = ['nl', 'en'];

export interface PictureLinkOptions {
  /** How long a link stays valid (EXPORT_LINK_DAYS); the expiry is rounded up to the next midnight UTC. */
  days: number;
  now?: () => number;
}

export class PictureLinks implements ModelPictures {
  private readonly now: () => number;

  constructor(
    private readonly signer: ExportLinkSigner,
    private readonly options: PictureLinkOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  modelPicture(token: string, view: GroupView): ModelPicture {
    const lang = view.settings.language;
    return this.link(['t', token, instance(view.createdAt)], tablePicture(view, lang), lang);
  }

  sessionPicture(session: PictureSession, tables: ReadonlyArray<GroupView>, lang: Language): ModelPicture {
    return this.link(['s', session.code, instance(session.createdAt)], sessionPicture(session.title, tables, lang), lang);
  }

  /**
   * What a link names, if its signature is right and it has not expired; otherwise undefined, with no
   * reason given. `segments` is the path after `/pictures/`, split at `/` and not percent-decoded.
   */
  verify(segments: ReadonlyArray<string>): VerifiedPicture | undefined {
    const parts = this.signer.signedParts(PICTURE_ROUTE, segments);
    if (!parts || parts.length !== 6) return undefined;
    const [type, id = '', created = '', , lang = '', expires = ''] = parts;
    if ((type !== 't' && type !== 's') || !INSTANCE.test(created) || !EXPIRES.test(expires)) return undefined;
    if (!LANGUAGES.includes(lang as Language)) return undefined;
    const expiresAt = Number(expires) * 1000;
    if (!(expiresAt > this.now())) return undefined;
    const createdAt = Number(created);
    const scope: VerifiedPicture['scope'] =
      type === 't' ? { type: 'table', token: id, createdAt } : { type: 'session', code: id, createdAt };
    return { scope, lang: lang as Language, expiresAt };
  }

  private link(naming: string[], model: PictureModel, lang: Language): ModelPicture {
    const expiresAt = Math.ceil((this.now() + this.options.days * DAY_MS) / DAY_MS) * DAY_MS;
    const parts = [...naming, fingerprint(pictureSvg(model)), lang, String(Math.floor(expiresAt / 1000))];
    return { url: this.signer.signedUrl(PICTURE_ROUTE, parts), alt: pictureAlt(model) };
  }
}

/** 96 bits of the picture's SVG: enough to tell two pictures apart, short enough for a link. */
export function fingerprint(svg: string): string {
  return createHash('sha256').update(svg).digest('base64url').slice(0, 16);
}

function instance(createdAt: number): string {
  if (!Number.isSafeInteger(createdAt) || createdAt < 0)
    throw new Error('Picture links are only made for instances with their creation times');
  return String(createdAt);
}
