import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import type { Language } from '../domain';
import { t } from '../i18n';
import { EXPORT_KINDS, isExportKind, type ExportKind } from '../report/exports/types';
import type { Config } from './config';

/**
 * Signed, expiring download links for the exports:
 *
 *   <PUBLIC_URL>/exports/<t|s>/<table token | session code>/<kind>/<lang>/<expires>/<signature>
 *
 * The signature is HMAC-SHA256 (EXPORT_LINK_SECRET) over every other part, so changing the scope,
 * the id, the kind, the language or the expiry breaks it. `expires` is in seconds since 1970. The
 * link holds no data: the export is built from the store when it is downloaded, so deleted data is
 * gone from every link.
 */

/** What a link is for: one table (by its token) or a whole session (by its join code). */
export type LinkScope = { type: 'table'; token: string } | { type: 'session'; code: string };

export interface ExportLink {
  kind: ExportKind;
  title: string;
  url: string;
}

/** A link that passed the signature and expiry checks. */
export interface VerifiedLink {
  scope: LinkScope;
  kind: ExportKind;
  lang: Language;
  expiresAt: number;
}

export interface ExportLinkOptions {
  secret: string | Buffer;
  /** Scheme and host (and optional path prefix) of the links, without a trailing slash. */
  baseUrl: string;
  /** How long a link stays valid. */
  days: number;
  now?: () => number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const SCOPE_LETTER = { table: 't', session: 's' } as const;
/** Table tokens are base64url; session codes are upper-case letters and digits. */
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const EXPIRES = /^[0-9]{1,12}$/;
/** base64url of 32 bytes, unpadded. */
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;
const LANGUAGES: ReadonlyArray<Language> = ['nl', 'en'];

export class ExportLinkSigner {
  private readonly secret: Buffer;
  private readonly baseUrl: string;
  private readonly days: number;
  private readonly now: () => number;

  constructor(options: ExportLinkOptions) {
    this.secret = Buffer.isBuffer(options.secret) ? options.secret : Buffer.from(options.secret, 'utf8');
    if (this.secret.length < 32) throw new Error('The export link secret must be at least 32 bytes');
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.days = options.days;
    this.now = options.now ?? Date.now;
  }

  /** A signed link to one export, valid for the configured number of days from now. */
  url(scope: LinkScope, kind: ExportKind, lang: Language, expiresAt = this.now() + this.days * DAY_MS): string {
    const parts = [SCOPE_LETTER[scope.type], scope.type === 'table' ? scope.token : scope.code, kind, lang, String(Math.floor(expiresAt / 1000))];
    if (!ID.test(parts[1] ?? '')) throw new Error('Export links are only made for table tokens and session codes');
    return `${this.baseUrl}/exports/${parts.map(encodeURIComponent).join('/')}/${this.sign(parts)}`;
  }

  /** The four links for a summary or totaalbeeld card: Markdown, CSV, JSON and PowerPoint. */
  exportLinks(scope: LinkScope, lang: Language): ExportLink[] {
    const expiresAt = this.now() + this.days * DAY_MS;
    return EXPORT_KINDS.map((kind) => ({ kind, title: t(lang, `export.link.${kind}`), url: this.url(scope, kind, lang, expiresAt) }));
  }

  /**
   * The link's meaning if its signature is right and it has not expired; otherwise undefined, with
   * no reason given (the route answers 403 whatever is wrong). The signature is compared in constant
   * time, and before anything about its meaning is looked at.
   */
  verify(raw: { scope: string; id: string; kind: string; lang: string; expires: string; signature: string }): VerifiedLink | undefined {
    const parts = [raw.scope, raw.id, raw.kind, raw.lang, raw.expires];
    if (!SIGNATURE.test(raw.signature) || !EXPIRES.test(raw.expires) || !ID.test(raw.id)) return undefined;
    const expected = createHmac('sha256', this.secret).update(payload(parts)).digest();
    const given = Buffer.from(raw.signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    // Signed by us, so the parts are ours; checked anyway, in case an older version signed others.
    const scope: LinkScope | undefined = raw.scope === 't' ? { type: 'table', token: raw.id } : raw.scope === 's' ? { type: 'session', code: raw.id } : undefined;
    if (!scope || !isExportKind(raw.kind) || !LANGUAGES.includes(raw.lang as Language)) return undefined;
    const expiresAt = Number(raw.expires) * 1000;
    if (!(expiresAt > this.now())) return undefined;
    return { scope, kind: raw.kind, lang: raw.lang as Language, expiresAt };
  }

  private sign(parts: ReadonlyArray<string>): string {
    return createHmac('sha256', this.secret).update(payload(parts)).digest('base64url');
  }
}

/** What is signed: a fixed label and version, then the parts, one per line (no part holds a line break). */
function payload(parts: ReadonlyArray<string>): string {
  return ['sociale-basis-export-link', 'v1', ...parts].join('\n');
}

/**
 * The signer for the running bot. Without EXPORT_LINK_SECRET (only allowed without PUBLIC_URL, see
 * config.ts) every start makes a random secret: fine for a local run, but links then stop working at
 * a restart and differ between instances, which is said in the log.
 */
export function exportLinkSignerFromConfig(config: Pick<Config, 'EXPORT_LINK_SECRET' | 'EXPORT_LINK_DAYS' | 'PUBLIC_URL' | 'PORT' | 'NODE_ENV'>, log: Logger): ExportLinkSigner {
  let secret: string | Buffer | undefined = config.EXPORT_LINK_SECRET;
  if (!secret) {
    secret = randomBytes(32);
    if (config.NODE_ENV !== 'test') {
      log.warn('EXPORT_LINK_SECRET is not set: export links are signed with a random secret of this process, so they stop working when the bot restarts. Set EXPORT_LINK_SECRET (and PUBLIC_URL) for real use.');
    }
  }
  if (!config.PUBLIC_URL && config.NODE_ENV === 'production') {
    log.warn('PUBLIC_URL is not set: export links point to localhost and will not open for organisers. Set PUBLIC_URL to the public https address of the bot.');
  }
  return new ExportLinkSigner({ secret, baseUrl: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`, days: config.EXPORT_LINK_DAYS });
}
