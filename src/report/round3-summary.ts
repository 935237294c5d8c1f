import { rankIntentions, stickersUsed, type GroupView, type Language } from '../domain';
import { cardRef, ownCards, type CardLookup } from './cards';
import type { DiscussionSummary, Round3Summary, VotingSummary } from './summary-types';

/** The intentions ranked by stickers and the table's discussion of the ranking. */
export function round3Summary(state: GroupView, card: CardLookup, lang: Language): Round3Summary {
  const { discussion } = state.round3;
  const summary: DiscussionSummary = {
    recorded: Boolean(discussion.mainIntention || discussion.agreements || discussion.disagreements || discussion.policyRelation),
    ...(discussion.mainIntention ? { mainIntention: card(discussion.mainIntention) } : {}),
    ...(discussion.agreements ? { agreements: discussion.agreements } : {}),
    ...(discussion.disagreements ? { disagreements: discussion.disagreements } : {}),
    ...(discussion.policyRelation ? { policyRelation: discussion.policyRelation } : {}),
  };
  return {
    voting: voting(state),
    discussion: summary,
    policyGoals: state.settings.policyGoals ?? [],
    ownIntentions: ownCards(state, state.deck.intentions, lang),
  };
}

function voting(state: GroupView): VotingSummary {
  const members = new Set(state.participants.map((p) => p.id));
  const sets = Object.entries(state.round3.stickers)
    .filter(([id, set]) => members.has(id) && stickersUsed(set.counts) > 0)
    .map(([, set]) => set);
  if (state.round3.closedAt === undefined) {
    const voters = state.round3.voted.filter((id) => members.has(id)).length;
    return voters > 0 ? { type: 'open', voters } : { type: 'notStarted' };
  }
  const ranked = rankIntentions(state);
  return {
    type: 'closed',
    voters: sets.length,
    stickers: sets.reduce((sum, s) => sum + stickersUsed(s.counts), 0),
    stickersForGuests: sets.filter((s) => s.enteredBy !== undefined).reduce((sum, s) => sum + stickersUsed(s.counts), 0),
    ranking: ranked.filter((r) => r.total > 0).map((r) => ({ rank: r.rank, tied: r.tied, card: cardRef(r.card), stickers: r.total })),
    withoutStickers: ranked.filter((r) => r.total === 0).map((r) => cardRef(r.card)),
  };
}
