import type { StoredRead } from './schema/versioned';

/**
 * Parsed values by the exact text they were parsed from, the most recently used kept, at most
 * `capacity` of them. The same text always parses to the same value, so a hit needs no other check
 * (no revision, no age). What does not parse is not kept: its log line is written on every read.
 *
 * The values handed out are shared between every read of the process, hence deeply frozen: code that
 * changed one in place would throw in the tests instead of quietly changing another turn's table.
 */
export class ParsedCache<T> {
  private readonly byText = new Map<string, T>();

  constructor(
    private readonly parseText: (text: string) => StoredRead<T>,
    readonly capacity: number,
  ) {}

  parse(text: string): StoredRead<T> {
    const known = this.byText.get(text);
    if (known !== undefined) {
      // Most recently used last, so the oldest is the one to let go.
      this.byText.delete(text);
      this.byText.set(text, known);
      return { ok: true, value: known };
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
    this.byText.set(text, value);
    while (this.byText.size > this.capacity) {
      const oldest = this.byText.keys().next().value;
      if (oldest === undefined) break;
      this.byText.delete(oldest);
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
