import { answerBodyJson, cardAnswerBody, cardJson } from '../../../src/teams/outbound/invoke-json';
import type { AdaptiveCard } from '../../../src/views';

const card = (): AdaptiveCard => ({
  type: 'AdaptiveCard',
  version: '1.5',
  body: [{ type: 'TextBlock', text: 'Kaartjes "in", \u00e9\u00e9n \\ twee \u2028 {{DATE(x)}}', wrap: true }],
});

describe('invoke answer JSON', () => {
  it('the JSON made for an answer body is that body as JSON.stringify writes it', () => {
    const body = cardAnswerBody(card());
    expect(answerBodyJson(body)).toBe(JSON.stringify(body));
  });

  it('a card is stringified once however often its JSON is asked for', () => {
    const c = card();
    const first = cardJson(c);
    expect(cardJson(c)).toBe(first);
    expect(first).toBe(JSON.stringify(c));
  });

  it('has no JSON for a body it did not make', () => {
    expect(answerBodyJson({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card() })).toBeUndefined();
    expect(answerBodyJson(undefined)).toBeUndefined();
    expect(answerBodyJson('text')).toBeUndefined();
  });
});
