import { randomUUID } from 'node:crypto';
import type { TeamsChat } from './teams-activity';

/** A thread in a team channel, as Teams names it: every message in it carries this conversation id. */
export interface ChannelThread extends TeamsChat {
  conversationType: 'channel';
  /** The channel itself (`19:...@thread.tacv2`), without the thread's message id. */
  channelId: string;
  /** The id of the thread's root post. */
  rootId: string;
}

/**
 * A channel thread: conversation id `<channelId>;messageid=<rootId>`, conversation type `channel`.
 * A new post in a channel starts such a thread, and the bot's replies go to the same id. Pass the
 * same `channelId` for several threads of one channel.
 */
export function channelConversation(opts: { tenantId?: string; channelId?: string; rootId?: string } = {}): ChannelThread {
  const channelId = opts.channelId ?? `19:${randomUUID().replace(/-/g, '')}@thread.tacv2`;
  const rootId = opts.rootId ?? String(1732531200000 + Math.floor(Math.random() * 1e9));
  return {
    id: `${channelId};messageid=${rootId}`,
    tenantId: opts.tenantId ?? 'tenant-gemeente',
    conversationType: 'channel',
    channelId,
    rootId,
  };
}
