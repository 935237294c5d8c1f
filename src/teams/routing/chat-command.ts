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
  | { type: 'guest'; name: string }
  | { type: 'notetaker'; mention?: Mention }
  | { type: 'silentRound' }
  | { type: 'close' }
  | { type: 'conclusion'; text: string }
  | { type: 'note'; text: string }
  | { type: 'timer'; minutes: number }
  | { type: 'summary' }
  | { type: 'board' }
  | { type: 'unknown' };

type SimpleCommand = Exclude<ChatCommand['type'], 'start' | 'round' | 'unknown' | 'guest' | 'conclusion' | 'note' | 'timer'>;

const WORDS: Record<string, SimpleCommand> = {
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
  notulist: 'notetaker',
  notetaker: 'notetaker',
  sluit: 'close',
  sluiten: 'close',
  close: 'close',
  samenvatting: 'summary',
  summary: 'summary',
  model: 'board',
  board: 'board',
};

/** Commands that take the rest of the line as their text. */
const WITH_TEXT: Record<string, 'guest' | 'conclusion' | 'note'> = {
  gast: 'guest',
  guest: 'guest',
  conclusie: 'conclusion',
  conclusion: 'conclusion',
  notitie: 'note',
  note: 'note',
};

/** Two-word commands, matched before single words. */
const PHRASES: Record<string, SimpleCommand> = {
  'stille ronde': 'silentRound',
  'stille keuze': 'silentRound',
  'silent round': 'silentRound',
};

export function parseChatCommand(text: string, mention?: Mention): ChatCommand {
  const trimmed = text.trim().replace(/^\//, '');
  const words = trimmed.split(/\s+/).filter(Boolean);
  const head = (words[0] ?? '').toLowerCase();
  const rest = words.slice(1);
  const phrase = PHRASES[words.slice(0, 2).join(' ').toLowerCase()];
  if (phrase) return { type: phrase } as ChatCommand;
  const withText = WITH_TEXT[head];
  if (withText) {
    // Keep the user's own spacing and line breaks in the text, only without the command word.
    const body = trimmed.slice(trimmed.toLowerCase().indexOf(head) + head.length).replace(/^[\s:]+/, '');
    return withText === 'guest' ? { type: 'guest', name: body } : { type: withText, text: body };
  }
  if (head === 'timer') {
    const minutes = rest.length === 1 && /^\d{1,4}$/.test(rest[0]!) ? Number(rest[0]) : Number.NaN;
    return { type: 'timer', minutes };
  }
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
  if (type === 'handOver' || type === 'addCoLead' || type === 'notetaker') return mention ? { type, mention } : { type };
  // "volgende fase" or "status graag" still mean the command; "stop de boel" as well.
  return { type } as ChatCommand;
}
