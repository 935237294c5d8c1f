import { TurnContext, type Activity } from 'botbuilder';

/** Someone @mentioned in a message: their Teams channel id and the name as Teams shows it. */
export interface Mention {
  channelUserId: string;
  name: string;
}

const ENTITIES: Record<string, string> = {
  '&nbsp;': ' ',
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&apos;': "'",
};

/**
 * The command text of a message: the bot's own @mention removed, other mentions reduced to their
 * name, HTML that Teams adds (tags, entities) stripped.
 */
export function commandText(activity: Activity): string {
  const withoutBot = TurnContext.removeRecipientMention(activity) ?? activity.text ?? '';
  return withoutBot
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(nbsp|amp|lt|gt|quot|#39|apos);/g, (e) => ENTITIES[e] ?? e)
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first person @mentioned in the message other than the bot. */
export function firstMention(activity: Activity): Mention | undefined {
  for (const entity of activity.entities ?? []) {
    if (entity.type !== 'mention') continue;
    const mentioned = (entity as { mentioned?: { id?: string; name?: string } }).mentioned;
    if (!mentioned?.id || mentioned.id === activity.recipient?.id) continue;
    return { channelUserId: mentioned.id, name: mentioned.name ?? '' };
  }
  return undefined;
}
