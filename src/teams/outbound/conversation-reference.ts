import type { Activity, ConversationReference } from 'botbuilder';

/**
 * Where to send later (a card update, a timer's message): the conversation and the bot, but not the
 * user whose click happened to trigger it, so no participant's name travels with a shared update,
 * and no activity id, so a later post is a message in the conversation, not a reply to that click.
 */
export function conversationReference(activity: Activity): Partial<ConversationReference> {
  return {
    channelId: activity.channelId,
    serviceUrl: activity.serviceUrl,
    ...(activity.locale ? { locale: activity.locale } : {}),
    ...(activity.recipient ? { bot: { id: activity.recipient.id, name: activity.recipient.name } } : {}),
    conversation: activity.conversation,
  };
}
