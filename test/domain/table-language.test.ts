import { cardIn, deckIn, decide, defaultDeck, groupView, withDeckIn, type Card } from '../../src/domain';
import { ENGLISH_INGREDIENTS, ENGLISH_INTENTIONS } from '../../src/domain/decks/english';
import { ANNA, LEAD, T0, expectOk, play, tables } from './fixtures';

const NOW = T0 + 3_600_000;

describe('one language per table', () => {
  it('the leider switches the table to English; choosing it again changes nothing', () => {
    const s = tables.round1();
    expect(s.settings.language).toBe('nl');
    const result = expectOk(decide(s, { actor: LEAD, command: { type: 'setLanguage', language: 'en' } }, NOW));
    expect(result.state.settings.language).toBe('en');
    expect(result.events).toEqual([{ type: 'languageChanged', language: 'en' }]);
    const again = expectOk(decide(result.state, { actor: LEAD, command: { type: 'setLanguage', language: 'en' } }, NOW));
    expect(again.events).toEqual([]);
    expect(again.state).toBe(result.state);
  });

  it('the group sees the default cards in the table language, and only those', () => {
    const s = play(tables.round2(), [
      [ANNA, { type: 'addOwnCard', kind: 'ingredient', title: 'Buurthuis De Linde' }],
      [LEAD, { type: 'setLanguage', language: 'en' }],
    ]);
    const titles = groupView(s).deck.ingredients.map((c) => c.title);
    expect(titles).toContain('Community centre');
    expect(titles).not.toContain('Buurthuis');
    expect(titles).toContain('Buurthuis De Linde');
    // Stored as it was: switching back gives the Dutch titles again.
    expect(s.deck.ingredients.map((c) => c.title)).toContain('Buurthuis');
    const back = play(s, [[LEAD, { type: 'setLanguage', language: 'nl' }]]);
    expect(groupView(back).deck.ingredients.map((c) => c.title)).toContain('Buurthuis');
  });
});

describe('the default decks in English', () => {
  it('has an English title for every default card, each different from the others', () => {
    const deck = defaultDeck();
    expect(Object.keys(ENGLISH_INGREDIENTS).sort()).toEqual(deck.ingredients.map((c) => c.id).sort());
    expect(Object.keys(ENGLISH_INTENTIONS).sort()).toEqual(deck.intentions.map((c) => c.id).sort());
    const english = withDeckIn({ deck }, 'en').deck;
    const all = [...english.ingredients, ...english.intentions].map((c) => c.title);
    expect(new Set(all).size).toBe(all.length);
    // Ids, kinds and order are kept: reports and stored tables refer to them.
    expect(english.ingredients.map((c) => c.id)).toEqual(deck.ingredients.map((c) => c.id));
  });

  it('leaves cards that someone typed as they are, also when they reuse a default id', () => {
    const typed: Card = { id: 'buurthuis', title: 'Ons buurthuis', kind: 'ingredient' };
    expect(cardIn(typed, 'en')).toBe(typed);
    const own: Card = { id: 'buurthuis', title: 'Buurthuis', kind: 'ingredient', addedBy: 'u1' };
    expect(cardIn(own, 'en')).toBe(own);
    const organisers: Card = { id: 'org-buurthuis', title: 'Buurthuis', kind: 'ingredient' };
    expect(cardIn(organisers, 'en')).toBe(organisers);
    expect(cardIn({ id: 'buurthuis', title: 'Community centre', kind: 'ingredient' }, 'nl').title).toBe('Buurthuis');
  });
});

describe('a deck in a language', () => {
  const frozenDeck = () => {
    const deck = defaultDeck();
    for (const card of [...deck.ingredients, ...deck.intentions]) Object.freeze(card);
    Object.freeze(deck.ingredients);
    Object.freeze(deck.intentions);
    return Object.freeze(deck);
  };

  it('a shared (frozen) deck is translated once per language, and is itself where nothing changes', () => {
    const deck = frozenDeck();
    const en = deckIn(deck, 'en');
    expect(en).not.toBe(deck);
    expect(deckIn(deck, 'en')).toBe(en);
    expect(en.ingredients.map((c) => c.title)).toContain('Community centre');
    expect(Object.isFrozen(en.ingredients)).toBe(true);
    expect(deckIn(deck, 'nl')).toBe(deck);
  });

  it('a deck that is not frozen is translated as it is now', () => {
    const deck = defaultDeck();
    expect(deckIn(deck, 'en').ingredients.map((c) => c.title)).toContain('Community centre');
    deck.ingredients = [{ ...deck.ingredients[0]!, addedBy: 'u1', title: 'Eigen kaartje' }];
    expect(deckIn(deck, 'en').ingredients.map((c) => c.title)).toEqual(['Eigen kaartje']);
  });
});
