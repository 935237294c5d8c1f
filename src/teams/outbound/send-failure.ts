/**
 * Why one attempt to post or update a message failed, read from what botbuilder throws.
 *
 * botbuilder 4.23 sends through @azure/core-client, and a failed call rejects with the pipeline's
 * `RestError` (name 'RestError'): `statusCode` is the HTTP status, `code` the service's error code
 * (or the socket error: ECONNRESET, ECONNREFUSED, ...), and the non-enumerable `response.headers.get(name)`
 * gives the headers, `Retry-After` among them. The same non-enumerable `request` holds the body,
 * the card itself: never log the error object, only what `describeFailure` returns.
 */
export type SendFailure =
  /** 429, or 503 with Retry-After: the service refused the request before doing anything. */
  | { type: 'throttled'; status: number; retryAfterMs?: number }
  /** Any other answer with an error status. */
  | { type: 'rejected'; status: number; code?: string }
  /** No connection was made: nothing was sent. */
  | { type: 'notSent'; code: string }
  /** Sent, but no answer came (reset, timeout): the service may or may not have done it. */
  | { type: 'ambiguous'; code: string }
  /** Not an HTTP failure at all (a bug, a token that could not be had). */
  | { type: 'unknown'; name: string };

export type SendKind = 'post' | 'update';

/** Thrown by the queue when an attempt takes longer than it waits for one. */
export class SendTimeoutError extends Error {
  constructor(ms: number) {
    super(`no answer from the connector within ${ms} ms`);
    this.name = 'SendTimeoutError';
  }
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN']);
const RETRY_AFTER_HEADERS = ['retry-after-ms', 'x-ms-retry-after-ms', 'retry-after'] as const;

interface RestErrorLike {
  name?: unknown;
  statusCode?: unknown;
  code?: unknown;
  response?: { headers?: { get?: (name: string) => string | undefined } };
}

export function classifyFailure(err: unknown, now = Date.now()): SendFailure {
  if (err instanceof SendTimeoutError) return { type: 'ambiguous', code: 'TIMEOUT' };
  if (!err || typeof err !== 'object') return { type: 'unknown', name: typeof err };
  const e = err as RestErrorLike;
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (typeof e.statusCode === 'number') {
    const status = e.statusCode;
    const retryAfterMs = retryAfterOf(e, now);
    if (status === 429 || (status === 503 && retryAfterMs !== undefined)) {
      return retryAfterMs === undefined ? { type: 'throttled', status } : { type: 'throttled', status, retryAfterMs };
    }
    return code ? { type: 'rejected', status, code } : { type: 'rejected', status };
  }
  if (e.name === 'RestError' || code) {
    if (code && NOT_SENT_CODES.has(code)) return { type: 'notSent', code };
    return { type: 'ambiguous', code: code ?? 'unknown' };
  }
  return { type: 'unknown', name: typeof e.name === 'string' ? e.name : 'Error' };
}

/**
 * Whether another attempt is safe. An update (PUT of the same card to the same message) is
 * idempotent, so it is retried after any transient failure. A post is not: a second POST after a
 * lost answer shows the card twice. So a post is retried only when the failure proves that nothing
 * was posted: throttled (429, 503 with Retry-After), 412 (Teams asks to retry it), or no connection.
 * A reset, a timeout, 500, 502 and 504 (the gateway may have passed it on) end a post: it is logged.
 */
export function isRetryable(failure: SendFailure, kind: SendKind): boolean {
  switch (failure.type) {
    case 'throttled':
    case 'notSent':
      return true;
    case 'ambiguous':
      return kind === 'update';
    case 'rejected': {
      const s = failure.status;
      if (s === 412 || s === 503) return true;
      return kind === 'update' && (s === 408 || (s >= 500 && s !== 501 && s !== 505));
    }
    case 'unknown':
      return false;
    default: {
      const never: never = failure;
      throw new Error(`Unknown failure ${JSON.stringify(never)}`);
    }
  }
}

/** Only ids and codes: safe for a log line. */
export function describeFailure(failure: SendFailure): Record<string, string | number> {
  const { type, ...rest } = failure;
  const out: Record<string, string | number> = { failure: type };
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) out[k] = v;
  return out;
}

/** `Retry-After` in seconds or as an HTTP date (RFC 9110), or Azure's `retry-after-ms`; in ms. */
export function parseRetryAfter(value: string | undefined, now: number, unit: 's' | 'ms' = 's'): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * (unit === 's' ? 1000 : 1));
  // An HTTP date names a weekday and month; Date.parse alone would take "-1" for a year.
  if (unit === 'ms' || !/[A-Za-z]{3}/.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

function retryAfterOf(err: RestErrorLike, now: number): number | undefined {
  const get = err.response?.headers?.get;
  if (typeof get !== 'function') return undefined;
  for (const name of RETRY_AFTER_HEADERS) {
    const ms = parseRetryAfter(get.call(err.response!.headers, name) ?? undefined, now, name === 'retry-after' ? 's' : 'ms');
    if (ms !== undefined) return ms;
  }
  return undefined;
}
