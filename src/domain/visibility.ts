import { withDeckIn } from './decks';
import { findParticipant, isLeader } from './roles';
import type { PickRound, PlacementPoll, Round2State, Round3State, TableState, UserId } from './types';

/**
 * Who looks at a table. `group`: everyone at once — a shared card, a summary, a report, an export.
 * `person`: one user's own card (an invoke answer); identity from the authenticated activity.
 */
export type Viewer = { type: 'group' } | { type: 'person'; id: UserId; channelUserId?: string };

export const GROUP: Viewer = Object.freeze({ type: 'group' });

export interface PickRoundView extends PickRound {
  /** Who handed in picks, in join order: the shared progress may say so, never what they chose. */
  submitted: UserId[];
}

export interface PollView extends PlacementPoll {
  /** Who placed the card in silence, in join order. */
  voted: UserId[];
}

export interface Round2View extends Round2State {
  polls: PollView[];
}

export interface Round3View extends Round3State {
  /** Who put stickers on the intentions, in join order. */
  voted: UserId[];
}

/**
 * A table as one viewer may see it at one moment: silent input of others that is not yet revealed
 * (picks before `onthul`, a silent placement before it closes, stickers before the vote closes) is
 * not in it, so no view built from it can show it, or a count of it. Every card, summary and export
 * is built from a `TableView`; the raw `TableState` has no `viewer`, so it does not type-check where a
 * view is expected.
 */
export interface TableView extends TableState {
  readonly viewer: Viewer;
  pickRounds: PickRoundView[];
  round2: Round2View;
  round3: Round3View;
}

/** What everyone may see: the only view that shared cards, reports and exports are built from. */
export type GroupView = TableView & { readonly viewer: { type: 'group' } };

/** The table as `viewer` may see it now. Pure; the result shares what it may with `state`. */
export function viewFor(state: TableState, viewer: { type: 'group' }): GroupView;
export function viewFor(state: TableState, viewer: Viewer): TableView;
export function viewFor(state: TableState, viewer: Viewer): TableView {
  const mayRead = readerOf(state, viewer);
  const order = state.participants.map((p) => p.id);
  const inOrder = (record: Record<UserId, unknown>) => order.filter((id) => Object.hasOwn(record, id));
  return {
    ...state,
    viewer,
    pickRounds: state.pickRounds.map((round) => ({
      ...round,
      picks: round.revealedAt !== undefined ? round.picks : only(round.picks, mayRead),
      submitted: inOrder(round.picks),
    })),
    round2: {
      ...state.round2,
      polls: state.round2.polls.map((poll) => ({
        ...poll,
        votes: poll.closedAt !== undefined ? poll.votes : only(poll.votes, mayRead),
        voted: inOrder(poll.votes),
      })),
    },
    round3: {
      ...state.round3,
      stickers: state.round3.closedAt !== undefined ? state.round3.stickers : only(state.round3.stickers, mayRead),
      voted: inOrder(state.round3.stickers),
    },
  };
}

/**
 * What everyone may see: `viewFor(state, GROUP)`, with the default cards titled in the table's
 * language, the one language everything shared at the table is in.
 */
export function groupView(state: TableState): GroupView {
  return withDeckIn(viewFor(state, { type: 'group' }), state.settings.language);
}

/**
 * Whose unrevealed input a viewer may read: their own, and a leider also that of the guests they
 * fill in for (they typed it). The group reads nobody's.
 */
function readerOf(state: TableState, viewer: Viewer): (owner: UserId) => boolean {
  if (viewer.type === 'group') return () => false;
  const self = findParticipant(state, viewer)?.id ?? viewer.id;
  const guests = isLeader(state, viewer) ? new Set(state.participants.filter((p) => p.guest).map((p) => p.id)) : new Set<UserId>();
  return (owner) => owner === self || guests.has(owner);
}

/** `fromEntries` defines properties, so an id such as `__proto__` stays an ordinary key. */
function only<T>(record: Record<UserId, T>, keep: (owner: UserId) => boolean): Record<UserId, T> {
  return Object.fromEntries(Object.entries(record).filter(([owner]) => keep(owner)));
}
