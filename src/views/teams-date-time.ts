import { randomBytes } from 'node:crypto';

/**
 * Teams itself expands `{{DATE(…)}}` and `{{TIME(…)}}` in a card's text, in each reader's own time
 * zone. Only the bot may write them: a participant who types one would otherwise put a date of their
 * choosing in everybody's card. The bot's own are marked with a secret of this process (never sent:
 * renderCard turns the mark into `{{`), and every other `{{` in a card is broken by a word joiner,
 * which shows nothing. Text that went into the card from anywhere, however it was joined with our
 * own, cannot carry the mark, because nobody outside this process knows it.
 */
const MARK = `\uE000${randomBytes(12).toString('base64url')}\uE001`;

/** A `{{NAME(args)}}` Teams function written by the bot itself. */
export function teamsFunction(name: 'DATE' | 'TIME', args: string): string {
  return `${MARK}${name}(${args})}}`;
}

const WORD_JOINER = '\u2060';

/** Text as Teams may read it: our own functions restored, every other `{{` broken. */
export function neutralizeText(text: string): string {
  return text
    .split(MARK)
    .map((part) => part.replace(/\{(?=\{)/g, `{${WORD_JOINER}`))
    .join('{{');
}

/**
 * Where a card's strings are not shown as text but sent back or followed: the data of a button, a
 * link, an input's value (the form keeps what was typed; a joiner there would end up in what is
 * saved) and a choice's value. They keep their `{{`.
 */
function keepsBraces(key: string, parent: Record<string, unknown>, parentKey: string | undefined): boolean {
  if (key === 'data' || key === 'url' || key === 'id' || key === 'verb' || key === 'userIds') return true;
  if (key !== 'value') return false;
  return parentKey === 'choices' || (typeof parent.type === 'string' && parent.type.startsWith('Input.'));
}

/**
 * The card as sent: neutralizeText applied to every string Teams shows as text, and the nulls that
 * `$when` on a property (such as `refresh`) leaves behind dropped, since Teams wants the property
 * absent. One walk for both, because every card the bot sends passes here.
 */
export function neutralizeCard(value: unknown, keep = false, parentKey?: string): unknown {
  if (typeof value === 'string') {
    // Most strings hold neither a brace nor our mark: no copy for them.
    if (!value.includes('{') && !value.includes('\uE000')) return value;
    return keep ? value.split(MARK).join('{{') : neutralizeText(value);
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const v of value) if (v !== null) out.push(neutralizeCard(v, keep, parentKey));
    return out;
  }
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k in obj) {
      const v = obj[k];
      if (v !== null) out[k] = neutralizeCard(v, keep || keepsBraces(k, obj, parentKey), k);
    }
    return out;
  }
  return value;
}
