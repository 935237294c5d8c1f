import type { Language, PickRole, TableView, Zone } from '../domain';
import { t } from '../i18n';
import { cardById } from './board-view';
import { groupPicks } from './reveal-view';

/** The zone most of a revealed card's pickers point to: out → niet sociale basis, doubt → twijfel. */
export function zoneOfPicks(counts: Record<PickRole, number>): Zone | '' {
  if (counts.out > counts.in && counts.out >= counts.doubt) return 'outside';
  if (counts.doubt > counts.in && counts.doubt > counts.out) return 'border';
  return '';
}

/** "Dit kaartje plaatsen: X", or "Verplaatsen: X" for a card already on the model. */
export function placeLabel(state: TableView, lang: Language, id: string): string {
  const placed = state.round2.placements[id] !== undefined;
  return t(lang, placed ? 'controls.placeAgain' : 'controls.place', { title: cardById(state, id)?.title ?? id });
}

/**
 * Which cards of the deck Round 1's card offers the leider to place: all, or (when all would not fit
 * in one message) the cards picked in that round, or none. The form's own list always has them all.
 */
export type DeckPlaces = 'all' | 'picked' | 'none';

/**
 * In Round 2, on Round 1's card (posted once, never updated, so the form opens there safely): each
 * card of the deck, prefilled with where it lies, or else where the round's picks point.
 */
export function fromDeck(state: TableView, lang: Language, roundNumber: number, which: DeckPlaces) {
  if (which === 'none') return [];
  const round = state.pickRounds.find((r) => r.number === roundNumber);
  const picked = round?.revealedAt !== undefined ? groupPicks(state, round, lang) : [];
  const zones = new Map<string, Zone | ''>(picked.map((g) => [g.cardId, zoneOfPicks(g.counts)]));
  const cards = which === 'all' ? state.deck.ingredients : state.deck.ingredients.filter((c) => zones.has(c.id));
  return cards.map((c) => ({
    title: placeLabel(state, lang, c.id),
    card: c.id,
    zone: state.round2.placements[c.id]?.zone ?? zones.get(c.id) ?? '',
  }));
}
