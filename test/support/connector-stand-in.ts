import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the (stand-in) Teams connector service. */
export interface ConnectorCall {
  method: string;
  path: string;
  conversationId?: string;
  activityId?: string;
  body: any;
  at: number;
  /** The id the stand-in answered with, for a posted or updated message. */
  responseId?: string;
}

export interface Member {
  id: string;
  name: string;
  aadObjectId?: string;
}

/**
 * A local stand-in for the Teams connector service (the activity's serviceUrl). It records what
 * the bot sends, gives every new message an id, and answers the roster calls, so end-to-end tests
 * see exactly the HTTP traffic Teams would get.
 */
export class ConnectorStandIn {
  readonly calls: ConnectorCall[] = [];
  members: Member[] = [];
  private server?: http.Server;
  private nextId = 1;
  url = '';
  /** While set, a posted message is recorded at once but answered only when this settles (a slow or held Teams). */
  holdPosts?: Promise<void>;
  /** Messages someone removed in Teams: updating one answers 404, as Teams does. */
  readonly removed = new Set<string>();

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = (req.url ?? '').split('?')[0] ?? '';
      const parts = path.split('/').map((p) => decodeURIComponent(p));
      // /v3/conversations/{conversationId}/activities[/{activityId}] and /members
      const conversationId = parts[1] === 'v3' && parts[2] === 'conversations' ? parts[3] : undefined;
      const activityId = parts[4] === 'activities' ? parts[5] : undefined;
      const body = raw ? JSON.parse(raw) : undefined;
      const call: ConnectorCall = { method: req.method ?? '', path, conversationId, activityId, body, at: Date.now() };
      this.calls.push(call);
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      if (parts[4] === 'members' || parts[4] === 'pagedmembers') {
        const memberId = parts[5];
        if (memberId) {
          const m = this.members.find((x) => x.id === memberId);
          return m ? send(200, m) : send(404, { error: { code: 'MemberNotFoundInConversation' } });
        }
        return parts[4] === 'members' ? send(200, this.members) : send(200, { members: this.members });
      }
      if (parts[4] === 'activities' && req.method === 'PUT' && activityId && this.removed.has(activityId))
        return send(404, { error: { code: 'NotFound', message: 'Unknown activity' } });
      if (parts[4] === 'activities' && (req.method === 'POST' || req.method === 'PUT')) {
        const id = req.method === 'PUT' ? activityId : `msg-${this.nextId++}`;
        call.responseId = id;
        if (req.method === 'POST' && this.holdPosts) return void this.holdPosts.then(() => send(200, { id }));
        return send(200, { id });
      }
      if (req.method === 'DELETE') return send(200, {});
      return send(404, { error: { code: 'NotFound', message: path } });
    });
  }

  /** Messages posted (not updates) to a conversation, in order. */
  posts(conversationId?: string): ConnectorCall[] {
    return this.calls.filter(
      (c) => c.method === 'POST' && c.body?.type === 'message' && (!conversationId || c.conversationId === conversationId),
    );
  }

  updates(conversationId?: string): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'PUT' && (!conversationId || c.conversationId === conversationId));
  }

  /** All text a conversation received, cards included, for checks like "no argument leaked". */
  everythingSent(conversationId?: string): string {
    return this.calls
      .filter((c) => !conversationId || c.conversationId === conversationId)
      .map((c) => JSON.stringify(c.body))
      .join('\n');
  }

  async waitFor<T>(probe: () => T | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value) return value;
      if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
