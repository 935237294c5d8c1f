import type { TurnContext } from 'botbuilder';
import { ConflictError } from '../store';
import type { AdaptiveCard } from '../views';
import type { BotDeps } from './deps';
import { routeInvoke } from './routing/router';
import { deferWrites, takeDeferredWrite } from './turn-write';
import { leavesNoRecord } from './turn-record';

const MAX_ATTEMPTS = 20;

/** What a card action answered, and whether its answer was recorded with its write (else bot.ts records it). */
export interface CardActionOutcome {
  card: AdaptiveCard;
  recorded: boolean;
}

/**
 * A card action in two Redis round trips: the claim of the activity read the table (1); the handler
 * decides and renders its answer without writing; one script then writes the table and records the
 * answer for Teams' re-sends (2). A write that finds the table changed meanwhile is not made, and the
 * action is decided and rendered again on the newer table: what is recorded is what was written.
 *
 * `responseOf`: the answer as it is recorded, when this delivery claimed the activity (else nothing is).
 */
export async function runCardAction(
  context: TurnContext,
  deps: BotDeps,
  responseOf: ((card: AdaptiveCard) => string) | undefined,
): Promise<CardActionOutcome> {
  deferWrites(context);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const card = await routeInvoke(context, deps);
    const deferred = takeDeferredWrite(context);
    if (!deferred) return { card, recorded: false };
    // An erase leaves no record (turn-record.ts); the write itself still has to land.
    const record = responseOf && !leavesNoRecord(context);
    const answer = record ? { activityId: context.activity.id!, response: responseOf(card) } : undefined;
    const outcome = await deps.runner.commit(deferred.write, answer);
    if (outcome !== 'conflict') {
      await deferred.publish();
      return { card, recorded: outcome === 'recorded' };
    }
    // Someone else wrote first: a little jitter, so that the presses of a busy table settle quickly.
    await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, attempt * 5)));
  }
  throw new ConflictError(MAX_ATTEMPTS);
}
