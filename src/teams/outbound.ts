import { ActivityTypes, CardFactory, type Activity, type CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../views';

/** A message that carries one Adaptive Card; `summary` is what Teams shows in notifications. */
export function cardMessage(card: AdaptiveCard, summary?: string): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    attachments: [CardFactory.adaptiveCard(card)],
    ...(summary ? { summary } : {}),
  };
}

/** Posts into the conversation of the current turn and returns the new message's id. */
export async function post(context: TurnContext, card: AdaptiveCard, summary?: string): Promise<string | undefined> {
  const response = await context.sendActivity(cardMessage(card, summary));
  return response?.id;
}

/** The answer to an `adaptiveCard/action` invoke: the card this user sees in place of the one they used. */
export async function answerInvoke(context: TurnContext, card: AdaptiveCard): Promise<void> {
  await context.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } },
  });
}

/** Replaces an earlier message's card, from outside a turn. */
export async function updateCard(
  adapter: CloudAdapter,
  appId: string,
  reference: Partial<ConversationReference>,
  activityId: string,
  card: AdaptiveCard,
): Promise<void> {
  await adapter.continueConversationAsync(appId, reference, async (context) => {
    await context.updateActivity({ ...cardMessage(card), id: activityId });
  });
}
