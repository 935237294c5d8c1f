/**
 * The least a Bot Framework activity must carry before the bot spends any work on it: what it is
 * (`type`), where to answer (`serviceUrl`, an http(s) address), which chat it belongs to
 * (`conversation.id`), who sent it (`from.id`) and to whom (`recipient.id`, the bot). Teams sends all
 * of them on every activity (messages, invokes, conversation and installation updates), and so do the
 * Agents Playground and the Bot Framework Emulator. Everything else is optional and is checked where
 * it is used (card data against its schema, in src/teams).
 */
export function isActivityShaped(value: unknown): boolean {
  if (!isRecord(value)) return false;
  return (
    isNonEmptyString(value.type) && isHttpUrl(value.serviceUrl) && hasId(value.conversation) && hasId(value.from) && hasId(value.recipient)
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function hasId(value: unknown): boolean {
  return isRecord(value) && isNonEmptyString(value.id);
}

function isHttpUrl(value: unknown): boolean {
  if (!isNonEmptyString(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
