import { parseCode } from '../../domain';
import type { Mention } from './chat-command';

/**
 * The session's chat commands, Dutch first with English aliases. They are tried before the table's
 * commands; `undefined` means "not a session command". The text arrives without the bot's @mention.
 */
export type SessionCommand =
  /** In a channel: the form for a new session. */
  | { type: 'sessionNew'; title: string }
  /** The session's card again (the code, the settings, how many tables). */
  | { type: 'sessionInfo'; code?: string }
  | { type: 'sessionErase'; code?: string }
  | { type: 'coOrganiser'; mention?: Mention; code?: string }
  | { type: 'overview'; code?: string }
  /** At a table: link it to a session. `code` is what was typed, checked later. */
  | { type: 'link'; code: string }
  /**
   * `start <code> [titel]`: only when the first word(s) read as a code. A code always has a digit and
   * a letter from its own alphabet, so an ordinary title ("start Tafel Noord") never reads as one.
   */
  | { type: 'startWithCode'; code: string; title?: string }
  /** At a table: erase all its data (after a confirmation). */
  | { type: 'erase' };

const SESSION_WORDS = new Set(['sessie', 'session']);
const NEW_WORDS = new Set(['nieuw', 'nieuwe', 'new', 'maak', 'create']);
const ERASE_WORDS = new Set(['wis', 'wissen', 'erase', 'delete', 'verwijder']);
const CO_WORDS = new Set(['mede-organisator', 'medeorganisator', 'coorganisator', 'co-organisator', 'coorganiser', 'co-organiser', 'coorganizer', 'co-organizer']);
const INFO_WORDS = new Set(['info', 'code', 'status']);
const OVERVIEW_WORDS = new Set(['totaalbeeld', 'overview', 'totaal']);
const LINK_WORDS = new Set(['koppel', 'koppelen', 'link']);

/** A code typed after a command, possibly in two halves ("KX7 M4P"); undefined when there is none. */
function codeArgument(words: string[]): string | undefined {
  const joined = words.join(' ').trim();
  return joined ? joined : undefined;
}

/**
 * The first code among words that also hold a mention's name (Teams leaves the name where it was
 * typed: "mede-organisator @Anna KX7-M4P" or "... KX7-M4P @Anna"), as typed: in one, two or three parts.
 */
function codeAmong(words: string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    for (const n of [1, 2, 3]) {
      if (i + n > words.length) break;
      const candidate = words.slice(i, i + n).join(' ');
      if (parseCode(candidate)) return candidate;
    }
  }
  return undefined;
}

export function parseSessionCommand(text: string, mention?: Mention): SessionCommand | undefined {
  const trimmed = text.trim().replace(/^\//, '');
  const words = trimmed.split(/\s+/).filter(Boolean);
  const head = (words[0] ?? '').toLowerCase();
  const second = (words[1] ?? '').toLowerCase();
  const rest = words.slice(1);

  if (SESSION_WORDS.has(head)) {
    if (NEW_WORDS.has(second)) {
      // Keep the organiser's own spacing in the title, only without the two command words.
      const title = trimmed.replace(/^\S+\s+\S+\s*/, '');
      return { type: 'sessionNew', title };
    }
    const code = codeArgument(words.slice(2));
    if (ERASE_WORDS.has(second)) return code ? { type: 'sessionErase', code } : { type: 'sessionErase' };
    if (CO_WORDS.has(second)) {
      const typed = codeAmong(words.slice(2));
      return { type: 'coOrganiser', ...(mention ? { mention } : {}), ...(typed ? { code: typed } : {}) };
    }
    if (OVERVIEW_WORDS.has(second)) return code ? { type: 'overview', code } : { type: 'overview' };
    if (!second || INFO_WORDS.has(second)) return code ? { type: 'sessionInfo', code } : { type: 'sessionInfo' };
    // "sessie KX7-M4P"
    const direct = codeArgument(rest);
    return direct && parseCode(direct) ? { type: 'sessionInfo', code: direct } : { type: 'sessionInfo' };
  }
  if (OVERVIEW_WORDS.has(head)) {
    const code = codeArgument(rest);
    return code ? { type: 'overview', code } : { type: 'overview' };
  }
  if (LINK_WORDS.has(head)) return { type: 'link', code: codeArgument(rest) ?? '' };
  if (ERASE_WORDS.has(head) && rest.length === 0) return { type: 'erase' };
  if (head === 'start' || head === 'begin') return startWithCode(rest);
  return undefined;
}

/** "start KX7-M4P", "start kx7 m4p Tafel Noord": the code first, an optional title after it. */
function startWithCode(rest: string[]): SessionCommand | undefined {
  for (const n of [1, 2, 3]) {
    const candidate = rest.slice(0, n).join(' ');
    const code = parseCode(candidate);
    if (!code) continue;
    const title = rest.slice(n).join(' ').trim();
    return { type: 'startWithCode', code: candidate, ...(title ? { title } : {}) };
  }
  return undefined;
}
