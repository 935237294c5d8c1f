import { ActivityTypes, CardFactory, type Activity, type CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../../views';
import { leaveWriteRetriesToQueue } from './connector-retries';
import { cardAnswerBody } from './invoke-json';
import type { OutboundLane, OutboundOutcome, OutboundQueue } from './outbound-queue';
import { tableKeyOf } from '../routing/activity-identity';

const QUEUE_KEY = Symbol('outboundQueue');
const LANE_KEY = Symbol('outboundLane');

/**
 * Gives every turn of this adapter, proactive ones included, the per-conversation queue that
 * `post`, `sendMessage` and `updateCard` send through. createApp calls it once.
 */
export function useOutboundQueue(adapter: CloudAdapter, queue: OutboundQueue): void {
  adapter.use(async (context, next) => {
    context.turnState.set(QUEUE_KEY, queue);
    await next();
  });
}

function queueOf(context: TurnContext): OutboundQueue {
  const queue = context.turnState.get(QUEUE_KEY) as OutboundQueue | undefined;
  if (!queue) throw new Error('No outbound queue on this turn: createApp registers one with useOutboundQueue(adapter, queue).');
  return queue;
}

/**
 * From now on, what this turn posts only informs whoever asked (help, status, a refusal): it waits
 * while posts that steer the table are queued for the conversation (see OutboundLane).
 */
export function postInformationally(context: TurnContext): void {
  context.turnState.set(LANE_KEY, 'informational' satisfies OutboundLane);
}

function laneOf(context: TurnContext): OutboundLane {
  return (context.turnState.get(LANE_KEY) as OutboundLane | undefined) ?? 'steering';
}

/** The activity a send follows from, for the log: in a proactive turn, the one it continues. */
function causeOf(context: TurnContext): string | undefined {
  return context.activity.relatesTo?.activityId ?? context.activity.id;
}

/** A message that carries one Adaptive Card; `summary` is what Teams shows in notifications. */
export function cardMessage(card: AdaptiveCard, summary?: string): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    attachments: [CardFactory.adaptiveCard(card)],
    ...(summary ? { summary } : {}),
  };
}

/**
 * Posts into the conversation of the turn, behind what was queued for it before in its lane, and
 * returns the new message's id; undefined when it could not be sent (the queue has logged why).
 * Never throws for a failed send: what the user did is stored already.
 */
export async function sendMessage(context: TurnContext, message: Partial<Activity>): Promise<string | undefined> {
  const outcome = await queueOf(context).run({
    conversationId: context.activity.conversation.id,
    tenantId: tableKeyOf(context.activity).tenantId,
    kind: 'post',
    lane: laneOf(context),
    causeId: causeOf(context),
    send: async () => {
      leaveWriteRetriesToQueue(context);
      return (await context.sendActivity(message))?.id;
    },
  });
  return outcome.type === 'sent' ? outcome.value : undefined;
}

/** Posts a card into the conversation of the current turn and returns the new message's id. */
export function post(context: TurnContext, card: AdaptiveCard, summary?: string): Promise<string | undefined> {
  return sendMessage(context, cardMessage(card, summary));
}

/**
 * The answer to an `adaptiveCard/action` invoke: the card this user sees in place of the one they
 * used. Not queued: it is the HTTP answer to Teams' own request, not a call to the conversation.
 */
export async function answerInvoke(context: TurnContext, card: AdaptiveCard): Promise<void> {
  await context.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: { status: 200, body: cardAnswerBody(card) },
  });
}

/**
 * An invoke that could not be carried out (storage away, an unexpected error): a Universal Actions
 * error, so Teams keeps the card as it was, with whatever the user typed, and shows the message.
 */
export async function answerInvokeError(context: TurnContext, statusCode: 500 | 503, message: string): Promise<void> {
  await context.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: { status: 200, body: { statusCode, type: 'application/vnd.microsoft.error', value: { code: String(statusCode), message } } },
  });
}

/**
 * Replaces an earlier message's card, from outside a turn, through the conversation's queue; a
 * newer update of the same message that is queued meanwhile replaces this one. A failed update is
 * logged there, not thrown: the next update repairs it. True when this very update reached Teams.
 */
export async function updateCard(
  adapter: CloudAdapter,
  appId: string,
  reference: Partial<ConversationReference>,
  activityId: string,
  card: AdaptiveCard,
): Promise<boolean> {
  return (await updateCardOutcome(adapter, appId, reference, activityId, card))?.type === 'sent';
}

/** updateCard, saying how it went: for a caller that posts the card anew when its message is gone. */
export async function updateCardOutcome(
  adapter: CloudAdapter,
  appId: string,
  reference: Partial<ConversationReference>,
  activityId: string,
  card: AdaptiveCard,
): Promise<OutboundOutcome<void> | undefined> {
  let result: OutboundOutcome<void> | undefined;
  await adapter.continueConversationAsync(appId, reference, async (context) => {
    result = await queueOf(context).run({
      conversationId: context.activity.conversation.id,
      tenantId: tableKeyOf(context.activity).tenantId,
      kind: 'update',
      causeId: causeOf(context),
      messageId: activityId,
      send: async () => {
        leaveWriteRetriesToQueue(context);
        await context.updateActivity({ ...cardMessage(card), id: activityId });
      },
    });
  });
  return result;
}

/**
 * Removes an earlier message, from outside a turn, through the conversation's queue. Retried as an
 * update is (removing twice does no harm) but never merged with one: a queued update stays queued.
 */
export async function deleteMessage(
  adapter: CloudAdapter,
  appId: string,
  reference: Partial<ConversationReference>,
  activityId: string,
): Promise<OutboundOutcome<void> | undefined> {
  let result: OutboundOutcome<void> | undefined;
  await adapter.continueConversationAsync(appId, reference, async (context) => {
    result = await queueOf(context).run({
      conversationId: context.activity.conversation.id,
      tenantId: tableKeyOf(context.activity).tenantId,
      kind: 'update',
      causeId: causeOf(context),
      send: async () => {
        leaveWriteRetriesToQueue(context);
        await context.deleteActivity(activityId);
      },
    });
  });
  return result;
}
