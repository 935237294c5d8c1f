import { pollSpread, ZONES, type Language, type GroupView, type PlacementPoll, type Zone } from '../domain';
import { ownCards, type CardLookup } from './cards';
import type { PlacedCard, PollSummary, Round2Summary } from './summary-types';

/** The filled model: each zone with its cards, marks, reasons, moves and silent placements. */
export function round2Summary(state: GroupView, card: CardLookup, lang: Language): Round2Summary {
  const polls = closedPollsByCard(state.round2.polls);
  const placements = Object.values(state.round2.placements).sort((a, b) => a.placedAt - b.placedAt);
  const placed: Array<PlacedCard & { zone: Zone }> = placements.map((p) => ({
    zone: p.zone,
    card: card(p.cardId),
    agreement: p.agreement,
    ...(p.purpose ? { purpose: p.purpose } : {}),
    ...(p.trait ? { trait: p.trait } : {}),
    earlierZones: earlierZones(state, p.cardId),
    polls: polls.get(p.cardId) ?? [],
  }));
  const placedIds = new Set(placements.map((p) => p.cardId));
  return {
    zones: ZONES.map((zone) => ({ zone, cards: placed.filter((p) => p.zone === zone).map(({ zone: _zone, ...rest }) => rest) })),
    disagreed: placed.filter((p) => p.agreement === 'disagree').map((p) => ({ card: p.card, zone: p.zone })),
    unplacedPolls: [...polls.entries()].filter(([id]) => !placedIds.has(id)).map(([id, list]) => ({ card: card(id), polls: list })),
    ownCards: ownCards(state, state.deck.ingredients, lang),
    conclusions: state.round2.conclusions.map((c) => c.text),
  };
}

/**
 * The zones a card was in before its current one, oldest first. Recording the same zone again (to
 * change the mark or the reason) is not a move, so runs of one zone count once.
 */
function earlierZones(state: GroupView, cardId: string): Zone[] {
  const runs: Zone[] = [];
  for (const p of state.round2.history) {
    if (p.cardId === cardId && runs[runs.length - 1] !== p.zone) runs.push(p.zone);
  }
  return runs.slice(0, -1);
}

/** Only closed polls: while a poll is open its votes are as private as unrevealed picks. */
function closedPollsByCard(polls: ReadonlyArray<PlacementPoll>): Map<string, PollSummary[]> {
  const byCard = new Map<string, PollSummary[]>();
  for (const poll of polls) {
    if (poll.closedAt === undefined) continue;
    const votes = Object.values(poll.votes);
    const summary: PollSummary = {
      number: poll.number,
      votes: votes.length,
      // Most-chosen zone first, as the table heard it ("institutioneel 4, gemeenschappelijk 2"); the sort is stable, so ties keep the model's order.
      spread: [...pollSpread(poll)].sort((a, b) => b.count - a.count),
      enteredForGuests: votes.filter((v) => v.enteredBy !== undefined).length,
    };
    byCard.set(poll.cardId, [...(byCard.get(poll.cardId) ?? []), summary]);
  }
  return byCard;
}
