import { randomUUID } from 'node:crypto';
import { type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import { conversationReference } from './conversation-reference';
import type { Logger } from 'pino';
import type { Language } from '../../domain';
import { t } from '../../i18n';
import type { TableKey, TimerQueue } from '../../store';
import { noticeCard } from '../../views';
import { cardMessage, sendMessage } from './outbound';
import { isSharedCardReminder, type SharedCardReminder } from '../publish/shared-card-updater';

interface TimerPayload {
  id: string;
  key: TableKey;
  reference: Partial<ConversationReference>;
  minutes: number;
  lang: Language;
}

export interface TimerRequest {
  key: TableKey;
  activity: Activity;
  minutes: number;
  dueAt: number;
  lang: Language;
}

/**
 * Says "de 5 minuten zijn om" when a leider's timer ends, and hands shared card reminders to the updater. The timer lives in the store, so it fires
 * after a restart too and only once across bot processes. It never closes a phase: the leider does.
 */
export class TimerAnnouncer {
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly queue: TimerQueue,
    private readonly log: Logger,
    private readonly intervalMs = 1000,
    /** Shared card reminders share the queue (see SharedCardUpdater); they go here. */
    private readonly onCardReminder: (reminder: SharedCardReminder) => void = () => {},
  ) {}

  async schedule(request: TimerRequest): Promise<void> {
    const payload: TimerPayload = {
      id: randomUUID(),
      key: request.key,
      reference: conversationReference(request.activity),
      minutes: request.minutes,
      lang: request.lang,
    };
    await this.queue.add(request.dueAt, JSON.stringify(payload));
  }

  start(): void {
    this.timer = setInterval(() => {
      this.ticking ??= this.tick().finally(() => (this.ticking = undefined));
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.ticking;
  }

  /** Announces every timer that is due now. */
  async tick(now = Date.now()): Promise<void> {
    let due: string[];
    try {
      due = await this.queue.takeDue(now);
    } catch (err) {
      this.log.warn({ err }, 'could not read due timers');
      return;
    }
    for (const raw of due) {
      const parsed: unknown = JSON.parse(raw);
      if (isSharedCardReminder(parsed)) {
        this.onCardReminder(parsed);
        continue;
      }
      const payload = parsed as TimerPayload;
      const card = noticeCard(payload.lang, 'timer.done', { minutes: payload.minutes }, 'accent');
      try {
        await this.adapter.continueConversationAsync(this.appId, payload.reference, async (context) => {
          await sendMessage(context, cardMessage(card, t(payload.lang, 'timer.done', { minutes: payload.minutes })));
        });
      } catch (err) {
        this.log.warn({ err, conversation: payload.reference.conversation?.id }, 'timer announcement failed');
      }
    }
  }
}
