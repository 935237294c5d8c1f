import { createHash } from 'node:crypto';
import { tableToken, type TableKey } from './table-key';
import type { KeptBesideTable } from './table-store';

/** At most `max` operations in any `windowMs` milliseconds (a sliding window). */
export interface RateLimit {
  max: number;
  windowMs: number;
}

/**
 * What Teams allows one bot per conversation for sending and updating messages
 * (learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit): 7 per second, 8 per 2 s,
 * 60 per 30 s, 1800 per hour.
 */
export const TEAMS_CONVERSATION_LIMITS: readonly RateLimit[] = [
  { max: 7, windowMs: 1000 },
  { max: 8, windowMs: 2000 },
  { max: 60, windowMs: 30_000 },
  { max: 1800, windowMs: 3_600_000 },
];

/**
 * What Teams allows one app per tenant, over all its conversations: 50 requests per second. Fifty
 * tables of one municipality at once share it, so each send also takes a slot here, keyed by tenant.
 */
export const TEAMS_TENANT_LIMITS: readonly RateLimit[] = [{ max: 50, windowMs: 1000 }];

export type SlotDecision = { type: 'granted'; slot: string } | { type: 'wait'; ms: number };

/**
 * A sliding-window rate limiter per lane, shared by every bot process that uses the same backing
 * store. Implementations must pass `test/store/rate-window.contract.ts`.
 *
 * A lane is named by a token (see `conversationLane`, `tenantLane`): a short base64url string. A
 * conversation's lane is its table's token, so in Redis its send window lives under the table's
 * hash tag, and erasing the table erases the window with everything else of it.
 *
 * - `acquire` takes a slot for one operation now if every limit allows it, atomically across
 *   processes; otherwise it takes nothing and says how long until a slot may be free.
 * - `settle` moves a slot to the moment its operation ended. Teams counts a request when it
 *   arrives, which is after we took the slot; counting from the end keeps the next operation from
 *   arriving less than a window after this one, however long the request was on its way.
 * - `holdOff` grants no slot for the lane for `ms` (Teams answered 429 with Retry-After, and
 *   every process must hear it). A hold never shortens an earlier, longer one.
 */
export interface RateWindow {
  acquire(lane: string): Promise<SlotDecision>;
  settle(lane: string, slot: string): Promise<void>;
  holdOff(lane: string, ms: number): Promise<void>;
}

/** What a lane token looks like: base64url, so it is a valid Redis Cluster hash tag and no key pattern. */
export const LANE_TOKEN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The lane of one conversation (Teams counts per bot and conversation): the token of the table that
 * conversation is, so that its send window goes with the table when the table is erased.
 */
export function conversationLane(key: TableKey): string {
  return tableToken(key);
}

/**
 * The lane of a tenant, over all its conversations. Hashed from another text than a table token
 * (which always holds a newline between tenant and conversation), so the two never meet.
 */
export function tenantLane(tenantId: string): string {
  return createHash('sha256').update(`tenant:${tenantId}`).digest('base64url').slice(0, 27);
}

export interface RateWindowOptions {
  limits?: readonly RateLimit[];
  /** Clock in ms; injectable for tests. The Redis window uses Redis' own clock when it is omitted. */
  now?: () => number;
}

export function longestWindow(limits: readonly RateLimit[]): number {
  return Math.max(0, ...limits.map((l) => l.windowMs));
}

/**
 * How long until one more operation fits in every limit, given the times of the operations so far:
 * 0 if it fits now. For a full window that is when its oldest operation that must leave, leaves.
 */
export function waitForSlot(times: readonly number[], limits: readonly RateLimit[], now: number): number {
  let wait = 0;
  for (const { max, windowMs } of limits) {
    const inWindow = times.filter((t) => t > now - windowMs).sort((a, b) => a - b);
    const mustLeave = inWindow[inWindow.length - max];
    if (mustLeave !== undefined) wait = Math.max(wait, mustLeave + windowMs - now);
  }
  return wait;
}

interface Lane {
  slots: Map<string, number>;
  holdUntil: number;
}

/**
 * For one bot process (local runs, tests): the same rules as the Redis window, in a Map. Handed to
 * the memory table store (`beside`), so an erased table's send window goes with it, as in Redis.
 */
export class MemoryRateWindow implements RateWindow, KeptBesideTable {
  private readonly lanes = new Map<string, Lane>();
  private readonly limits: readonly RateLimit[];
  private readonly longest: number;
  private readonly now: () => number;
  private nextSlot = 0;
  private lastSweep = 0;

  constructor(options: RateWindowOptions = {}) {
    this.limits = options.limits ?? TEAMS_CONVERSATION_LIMITS;
    this.longest = longestWindow(this.limits);
    this.now = options.now ?? Date.now;
  }

  async acquire(token: string): Promise<SlotDecision> {
    const now = this.now();
    this.sweep(now);
    const lane = this.lanes.get(token) ?? { slots: new Map<string, number>(), holdUntil: 0 };
    this.prune(lane, now);
    if (lane.holdUntil > now) return { type: 'wait', ms: lane.holdUntil - now };
    const ms = waitForSlot([...lane.slots.values()], this.limits, now);
    if (ms > 0) return { type: 'wait', ms };
    const slot = `m${++this.nextSlot}`;
    lane.slots.set(slot, now);
    this.lanes.set(token, lane);
    return { type: 'granted', slot };
  }

  async settle(token: string, slot: string): Promise<void> {
    const lane = this.lanes.get(token);
    const at = lane?.slots.get(slot);
    if (lane && at !== undefined) lane.slots.set(slot, Math.max(at, this.now()));
  }

  async holdOff(token: string, ms: number): Promise<void> {
    const lane = this.lanes.get(token) ?? { slots: new Map<string, number>(), holdUntil: 0 };
    lane.holdUntil = Math.max(lane.holdUntil, this.now() + ms);
    this.lanes.set(token, lane);
  }

  forgetTable(token: string): void {
    this.lanes.delete(token);
  }

  private prune(lane: Lane, now: number): void {
    for (const [slot, at] of lane.slots) if (at <= now - this.longest) lane.slots.delete(slot);
  }

  /** Forgets conversations that have been quiet for the longest window, so memory stays bounded. */
  private sweep(now: number): void {
    if (now - this.lastSweep < Math.min(this.longest, 60_000)) return;
    this.lastSweep = now;
    for (const [token, lane] of this.lanes) {
      this.prune(lane, now);
      if (lane.slots.size === 0 && lane.holdUntil <= now) this.lanes.delete(token);
    }
  }
}
