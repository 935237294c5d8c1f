import type { Command } from '../../domain';
import type { Turn } from '../turn';
import type { Mention } from './activity-text';
import type { Phases } from './verb-spec';
import type { Who } from './who';

/** What follows a command's words in a chat message. */
export interface CommandInput {
  /** The words after the command's own, as typed. */
  rest: string[];
  /** The text after the command's own words, with the user's spacing and line breaks. */
  restText: string;
  /** The first person @mentioned, other than the bot. */
  mention?: Mention;
}

/**
 * A chat command, declared once: the words that start it (Dutch and English; all are understood
 * whatever the user's language), who may use it, where it makes sense, how to read what follows, and
 * what it does. A command that runs a domain command declares it, so `decide` has the last word.
 */
export interface CommandSpec<N extends string = string, A = unknown, C extends Command | undefined = Command | undefined> {
  name: N;
  /** Lower case; a phrase of two words is tried before one word. The first of each list is the one help shows. */
  words: { nl: ReadonlyArray<string>; en: ReadonlyArray<string> };
  who: Who;
  phases: Phases;
  /** What follows the words; undefined when the text is not this command after all (the next match is tried). */
  args(input: CommandInput): A | undefined;
  command?(args: A): C;
  handle(turn: Turn, args: A, command: C): Promise<void>;
}

export function chatCommand<N extends string, A, C extends Command | undefined = undefined>(
  spec: CommandSpec<N, A, C>,
): CommandSpec<N, A, C> {
  return spec;
}
