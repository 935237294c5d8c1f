import type { SessionState } from '../domain';
import type { TableKey } from './table-key';

/** What a session update decides: the state to write (or none), and a result for the caller. */
export interface SessionMutation<R> {
  /** The state to store; omit (or return the same object) to write nothing. */
  state?: SessionState;
  result: R;
}

/**
 * Where organisers' sessions live, by join code. Implementations must pass
 * `test/store/session-store.contract.ts`.
 *
 * - `create` is the only way to make a session, and it never overwrites one: two sessions cannot get
 *   the same code, however close together they are created.
 * - `update` works like TableStore.update (read, apply `fn`, write only if nobody wrote in between,
 *   else run `fn` again), except that it never creates: a session that is gone (deleted, expired)
 *   reaches `fn` as undefined, and `fn` must then return no state.
 * - Every write (and every ref) renews the session's retention period, as a table's activity does.
 * - A channel thread holds at most one session: `claimThread` binds it once.
 */
export interface SessionStore {
  /** Stores a new session under its code; false (and nothing written) when the code is taken. */
  create(session: SessionState): Promise<boolean>;
  get(code: string): Promise<SessionState | undefined>;
  update<R>(code: string, fn: (current: SessionState | undefined) => SessionMutation<R>): Promise<R>;
  /** Deletes the session, its refs and its thread binding. */
  delete(code: string): Promise<void>;
  /** Transport facts beside the session: the thread's conversation reference, per-table message ids. */
  getRef(code: string, name: string): Promise<string | undefined>;
  setRef(code: string, name: string, value: string): Promise<void>;
  deleteRef(code: string, name: string): Promise<void>;
  /**
   * Compare and set, in one step: the ref becomes `value` (or goes, when undefined) only if it still
   * holds `expected` (undefined: only if it is not there). True when written. Two bot processes that
   * both saw no totaalbeeld claim it this way, and only the one that got it posts one. Needs a live
   * session, as setRef.
   */
  replaceRef(code: string, name: string, expected: string | undefined, value: string | undefined): Promise<boolean>;
  /**
   * Binds a channel thread to a session unless another one holds it already; returns the code that
   * holds the thread afterwards (this one, or the one that was there first).
   */
  claimThread(thread: TableKey, code: string): Promise<string>;
  /** The code of the session bound to this thread, if any (its session may have expired since). */
  findByThread(thread: TableKey): Promise<string | undefined>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** `update` was given a session that is gone, and `fn` still returned one to write. */
export class SessionGoneError extends Error {
  constructor(code: string) {
    super(`Session ${code} does not exist: sessions are made with create, not update`);
    this.name = 'SessionGoneError';
  }
}
