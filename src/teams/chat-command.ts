/**
 * Chat commands as a gespreksleider types them, Dutch first with English aliases. The text arrives
 * with the bot's @mention already removed; other mentions come separately from the activity.
 */
export interface Mention {
  channelUserId: string;
  name: string;
}

export type ChatCommand =
  | { type: 'start'; title?: string }
  | { type: 'help' }
  | { type: 'status' }
  | { type: 'next' }
  | { type: 'round'; round: 1 | 2 | 3 }
  | { type: 'reveal' }
  | { type: 'handOver'; mention?: Mention }
  | { type: 'addCoLead'; mention?: Mention }
  | { type: 'stop' }
  | { type: 'unknown' };

const WORDS: Record<string, Exclude<ChatCommand['type'], 'start' | 'round' | 'unknown'>> = {
  help: 'help',
  hulp: 'help',
  '?': 'help',
  uitleg: 'help',
  status: 'status',
  stand: 'status',
  volgende: 'next',
  verder: 'next',
  next: 'next',
  onthul: 'reveal',
  onthullen: 'reveal',
  reveal: 'reveal',
  gespreksleider: 'handOver',
  leider: 'handOver',
  facilitator: 'handOver',
  leader: 'handOver',
  coleider: 'addCoLead',
  'co-leider': 'addCoLead',
  cofacilitator: 'addCoLead',
  'co-facilitator': 'addCoLead',
  coleader: 'addCoLead',
  'co-leader': 'addCoLead',
  stop: 'stop',
  einde: 'stop',
  afsluiten: 'stop',
  end: 'stop',
};

export function parseChatCommand(text: string, mention?: Mention): ChatCommand {
  const words = text.trim().replace(/^\//, '').split(/\s+/).filter(Boolean);
  const head = (words[0] ?? '').toLowerCase();
  const rest = words.slice(1);
  if (head === 'start' || head === 'begin') {
    const title = rest.join(' ').trim();
    return title ? { type: 'start', title } : { type: 'start' };
  }
  if (head === 'ronde' || head === 'round') {
    const n = rest.length === 1 ? rest[0] : undefined;
    return n === '1' || n === '2' || n === '3' ? { type: 'round', round: Number(n) as 1 | 2 | 3 } : { type: 'unknown' };
  }
  const type = WORDS[head];
  if (!type) return { type: 'unknown' };
  if (type === 'handOver' || type === 'addCoLead') return mention ? { type, mention } : { type };
  // "volgende fase" or "status graag" still mean the command; "stop de boel" as well.
  return { type };
}
