import type { Activity } from 'botbuilder';
import type { Actor } from '../../domain';
import type { TableKey } from '../../store';

/**
 * The acting user, from the authenticated activity only. The Entra object id is stable across
 * Teams clients; the channel id is the fallback (guests in some tenants, the Playground).
 */
export function actorOf(activity: Activity): Actor {
  const from = activity.from;
  return {
    id: from.aadObjectId || from.id,
    name: (from.name ?? '').trim() || from.id,
    channelUserId: from.id,
  };
}

export function tableKeyOf(activity: Activity): TableKey {
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
  const tenantId = activity.conversation.tenantId ?? channelData?.tenant?.id ?? 'no-tenant';
  return { tenantId, conversationId: activity.conversation.id };
}
