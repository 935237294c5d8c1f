import { ActivityTypes, type TurnContext } from 'botbuilder';
import { languageOf, t, type MessageKey } from '../i18n';
import { StoreUnavailableError } from '../store';
import { helpView, noticeView, renderCard } from '../views';
import { handleCardAction } from './card-action-handler';
import type { BotDeps } from './deps';
import { handleMessage } from './message-handler';
import { answerInvoke, post } from './outbound';

/**
 * Routes each Teams activity to its handler. One try/catch for the whole turn: a rule violation is
 * answered inside the handlers; anything unexpected ends here, is logged with the activity id, and
 * the user hears that nothing changed, so they can simply try again.
 */
export class SocialeBasisBot {
  constructor(private readonly deps: BotDeps) {}

  async onTurn(context: TurnContext): Promise<void> {
    const started = performance.now();
    const activity = context.activity;
    let outcome = 'ok';
    try {
      await this.route(context);
    } catch (err) {
      outcome = err instanceof StoreUnavailableError ? 'store-unavailable' : 'error';
      this.deps.log.error({ err, activityId: activity.id, conversation: activity.conversation?.id }, 'turn failed');
      await this.apologise(context, err instanceof StoreUnavailableError ? 'error.storeUnavailable' : 'error.unexpected');
    } finally {
      this.deps.log.info(
        {
          activityId: activity.id,
          conversation: activity.conversation?.id,
          type: activity.type,
          name: activity.name,
          verb: (activity.value as { action?: { verb?: string } } | undefined)?.action?.verb,
          outcome,
          ms: Math.round(performance.now() - started),
        },
        'turn',
      );
    }
  }

  private async route(context: TurnContext): Promise<void> {
    const activity = context.activity;
    switch (activity.type) {
      case ActivityTypes.Message:
        return handleMessage(context, this.deps);
      case ActivityTypes.Invoke:
        if (activity.name === 'adaptiveCard/action') return answerInvoke(context, await handleCardAction(context, this.deps));
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 501 } });
        return;
      case ActivityTypes.ConversationUpdate:
        return this.greet(context);
      default:
        return;
    }
  }

  /** When the bot is added to a chat, it explains itself once. */
  private async greet(context: TurnContext): Promise<void> {
    const added = context.activity.membersAdded ?? [];
    if (!added.some((m) => m.id === context.activity.recipient?.id)) return;
    const lang = languageOf(context.activity.locale);
    await post(context, renderCard('help', helpView(lang)), t(lang, 'help.title'));
  }

  private async apologise(context: TurnContext, key: MessageKey): Promise<void> {
    const lang = languageOf(context.activity.locale);
    const card = renderCard('notice', noticeView(lang, key, {}, 'attention'));
    try {
      if (context.activity.type === ActivityTypes.Invoke) await answerInvoke(context, card);
      else if (context.activity.type === ActivityTypes.Message) await post(context, card, t(lang, key));
    } catch (err) {
      this.deps.log.error({ err, activityId: context.activity.id, conversation: context.activity.conversation?.id }, 'could not tell the user about a failed turn');
    }
  }
}

