import { createHash } from 'node:crypto';
import { tableToken, type TableKey } from './table-key';

/** At most `max` granted answers per user in any `windowMs` milliseconds (a sliding window). */
export interface AllowanceLimit {
  max: number;
  windowMs: number;
}

/**
 * What a participant's informational commands (help, status, model, samenvatting) may post: a few a
 * minute is plenty to look something up, and keeps one person's flood out of the table's send window.
 */
export const INFO_ANSWER_LIMIT: AllowanceLimit = { max: 5, windowMs: 60_000 };

/**
 * `granted`: counted; post the answer. `spent`: the allowance is used up and nothing was counted;
 * `notify` is true for the first refusal in a window (say "even geduld" once), false after that.
 */
export type AllowanceDecision = { type: 'granted' } | { type: 'spent'; notify: boolean };

/**
 * A per-user allowance within one table (one Teams conversation), shared by every bot process that
 * uses the same backing store. Implementations must pass `test/store/user-allowance.contract.ts`.
 *
 * - `take` grants one answer if fewer than `max` were granted to this user at this table in the
 *   last `windowMs`, atomically across processes; otherwise it grants nothing and says whether this
 *   is the first refusal since a window ago (at most one "even geduld" per window).
 * - Refusals are not counted: a user who floods gets their next answer as soon as their oldest
 *   granted one leaves the window, however long the flood went on.
 * - What it keeps holds no user id in the clear, lives under the table's key (Redis: its hash tag,
 *   so erasing the table takes it along) and is gone a window after the user's last request.
 */
export interface UserAllowance {
  take(key: TableKey, userId: string): Promise<AllowanceDecision>;
}

export interface UserAllowanceOptions {
  limit?: AllowanceLimit;
  /** Keeps allowances for different purposes apart (default `info`). Lowercase letters and dashes. */
  purpose?: string;
  /** Clock in ms; injectable for tests. The Redis allowance uses Redis' own clock when it is omitted. */
  now?: () => number;
}

/** A short, fixed-length stand-in for a user id in a key: never the id itself. */
export function userToken(userId: string): string {
  return createHash('sha256').update(`allowance\n${userId}`).digest('base64url').slice(0, 22);
}

interface Entry {
  grants: number[];
  notifiedAt?: number;
}

/** For one bot process (local runs, tests): the same rules as the Redis allowance, in a Map. */
export class MemoryUserAllowance implements UserAllowance {
  private readonly entries = new Map<string, Entry>();
  private readonly limit: AllowanceLimit;
  private readonly purpose: string;
  private readonly now: () => number;
  private lastSweep = 0;

  constructor(options: UserAllowanceOptions = {}) {
    this.limit = options.limit ?? INFO_ANSWER_LIMIT;
    this.purpose = options.purpose ?? 'info';
    this.now = options.now ?? Date.now;
  }

  async take(key: TableKey, userId: string): Promise<AllowanceDecision> {
    const now = this.now();
    this.sweep(now);
    const id = `${this.purpose}\n${tableToken(key)}\n${userToken(userId)}`;
    const entry = this.entries.get(id) ?? { grants: [] };
    entry.grants = entry.grants.filter((at) => at > now - this.limit.windowMs);
    this.entries.set(id, entry);
    if (entry.grants.length < this.limit.max) {
      entry.grants.push(now);
      return { type: 'granted' };
    }
    const notify = entry.notifiedAt === undefined || entry.notifiedAt <= now - this.limit.windowMs;
    if (notify) entry.notifiedAt = now;
    return { type: 'spent', notify };
  }

  /** Forgets users who have been quiet for a window, so memory stays bounded. */
  private sweep(now: number): void {
    if (now - this.lastSweep < this.limit.windowMs) return;
    this.lastSweep = now;
    const edge = now - this.limit.windowMs;
    for (const [id, e] of this.entries) {
      if (e.grants.every((at) => at <= edge) && (e.notifiedAt ?? edge) <= edge) this.entries.delete(id);
    }
  }
}
