import type { Activity, ConversationReference } from 'botbuilder';
import type { TableKey } from '../../store';
import { tableKeyOf } from './activity-identity';

/**
 * Teams names a thread in a channel `<channelId>;messageid=<rootId>`: every message in it, the root
 * post included, carries that conversation id, and a message sent to it is a reply in the thread.
 */
const THREAD_MARK = ';messageid=';

export function isChannel(activity: Activity): boolean {
  return activity.conversation?.conversationType === 'channel';
}

/** The thread the activity belongs to. A root post seen without the mark is its own thread's root. */
export function threadIdOf(activity: Activity): string {
  const id = activity.conversation.id;
  if (id.includes(THREAD_MARK) || !isChannel(activity) || activity.type !== 'message' || !activity.id) return id;
  return `${id}${THREAD_MARK}${activity.id}`;
}

export function threadKeyOf(activity: Activity): TableKey {
  return { tenantId: tableKeyOf(activity).tenantId, conversationId: threadIdOf(activity) };
}

/**
 * What the bot needs to post into the thread later: without the organiser (no personal data is kept
 * for this) and without an activity id, so that a proactive send goes to the thread itself
 * (POST /v3/conversations/<thread>/activities), not as a reply to one message.
 */
export function threadReference(activity: Activity): Partial<ConversationReference> {
  return {
    channelId: activity.channelId,
    serviceUrl: activity.serviceUrl,
    ...(activity.locale ? { locale: activity.locale } : {}),
    bot: { id: activity.recipient.id, name: activity.recipient.name },
    conversation: { ...activity.conversation, id: threadIdOf(activity) },
  };
}
