import { currentPickRound, groupView } from '../../domain';
import { discussionCardView, renderCard, welcomeView } from '../../views';
import type { ModelPictures } from '../../report/picture-ref';
import { sharedCard } from './controlled-cards';
import { modelPictureOf } from './model-picture';
import type { SharedCardRenderer } from './shared-card-updater';

/** The names under which the message ids of a table's shared cards are kept, to update them in place. */
export const refNames = {
  welcome: 'welcome',
  progress: (round: number) => `progress:${round}`,
  board: 'board',
  poll: (n: number) => `poll:${n}`,
  intentions: 'intentions',
  stickers: 'stickers',
  ranking: 'ranking',
  discussion: 'discussion',
} as const;

/**
 * The current content of each shared card that is kept up to date, and the ref of its message. None
 * of these carries a form or opens one in its own place: an update would take away what someone typed.
 */
export function sharedCardRenderer(retentionDays: number, pictures?: ModelPictures): SharedCardRenderer {
  return (kind, stored, key) => {
    // A shared card is seen by everyone in the chat: built from what everyone may see.
    const state = groupView(stored);
    const lang = state.settings.language;
    switch (kind) {
      case 'welcome':
        return { refName: refNames.welcome, card: renderCard('welcome', welcomeView(state, lang, { retentionDays })) };
      // Each with the refresh that shows leiders their controls on it (controlled-cards.ts).
      case 'progress': {
        const round = currentPickRound(state);
        const card = round && sharedCard(state, { card: 'progress', n: round.number }, retentionDays);
        return round && card && { refName: refNames.progress(round.number), card };
      }
      case 'board':
        return {
          refName: refNames.board,
          card: sharedCard(state, { card: 'board' }, retentionDays, () => modelPictureOf(pictures, key, stored))!,
        };
      case 'poll': {
        const poll = state.round2.polls[state.round2.polls.length - 1];
        const card = poll && sharedCard(state, { card: 'pollProgress', n: poll.number }, retentionDays);
        return poll && card && { refName: refNames.poll(poll.number), card };
      }
      case 'intentions':
        return { refName: refNames.intentions, card: sharedCard(state, { card: 'intentions' }, retentionDays)! };
      case 'stickers':
        return { refName: refNames.stickers, card: sharedCard(state, { card: 'stickers' }, retentionDays)! };
      case 'ranking':
        return { refName: refNames.ranking, card: sharedCard(state, { card: 'ranking' }, retentionDays)! };
      case 'discussion':
        return { refName: refNames.discussion, card: renderCard('discussion', discussionCardView(state, lang)) };
      default: {
        const never: never = kind;
        throw new Error(`Unknown shared card ${String(never)}`);
      }
    }
  };
}
