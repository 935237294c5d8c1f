import { createHash } from 'node:crypto';

/** One Teams conversation is one table; its identity is the tenant plus the conversation id. */
export interface TableKey {
  tenantId: string;
  conversationId: string;
}

// One click asks for its table's token four to five times (store, idempotency, refs, timers, links).
const TOKENS_KEPT = 10_000;
const tokens = new Map<string, string>();

/**
 * A fixed-length, brace-free token for a table. Teams conversation ids contain `:`, `@`, `;` and
 * may be long; the hash keeps Redis keys short and makes a valid Redis Cluster hash tag.
 */
export function tableToken(key: TableKey): string {
  const name = `${key.tenantId}\n${key.conversationId}`;
  let token = tokens.get(name);
  if (token === undefined) {
    token = createHash('sha256').update(name).digest('base64url').slice(0, 27);
    // A process sees a bounded number of live tables; start over rather than grow without end.
    if (tokens.size >= TOKENS_KEPT) tokens.clear();
    tokens.set(name, token);
  }
  return token;
}
