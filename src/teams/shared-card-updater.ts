import { type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import { conversationReference } from './conversation-reference';
import type { Logger } from 'pino';
import type { TableState } from '../domain';
import { tableToken, type TableKey, type TableStore } from '../store';
import type { AdaptiveCard } from '../views';
import { updateCard } from './outbound';

export type SharedCardKind = 'welcome' | 'progress' | 'board' | 'poll' | 'intentions' | 'stickers' | 'ranking';

/** What to show on a shared card now, and under which stored message id it was posted. */
export type SharedCardRenderer = (kind: SharedCardKind, state: TableState) => { refName: string; card: AdaptiveCard } | undefined;

interface Pending {
  key: TableKey;
  kind: SharedCardKind;
  reference: Partial<ConversationReference>;
  timer: NodeJS.Timeout;
}

/**
 * Keeps shared cards (the welcome card's count, a round's progress) current without flooding Teams:
 * per conversation and card at most one update per interval, always of the latest stored state.
 * Eight clicks in one second become one update.
 */
export class SharedCardUpdater {
  private readonly pending = new Map<string, Pending>();
  private readonly lastRun = new Map<string, number>();
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly store: TableStore,
    private readonly render: SharedCardRenderer,
    private readonly log: Logger,
    private readonly intervalMs = 1000,
  ) {}

  schedule(key: TableKey, activity: Activity, kind: SharedCardKind): void {
    this.scheduleFor(key, conversationReference(activity), kind);
  }

  private scheduleFor(key: TableKey, reference: Partial<ConversationReference>, kind: SharedCardKind): void {
    const id = `${tableToken(key)}:${kind}`;
    if (this.pending.has(id)) return;
    const wait = Math.max(0, (this.lastRun.get(id) ?? 0) + this.intervalMs - Date.now());
    const timer = setTimeout(() => this.fire(id), wait);
    this.pending.set(id, { key, kind, reference, timer });
  }

  private fire(id: string): void {
    const job = this.pending.get(id);
    this.pending.delete(id);
    if (!job) return;
    this.lastRun.set(id, Date.now());
    const run = this.update(job).finally(() => this.running.delete(run));
    this.running.add(run);
  }

  private async update(job: Pending): Promise<void> {
    try {
      const state = await this.store.get(job.key);
      const shown = state && this.render(job.kind, state);
      if (!shown) return;
      const activityId = await this.store.getRef(job.key, shown.refName);
      if (!activityId) return;
      await updateCard(this.adapter, this.appId, job.reference, activityId, shown.card);
      // Another bot process may have sent a newer version of this card while ours waited in the
      // queue (Retry-After, the rate window), so that ours landed last with older content. If the
      // card has changed since we read the table, send it again: the last update any process sends
      // then always shows the latest state.
      const now = await this.store.get(job.key);
      const latest = now && this.render(job.kind, now);
      if (latest && JSON.stringify(latest.card) !== JSON.stringify(shown.card)) this.scheduleFor(job.key, job.reference, job.kind);
    } catch (err) {
      // A missed progress update is repaired by the next one; it must never break a turn.
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
