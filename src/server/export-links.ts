import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import type { Language } from '../domain';
import { t } from '../i18n';
import { EXPORT_KINDS, isExportKind, type ExportKind } from '../report/exports/types';
import type { Config } from './config';

/**
 * Signed, expiring download links for the exports, posted in the organiser's session thread:
 *
 *   <PUBLIC_URL>/exports/s/<code>/<session created>/<kind>/<lang>/<expires>/<signature>
 *   <PUBLIC_URL>/exports/t/<code>/<session created>/<table token>/<table created>/<kind>/<lang>/<expires>/<signature>
 *   <PUBLIC_URL>/exports/c/<table token>/<table created>/<kind>/<lang>/<expires>/<signature>
 *
 * The last is a table on its own, for its leiders' `samenvatting` (with or without a session): it
 * names only the table instance, so it keeps working if the table is linked or unlinked later.
 * A link names one session instance, and for a table one table instance within it: a join code can
 * be drawn again after `sessie wis`, and a table token names the chat, in which a new table may start
 * after `wis` or after the last one ended. The creation times (ms since 1970) tell those apart, as the
 * erase confirmation does (SessionRunner.eraseTable). The signature is HMAC-SHA256
 * (EXPORT_LINK_SECRET) over every other part, so changing any of them breaks it; `expires` is in
 * seconds since 1970. The link holds no data: the export is built from the store when it is
 * downloaded, and only while the store still holds those very instances (see export-routes.ts).
 */

/** A session as it was created: its code may come back after `sessie wis`, its creation time not. */
export interface SessionInstance {
  code: string;
  createdAt: number;
}

/** What a link is for: one session, one table of it, or one table by itself, each as it was started. */
export type LinkScope =
  | { type: 'session'; session: SessionInstance }
  | { type: 'table'; session: SessionInstance; token: string; createdAt: number }
  | { type: 'chatTable'; token: string; createdAt: number };

export interface ExportLink {
  kind: ExportKind;
  title: string;
  url: string;
  /** Until when the link works (ms since 1970). */
  expiresAt: number;
}

/** A link that passed the signature and expiry checks. */
export interface VerifiedLink {
  scope: LinkScope;
  kind: ExportKind;
  lang: Language;
  expiresAt: number;
}

/**
 * Why a link was refused, for the page that says so: `broken` (any shape or signature problem, with
 * nothing more said, as the signature was not ours), or `expired` (ours, but too old: then what it
 * named is known, so the page can say whom to ask).
 */
export type LinkCheck =
  | { ok: true; link: VerifiedLink }
  | { ok: false; reason: 'broken' }
  | { ok: false; reason: 'expired'; scope: LinkScope; expiresAt: number };

export interface ExportLinkOptions {
  secret: string | Buffer;
  /**
   * Scheme and host (and optional path prefix) of the links, without a trailing slash; a function
   * when it is known only once the server listens (a local run on a port the system picked).
   */
  baseUrl: string | (() => string);
  /** How long a link stays valid. */
  days: number;
  now?: () => number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Session codes are upper-case letters and digits; table tokens are base64url. */
const ID = /^[A-Za-z0-9_-]{1,64}$/;
/** A creation time as String(ms) writes it. */
const INSTANCE = /^(0|[1-9][0-9]{0,15})$/;
const EXPIRES = /^[0-9]{1,12}$/;
/** base64url of 32 bytes, unpadded. */
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;
const LANGUAGES: ReadonlyArray<Language> = ['nl', 'en'];
/** After the scope letter: the parts that name what is exported (id, instance, ...). */
const NAMING = { s: [ID, INSTANCE], t: [ID, INSTANCE, ID, INSTANCE], c: [ID, INSTANCE] } as const;

export class ExportLinkSigner {
  private readonly secret: Buffer;
  private readonly base: () => string;
  private readonly days: number;
  private readonly now: () => number;

  constructor(options: ExportLinkOptions) {
    this.secret = Buffer.isBuffer(options.secret) ? options.secret : Buffer.from(options.secret, 'utf8');
    if (this.secret.length < 32) throw new Error('The export link secret must be at least 32 bytes');
    const base = options.baseUrl;
    this.base = typeof base === 'string' ? () => base.replace(/\/+$/, '') : () => base().replace(/\/+$/, '');
    this.days = options.days;
    this.now = options.now ?? Date.now;
  }

  /** A signed link to one export, valid for the configured number of days from now. */
  url(scope: LinkScope, kind: ExportKind, lang: Language, expiresAt = this.now() + this.days * DAY_MS): string {
    const naming =
      scope.type === 'chatTable'
        ? ['c', ...instance(scope.token, scope.createdAt)]
        : scope.type === 'session'
          ? ['s', ...instance(scope.session.code, scope.session.createdAt)]
          : ['t', ...instance(scope.session.code, scope.session.createdAt), ...instance(scope.token, scope.createdAt)];
    const parts = [...naming, kind, lang, String(Math.floor(expiresAt / 1000))];
    if (!shapeOk(parts)) throw new Error('Export links are only made for session codes and table tokens with their creation times');
    return `${this.base()}/exports/${parts.join('/')}/${this.sign(parts)}`;
  }

  /** The links for a summary or totaalbeeld card: Markdown, CSV, JSON, PowerPoint and Word, all expiring at the same time. */
  exportLinks(scope: LinkScope, lang: Language): ExportLink[] {
    const expiresAt = this.now() + this.days * DAY_MS;
    return EXPORT_KINDS.map((kind) => ({
      kind,
      title: t(lang, `export.link.${kind}`),
      url: this.url(scope, kind, lang, expiresAt),
      expiresAt: Math.floor(expiresAt / 1000) * 1000,
    }));
  }

  /**
   * The link's meaning if its signature is right and it has not expired; otherwise undefined, with
   * no reason given (the route answers 403 whatever is wrong). `segments` is the path after
   * `/exports/`, split at `/` and NOT percent-decoded, so that a link has one spelling only. The
   * signature is compared in constant time, as the text we write (base64url leaves 2 bits of its last
   * character unused: decoded, four spellings would pass), and before anything about the link's
   * meaning is looked at.
   */
  verify(segments: ReadonlyArray<string>): VerifiedLink | undefined {
    const checked = this.check(segments);
    return checked.ok ? checked.link : undefined;
  }

  /** As verify, with the reason of a refusal: only a link we signed can be told to have expired. */
  check(segments: ReadonlyArray<string>): LinkCheck {
    const broken = { ok: false, reason: 'broken' } as const;
    const parts = segments.slice(0, -1);
    const signature = segments[segments.length - 1] ?? '';
    if (!shapeOk(parts) || !SIGNATURE.test(signature)) return broken;
    if (!timingSafeEqual(Buffer.from(signature, 'latin1'), Buffer.from(this.sign(parts), 'latin1'))) return broken;
    // Signed by us, so the parts are ours; checked anyway, in case an older version signed others.
    const [kind = '', lang = '', expires = ''] = parts.slice(-3);
    if (!isExportKind(kind) || !LANGUAGES.includes(lang as Language)) return broken;
    const expiresAt = Number(expires) * 1000;
    const scope = scopeOf(parts);
    if (!(expiresAt > this.now())) return { ok: false, reason: 'expired', scope, expiresAt };
    return { ok: true, link: { scope, kind, lang: lang as Language, expiresAt } };
  }

  /**
   * Another kind of link signed the same way, with the same secret and one spelling of the signature
   * (the model picture, see picture-links.ts): `<base>/<route>/<parts>/<signature>`, where the route
   * is signed as the first part. No export link starts with a route name, so neither kind of link
   * can pass for the other.
   */
  signedUrl(route: string, parts: ReadonlyArray<string>): string {
    return `${this.base()}/${route}/${parts.join('/')}/${this.sign([route, ...parts])}`;
  }

  /** The parts of a link made by `signedUrl(route, …)`, if its signature is right (compared as text, in constant time). */
  signedParts(route: string, segments: ReadonlyArray<string>): string[] | undefined {
    const parts = segments.slice(0, -1);
    const signature = segments[segments.length - 1] ?? '';
    if (!SIGNATURE.test(signature) || parts.some((part) => !ID.test(part))) return undefined;
    return timingSafeEqual(Buffer.from(signature, 'latin1'), Buffer.from(this.sign([route, ...parts]), 'latin1')) ? parts : undefined;
  }

  private sign(parts: ReadonlyArray<string>): string {
    return createHmac('sha256', this.secret).update(payload(parts)).digest('base64url');
  }
}

/** What the naming parts of a link that passed the shape check name. */
function scopeOf(parts: ReadonlyArray<string>): LinkScope {
  if (parts[0] === 'c') return { type: 'chatTable', token: parts[1]!, createdAt: Number(parts[2]) };
  const session = { code: parts[1]!, createdAt: Number(parts[2]) };
  return parts[0] === 's' ? { type: 'session', session } : { type: 'table', session, token: parts[3]!, createdAt: Number(parts[4]) };
}

/** An id and its creation time as two parts; a time that String() would not write as digits fails the shape check. */
function instance(id: string, createdAt: number): [string, string] {
  return [id, Number.isSafeInteger(createdAt) && createdAt >= 0 ? String(createdAt) : ''];
}

/** The scope letter, its naming parts, then kind, language and expiry: each in its own alphabet (none holds `/` or a line break). */
function shapeOk(parts: ReadonlyArray<string>): boolean {
  const letter = parts[0];
  if (letter !== 's' && letter !== 't' && letter !== 'c') return false;
  const naming = NAMING[letter];
  if (parts.length !== 1 + naming.length + 3) return false;
  const [kind = '', lang = '', expires = ''] = parts.slice(-3);
  return naming.every((re, i) => re.test(parts[1 + i] ?? '')) && ID.test(kind) && ID.test(lang) && EXPIRES.test(expires);
}

/**
 * What is signed: a fixed label and version, then the parts, one per line (no part holds a line
 * break). v1 links named the chat, not the table; they no longer verify.
 */
function payload(parts: ReadonlyArray<string>): string {
  return ['sociale-basis-export-link', 'v2', ...parts].join('\n');
}

/**
 * The signer for the running bot. Without EXPORT_LINK_SECRET (only allowed without PUBLIC_URL, see
 * config.ts) every start makes a random secret: fine for a local run, but links then stop working at
 * a restart and differ between instances, which is said in the log. Without PUBLIC_URL (refused in
 * production) the links point to this machine at the port the server listens on: `port()`, once
 * known (PORT=0 lets the system pick one), else config.PORT.
 */
export function exportLinkSignerFromConfig(
  config: Pick<Config, 'EXPORT_LINK_SECRET' | 'EXPORT_LINK_DAYS' | 'PUBLIC_URL' | 'PORT' | 'NODE_ENV'>,
  log: Logger,
  port: () => number | undefined = () => undefined,
): ExportLinkSigner {
  let secret: string | Buffer | undefined = config.EXPORT_LINK_SECRET;
  if (!secret) {
    secret = randomBytes(32);
    if (config.NODE_ENV !== 'test') {
      log.warn(
        'EXPORT_LINK_SECRET is not set: export links are signed with a random secret of this process, so they stop working when the bot restarts. Set EXPORT_LINK_SECRET (and PUBLIC_URL) for real use.',
      );
    }
  }
  const baseUrl = config.PUBLIC_URL ?? (() => `http://localhost:${port() ?? config.PORT}`);
  return new ExportLinkSigner({ secret, baseUrl, days: config.EXPORT_LINK_DAYS });
}
