import type { Logger } from 'pino';
import type { RequestHandler, Response } from 'restify';
import { isActivityShaped } from './activity-shape';
import { readBoundedBody, type BoundedBody } from './bounded-body';

/**
 * The largest activity accepted, counted as sent and after decompression. Teams' own are a few KB; a
 * card action with every field of the longest form at its limit stays far below this.
 */
export const MAX_ACTIVITY_BYTES = 256 * 1024;

type Refusal = Exclude<BoundedBody['type'], 'read'> | 'notAnActivity';

/**
 * Neutral answers: nothing of the request or of the bot's inner workings is echoed. A 4xx tells
 * Teams not to send the same request again (it retries a 5xx).
 */
const REFUSALS: Record<Refusal, { status: number; text: string }> = {
  tooLarge: { status: 413, text: 'Request body too large.' },
  unsupportedEncoding: { status: 415, text: 'Unsupported Content-Encoding.' },
  unreadable: { status: 400, text: 'Request body could not be read.' },
  notAnActivity: { status: 400, text: 'Request body is not a Bot Framework activity.' },
};

/**
 * The first step of POST /api/messages: reads the body under MAX_ACTIVITY_BYTES (see
 * bounded-body.ts), parses it as JSON and checks the activity's shape, all before botbuilder sees it,
 * so that neither the token check nor the bot does any work for an oversized, compressed-bomb or
 * malformed request. On success `req.body` holds the activity, as botbuilder's CloudAdapter expects.
 */
export function readActivity(log: Logger, limit = MAX_ACTIVITY_BYTES): RequestHandler {
  return (req, res, next) => {
    void readBoundedBody(req, limit).then((read) => {
      const activity = read.type === 'read' ? parseJson(read.body) : undefined;
      if (read.type === 'read' && isActivityShaped(activity)) {
        req.body = activity;
        return next();
      }
      const refusal: Refusal = read.type === 'read' ? 'notAnActivity' : read.type;
      refuse(res, refusal);
      log.warn({ status: REFUSALS[refusal].status, refusal }, 'refused a request to /api/messages');
      return next(false);
    });
  };
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

function refuse(res: Response, refusal: Refusal): void {
  const { status, text } = REFUSALS[refusal];
  const headers: Record<string, string> = { 'content-type': 'text/plain; charset=utf-8' };
  // RFC 7694: a 415 for an encoding names the encodings the server does accept.
  if (refusal === 'unsupportedEncoding') headers['accept-encoding'] = 'gzip';
  res.sendRaw(status, text, headers);
}
