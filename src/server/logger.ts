import pino, { type Logger, type LoggerOptions } from 'pino';

/**
 * Log lines never carry what participants wrote (arguments, own cards, answers, conclusions,
 * message text). Our own log calls pass ids and outcomes only; the danger is what rides along:
 * an error from botbuilder, axios or @azure/core-rest-pipeline carries the request it failed on
 * (with the card JSON) and the response (which may quote it). So errors are reduced to a few
 * fields, and known places where text lives are censored in case someone logs an activity.
 */

const CENSORED = '[redacted]';

/** Fields that may hold participant text or card JSON, at the top level or one level down. */
const TEXT_FIELDS = ['text', 'value', 'body', 'data', 'attachments', 'activity', 'card', 'state', 'request', 'response', 'config'];

export const redactPaths = TEXT_FIELDS.flatMap((f) => [f, `*.${f}`]);

/** A code such as `BadArgument`, `ECONNRESET` or `ERR_BAD_RESPONSE`; anything else is not a code. */
function codeOf(value: unknown): string | number | undefined {
  if (typeof value === 'number') return value;
  return typeof value === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(value) ? value : undefined;
}

function statusOf(err: Record<string, unknown>): number | undefined {
  const response = err.response as { status?: unknown; statusCode?: unknown } | undefined;
  for (const v of [err.statusCode, err.status, response?.status, response?.statusCode]) if (typeof v === 'number') return v;
  return undefined;
}

/**
 * Our own messages are safe; messages of HTTP errors are the other side's words, which can quote
 * the request. Everything after the first quote or bracket is cut, too: that is where Node
 * (`"…" is not valid JSON`), zod and our own `JSON.stringify` put input.
 */
function safeMessage(err: Record<string, unknown>, status: number | undefined): string | undefined {
  if (status !== undefined) return undefined;
  const message = typeof err.message === 'string' ? err.message : undefined;
  if (!message) return undefined;
  return cutAtQuote(message);
}

/** The first line up to the first quote or bracket, at most 200 characters. */
function cutAtQuote(text: string): string {
  const firstLine = text.split('\n')[0] ?? '';
  const cut = firstLine.search(/["`{[<]/);
  return (cut === -1 ? firstLine : `${firstLine.slice(0, cut).trimEnd()} […]`).slice(0, 200);
}

/** An error as name, message (when safe), HTTP status and code; its cause the same way, once. */
export function serializeError(value: unknown, depth = 0): unknown {
  if (!value || typeof value !== 'object')
    return typeof value === 'string' ? { message: safeMessage({ message: value }, undefined) } : value;
  const err = value as Record<string, unknown>;
  const status = statusOf(err);
  const out: Record<string, unknown> = {
    type: typeof err.name === 'string' ? err.name : (value as object).constructor?.name,
    message: safeMessage(err, status),
  };
  if (status !== undefined) out.statusCode = status;
  const code = codeOf(err.code);
  if (code !== undefined) out.code = code;
  if (err.cause && depth < 1) out.cause = serializeError(err.cause, depth + 1);
  return out;
}

/**
 * pino makes an error's message the line's `msg` when none is given (`log.error(err)`): the line's
 * message goes through the same cut. Our own messages are fixed English sentences without quotes.
 */
export const logSerializers = {
  err: serializeError,
  error: serializeError,
  cause: serializeError,
  msg: (msg: unknown) => (typeof msg === 'string' ? cutAtQuote(msg) : msg),
};

/** An error under any other key is reduced the same way. */
function reduceErrors(object: object): object {
  const obj = object as Record<string, unknown>;
  let out = obj;
  for (const [key, value] of Object.entries(obj)) {
    if (value instanceof Error && !(key in logSerializers)) {
      if (out === obj) out = { ...obj };
      out[key] = serializeError(value);
    }
  }
  return out;
}

export const safeLogOptions: pino.ChildLoggerOptions = {
  serializers: logSerializers,
  redact: { paths: redactPaths, censor: CENSORED },
  formatters: { log: reduceErrors },
};

/**
 * `log.error(err)` without a message makes the error's message the line's `msg`, and an HTTP
 * error's message is the other side's words: the line gets the error's name as message instead.
 */
function keepErrorMessagesOut(this: Logger, args: Parameters<pino.LogFn>, method: pino.LogFn): void {
  const [first, second] = args as unknown[];
  const err = first instanceof Error ? first : (first as { err?: unknown } | undefined)?.err;
  if (err instanceof Error && typeof second !== 'string') {
    method.apply(this, [first, err.name || 'error'] as Parameters<pino.LogFn>);
    return;
  }
  method.apply(this, args);
}

/** Lines wait for this much more before they are written, unless a second has passed. */
const BUFFER_BYTES = 4096;
const FLUSH_EVERY_MS = 1000;

/**
 * Where the bot's own lines go: `fd` (stdout), written by libuv's thread pool 4 KB at a time
 * instead of one write(2) per turn on the bot's one thread, and at least once a second, so that a
 * quiet bot's lines do not wait. main.ts flushes it before the process exits, pino on an exit
 * nobody planned; a SIGKILL loses what is still buffered. bench/log-lines.ts, at the bench's pace
 * of a line a millisecond: about 35 µs of CPU per line, against 41 written synchronously and 70-80
 * with an asynchronous write per line (a thread pool round trip for every line); in a burst the
 * three cost the same.
 */
export function bufferedDestination(fd = 1): ReturnType<typeof pino.destination> {
  const destination = pino.destination({ dest: fd, sync: false, minLength: BUFFER_BYTES });
  const timer = setInterval(() => {
    try {
      destination.flush();
    } catch {
      // Ended (pino ends it when the process is about to exit): nothing more will be written.
      clearInterval(timer);
    }
  }, FLUSH_EVERY_MS).unref();
  destination.once('close', () => clearInterval(timer));
  return destination;
}

/** Writes out what the logger's destination still holds; resolves after `giveUpMs` even if it cannot. */
export function flushLog(log: Logger, giveUpMs = FLUSH_EVERY_MS): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, giveUpMs).unref();
    log.flush(() => resolve());
  });
}

/** The bot's logger: JSON lines with the safe serializers, to stdout (buffered) unless a test hands in a destination. */
export function createLogger(level: string, destination: pino.DestinationStream = bufferedDestination()): Logger {
  const options: LoggerOptions = {
    level,
    base: { app: 'sociale-basis-bot' },
    serializers: logSerializers,
    redact: { paths: redactPaths, censor: CENSORED },
    formatters: { log: (obj) => reduceErrors(obj) as Record<string, unknown> },
    hooks: { logMethod: keepErrorMessagesOut },
  };
  return pino(options, destination);
}

/** Any logger made safe: a child with the same serializers and redaction, so a logger handed in by a caller is covered too. */
export function safeLogger(log: Logger): Logger {
  return log.child({}, safeLogOptions);
}
