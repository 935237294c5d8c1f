import { randomUUID } from 'node:crypto';

/** A Teams user as the bot sees them: channel id `29:...`, Entra object id, display name. */
export interface TeamsUser {
  id: string;
  aadObjectId: string;
  name: string;
}

export interface TeamsChat {
  id: string;
  tenantId: string;
  conversationType: 'groupChat' | 'channel' | 'personal';
}

export const BOT = { id: '28:sociale-basis-bot', name: 'Sociale Basis' };

export function user(n: number, name = `Deelnemer Naam ${n}`): TeamsUser {
  return { id: `29:user-${n}`, aadObjectId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, name };
}

export function groupChat(n = 1, tenantId = 'tenant-gemeente'): TeamsChat {
  return { id: `19:table-${n}-${randomUUID()}@thread.v2`, tenantId, conversationType: 'groupChat' };
}

function base(serviceUrl: string, chat: TeamsChat, from: TeamsUser, locale: string) {
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
    conversation: {
      id: chat.id,
      conversationType: chat.conversationType,
      tenantId: chat.tenantId,
      isGroup: chat.conversationType !== 'personal',
    },
    recipient: BOT,
    locale,
    channelData: { tenant: { id: chat.tenantId } },
  };
}

/** A chat message as Teams sends it: with the bot's @mention in the text when `mentionBot` is set. */
export function message(
  serviceUrl: string,
  chat: TeamsChat,
  from: TeamsUser,
  text: string,
  opts: { mentionBot?: boolean; mentions?: TeamsUser[]; locale?: string } = {},
) {
  const entities: object[] = [];
  let full = text;
  if (opts.mentionBot) {
    full = `<at>${BOT.name}</at> ${text}`;
    entities.push({ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT });
  }
  for (const m of opts.mentions ?? []) {
    full = `${full} <at>${m.name}</at>`;
    entities.push({ type: 'mention', text: `<at>${m.name}</at>`, mentioned: { id: m.id, name: m.name } });
  }
  return { ...base(serviceUrl, chat, from, opts.locale ?? 'nl-NL'), type: 'message', text: full, textFormat: 'plain', entities };
}

/** A Universal Actions button press (`Action.Execute`). */
export function cardAction(
  serviceUrl: string,
  chat: TeamsChat,
  from: TeamsUser,
  verb: string,
  data: Record<string, unknown> = {},
  opts: { locale?: string; replyToId?: string } = {},
) {
  return {
    ...base(serviceUrl, chat, from, opts.locale ?? 'nl-NL'),
    type: 'invoke',
    name: 'adaptiveCard/action',
    ...(opts.replyToId ? { replyToId: opts.replyToId } : {}),
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}
