import { createHash } from 'node:crypto';
import { type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import { conversationReference } from '../outbound/conversation-reference';
import type { Logger } from 'pino';
import type { TableState } from '../../domain';
import { tableToken, timerPayloadJson, type SHARED_CARD_KINDS, type TableKey, type TableStore, type TimerQueue } from '../../store';
import type { AdaptiveCard } from '../../views';
import { updateCard } from '../outbound/outbound';

/** The kinds are listed with the reminder's stored shape (store/schema/timer-payload.ts), which checks them on read. */
export type SharedCardKind = (typeof SHARED_CARD_KINDS)[number];

/** What to show on a shared card now, and under which stored message id it was posted. */
export type SharedCardRenderer = (
  kind: SharedCardKind,
  state: TableState,
  key: TableKey,
) => { refName: string; card: AdaptiveCard } | undefined;

/** A shared card to bring up to date, as it waits in the timer queue. */
export interface SharedCardReminder {
  type: 'card';
  key: TableKey;
  kind: SharedCardKind;
  reference: Partial<ConversationReference>;
}

/** A reminder as JSON.parse gives it back. The announcer reads the queue with readTimerPayload, which checks the whole shape. */
export function isSharedCardReminder(payload: unknown): payload is SharedCardReminder {
  return typeof payload === 'object' && payload !== null && (payload as { type?: unknown }).type === 'card';
}

interface Pending {
  key: TableKey;
  kind: SharedCardKind;
  reference: Partial<ConversationReference>;
  timer: NodeJS.Timeout;
  /** A reminder's check: skip the send when the card already shows this content. */
  onlyIfChanged: boolean;
}

/** The stored fingerprint of what a shared card last showed. */
const sentRef = (refName: string) => `sent:${refName}`;
const fingerprint = (card: AdaptiveCard) => createHash('sha256').update(JSON.stringify(card)).digest('base64url');

export interface SharedCardUpdaterOptions {
  adapter: CloudAdapter;
  /** The bot's app id, for proactive turns. */
  appId: string;
  store: TableStore;
  render: SharedCardRenderer;
  log: Logger;
  /** At most one update per conversation this often (Teams' rate limits); 0 sends at once (tests). */
  intervalMs?: number;
  /** A durable reminder per schedule, so an update pending in a process that dies is still sent. */
  reminders?: { queue: TimerQueue; afterMs: number };
}

/**
 * Keeps shared cards (the welcome card's count, a round's progress) current without flooding Teams:
 * per conversation and card at most one update per interval, always of the latest stored state.
 * Eight clicks in one second become one update.
 *
 * A pending update lives in this process, so each schedule also leaves a reminder in the durable
 * timer queue, due a little after the in-process update: if this process dies first, whichever
 * process takes the reminder sends it. The reminder sends nothing when the card's last update
 * already had this content, so it costs Teams nothing when all went well.
 */
export class SharedCardUpdater {
  private readonly pending = new Map<string, Pending>();
  private readonly lastRun = new Map<string, number>();
  private readonly running = new Set<Promise<void>>();

  private readonly adapter: CloudAdapter;
  private readonly appId: string;
  private readonly store: TableStore;
  private readonly render: SharedCardRenderer;
  private readonly log: Logger;
  private readonly intervalMs: number;
  private readonly reminders?: { queue: TimerQueue; afterMs: number };

  constructor(options: SharedCardUpdaterOptions) {
    this.adapter = options.adapter;
    this.appId = options.appId;
    this.store = options.store;
    this.render = options.render;
    this.log = options.log;
    this.intervalMs = options.intervalMs ?? 1000;
    if (options.reminders) this.reminders = options.reminders;
  }

  /** Resolves once the reminder is stored, so a confirmed click's card update survives a crash. */
  async schedule(key: TableKey, activity: Activity, kind: SharedCardKind): Promise<void> {
    const reference = conversationReference(activity);
    this.scheduleFor(key, reference, kind, false);
    if (!this.reminders) return;
    // One reminder per table and card: the same member is re-scored, not added again.
    const { locale: _locale, ...where } = reference;
    const reminder = timerPayloadJson({ type: 'card', key, kind, reference: where });
    try {
      await this.reminders.queue.add(Date.now() + Math.max(this.reminders.afterMs, 2 * this.intervalMs), reminder);
    } catch (err) {
      // The click itself is stored; only the safety net is missing, and the in-process update still runs.
      this.log.warn({ err, kind, conversation: reference.conversation?.id }, 'could not store a shared card reminder');
    }
  }

  /** A reminder came due: update the card if it does not show the latest state yet. */
  remind(reminder: SharedCardReminder): void {
    this.scheduleFor(reminder.key, reminder.reference, reminder.kind, true);
  }

  private scheduleFor(key: TableKey, reference: Partial<ConversationReference>, kind: SharedCardKind, onlyIfChanged: boolean): void {
    const id = `${tableToken(key)}:${kind}`;
    const waiting = this.pending.get(id);
    if (waiting) {
      waiting.onlyIfChanged &&= onlyIfChanged;
      return;
    }
    const wait = Math.max(0, (this.lastRun.get(id) ?? 0) + this.intervalMs - Date.now());
    const timer = setTimeout(() => this.fire(id), wait);
    this.pending.set(id, { key, kind, reference, timer, onlyIfChanged });
  }

  private fire(id: string): void {
    const job = this.pending.get(id);
    this.pending.delete(id);
    if (!job) return;
    const now = Date.now();
    // Only the last interval counts: older entries would only keep tables' tokens in memory for good.
    for (const [other, at] of this.lastRun) if (at + this.intervalMs <= now) this.lastRun.delete(other);
    this.lastRun.set(id, now);
    const run = this.update(job).finally(() => this.running.delete(run));
    this.running.add(run);
  }

  private async update(job: Pending): Promise<void> {
    try {
      const state = await this.store.get(job.key);
      const shown = state && this.render(job.kind, state, job.key);
      if (!shown) return;
      const [activityId, lastSent] = await Promise.all([
        this.store.getRef(job.key, shown.refName),
        this.store.getRef(job.key, sentRef(shown.refName)),
      ]);
      if (!activityId) return;
      const print = fingerprint(shown.card);
      if (job.onlyIfChanged && lastSent === print) return;
      const sent = await updateCard(this.adapter, this.appId, job.reference, activityId, shown.card);
      if (sent) await this.store.setRef(job.key, sentRef(shown.refName), print);
      // Another bot process may have sent a newer version of this card while ours waited in the
      // queue (Retry-After, the rate window), so that ours landed last with older content. If the
      // card has changed since we read the table, send it again: the last update any process sends
      // then always shows the latest state.
      const now = await this.store.get(job.key);
      // Erased while this update was on its way: the send was counted under the table's key; that goes too.
      if (!now) return void (await this.store.deleteLeftovers(job.key));
      const latest = this.render(job.kind, now, job.key);
      if (latest && fingerprint(latest.card) !== print) this.scheduleFor(job.key, job.reference, job.kind, false);
    } catch (err) {
      // A missed progress update is repaired by the next one or by the reminder; it must never break a turn.
      this.log.warn({ err, kind: job.kind, conversation: job.reference.conversation?.id }, 'shared card update failed');
    }
  }

  /** Runs what is scheduled now; for shutdown and tests. */
  async flush(): Promise<void> {
    while (this.pending.size > 0 || this.running.size > 0) {
      for (const [id, job] of [...this.pending]) {
        clearTimeout(job.timer);
        this.fire(id);
      }
      await Promise.all([...this.running]);
    }
  }
}
