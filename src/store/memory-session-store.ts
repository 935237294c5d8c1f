import { isCanonicalCode, type SessionState } from '../domain';
import { SessionGoneError, type SessionMutation, type SessionStore } from './session-store';
import { tableToken, type TableKey } from './table-key';
import type { StoreOptions } from './table-store';
import { sessionShape } from './schema/session-state';
import { orAbsent, readStoredJson } from './schema/versioned';

interface Entry {
  json: string;
  refs: Map<string, string>;
  expiresAt: number;
}

/** Sessions in memory, for local runs and tests; it behaves like the Redis store (expiry, atomic create). */
export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, Entry>();
  private readonly threads = new Map<string, { code: string; expiresAt: number }>();
  private readonly now: () => number;

  constructor(private readonly options: StoreOptions) {
    this.now = options.now ?? Date.now;
  }

  private live(code: string): Entry | undefined {
    const entry = this.sessions.get(code);
    if (entry && entry.expiresAt <= this.now()) {
      this.sessions.delete(code);
      return undefined;
    }
    return entry;
  }

  /** A write is activity: the session, its refs and its thread binding expire together, later. */
  private renew(entry: Entry, session: SessionState): void {
    entry.expiresAt = this.now() + this.options.retentionMs;
    const bound = this.threads.get(this.threadId(session));
    if (bound && bound.code === session.code) bound.expiresAt = entry.expiresAt;
  }

  private threadId(session: SessionState): string {
    return tableToken({ tenantId: session.tenantId, conversationId: session.thread });
  }

  async create(session: SessionState): Promise<boolean> {
    if (!isCanonicalCode(session.code) || this.live(session.code)) return false;
    const entry = { json: JSON.stringify(session), refs: new Map<string, string>(), expiresAt: 0 };
    this.sessions.set(session.code, entry);
    this.renew(entry, session);
    return true;
  }

  async get(code: string): Promise<SessionState | undefined> {
    return this.parse(code, this.live(code));
  }

  /** Read as the Redis store reads, so that a session the schema refuses shows in every test. */
  private parse(code: string, entry: Entry | undefined): SessionState | undefined {
    return entry ? orAbsent(readStoredJson(sessionShape, entry.json), this.options.log, 'session', code) : undefined;
  }

  // One event loop turn reads, runs fn and writes: no other update can interleave.
  async update<R>(code: string, fn: (current: SessionState | undefined) => SessionMutation<R>): Promise<R> {
    const entry = this.live(code);
    const current = this.parse(code, entry);
    const { state, result } = fn(current);
    if (state === undefined || state === current) return result;
    if (!entry) throw new SessionGoneError(code);
    entry.json = JSON.stringify(state);
    this.renew(entry, state);
    return result;
  }

  async delete(code: string): Promise<void> {
    const entry = this.sessions.get(code);
    this.sessions.delete(code);
    const session = this.parse(code, entry);
    if (!session) return;
    const id = this.threadId(session);
    if (this.threads.get(id)?.code === code) this.threads.delete(id);
  }

  async getRef(code: string, name: string): Promise<string | undefined> {
    return this.live(code)?.refs.get(name);
  }

  /** A ref of a session that is gone is not kept: refs never outlive their session. */
  async setRef(code: string, name: string, value: string): Promise<void> {
    const entry = this.live(code);
    if (!entry) return;
    entry.refs.set(name, value);
    const session = this.parse(code, entry);
    if (session) this.renew(entry, session);
  }

  async deleteRef(code: string, name: string): Promise<void> {
    this.live(code)?.refs.delete(name);
  }

  async replaceRef(code: string, name: string, expected: string | undefined, value: string | undefined): Promise<boolean> {
    const entry = this.live(code);
    if (!entry || entry.refs.get(name) !== expected) return false;
    if (value === undefined) entry.refs.delete(name);
    else entry.refs.set(name, value);
    const session = this.parse(code, entry);
    if (session) this.renew(entry, session);
    return true;
  }

  async claimThread(thread: TableKey, code: string): Promise<string> {
    const id = tableToken(thread);
    const bound = this.threads.get(id);
    if (bound && bound.expiresAt > this.now()) return bound.code;
    this.threads.set(id, { code, expiresAt: this.now() + this.options.retentionMs });
    return code;
  }

  async findByThread(thread: TableKey): Promise<string | undefined> {
    const id = tableToken(thread);
    const bound = this.threads.get(id);
    if (!bound) return undefined;
    if (bound.expiresAt <= this.now()) {
      this.threads.delete(id);
      return undefined;
    }
    return bound.code;
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    this.sessions.clear();
    this.threads.clear();
  }
}
