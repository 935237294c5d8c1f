import type { TableState } from '../domain';
import { tableToken, type TableKey } from './table-key';
import type {
  AnswerRecord,
  CommitOutcome,
  KeptBesideTable,
  Mutation,
  PendingWrite,
  Prepared,
  StoreOptions,
  TableStore,
} from './table-store';
import type { AnswerBook } from './idempotency-store';
import { tableShape } from './schema/table-state';
import { orAbsent, readStoredJson } from './schema/versioned';

interface Entry {
  json: string;
  refs: Map<string, string>;
  expiresAt: number;
}

/** A prepared write: the entry it was decided on (every write replaces the entry, so identity is its revision). */
interface MemoryWrite extends PendingWrite {
  read: Entry | undefined;
  state: TableState;
}

/**
 * For local runs and tests. It stores JSON, not objects, so a caller can never change stored state
 * by accident, and it behaves like the Redis store: same expiry, same atomic update, and a delete
 * that takes what the memory stores `beside` it keep of the table too.
 */
export class MemoryTableStore implements TableStore {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private readonly beside: readonly KeptBesideTable[];

  /** `answers`: where `commit` records a turn's answer with its write (the memory idempotency store, as createStores wires it). */
  constructor(private readonly options: StoreOptions & { beside?: readonly KeptBesideTable[]; answers?: AnswerBook }) {
    this.now = options.now ?? Date.now;
    this.beside = options.beside ?? [];
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
    return this.parse(token, this.liveByToken(token));
  }

  /** Read as the Redis store reads, so that a state the schema refuses shows in every test, not only on Redis. */
  private parse(token: string, entry: Entry | undefined): TableState | undefined {
    return entry ? orAbsent(readStoredJson(tableShape, entry.json), this.options.log, 'table', token) : undefined;
  }

  // A single event loop turn runs fn and writes, so no other update can interleave here.
  async update<R>(key: TableKey, fn: (current: TableState | undefined) => Mutation<R>): Promise<R> {
    const entry = this.live(key);
    const current = this.parse(tableToken(key), entry);
    const { state, result } = fn(current);
    if (state !== undefined && state !== current) this.write(key, entry, state);
    return result;
  }

  async prepare<R>(key: TableKey, fn: (current: TableState | undefined) => Mutation<R>): Promise<Prepared<R>> {
    const entry = this.live(key);
    const current = this.parse(tableToken(key), entry);
    const { state, result } = fn(current);
    if (state === undefined || state === current) return { result };
    const write: MemoryWrite = { key, read: entry, state };
    return { result, write };
  }

  async commit(pending: PendingWrite, answer?: AnswerRecord): Promise<CommitOutcome> {
    const { key, read, state } = pending as MemoryWrite;
    const entry = this.live(key);
    if (entry !== read) return 'conflict';
    this.write(key, entry, state);
    if (!answer || !this.options.answers) return 'written';
    this.options.answers.recordNow(key, answer.activityId, answer.response);
    return 'recorded';
  }

  private write(key: TableKey, entry: Entry | undefined, state: TableState): void {
    this.entries.set(tableToken(key), {
      json: JSON.stringify(state),
      refs: entry?.refs ?? new Map(),
      expiresAt: this.now() + this.options.retentionMs,
    });
  }

  async delete(key: TableKey): Promise<void> {
    const token = tableToken(key);
    this.entries.delete(token);
    for (const store of this.beside) store.forgetTable(token);
  }

  async deleteLeftovers(key: TableKey): Promise<void> {
    if (!this.live(key)) await this.delete(key);
  }

  async getRef(key: TableKey, name: string): Promise<string | undefined> {
    return this.live(key)?.refs.get(name);
  }

  /** A late write (a card update that finished after an erase) must not bring any of the table back. */
  async setRef(key: TableKey, name: string, value: string): Promise<void> {
    const entry = this.live(key);
    if (!entry) return;
    entry.refs.set(name, value);
    entry.expiresAt = this.now() + this.options.retentionMs;
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
