import type { TableState } from '../domain';
import { tableToken, type TableKey } from './table-key';
import type { Mutation, StoreOptions, TableStore } from './table-store';

interface Entry {
  json: string;
  refs: Map<string, string>;
  expiresAt: number;
}

/**
 * For local runs and tests. It stores JSON, not objects, so a caller can never change stored state
 * by accident, and it behaves like the Redis store: same expiry, same atomic update.
 */
export class MemoryTableStore implements TableStore {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;

  constructor(private readonly options: StoreOptions) {
    this.now = options.now ?? Date.now;
  }

  private live(key: TableKey): Entry | undefined {
    return this.liveByToken(tableToken(key));
  }

  private liveByToken(token: string): Entry | undefined {
    const entry = this.entries.get(token);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(token);
      return undefined;
    }
    return entry;
  }

  async get(key: TableKey): Promise<TableState | undefined> {
    return this.getByToken(tableToken(key));
  }

  async getByToken(token: string): Promise<TableState | undefined> {
    const entry = this.liveByToken(token);
    return entry && entry.json ? (JSON.parse(entry.json) as TableState) : undefined;
  }

  // A single event loop turn runs fn and writes, so no other update can interleave here.
  async update<R>(key: TableKey, fn: (current: TableState | undefined) => Mutation<R>): Promise<R> {
    const entry = this.live(key);
    const current = entry && entry.json ? (JSON.parse(entry.json) as TableState) : undefined;
    const { state, result } = fn(current);
    if (state !== undefined && state !== current) {
      this.entries.set(tableToken(key), {
        json: JSON.stringify(state),
        refs: entry?.refs ?? new Map(),
        expiresAt: this.now() + this.options.retentionMs,
      });
    }
    return result;
  }

  async delete(key: TableKey): Promise<void> {
    this.entries.delete(tableToken(key));
  }

  async getRef(key: TableKey, name: string): Promise<string | undefined> {
    return this.live(key)?.refs.get(name);
  }

  async setRef(key: TableKey, name: string, value: string): Promise<void> {
    const entry = this.live(key);
    if (entry) {
      entry.refs.set(name, value);
      entry.expiresAt = this.now() + this.options.retentionMs;
    } else this.entries.set(tableToken(key), { json: '', refs: new Map([[name, value]]), expiresAt: this.now() + this.options.retentionMs });
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
