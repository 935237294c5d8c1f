import { ActivityTypes, type TurnContext } from 'botbuilder';
import { languageOf, t, type PlainKey } from '../i18n';
import { claimOrWait, StoreUnavailableError, type ActivityClaim } from '../store';
import { helpView, noticeCard, renderCard, type AdaptiveCard } from '../views';
import { tableKeyOf } from './routing/activity-identity';
import type { BotDeps } from './deps';
import { routeMessage } from './routing/router';
import { runCardAction } from './card-action-turn';
import { answerInvoke, answerInvokeError, post } from './outbound/outbound';
import { cardJson } from './outbound/invoke-json';
import { turnLogFields } from './turn-log';
import { leavesNoRecord } from './turn-record';

/** What an invoke is answered with. Recorded, so that Teams re-sending the invoke gets the same answer. */
interface InvokeReply {
  status: number;
  card?: AdaptiveCard;
}

/** The one shape of a card action's answer, as sent and as recorded: a re-send must get it byte for byte. */
const cardReply = (card: AdaptiveCard): InvokeReply => ({ status: 200, card });

/** JSON.stringify(cardReply(card)), with the card's JSON made once for the record and the answer. */
const recordOf = (card: AdaptiveCard): string => `{"status":200,"card":${cardJson(card)}}`;

/** The activities that have effects; only these are deduplicated. */
const ONCE_ONLY: ReadonlySet<string> = new Set([ActivityTypes.Message, ActivityTypes.Invoke, ActivityTypes.ConversationUpdate]);

/**
 * A delivery of an activity that is still running elsewhere is waited for this long: Teams re-sends
 * after ~15 s without an answer, and gives up on the re-sent one after as long again.
 */
const DUPLICATE_WAIT = { waitMs: 10_000, pollMs: 100 };

/**
 * Routes each Teams activity to its handler. One try/catch for the whole turn: a rule violation is
 * answered inside the handlers; anything unexpected ends here, is logged with the activity id, and
 * the user hears that nothing changed, so they can simply try again.
 *
 * Teams re-sends an activity it got no answer to in time, so every activity is claimed by its id
 * before it runs: a second delivery does nothing and gets the answer the first one recorded (it
 * waits briefly if the first is still running). A turn that fails gives its claim up again.
 */
export class SocialeBasisBot {
  constructor(private readonly deps: BotDeps) {}

  async onTurn(context: TurnContext): Promise<void> {
    const started = performance.now();
    const activity = context.activity;
    let outcome = 'ok';
    let claim: string | undefined;
    try {
      const seen = await this.claim(context);
      if (seen.type === 'done' || seen.type === 'running') {
        outcome = seen.type === 'done' ? 'duplicate' : 'duplicate-still-running';
        await this.replay(context, seen);
        return;
      }
      if (seen.type === 'first') claim = seen.claim;
      const { reply, recorded } = await this.route(context, claim !== undefined);
      // An erase leaves nothing, also no record of the erase written after it (see turn-record.ts).
      if (claim && leavesNoRecord(context)) await this.forget(context, claim);
      else if (claim && !recorded) await this.remember(context, claim, reply);
      if (reply) await this.answer(context, reply);
    } catch (err) {
      if (claim) await this.forget(context, claim);
      outcome = err instanceof StoreUnavailableError ? 'store-unavailable' : 'error';
      this.deps.log.error({ err, activityId: activity.id, conversation: activity.conversation?.id }, 'turn failed');
      await this.apologise(context, err instanceof StoreUnavailableError);
    } finally {
      this.deps.log.info(
        {
          ...turnLogFields(activity),
          outcome,
          ms: Math.round(performance.now() - started),
        },
        'turn',
      );
    }
  }

  /**
   * Runs the activity; for an invoke, returns the answer instead of sending it, so it can be recorded
   * first. A card action that changed the table has its answer recorded with its write (`recorded`);
   * `claimed`: this delivery holds the activity's claim, so its answer is to be recorded.
   */
  private async route(context: TurnContext, claimed: boolean): Promise<{ reply?: InvokeReply; recorded: boolean }> {
    const activity = context.activity;
    switch (activity.type) {
      case ActivityTypes.Message:
        await routeMessage(context, this.deps);
        return { recorded: false };
      case ActivityTypes.Invoke: {
        if (activity.name !== 'adaptiveCard/action') return { reply: { status: 501 }, recorded: false };
        const record = claimed ? recordOf : undefined;
        const { card, recorded } = await runCardAction(context, this.deps, record);
        return { reply: cardReply(card), recorded };
      }
      case ActivityTypes.ConversationUpdate:
        await this.greet(context);
        return { recorded: false };
      default:
        return { recorded: false };
    }
  }

  private async answer(context: TurnContext, reply: InvokeReply): Promise<void> {
    if (reply.card) await answerInvoke(context, reply.card);
    else await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: reply.status } });
  }

  /** Claims this delivery of the activity, or waits for the delivery that has it. */
  private async claim(context: TurnContext): Promise<ActivityClaim | { type: 'untracked' }> {
    const activity = context.activity;
    if (!activity.id || !activity.conversation?.id || !ONCE_ONLY.has(activity.type)) return { type: 'untracked' };
    return claimOrWait(this.deps.idempotency, tableKeyOf(activity), activity.id, DUPLICATE_WAIT);
  }

  /** A second delivery: the invoke gets the first one's answer; a message or update gets nothing. */
  private async replay(context: TurnContext, seen: Extract<ActivityClaim, { type: 'done' | 'running' }>): Promise<void> {
    if (context.activity.type !== ActivityTypes.Invoke) return;
    const reply = seen.type === 'done' && seen.response ? (JSON.parse(seen.response) as InvokeReply) : undefined;
    if (reply) return this.answer(context, reply);
    // Still running after the wait: Teams has given up on the first answer, so say what is going on.
    const lang = languageOf(context.activity.locale);
    await answerInvoke(context, noticeCard(lang, 'error.stillWorking'));
  }

  /** The effects have happened: a failure to record that must not turn into "nothing changed". */
  private async remember(context: TurnContext, claim: string, reply: InvokeReply | undefined): Promise<void> {
    const activity = context.activity;
    try {
      await this.deps.idempotency.finish(tableKeyOf(activity), activity.id!, claim, reply && JSON.stringify(reply));
    } catch (err) {
      this.deps.log.warn(
        { err, activityId: activity.id, conversation: activity.conversation?.id },
        'could not record a handled activity; a re-sent copy may run again',
      );
    }
  }

  private async forget(context: TurnContext, claim: string): Promise<void> {
    const activity = context.activity;
    try {
      await this.deps.idempotency.release(tableKeyOf(activity), activity.id!, claim);
    } catch (err) {
      this.deps.log.warn(
        { err, activityId: activity.id, conversation: activity.conversation?.id },
        'could not release a failed activity; a re-sent copy waits for its lease to end',
      );
    }
  }

  /** When the bot is added to a chat, it explains itself once. */
  private async greet(context: TurnContext): Promise<void> {
    const added = context.activity.membersAdded ?? [];
    if (!added.some((m) => m.id === context.activity.recipient?.id)) return;
    const lang = languageOf(context.activity.locale);
    await post(context, renderCard('help', helpView(lang)), t(lang, 'help.title'));
  }

  /**
   * A turn that failed cannot tell whether its write landed (a lost reply looks like no reply), so
   * the message promises nothing about the table: a card keeps what was typed for a safe retry, a
   * command points to `status` first, since `volgende` twice would skip a phase.
   */
  private async apologise(context: TurnContext, storeAway: boolean): Promise<void> {
    const lang = languageOf(context.activity.locale);
    try {
      if (context.activity.type === ActivityTypes.Invoke) {
        await answerInvokeError(context, storeAway ? 503 : 500, t(lang, storeAway ? 'error.storeUnavailable' : 'error.unexpected'));
      } else if (context.activity.type === ActivityTypes.Message) {
        const key: PlainKey = storeAway ? 'error.storeUnavailableCommand' : 'error.unexpectedCommand';
        await post(context, noticeCard(lang, key), t(lang, key));
      }
    } catch (err) {
      this.deps.log.error(
        { err, activityId: context.activity.id, conversation: context.activity.conversation?.id },
        'could not tell the user about a failed turn',
      );
    }
  }
}
