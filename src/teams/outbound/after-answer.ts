import type { Activity, CloudAdapter, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { conversationReference } from './conversation-reference';

/**
 * Work a turn leaves for after its answer: the posts a card action causes. The turn's own context is
 * gone by then, so the work gets a new one for the same conversation. Tracked, so that shutdown and
 * tests can wait for it.
 */
export class AfterAnswer {
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly log: Logger,
  ) {}

  run(activity: Activity, work: (context: TurnContext) => Promise<void>): void {
    const reference = conversationReference(activity);
    const job: Promise<void> = this.adapter
      .continueConversationAsync(this.appId, reference, work)
      .catch((err: unknown) => {
        // The action itself is stored and answered; a post that did not get out is logged, not thrown.
        this.log.error({ err, activityId: activity.id, conversation: activity.conversation?.id }, 'posting after the answer failed');
      })
      .finally(() => this.running.delete(job));
    this.running.add(job);
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
