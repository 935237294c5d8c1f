/**
 * Round 1's card as the leider sees it in Round 2 offers the deck's cards to place (leader-controls.ts),
 * and stays within one Teams message: with a large deck of long titles it offers the cards picked in
 * that round, says so, and says where the others are placed.
 */
import { groupView } from '../../../src/domain';
import { CARD_BUDGET, cardBytes } from '../../../src/views/fit';
import { controlledCard } from '../../../src/teams/publish/controlled-cards';
import { actionsOf, cardText } from '../../support/cards';
import { maxTable } from '../../views/max-table';

const placeButtons = (card: object) => actionsOf(card as Record<string, unknown>).filter((a) => a.verb === 'board.place.open');

describe("the deck's place buttons on Round 1's card", () => {
  it('offer every card of the default deck, even with every text at its maximum', () => {
    const state = maxTable({ deck: 'default', text: 'max', until: 'round2' });
    const card = controlledCard(state, { card: 'round1', n: 1 }, { actor: state.lead, lang: 'nl' }, { retentionDays: 30 });
    expect(placeButtons(card)).toHaveLength(state.deck.ingredients.length);
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BUDGET);
    expect(cardText(card)).not.toContain('Om in één bericht te passen');
  });

  it.each([60, 100])('offer the cards picked in the round when a deck of %i long titles would not fit, and say so', (size) => {
    const state = maxTable({ deck: size, text: 'max', until: 'round2' });
    for (const lang of ['nl', 'en'] as const) {
      const card = controlledCard(state, { card: 'round1', n: 1 }, { actor: state.lead, lang }, { retentionDays: 30 });
      expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BUDGET);
      const picked = new Set(
        Object.values(groupView(state).pickRounds[0]!.picks).flatMap((s) => Object.values(s.picks).map((p) => p.cardId)),
      );
      const offered = placeButtons(card).map((a) => a.data.card);
      expect(offered.length).toBeGreaterThan(0);
      expect(new Set(offered)).toEqual(picked);
      expect(cardText(card)).toMatch(/Om in één bericht te passen staan hier alleen|To fit in one message, only the cards picked/);
    }
  });

  it('are not on anyone else’s view', () => {
    const state = maxTable({ deck: 'default', text: 'typical', until: 'round2' });
    const participant = state.participants[0]!;
    const card = controlledCard(
      state,
      { card: 'round1', n: 1 },
      { actor: { id: participant.id, name: participant.name }, lang: 'nl' },
      { retentionDays: 30 },
    );
    expect(placeButtons(card)).toEqual([]);
  });
});
