import { createHash } from 'node:crypto';

/** At most `max` attempts in any `windowMs` milliseconds (a sliding window). */
export interface AttemptLimit {
  max: number;
  windowMs: number;
}

/**
 * Join codes typed per person: 10 failed lookups in 10 minutes. There are about 47 million codes
 * and a tenant a handful of live sessions, so at this pace guessing one takes years; a leider or
 * organiser who mistypes a code two or three times (or tries it in the wrong chat) is never held up,
 * because a code that works for them is given back and does not count.
 */
export const CODE_ATTEMPTS: AttemptLimit = { max: 10, windowMs: 10 * 60_000 };

export type AttemptDecision = { type: 'allowed'; attempt: string } | { type: 'refused'; retryAfterMs: number };

/**
 * Attempts per person at something that must not be tried fast (looking up a typed join code),
 * counted for every bot process that shares the backing store. Implementations must pass
 * `test/store/attempt-limiter.contract.ts`.
 *
 * - `take` counts one attempt for `who` if fewer than `max` were counted in the last `windowMs`,
 *   atomically across processes; otherwise it counts nothing and says how long until one is free.
 *   A refused attempt does not count, so trying on while refused does not lengthen the wait.
 * - `giveBack` takes a counted attempt back: it succeeded (the code was theirs to use), so only
 *   failures limit a person. Giving back twice, or an unknown attempt, changes nothing.
 */
export interface AttemptLimiter {
  take(who: string): Promise<AttemptDecision>;
  giveBack(who: string, attempt: string): Promise<void>;
}

export interface AttemptLimiterOptions {
  limit?: AttemptLimit;
  /** Clock in ms; injectable for tests. The Redis limiter uses Redis' own clock when it is omitted. */
  now?: () => number;
}

/**
 * A fixed-length, brace-free token for a person: no user id in a key or in memory dumps, and a valid
 * Redis Cluster hash tag. `kind` keeps the tokens of different limiters apart.
 */
export function attemptToken(kind: string, who: string): string {
  return createHash('sha256').update(`${kind}\n${who}`).digest('base64url').slice(0, 27);
}

/** For one bot process (local runs, tests): the same rules as the Redis limiter, in a Map. */
export class MemoryAttemptLimiter implements AttemptLimiter {
  private readonly people = new Map<string, Map<string, number>>();
  private readonly limit: AttemptLimit;
  private readonly now: () => number;
  private next = 0;
  private lastSweep = 0;

  constructor(options: AttemptLimiterOptions = {}) {
    this.limit = options.limit ?? CODE_ATTEMPTS;
    this.now = options.now ?? Date.now;
  }

  async take(who: string): Promise<AttemptDecision> {
    const now = this.now();
    this.sweep(now);
    const token = attemptToken('code', who);
    const attempts = this.people.get(token) ?? new Map<string, number>();
    this.prune(attempts, now);
    if (attempts.size >= this.limit.max) {
      const times = [...attempts.values()].sort((a, b) => a - b);
      const mustLeave = times[times.length - this.limit.max]!;
      return { type: 'refused', retryAfterMs: Math.max(1, mustLeave + this.limit.windowMs - now) };
    }
    const attempt = `m${++this.next}`;
    attempts.set(attempt, now);
    this.people.set(token, attempts);
    return { type: 'allowed', attempt };
  }

  async giveBack(who: string, attempt: string): Promise<void> {
    this.people.get(attemptToken('code', who))?.delete(attempt);
  }

  private prune(attempts: Map<string, number>, now: number): void {
    for (const [id, at] of attempts) if (at <= now - this.limit.windowMs) attempts.delete(id);
  }

  /** Forgets people whose attempts have all left the window, so memory stays bounded. */
  private sweep(now: number): void {
    if (now - this.lastSweep < Math.min(this.limit.windowMs, 60_000)) return;
    this.lastSweep = now;
    for (const [token, attempts] of this.people) {
      this.prune(attempts, now);
      if (attempts.size === 0) this.people.delete(token);
    }
  }
}
