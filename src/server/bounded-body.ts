import type { IncomingMessage } from 'node:http';
import { createGunzip } from 'node:zlib';

/** What reading a request body under a limit gave; only `read` carries bytes. */
export type BoundedBody =
  | { type: 'read'; body: Buffer }
  /** The body as sent, or as it inflates, is larger than the limit: the rest was not read into memory, nor inflated. */
  | { type: 'tooLarge' }
  /** A Content-Encoding other than gzip. */
  | { type: 'unsupportedEncoding' }
  /** A gzip body that does not inflate, or a connection that broke off. */
  | { type: 'unreadable' };

/**
 * What is still sent after a refusal is read and dropped (never inflated), so that the client gets to
 * read its answer instead of a reset; a client that keeps sending more than this loses the connection.
 */
const DISCARD_AT_MOST = 1024 * 1024;

/**
 * Reads a request body of at most `limit` bytes, counted both as sent and as it inflates: a gzip body
 * is inflated piece by piece while it arrives and stops as soon as the inflated bytes pass the limit,
 * so a small compressed body that inflates to hundreds of megabytes costs at most `limit` bytes of
 * memory and the work of inflating that much. A Content-Length over the limit is refused unread.
 *
 * Teams' Bot Connector sends activities uncompressed; gzip is accepted (as restify's body parser did)
 * because HTTP allows it and it costs nothing once bounded. Any other encoding is refused.
 */
export function readBoundedBody(req: IncomingMessage, limit: number): Promise<BoundedBody> {
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip' && encoding !== 'x-gzip') {
    discardRest(req);
    return Promise.resolve({ type: 'unsupportedEncoding' });
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    discardRest(req);
    return Promise.resolve({ type: 'tooLarge' });
  }

  return new Promise((resolve) => {
    const gunzip = encoding === 'identity' ? undefined : createGunzip();
    const chunks: Buffer[] = [];
    let sent = 0;
    let kept = 0;
    let settled = false;

    const settle = (result: BoundedBody, complete: boolean) => {
      if (settled) return;
      settled = true;
      req.off('data', onSent);
      req.off('end', onSentEnd);
      // Destroying the inflater stops it between two pieces: the rest of a bomb is never inflated.
      gunzip?.destroy();
      if (!complete) discardRest(req);
      resolve(result);
    };
    const keep = (piece: Buffer) => {
      kept += piece.length;
      if (kept > limit) return settle({ type: 'tooLarge' }, false);
      chunks.push(piece);
    };
    const onSent = (chunk: Buffer) => {
      sent += chunk.length;
      if (sent > limit) return settle({ type: 'tooLarge' }, false);
      if (!gunzip) return keep(chunk);
      // Backpressure: the next piece is read from the socket only once this one is inflated.
      if (!gunzip.write(chunk)) req.pause();
    };
    const onSentEnd = () => {
      if (gunzip) gunzip.end();
      else settle({ type: 'read', body: Buffer.concat(chunks) }, true);
    };

    if (gunzip) {
      gunzip.on('data', keep);
      gunzip.on('drain', () => req.resume());
      gunzip.once('end', () => settle({ type: 'read', body: Buffer.concat(chunks) }, true));
      gunzip.once('error', () => settle({ type: 'unreadable' }, false));
    }
    req.on('data', onSent);
    req.once('end', onSentEnd);
    req.once('error', () => settle({ type: 'unreadable' }, true));
    req.once('close', () => {
      if (!req.readableEnded) settle({ type: 'unreadable' }, true);
    });
    req.resume();
  });
}

/** Reads what is left of a refused body and drops it; past DISCARD_AT_MOST the connection is closed. */
function discardRest(req: IncomingMessage): void {
  if (req.readableEnded || req.destroyed) return;
  let dropped = 0;
  req.removeAllListeners('data');
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > DISCARD_AT_MOST) req.socket.destroy();
  });
  req.resume();
}
