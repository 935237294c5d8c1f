/**
 * A lean stand-in for the Teams connector service (the activities' serviceUrl), for the benchmark:
 * answers every post and update at once with 200 `{ id }`, and records one small line per call
 * (time, method, conversation, size). In `inspect` mode it also parses the body and records the size
 * of the biggest attachment and the card's heading, for the card-size part of the benchmark.
 *
 * Runs as its own process (bench/processes.ts forks the compiled file), so that both bots send to the same
 * server and neither shares an event loop with it; the benchmark asks it for its records over IPC.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call a bot made to the connector. */
export interface CallRecord {
  /** Date.now() when the request was complete. */
  t: number;
  method: string;
  conversationId: string;
  /** Bytes of the request body (the activity JSON). */
  bodyBytes: number;
  /** Inspect mode: bytes of the JSON of the biggest attachment (0 when none, -1 when not inspected). */
  attachmentBytes: number;
  /** Inspect mode: the first text block of the card (or the text of a plain message). */
  heading?: string;
}

export type ToConnector =
  | { type: 'inspect'; on: boolean }
  | { type: 'calls'; req: number; from: number }
  | { type: 'count'; req: number }
  | { type: 'biggest'; req: number };
export type FromConnector =
  | { type: 'ready'; port: number }
  | { type: 'calls'; req: number; calls: CallRecord[]; total: number }
  | { type: 'count'; req: number; total: number }
  | { type: 'biggest'; req: number; bodies: Array<{ conversationId: string; heading: string; body: string }> };

const calls: CallRecord[] = [];
let inspect = false;
/** Inspect mode: the biggest body seen per conversation and heading, to look at afterwards. */
const biggest = new Map<string, { conversationId: string; heading: string; body: string }>();
let nextId = 1;

/** The text of the first TextBlock / RichTextBlock, depth first. */
export function headingOf(node: unknown): string | undefined {
  if (Array.isArray(node)) {
    for (const x of node) {
      const h = headingOf(x);
      if (h !== undefined) return h;
    }
    return undefined;
  }
  if (!node || typeof node !== 'object') return undefined;
  const o = node as Record<string, unknown>;
  if (o.type === 'TextBlock' && typeof o.text === 'string') return o.text;
  if (o.type === 'RichTextBlock' && Array.isArray(o.inlines)) {
    return o.inlines.map((r) => (typeof r === 'string' ? r : String((r as { text?: unknown }).text ?? ''))).join('');
  }
  for (const key of ['body', 'items', 'columns']) {
    if (key in o) {
      const h = headingOf(o[key]);
      if (h !== undefined) return h;
    }
  }
  return undefined;
}

function describe(raw: string): Pick<CallRecord, 'attachmentBytes' | 'heading'> {
  try {
    const body = JSON.parse(raw) as { text?: string; attachments?: Array<{ content?: unknown }> };
    let biggest = 0;
    let heading: string | undefined;
    for (const a of body.attachments ?? []) {
      const bytes = Buffer.byteLength(JSON.stringify(a), 'utf8');
      if (bytes > biggest) {
        biggest = bytes;
        heading = headingOf(a.content);
      }
    }
    return { attachmentBytes: biggest, heading: heading ?? body.text?.slice(0, 80) };
  } catch {
    return { attachmentBytes: 0, heading: '(no JSON)' };
  }
}

function conversationOf(url: string): { conversationId: string; activityId?: string; isActivities: boolean } {
  // /v3/conversations/{conversationId}/activities[/{activityId}]
  const path = url.split('?')[0] ?? '';
  const parts = path.split('/');
  const conversationId = parts[1] === 'v3' && parts[2] === 'conversations' ? decodeURIComponent(parts[3] ?? '') : '';
  const activityId = parts[5] !== undefined ? decodeURIComponent(parts[5]) : undefined;
  return { conversationId, ...(activityId !== undefined ? { activityId } : {}), isActivities: parts[4] === 'activities' };
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const method = req.method ?? '';
    const { conversationId, activityId, isActivities } = conversationOf(req.url ?? '');
    const body = Buffer.concat(chunks);
    const record: CallRecord = { t: Date.now(), method, conversationId, bodyBytes: body.length, attachmentBytes: -1 };
    if (inspect && body.length > 0) {
      const raw = body.toString('utf8');
      Object.assign(record, describe(raw));
      const k = `${conversationId}\n${record.heading ?? ''}`;
      if ((biggest.get(k)?.body.length ?? -1) < raw.length) biggest.set(k, { conversationId, heading: record.heading ?? '', body: raw });
    }
    calls.push(record);
    let payload: string;
    if (isActivities && method === 'POST') payload = `{"id":"m-${nextId++}"}`;
    else if (isActivities && method === 'PUT') payload = JSON.stringify({ id: activityId ?? '' });
    else payload = '{}';
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
    res.end(payload);
  });
});
server.keepAliveTimeout = 30_000;

process.on('message', (msg: ToConnector) => {
  switch (msg.type) {
    case 'inspect':
      inspect = msg.on;
      return;
    case 'calls':
      process.send?.({ type: 'calls', req: msg.req, calls: calls.slice(msg.from), total: calls.length } satisfies FromConnector);
      return;
    case 'count':
      process.send?.({ type: 'count', req: msg.req, total: calls.length } satisfies FromConnector);
      return;
    case 'biggest':
      process.send?.({ type: 'biggest', req: msg.req, bodies: [...biggest.values()] } satisfies FromConnector);
      return;
  }
});
process.on('disconnect', () => process.exit(0));

server.listen(0, '127.0.0.1', () => {
  process.send?.({ type: 'ready', port: (server.address() as AddressInfo).port } satisfies FromConnector);
});
