import type { Logger } from 'pino';
import { conversationLane, MemoryRateWindow, TEAMS_TENANT_LIMITS, tenantLane, type RateWindow } from '../../store';
import { classifyFailure, describeFailure, isRetryable, SendTimeoutError, type SendFailure, type SendKind } from './send-failure';

/**
 * `steering`: what moves the table on (a leider's command, a card action, a shared card's update).
 * `informational`: an answer that only informs whoever asked (help, status, a fresh board, a
 * participant's refusal). Informational operations wait while steering ones are queued: one person
 * asking for help a hundred times never holds the leider's next phase.
 */
export type OutboundLane = 'steering' | 'informational';

/** One post or update to a conversation. */
export interface OutboundOp<T> {
  /** The Teams conversation: Teams' limits and the order of sends are per conversation. */
  conversationId: string;
  /** The conversation's tenant: Teams also limits an app's sends per tenant, over all conversations. */
  tenantId?: string;
  kind: SendKind;
  /** The activity that led to this send; for the log. */
  causeId?: string;
  /**
   * For an update: the message it replaces. A newer update of the same message that is queued
   * while an older one still waits takes the older one's place (the latest state wins).
   */
  messageId?: string;
  /** Default `steering`. */
  lane?: OutboundLane;
  /** One attempt; called again for each retry. */
  send: () => Promise<T>;
}

export type OutboundOutcome<T> =
  | { type: 'sent'; value: T; attempts: number }
  | { type: 'failed'; failure: SendFailure | { type: 'windowFull'; waitMs: number }; attempts: number }
  | { type: 'superseded' };

export interface OutboundQueueOptions {
  /** Attempts per operation, the first included. */
  maxAttempts?: number;
  /** First backoff step; it doubles per retry up to `maxDelayMs`, and half of it is random jitter. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /**
   * The longest the queue waits, per attempt, for a slot in the window or after a Retry-After. Longer
   * and the operation is given up: a user is waiting, and Teams re-sends an unanswered activity.
   */
  maxWaitMs?: number;
  /** An attempt without an answer by then counts as failed (ambiguous). */
  attemptTimeoutMs?: number;
  /** Used while the shared window cannot be reached (Redis down): keep sending, within this process' own window. */
  localWindow?: RateWindow;
  /** Teams' per-tenant limit, shared by all bot processes; without it only the conversations are limited. */
  tenantWindow?: RateWindow;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

export interface OutboundStats {
  sent: number;
  failed: number;
  superseded: number;
  retries: number;
  throttled: number;
  slotWaits: number;
  windowErrors: number;
}

interface Job {
  op: OutboundOp<unknown>;
  resolve: (outcome: OutboundOutcome<unknown>) => void;
}

/** One conversation's waiting operations, per lane, each in the order they were queued. */
type Waiting = Record<OutboundLane, Job[]>;

type Slot = { type: 'slot'; window: RateWindow; slot: string } | { type: 'windowFull'; waitMs: number };
type Granted = Extract<Slot, { type: 'slot' }>;

/** A window all processes share, and this process' own for while the shared one cannot be reached. */
interface Windows {
  shared: RateWindow;
  local: RateWindow;
}

/**
 * The conversation's send window is named by its table's token, so it is erased with the table.
 * Without a tenant (tests) the key is the one `tableKeyOf` gives such an activity.
 */
const laneOf = (op: OutboundOp<unknown>) => conversationLane({ tenantId: op.tenantId ?? 'no-tenant', conversationId: op.conversationId });

/**
 * Every post and update to a conversation goes through here (invoke responses do not). Per
 * conversation one operation at a time, each in a slot of the rate window that all bot processes
 * share: steering operations in the order they were queued, then informational ones in theirs
 * (the lanes are this process' own). A 429 holds the whole conversation off for its Retry-After,
 * then the operation is retried with exponential backoff and jitter. A send that finally fails is logged (ids, status
 * and counts only) and reported as an outcome, never thrown: the user's action is already stored.
 */
export class OutboundQueue {
  private readonly waiting = new Map<string, Waiting>();
  private readonly draining = new Set<Promise<void>>();
  private readonly counts: OutboundStats = { sent: 0, failed: 0, superseded: 0, retries: 0, throttled: 0, slotWaits: 0, windowErrors: 0 };
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxWaitMs: number;
  private readonly attemptTimeoutMs: number;
  private readonly conversations: Windows;
  private readonly tenants?: Windows;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(
    window: RateWindow,
    private readonly log: Logger,
    options: OutboundQueueOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 4;
    this.baseDelayMs = options.baseDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 8000;
    this.maxWaitMs = options.maxWaitMs ?? 30_000;
    this.attemptTimeoutMs = options.attemptTimeoutMs ?? 15_000;
    this.conversations = { shared: window, local: options.localWindow ?? new MemoryRateWindow() };
    if (options.tenantWindow) this.tenants = { shared: options.tenantWindow, local: new MemoryRateWindow({ limits: TEAMS_TENANT_LIMITS }) };
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  /** Queues the operation behind the others of its conversation; resolves when it is done (never rejects). */
  run<T>(op: OutboundOp<T>): Promise<OutboundOutcome<T>> {
    return new Promise((resolve) => {
      const job: Job = { op, resolve: resolve as Job['resolve'] };
      const waiting = this.waiting.get(op.conversationId);
      if (!waiting) {
        this.waiting.set(op.conversationId, { steering: [], informational: [], [op.lane ?? 'steering']: [job] });
        const drained = this.drain(op.conversationId).finally(() => this.draining.delete(drained));
        this.draining.add(drained);
        return;
      }
      const lane = waiting[op.lane ?? 'steering'];
      const older =
        op.kind === 'update' && op.messageId ? lane.findIndex((j) => j.op.kind === 'update' && j.op.messageId === op.messageId) : -1;
      if (older < 0) return void lane.push(job);
      const [replaced] = lane.splice(older, 1, job);
      this.counts.superseded++;
      replaced?.resolve({ type: 'superseded' });
    });
  }

  /** Resolves when nothing is queued or on its way; for shutdown and tests. */
  async idle(): Promise<void> {
    while (this.draining.size > 0) await Promise.all([...this.draining]);
  }

  stats(): OutboundStats {
    return { ...this.counts };
  }

  private async drain(conversationId: string): Promise<void> {
    const waiting = this.waiting.get(conversationId) ?? { steering: [], informational: [] };
    // Looked at again before every send: a steering operation queued meanwhile goes first.
    const next = () => waiting.steering.shift() ?? waiting.informational.shift();
    for (let job = next(); job; job = next()) job.resolve(await this.execute(job.op));
    this.waiting.delete(conversationId);
  }

  private async execute<T>(op: OutboundOp<T>): Promise<OutboundOutcome<T>> {
    const ids = { conversation: op.conversationId, activityId: op.causeId, messageId: op.messageId, kind: op.kind };
    const lane = laneOf(op);
    let attempt = 0;
    try {
      for (;;) {
        const slot = await this.takeSlot(this.conversations, lane, ids);
        if (slot.type === 'windowFull') {
          this.counts.failed++;
          this.log.error(
            { ...ids, attempts: attempt, waitMs: slot.waitMs },
            'outbound send given up: the conversation has used its send window',
          );
          return { type: 'failed', failure: slot, attempts: attempt };
        }
        // Then the tenant's: fifty tables of one municipality share one limit.
        const tenantSlot = op.tenantId && this.tenants ? await this.takeSlot(this.tenants, tenantLane(op.tenantId), ids) : undefined;
        if (tenantSlot?.type === 'windowFull') {
          await this.settle(lane, slot);
          this.counts.failed++;
          this.log.error(
            { ...ids, attempts: attempt, waitMs: tenantSlot.waitMs },
            'outbound send given up: the tenant has used its send window',
          );
          return { type: 'failed', failure: tenantSlot, attempts: attempt };
        }
        const settle = () =>
          Promise.all([this.settle(lane, slot), tenantSlot && op.tenantId ? this.settle(tenantLane(op.tenantId), tenantSlot) : undefined]);
        attempt++;
        let failure: SendFailure;
        try {
          const value = await this.withTimeout(op.send());
          await settle();
          this.counts.sent++;
          if (attempt > 1) this.log.info({ ...ids, attempts: attempt }, 'outbound send delivered after retry');
          return { type: 'sent', value, attempts: attempt };
        } catch (err) {
          await settle();
          failure = classifyFailure(err, this.now());
        }
        if (failure.type === 'throttled') {
          this.counts.throttled++;
          if (failure.retryAfterMs) await this.holdOff(lane, failure.retryAfterMs);
        }
        const retry = isRetryable(failure, op.kind) && attempt < this.maxAttempts;
        const waitMs = retry ? this.retryDelay(attempt, failure) : 0;
        if (!retry || waitMs > this.maxWaitMs) {
          this.counts.failed++;
          this.log.error({ ...ids, attempts: attempt, ...describeFailure(failure), ...(retry ? { waitMs } : {}) }, 'outbound send failed');
          return { type: 'failed', failure, attempts: attempt };
        }
        this.counts.retries++;
        this.log.warn({ ...ids, attempt, ...describeFailure(failure), waitMs }, 'outbound send will be retried');
        await this.sleep(waitMs);
      }
    } catch (err) {
      // Only a bug gets here (send failures are outcomes): still never the caller's turn.
      this.counts.failed++;
      this.log.error({ ...ids, attempts: attempt, errorType: err instanceof Error ? err.name : typeof err }, 'outbound queue error');
      return { type: 'failed', failure: { type: 'unknown', name: 'queue' }, attempts: attempt };
    }
  }

  /** Waits, within `maxWaitMs`, until the window grants a slot. */
  private async takeSlot(windows: Windows, key: string, ids: object): Promise<Slot> {
    let waited = 0;
    for (;;) {
      let window = windows.shared;
      let decision;
      try {
        decision = await window.acquire(key);
      } catch (err) {
        this.counts.windowErrors++;
        this.log.warn(
          { ...ids, errorType: err instanceof Error ? err.name : typeof err },
          'shared send window unreachable; using this process’ own',
        );
        window = windows.local;
        decision = await window.acquire(key);
      }
      if (decision.type === 'granted') return { type: 'slot', window, slot: decision.slot };
      // A little jitter, so that processes waiting for the same slot do not all ask at once.
      const ms = decision.ms + Math.floor(this.random() * 20);
      if (waited + ms > this.maxWaitMs) return { type: 'windowFull', waitMs: decision.ms };
      this.counts.slotWaits++;
      waited += ms;
      await this.sleep(ms);
    }
  }

  private async settle(key: string, slot: Granted): Promise<void> {
    await slot.window.settle(key, slot.slot).catch(() => undefined);
  }

  private async holdOff(lane: string, ms: number): Promise<void> {
    await this.conversations.shared.holdOff(lane, ms).catch(() => this.conversations.local.holdOff(lane, ms));
  }

  /** Retry-After (if any) plus exponential backoff, half of it random: never sooner than Teams asked. */
  private retryDelay(attempt: number, failure: SendFailure): number {
    const step = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
    const backoff = step / 2 + this.random() * (step / 2);
    const retryAfter = failure.type === 'throttled' ? (failure.retryAfterMs ?? 0) : 0;
    return Math.ceil(retryAfter + backoff);
  }

  private withTimeout<T>(attempt: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new SendTimeoutError(this.attemptTimeoutMs)), this.attemptTimeoutMs);
      timer.unref();
    });
    return Promise.race([attempt, timeout]).finally(() => clearTimeout(timer));
  }
}
