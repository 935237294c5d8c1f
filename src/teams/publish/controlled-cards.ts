import {
  currentPickRound,
  findParticipant,
  groupView,
  isLeader,
  type Actor,
  type GroupView,
  type Language,
  type TableState,
} from '../../domain';
import {
  boardView,
  closingView,
  controlsView,
  intentionsView,
  introView,
  leaderProgressView,
  leaderRefresh,
  pollProgressView,
  pollView,
  progressView,
  rankingView,
  renderCard,
  revealView,
  round1View,
  round2ToolsView,
  stickerProgressView,
  welcomeView,
  type AdaptiveCard,
  type CardRef,
  type DeckPlaces,
  type Message,
} from '../../views';
import type { ModelPicture } from '../../report/picture-ref';
import { CARD_BUDGET, cardBytes } from '../../views/fit';

/**
 * A shared card as the whole chat sees it, with a `refresh` for the leiders: Teams then asks the bot
 * for their own view of it (`controls.view`), which adds the controls for the next step. Built from
 * the group's view: everyone sees it. Undefined when the round or poll it names is not (yet) there.
 */
export function sharedCard(view: GroupView, on: CardRef, retentionDays: number, picture?: PictureOf): AdaptiveCard | undefined {
  const lang = view.settings.language;
  const card = baseCard(view, on, { retentionDays, ...(picture ? { picture } : {}) });
  // The welcome card has a refresh of its own, for every participant and every leider.
  if (!card || on.card === 'welcome') return card;
  const refresh = leaderRefresh(view, lang, on);
  return refresh ? { ...card, refresh } : card;
}

/**
 * The card `on` names as one person sees it: a leider (or co-leider) with the controls for the next
 * step below it, anyone else as shared, with `note` (why a leider's button refused them) privately.
 */
export function controlledCard(
  state: TableState,
  on: CardRef,
  who: { actor: Actor; lang: Language },
  opts: { retentionDays: number; note?: Message; noteGood?: boolean; picture?: PictureOf },
): AdaptiveCard {
  const view = groupView(state);
  const leader = isLeader(state, who.actor);
  const controlsOf = (deck: DeckPlaces) =>
    renderCard(
      'controls',
      controlsView(view, who.lang, on, {
        leader,
        deck,
        ...(opts.note ? { note: opts.note } : {}),
        ...(opts.noteGood ? { noteGood: true } : {}),
      }),
    );
  const base = baseCard(view, on, {
    retentionDays: opts.retentionDays,
    viewer: who.actor,
    leader,
    ...(opts.picture ? { picture: opts.picture } : {}),
  });
  if (!base) return controlsOf('all');
  const shown = on.card === 'welcome' ? base : { ...base, ...withRefresh(view, on) };
  // A participant sees only what everyone sees, plus the reason a leider's button did nothing.
  if (!leader && !opts.note) return shown;
  const withControls = (deck: DeckPlaces): AdaptiveCard => {
    const body = [...((shown.body as unknown[] | undefined) ?? []), ...((controlsOf(deck).body as unknown[] | undefined) ?? [])];
    return { ...shown, body };
  };
  if (on.card !== 'round1') return withControls('all');
  // Round 1's card offers every card of the deck to place; a large deck with long titles would not fit.
  const fits = DECK_FITS.map(withControls).find((card) => cardBytes(card) <= CARD_BUDGET);
  return fits ?? withControls('none');
}

const DECK_FITS: ReadonlyArray<DeckPlaces> = ['all', 'picked'];

function withRefresh(view: GroupView, on: CardRef): { refresh?: object } {
  const refresh = leaderRefresh(view, view.settings.language, on);
  return refresh ? { refresh } : {};
}

/** The picture of the model for the board, made only when a board is drawn (it costs a render). */
export type PictureOf = () => ModelPicture | undefined;

interface BaseOptions {
  retentionDays: number;
  /** Adds their own part of the welcome card. */
  viewer?: Actor;
  /** A leider's view of the progress names who is still busy (progress-view.ts). */
  leader?: boolean;
  picture?: PictureOf;
}

/** The card itself, in the table's language. */
function baseCard(view: GroupView, on: CardRef, opts: BaseOptions): AdaptiveCard | undefined {
  const { retentionDays, viewer } = opts;
  const lang = view.settings.language;
  switch (on.card) {
    case 'welcome': {
      const participant = viewer ? findParticipant(view, viewer) : undefined;
      return renderCard('welcome', welcomeView(view, lang, { retentionDays, ...(participant ? { viewer: participant } : {}) }));
    }
    case 'intro':
      return renderCard('intro', introView(view, lang, { type: 'shared' }));
    case 'round1':
      return renderCard('round1', round1View(view, lang, on.n ?? currentPickRound(view)?.number ?? 1));
    case 'progress':
      return renderCard('progress', opts.leader ? leaderProgressView(view, lang) : progressView(view, lang));
    case 'reveal': {
      const round = view.pickRounds.find((r) => r.number === on.n);
      return round && round.revealedAt !== undefined ? renderCard('reveal', revealView(view, lang, round)) : undefined;
    }
    case 'board':
      return renderCard('board', boardView(view, lang, undefined, opts.picture?.()));
    case 'tools':
      return renderCard('round2-tools', round2ToolsView(lang));
    case 'poll': {
      const poll = view.round2.polls.find((p) => p.number === on.n);
      return poll && renderCard('poll', pollView(view, lang, poll));
    }
    case 'pollProgress': {
      const poll = view.round2.polls.find((p) => p.number === on.n);
      return poll && renderCard('progress', pollProgressView(view, lang, poll));
    }
    case 'intentions':
      return renderCard('intentions', intentionsView(view, lang));
    case 'stickers':
      return renderCard('progress', stickerProgressView(view, lang));
    case 'ranking':
      return renderCard('ranking', rankingView(view, lang));
    case 'closing':
      return renderCard('closing', closingView(view, lang, { type: 'shared' }));
    case 'controls':
      return undefined;
    default: {
      const never: never = on.card;
      throw new Error(`Unknown card ${String(never)}`);
    }
  }
}
