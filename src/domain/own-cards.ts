import { ok, type DecideResult } from './decision';
import { fail, tooLong } from './errors';
import { LIMITS } from './limits';
import { findParticipant, isLeader } from './roles';
import { cleanText, isBlank, sameTitleKey, textLength } from './text';
import type { Actor, Card, CardKind, TableState } from './types';

function whenAllowed(state: TableState, kind: CardKind): boolean {
  if (kind === 'intention') return state.phase === 'round3' && state.round3.closedAt === undefined;
  return state.phase === 'round1' || state.phase === 'round2';
}

/**
 * An own card (the blank cards of the paper kit): an ingredient in Rounds 1–2, an intention in Round 3
 * until voting closes. It joins the table's deck, marked with who added it.
 */
export function addOwnCard(
  state: TableState,
  actor: Actor,
  kind: CardKind,
  rawTitle: string,
  rawDescription: string | undefined,
): DecideResult {
  const me = findParticipant(state, actor);
  if (!me && !isLeader(state, actor)) return fail('notParticipant');
  if (kind === 'intention' && state.phase === 'round3' && state.round3.closedAt !== undefined) return fail('votingClosed');
  if (!whenAllowed(state, kind)) return fail('wrongPhase');
  const title = cleanText(rawTitle).replace(/\s+/g, ' ');
  const description = cleanText(rawDescription ?? '');
  if (!title) return fail('emptyText');
  if (isBlank(title)) return fail('blankText');
  if (textLength(title) > LIMITS.ownCardTitle) return tooLong('ownCardTitle', LIMITS.ownCardTitle);
  if (textLength(description) > LIMITS.ownCardDescription) return tooLong('ownCardDescription', LIMITS.ownCardDescription);
  const deck = kind === 'ingredient' ? state.deck.ingredients : state.deck.intentions;
  // "Repair café" also when typed as "Repair Cafe" or with the accent as a separate mark: the refusal
  // names the card as it exists, so people find it.
  const key = sameTitleKey(title);
  const existing = deck.find((c) => sameTitleKey(c.title) === key);
  if (existing) return fail('duplicateCard', { title: existing.title });
  if (deck.length >= LIMITS.deckSize) return fail('deckFull', { max: LIMITS.deckSize });
  const number = deck.filter((c) => c.addedBy !== undefined).length + 1;
  const card: Card = {
    id: `own-${kind === 'ingredient' ? 'i' : 'b'}${number}`,
    title,
    kind,
    addedBy: me?.id ?? actor.id,
    ...(description ? { description } : {}),
  };
  const nextDeck = kind === 'ingredient' ? { ...state.deck, ingredients: [...deck, card] } : { ...state.deck, intentions: [...deck, card] };
  return ok({ ...state, deck: nextDeck }, { type: 'ownCardAdded', cardId: card.id, kind });
}
