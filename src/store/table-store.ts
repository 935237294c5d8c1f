import type { TableState } from '../domain';
import type { TableKey } from './table-key';
import type { StoreLog } from './schema/versioned';

/** What an update function decides: a new state to write (or none), and a result for the caller. */
export interface Mutation<R> {
  /** The state to store; omit (or return the same object) to write nothing. */
  state?: TableState;
  result: R;
}

/** A decision made on a read of a table, waiting for `commit`. */
export interface Prepared<R> {
  result: R;
  /** Present when the decision changed the table. Only the store that prepared it can commit it. */
  write?: PendingWrite;
}

/** What `prepare` leaves for `commit`; its content is the store's own. */
export interface PendingWrite {
  readonly key: TableKey;
}

/** The answer a turn gives an activity, to be remembered for Teams' re-sends with the write it caused. */
export interface AnswerRecord {
  activityId: string;
  /** As IdempotencyStore.finish takes it: absent when the activity is answered with nothing. */
  response?: string;
}

export type CommitOutcome = 'conflict' | 'written' | 'recorded';

/**
 * Where tables live. Implementations must pass `test/store/table-store.contract.ts`.
 *
 * `update` is the only way to change a table: it reads the latest state, applies `fn`, and writes the
 * result only if no one else wrote in between; otherwise it runs `fn` again on the newer state. So
 * `fn` must be pure (it may run several times) and concurrent updates never overwrite each other.
 * A state handed out (by `get`, or to `fn`) is its reader's own object, but its parts may be shared
 * with other reads and frozen (the Redis store's are): a change builds new objects around them.
 * Every write renews the table's retention period.
 *
 * A store may keep each participant's own input apart (the Redis store does, participant-input.ts):
 * then a decision that changes only participants' input is written when the rest of the table and
 * those participants' input are as `fn` saw them, while others' input may have changed meanwhile. The
 * rules allow it: what one participant submits never depends on what another submitted.
 */
export interface TableStore {
  get(key: TableKey): Promise<TableState | undefined>;
  /** The same table found by its token (tableToken(key)), e.g. from a signed export link or a session's list. */
  getByToken(token: string): Promise<TableState | undefined>;
  /** `startFrom`: a state `get` returned during this turn, which the store may decide on first instead of reading again. */
  update<R>(key: TableKey, fn: (current: TableState | undefined) => Mutation<R>, startFrom?: TableState): Promise<R>;
  /**
   * The first half of `update`, for a caller that must do something between deciding and writing
   * (render the answer that is recorded with the write): applies `fn` once, to `startFrom` or the
   * latest state, and writes nothing. `write` is present when `fn` changed the table.
   */
  prepare<R>(key: TableKey, fn: (current: TableState | undefined) => Mutation<R>, startFrom?: TableState): Promise<Prepared<R>>;
  /**
   * Writes what `prepare` decided, only if the table is still as `prepare` read it (the same rule as
   * `update`); otherwise writes nothing and says `conflict`, and the caller prepares again. With
   * `answer`, a store that keeps the remembered answers beside its tables records it for the activity
   * in the same atomic step (as IdempotencyStore.finish would) and says `recorded`; one that cannot
   * says `written`, and the caller records it itself.
   */
  commit(write: PendingWrite, answer?: AnswerRecord): Promise<CommitOutcome>;
  /**
   * Deletes the table and everything stored beside it: its refs, and what other stores keep per
   * table (answers remembered for Teams' re-sends, the conversation's send window).
   */
  delete(key: TableKey): Promise<void>;
  /**
   * Deletes what is stored beside a table key while no table is there: what was written for the
   * conversation after its table was erased (the send window of the notice that says so). While a
   * table exists under the key, it keeps everything: a new table started since is not touched.
   */
  deleteLeftovers(key: TableKey): Promise<void>;
  /** Small transport facts stored beside the table (message ids of cards to update, a conversation reference). */
  getRef(key: TableKey, name: string): Promise<string | undefined>;
  /** Stores a ref beside a table that exists; for a table that does not (erased, expired) it stores nothing. */
  setRef(key: TableKey, name: string, value: string): Promise<void>;
  /** Whether the store answers; for the health endpoint. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * A memory store that keeps something per table apart from the table store (remembered answers,
 * send windows). The memory table store is handed these and forgets the table's token in each when
 * it deletes a table, as a Redis delete takes every key under the table's hash tag.
 */
export interface KeptBesideTable {
  forgetTable(token: string): void;
}

export class ConflictError extends Error {
  constructor(attempts: number) {
    super(`Table update did not settle after ${attempts} attempts`);
    this.name = 'ConflictError';
  }
}

/** Unavailable storage, so the adapter can ask the user to retry instead of failing silently. */
export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`Store unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'StoreUnavailableError';
  }
}

export interface StoreOptions {
  /** Data expires this long after the last write. */
  retentionMs: number;
  /** Clock for expiry; injectable for tests. */
  now?: () => number;
  /** Where a stored value that does not parse is reported (it is then read as absent); silent when not given. */
  log?: StoreLog;
}
