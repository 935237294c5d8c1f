/**
 * Taking a card off the model (issue 12): only a leider, only in Round 2, only a card that lies on
 * it; moving is placing again. A property holds the model to a plain map of card → zone.
 */
import fc from 'fast-check';
import { decide, ZONES, type Actor, type Command, type TableState, type Zone } from '../../src/domain';
import { ANNA, LEAD, T0, decideUnchanged, expectError, expectOk, ingredient, play, tables } from './fixtures';

const NOW = T0 + 3_600_000;
const place = (cardId: string, zone: Zone): Command => ({ type: 'placeCard', cardId, zone, agreement: 'agree' });
const remove = (cardId: string): Command => ({ type: 'removePlacement', cardId });

describe('removePlacement', () => {
  it('takes a placed card off the model, keeps the history and says which card', () => {
    const s = play(tables.round2(), [
      [LEAD, place(ingredient('buurthuis'), 'institutional')],
      [LEAD, place(ingredient('park'), 'community')],
    ]);
    const result = expectOk(decide(s, { actor: LEAD, command: remove('buurthuis') }, NOW));
    expect(Object.keys(result.state.round2.placements)).toEqual(['park']);
    expect(result.state.round2.history.map((p) => p.cardId)).toEqual(['buurthuis', 'park']);
    expect(result.events).toEqual([{ type: 'cardRemoved', cardId: 'buurthuis' }]);
  });

  it('lets a removed card be placed again, in another zone', () => {
    const s = play(tables.round2(), [
      [LEAD, place(ingredient('park'), 'community')],
      [LEAD, remove('park')],
      [LEAD, place(ingredient('park'), 'border')],
    ]);
    expect(s.round2.placements['park']?.zone).toBe('border');
  });

  it.each<[string, () => TableState, Actor, string, string]>([
    ['a participant', () => play(tables.round2(), [[LEAD, place('park', 'community')]]), ANNA, 'park', 'notLeader'],
    ['a card that is not on the model', tables.round2, LEAD, 'park', 'notPlaced'],
    ['an unknown card', tables.round2, LEAD, 'bestaat-niet', 'notPlaced'],
    ['an inherited property name as card', tables.round2, LEAD, 'constructor', 'notPlaced'],
    ['outside Round 2', tables.round3, LEAD, 'park', 'wrongPhase'],
  ])('refuses %s and changes nothing', (_name, state, who, cardId, code) => {
    expectError(decideUnchanged(state(), who, remove(cardId)), code as never);
  });
});

describe('placing, moving and removing, in any order', () => {
  const CARDS = ['buurthuis', 'park', 'bibliotheek', 'wijkteam'].map(ingredient);
  const stepArb = fc.oneof(
    fc.record({ type: fc.constant('place' as const), card: fc.constantFrom(...CARDS), zone: fc.constantFrom(...ZONES) }),
    fc.record({ type: fc.constant('remove' as const), card: fc.constantFrom(...CARDS) }),
    fc.record({ type: fc.constant('forged' as const), card: fc.constantFrom(...CARDS) }),
  );

  it('the model always holds exactly the cards placed and not removed since, each in its last zone', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 30 }), (steps) => {
        let state = tables.round2();
        const expected = new Map<string, Zone>();
        steps.forEach((step, i) => {
          const now = state.updatedAt + i + 1;
          if (step.type === 'place') {
            state = expectOk(decide(state, { actor: LEAD, command: place(step.card, step.zone) }, now)).state;
            expected.set(step.card, step.zone);
          } else if (step.type === 'remove') {
            const result = decide(state, { actor: LEAD, command: remove(step.card) }, now);
            // Removing what is not there is refused, and only then.
            expect(result.type === 'error' ? result.code : 'ok').toBe(expected.has(step.card) ? 'ok' : 'notPlaced');
            if (result.type === 'ok') state = result.state;
            expected.delete(step.card);
          } else {
            // A participant pressing a forged button changes nothing.
            expect(decide(state, { actor: ANNA, command: remove(step.card) }, now).type).toBe('error');
          }
          const zones = Object.fromEntries(Object.values(state.round2.placements).map((p) => [p.cardId, p.zone]));
          expect(zones).toEqual(Object.fromEntries(expected));
        });
      }),
    );
  });
});
