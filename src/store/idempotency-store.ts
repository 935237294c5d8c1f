import { tableToken, type TableKey } from './table-key';
import { uniqueId } from './unique-id';
import type { KeptBesideTable } from './table-store';

/**
 * What `begin` found for one delivery of an activity:
 * - `first`: nobody has it; this delivery runs it and then calls `finish` (or `release` on failure)
 *   with `claim`.
 * - `done`: handled before; `response` is what that run recorded, to be answered again unchanged.
 * - `running`: another delivery is being handled right now (by this or another bot process).
 */
export type ActivityClaim = { type: 'first'; claim: string } | { type: 'done'; response: string | undefined } | { type: 'running' };

/**
 * Remembers which Teams activities were handled, so an activity Teams delivers again (same
 * `activity.id`) has its effect once and gets the same answer. Implementations must pass
 * `test/store/idempotency-store.contract.ts`.
 *
 * A claim is a short lease (`pendingMs`): if the process that holds it dies, a later delivery may
 * run the activity again instead of waiting for a result that never comes. A finished activity is
 * remembered for `doneMs`, far longer than Teams keeps retrying.
 */
export interface IdempotencyStore {
  /** Atomic: of two deliveries at the same moment, exactly one gets `first`. */
  begin(key: TableKey, activityId: string): Promise<ActivityClaim>;
  /** Records that the activity was handled, with the response to replay (if any). */
  finish(key: TableKey, activityId: string, claim: string, response?: string): Promise<void>;
  /** Gives up a claim after a failed run, so the next delivery runs it again. Never undoes `finish`. */
  release(key: TableKey, activityId: string, claim: string): Promise<void>;
}

export interface IdempotencyOptions {
  /** How long a claim holds while its run is going on. Default 30 s (Teams retries after ~15 s). */
  pendingMs?: number;
  /** How long a finished activity is remembered. Default 10 minutes. */
  doneMs?: number;
  now?: () => number;
}

export const IDEMPOTENCY_DEFAULTS = { pendingMs: 30_000, doneMs: 10 * 60_000 } as const;

/** Unique, not secret: a claim only tells this delivery's run from another's. */
export function newClaim(): string {
  return uniqueId();
}

/**
 * Claims the activity, or, while another delivery is running it, waits for that run's result (up
 * to `waitMs`). Returns `running` only when the wait ran out.
 */
export async function claimOrWait(
  store: IdempotencyStore,
  key: TableKey,
  activityId: string,
  opts: { waitMs?: number; pollMs?: number } = {},
): Promise<ActivityClaim> {
  const waitMs = opts.waitMs ?? 10_000;
  const pollMs = opts.pollMs ?? 100;
  const deadline = Date.now() + waitMs;
  for (;;) {
    const claim = await store.begin(key, activityId);
    if (claim.type !== 'running' || Date.now() >= deadline) return claim;
    await new Promise((r) => setTimeout(r, Math.min(pollMs, Math.max(1, deadline - Date.now()))));
  }
}

/** Where a memory table store records the answer of a turn with its write, synchronously (so atomically with it). */
export interface AnswerBook {
  recordNow(key: TableKey, activityId: string, response?: string): void;
}

type Entry = { state: 'pending'; claim: string; expiresAt: number } | { state: 'done'; response: string | undefined; expiresAt: number };

/**
 * For one process (local runs, tests). Expired entries are swept now and then, so memory stays
 * bounded. Entries are grouped per table, so the memory table store (`beside`) can forget a table's
 * remembered answers when it is erased, as Redis does by the table's hash tag.
 */
export class MemoryIdempotencyStore implements IdempotencyStore, KeptBesideTable, AnswerBook {
  /** Table token → activity id → entry. */
  private readonly tables = new Map<string, Map<string, Entry>>();
  private readonly pendingMs: number;
  private readonly doneMs: number;
  private readonly now: () => number;
  private writes = 0;

  constructor(options: IdempotencyOptions = {}) {
    this.pendingMs = options.pendingMs ?? IDEMPOTENCY_DEFAULTS.pendingMs;
    this.doneMs = options.doneMs ?? IDEMPOTENCY_DEFAULTS.doneMs;
    this.now = options.now ?? Date.now;
  }

  private live(key: TableKey, activityId: string): Entry | undefined {
    const token = tableToken(key);
    const entries = this.tables.get(token);
    const entry = entries?.get(activityId);
    if (entries && entry && entry.expiresAt <= this.now()) {
      entries.delete(activityId);
      if (entries.size === 0) this.tables.delete(token);
      return undefined;
    }
    return entry;
  }

  private set(key: TableKey, activityId: string, entry: Entry): void {
    const token = tableToken(key);
    const entries = this.tables.get(token) ?? new Map<string, Entry>();
    entries.set(activityId, entry);
    this.tables.set(token, entries);
    if (++this.writes % 1000 === 0) this.sweep();
  }

  private remove(key: TableKey, activityId: string): void {
    const token = tableToken(key);
    const entries = this.tables.get(token);
    entries?.delete(activityId);
    if (entries?.size === 0) this.tables.delete(token);
  }

  private sweep(): void {
    const now = this.now();
    for (const [token, entries] of this.tables) {
      for (const [id, e] of entries) if (e.expiresAt <= now) entries.delete(id);
      if (entries.size === 0) this.tables.delete(token);
    }
  }

  async begin(key: TableKey, activityId: string): Promise<ActivityClaim> {
    const entry = this.live(key, activityId);
    if (entry?.state === 'done') return { type: 'done', response: entry.response };
    if (entry?.state === 'pending') return { type: 'running' };
    const claim = newClaim();
    this.set(key, activityId, { state: 'pending', claim, expiresAt: this.now() + this.pendingMs });
    return { type: 'first', claim };
  }

  async finish(key: TableKey, activityId: string, _claim: string, response?: string): Promise<void> {
    this.recordNow(key, activityId, response);
  }

  recordNow(key: TableKey, activityId: string, response?: string): void {
    this.set(key, activityId, { state: 'done', response, expiresAt: this.now() + this.doneMs });
  }

  async release(key: TableKey, activityId: string, claim: string): Promise<void> {
    const entry = this.live(key, activityId);
    if (entry?.state === 'pending' && entry.claim === claim) this.remove(key, activityId);
  }

  forgetTable(token: string): void {
    this.tables.delete(token);
  }
}
