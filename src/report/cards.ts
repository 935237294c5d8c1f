import type { Card, Language, TableState } from '../domain';
import { personRef } from './people';
import type { CardRef, OwnCardSummary } from './summary-types';

export type CardLookup = (id: string) => CardRef;

/** Looks up ingredient and intention cards by id; an id no longer in the deck shows as itself. */
export function cardLookup(state: TableState): CardLookup {
  const byId = new Map<string, Card>();
  for (const c of [...state.deck.ingredients, ...state.deck.intentions]) byId.set(c.id, c);
  return (id) => {
    const card = byId.get(id);
    return card ? cardRef(card) : { id, title: id, own: false };
  };
}

export function cardRef(card: Card): CardRef {
  return { id: card.id, title: card.title, own: card.addedBy !== undefined };
}

/** The blank cards filled in at this table, with who added them under the consent rules. */
export function ownCards(state: TableState, cards: ReadonlyArray<Card>, lang: Language): OwnCardSummary[] {
  return cards
    .filter((c) => c.addedBy !== undefined)
    .map((c) => {
      const by = state.participants.find((p) => p.id === c.addedBy);
      return {
        card: cardRef(c),
        ...(c.description ? { description: c.description } : {}),
        // Only a participant or a leider can add a card; a former leider is still "the leider".
        addedBy: by ? { type: 'participant' as const, person: personRef(by, lang) } : { type: 'leader' as const },
      };
    });
}
