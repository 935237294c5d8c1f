import { createHash } from 'node:crypto';

/** One Teams conversation is one table; its identity is the tenant plus the conversation id. */
export interface TableKey {
  tenantId: string;
  conversationId: string;
}

/**
 * A fixed-length, brace-free token for a table. Teams conversation ids contain `:`, `@`, `;` and
 * may be long; the hash keeps Redis keys short and makes a valid Redis Cluster hash tag.
 */
export function tableToken(key: TableKey): string {
  return createHash('sha256').update(`${key.tenantId}\n${key.conversationId}`).digest('base64url').slice(0, 27);
}
