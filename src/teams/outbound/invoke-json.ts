import type { AdaptiveCard } from '../../views';

/**
 * A card action's answer is both recorded (for Teams' re-sends) and sent: its card is turned into
 * JSON once for both (a card is 1–26 KB; a second JSON.stringify cost ~2 % of a click). The card
 * objects are not changed after they are answered, so their JSON stays true.
 */
const cardJsonOf = new WeakMap<AdaptiveCard, string>();

export function cardJson(card: AdaptiveCard): string {
  let json = cardJsonOf.get(card);
  if (json === undefined) {
    json = JSON.stringify(card);
    cardJsonOf.set(card, json);
  }
  return json;
}

/** An invoke answer's body with its JSON made already, for the HTTP answer (messages-adapter.ts). */
const bodyJsonOf = new WeakMap<object, string>();

/** The body of a card answer; the same object as ever, with its JSON made from the card's. */
const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';
const CARD_BODY_START = `{"statusCode":200,"type":${JSON.stringify(CARD_TYPE)},"value":`;

export function cardAnswerBody(card: AdaptiveCard): object {
  const body = { statusCode: 200, type: CARD_TYPE, value: card };
  bodyJsonOf.set(body, `${CARD_BODY_START}${cardJson(card)}}`);
  return body;
}

/** The JSON of a body made by cardAnswerBody; undefined for any other. */
export function answerBodyJson(body: unknown): string | undefined {
  return typeof body === 'object' && body !== null ? bodyJsonOf.get(body) : undefined;
}
