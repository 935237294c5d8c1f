import type { Language } from '../domain';
import type { LooseParams, Message, MessageKey, ParamArgs } from '../i18n';
import { en } from '../i18n/en';
import { nl } from '../i18n/nl';

/**
 * A piece of text for a card's RichTextBlock. TextRuns are never parsed as markdown, so a user's
 * name or argument shows exactly as typed and can never turn into a link, a mention or layout.
 */
export interface TextRun {
  type: 'TextRun';
  text: string;
  weight?: 'Bolder';
  italic?: boolean;
  size?: 'Medium' | 'Large';
  color?: 'Accent' | 'Good' | 'Attention';
}

const RAW = { nl, en } as const;

/**
 * Renders a message as runs: `**x**` in the message itself becomes bold, while the values put into
 * `{placeholders}` stay plain text whatever they contain. Takes a key and its params, or a Message
 * made elsewhere (a refusal).
 */
export function rich(lang: Language, message: Message): TextRun[];
export function rich<K extends MessageKey>(lang: Language, key: K, ...params: ParamArgs<K>): TextRun[];
export function rich(lang: Language, what: MessageKey | Message, params?: LooseParams): TextRun[] {
  return typeof what === 'string' ? runs(RAW[lang][what], params) : runs(RAW[lang][what.key], what.params);
}

function runs(template: string, params: LooseParams = {}): TextRun[] {
  const runs: TextRun[] = [];
  template.split('**').forEach((segment, i) => {
    const bold = i % 2 === 1;
    for (const part of segment.split(/(\{\w+\})/)) {
      if (!part) continue;
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      const text = name !== undefined && name in params ? String(params[name]) : part;
      runs.push(bold ? { type: 'TextRun', text, weight: 'Bolder' } : { type: 'TextRun', text });
    }
  });
  return merge(runs);
}

/** Plain user text as a single run. */
export function plain(text: string, italic = false): TextRun[] {
  return [italic ? { type: 'TextRun', text, italic: true } : { type: 'TextRun', text }];
}

function merge(runs: TextRun[]): TextRun[] {
  const out: TextRun[] = [];
  for (const run of runs) {
    const last = out[out.length - 1];
    if (last && last.weight === run.weight && last.italic === run.italic) last.text += run.text;
    else out.push({ ...run });
  }
  return out;
}

/** A title line: one bold run, larger than body text. */
export function heading(text: string, size: 'Medium' | 'Large' = 'Medium'): TextRun[] {
  return [{ type: 'TextRun', text, weight: 'Bolder', size }];
}

/** A label line in bold. */
export function bold(text: string): TextRun[] {
  return [{ type: 'TextRun', text, weight: 'Bolder' }];
}
