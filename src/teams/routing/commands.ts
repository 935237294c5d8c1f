import { infoCommands } from '../commands/info-commands';
import { leaderCommands } from '../commands/leader-commands';
import { sessionCommands } from '../commands/session-commands';
import { tableCommands } from '../commands/table-commands';
import type { Mention } from './activity-text';
import type { CommandSpec } from './command-spec';

/**
 * Every chat command, declared once each (see command-spec.ts). Where two share a word the first
 * whose arguments fit wins: `start KX7-M4P` is the session's, `start Tafel Noord` the table's.
 */
export const COMMANDS: ReadonlyArray<CommandSpec> = [...sessionCommands, ...infoCommands, ...tableCommands, ...leaderCommands];

const BY_WORDS = new Map<string, CommandSpec[]>();
for (const spec of COMMANDS) {
  for (const words of new Set([...spec.words.nl, ...spec.words.en])) BY_WORDS.set(words, [...(BY_WORDS.get(words) ?? []), spec]);
}

/** A chat message read once: the command and its arguments, or undefined when it is none. */
export interface ParsedCommand {
  spec: CommandSpec;
  args: unknown;
}

/**
 * Reads a message (without the bot's @mention): a leading `/` is ignored, case too, and a phrase of
 * two words is tried before one word.
 */
export function parseCommand(text: string, mention?: Mention): ParsedCommand | undefined {
  const trimmed = text.trim().replace(/^\//, '');
  const words = trimmed.split(/\s+/).filter(Boolean);
  for (const n of [2, 1]) {
    if (words.length < n) continue;
    const specs = BY_WORDS.get(words.slice(0, n).join(' ').toLowerCase()) ?? [];
    const restText = trimmed.replace(new RegExp(`^(?:\\S+\\s*){${n}}`), '');
    for (const spec of specs) {
      const args = spec.args({ rest: words.slice(n), restText, ...(mention ? { mention } : {}) });
      if (args !== undefined) return { spec, args };
    }
  }
  return undefined;
}

export function commandSpec(name: string): CommandSpec | undefined {
  return COMMANDS.find((spec) => spec.name === name);
}
