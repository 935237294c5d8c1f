import type { StoredRead } from './schema/versioned';

/**
 * Parsed values by the exact text they were parsed from, at most `capacity` of them: the one let go
 * is the oldest not used since the last time it was passed over (a second chance, so that a hit
 * costs one lookup of the text, not a lookup and a reinsertion: texts are kilobytes, each hashed and
 * compared). The same text always parses to the same value, so a hit needs no other check
 * (no revision, no age). What does not parse is not kept: its log line is written on every read.
 *
 * The values handed out are shared between every read of the process, hence deeply frozen: code that
 * changed one in place would throw in the tests instead of quietly changing another turn's table.
 */
export class ParsedCache<T> {
  private readonly byText = new Map<string, { value: T; used: boolean }>();
  /**
   * The text of the last hit, compared before the lookup: comparing two texts is far cheaper than
   * hashing one, and the deck of most tables is one and the same text.
   */
  private last: { text: string; entry: { value: T; used: boolean } } | undefined;

  constructor(
    private readonly parseText: (text: string) => StoredRead<T>,
    readonly capacity: number,
  ) {}

  parse(text: string): StoredRead<T> {
    const last = this.last;
    const known = last?.text === text ? last.entry : this.byText.get(text);
    if (known) {
      known.used = true;
      if (known !== last?.entry) this.last = { text, entry: known };
      return { ok: true, value: known.value };
    }
    const read = this.parseText(text);
    if (read.ok) this.remember(text, deepFreeze(read.value));
    return read;
  }

  /** How many are kept now. */
  get size(): number {
    return this.byText.size;
  }

  private remember(text: string, value: T): void {
    this.byText.set(text, { value, used: false });
    // Ends: each entry passed over loses its second chance.
    while (this.byText.size > this.capacity) {
      const oldest = this.byText.entries().next().value;
      if (!oldest) break;
      const [oldestText, entry] = oldest;
      this.byText.delete(oldestText);
      if (entry.used) {
        entry.used = false;
        this.byText.set(oldestText, entry);
      }
    }
  }
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}
