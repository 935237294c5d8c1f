/**
 * The folds of the long cards (Action.ToggleVisibility, see src/views/fold.ts): Teams finds what a
 * button shows by id, so every id is used once per card and every target exists; a folded part starts
 * hidden and its show button visible.
 */
import { longCards } from '../browser/long-cards';
import { findAll } from '../support/cards';

describe('the folds of the long cards of a full table', () => {
  const cards = longCards();

  it.each(Object.keys(cards))('%s: ids unique, every target there, folded parts hidden', (name) => {
    const card = cards[name]!;
    const ids = findAll(card, (n) => typeof n.id === 'string' && n.id !== '').map((n) => n.id as string);
    expect(new Set(ids).size).toBe(ids.length);
    for (const toggle of findAll(card, (n) => n.type === 'Action.ToggleVisibility')) {
      const [folded, show] = toggle.targetElements as string[];
      expect(ids).toEqual(expect.arrayContaining([folded, show]));
      expect(findAll(card, (n) => n.id === folded)[0]!.isVisible).toBe(false);
      expect(findAll(card, (n) => n.id === show)[0]!.isVisible).toBeUndefined();
    }
  });

  it('the reveal, the board, the summary and the totaalbeeld fold', () => {
    for (const name of ['reveal', 'board', 'summary', 'totaalbeeld']) {
      expect([name, findAll(cards[name]!, (n) => n.type === 'Action.ToggleVisibility').length > 0]).toEqual([name, true]);
    }
  });
});
