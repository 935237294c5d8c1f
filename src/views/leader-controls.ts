import { currentPickRound, pollSpread, type Language, type TableView } from '../domain';
import { t } from '../i18n';
import type { Message } from './error-view';
import { VERB } from './card-vocabulary';
import { guestFillButtons } from './guest-form-view';
import { fromDeck, placeLabel, zoneOfPicks, type DeckPlaces } from './place-buttons';
import { groupPicks } from './reveal-view';
import { bold, rich } from './rich-text';

/**
 * The shared cards that show leiders their own view with the controls for the next step (Universal
 * Actions `refresh.userIds`), and `controls`: the same controls as a card of their own, for a client
 * without user-specific views (`knoppen`).
 */
export const CONTROLLED_CARDS = [
  'welcome',
  'intro',
  'round1',
  'progress',
  'reveal',
  'board',
  'tools',
  'poll',
  'pollProgress',
  'intentions',
  'stickers',
  'ranking',
  'closing',
  'controls',
] as const;

export type ControlledCard = (typeof CONTROLLED_CARDS)[number];

/** Which card the controls are on: its kind, and the round or poll it belongs to. */
export interface CardRef {
  card: ControlledCard;
  n?: number;
}

/** Teams gives at most 60 users a view of their own of one card. */
export const MAX_REFRESH_USERS = 60;

/** The Teams ids of the gespreksleider and the co-leiders: they get the controls. */
export function leaderChannelIds(state: Pick<TableView, 'lead' | 'coLeads'>): string[] {
  const ids = [state.lead, ...state.coLeads].map((l) => l.channelUserId).filter((id): id is string => !!id);
  return [...new Set(ids)];
}

/** The `refresh` of a shared card: leiders see it with their controls, everyone else as it was sent. */
export function leaderRefresh(state: TableView, lang: Language, on: CardRef) {
  const userIds = leaderChannelIds(state);
  if (userIds.length === 0 || userIds.length > MAX_REFRESH_USERS) return undefined;
  return {
    action: { type: 'Action.Execute', title: t(lang, 'controls.refresh'), verb: VERB.controlsView, data: refData(on) },
    userIds,
  };
}

function refData(on: CardRef): { card: ControlledCard; n?: number } {
  return on.n !== undefined ? { card: on.card, n: on.n } : { card: on.card };
}

/**
 * The leider's controls for the next step, named for where they go. `note`: what the last press did,
 * or why it was refused. Without `leader` only the note is shown: a participant who pressed a
 * leider's button (a forged one) reads why privately, and gets no buttons.
 */
export function controlsView(
  state: TableView,
  lang: Language,
  on: CardRef,
  opts: { leader: boolean; note?: Message; noteGood?: boolean; deck?: DeckPlaces },
) {
  const note = opts.note ? { note: rich(lang, opts.note), noteStyle: opts.noteGood ? 'good' : 'attention' } : {};
  const base = { heading: bold(t(lang, opts.leader ? 'controls.title' : 'controls.notForYou')), on: refData(on), ...note };
  if (!opts.leader) return { ...base, places: [], guests: [] };
  const steps = stepsOf(state, lang, on);
  const deck = on.card === 'round1' && state.phase === 'round2' ? (opts.deck ?? 'all') : undefined;
  const places = deck ? fromDeck(state, lang, on.n ?? 1, deck) : placesOn(state, lang, on);
  return {
    ...base,
    ...(on.card === 'controls' ? { intro: rich(lang, 'controls.intro', { phase: t(lang, `phase.${state.phase}`) }) } : {}),
    ...steps,
    ...(Object.keys(steps).length > 0 ? { buttons: true } : {}),
    ...languageChoice(state, lang, on),
    // A deck is long: its buttons wait behind one that shows them, so the card stays short.
    ...(deck && places.length > 0 ? { deckToggle: t(lang, 'controls.deckPlaces', { count: places.length }) } : {}),
    ...(deck && deck !== 'all' ? { placesShortened: rich(lang, 'controls.deckPlacesShortened') } : {}),
    places,
    guests: GUEST_CARDS.includes(on.card) ? guestFillButtons(state, lang, refData(on)) : [],
  };
}

/** The cards of a step's progress (and `knoppen`): there the leider fills in for a guest still busy, in one click. */
const GUEST_CARDS: ReadonlyArray<ControlledCard> = ['intro', 'progress', 'pollProgress', 'stickers', 'closing', 'controls'];

const LANGUAGES: ReadonlyArray<Language> = ['nl', 'en'];

/**
 * On the welcome card (and `knoppen` before the kennismaking, where a client shows no leider's view
 * of it): the table's language, and a button per other language, each named in its own language so
 * that whoever reads it finds theirs. `taal en` does the same at any step.
 */
function languageChoice(state: TableView, lang: Language, on: CardRef) {
  const here = on.card === 'welcome' || (on.card === 'controls' && state.phase === 'setup');
  if (!here || state.phase === 'ended') return {};
  const current = state.settings.language;
  return {
    language: {
      text: rich(lang, 'controls.language', { language: t(lang, `controls.languageName.${current}`) }),
      choices: LANGUAGES.filter((l) => l !== current).map((l) => ({
        title: t(lang, `controls.language.${l}`),
        data: { ...refData(on), language: l },
      })),
    },
  };
}

function stepsOf(state: TableView, lang: Language, on: CardRef) {
  // A form opens in place of the card its button is on: only on cards that nothing else updates.
  const formsFit = (...cards: ControlledCard[]) => on.card === 'controls' || cards.includes(on.card);
  const round = currentPickRound(state);
  const unrevealed = round !== undefined && round.revealedAt === undefined;
  const poll = state.round2.polls[state.round2.polls.length - 1];
  const pollOpen = poll !== undefined && poll.closedAt === undefined;
  const timer = { timer: { title: t(lang, 'controls.timer', { minutes: 5 }), data: { ...refData(on), minutes: 5 } } };
  switch (state.phase) {
    case 'setup':
      return { next: t(lang, 'controls.next.intro') };
    case 'intro':
      return { next: t(lang, 'controls.next.round1'), ...timer };
    case 'round1':
      return unrevealed ? { reveal: t(lang, 'controls.reveal'), ...timer } : { next: t(lang, 'controls.next.round2') };
    case 'round2':
      if (unrevealed) return { reveal: t(lang, 'controls.reveal'), ...timer };
      if (pollOpen) return { close: t(lang, 'controls.closePoll'), ...timer };
      return {
        next: t(lang, 'controls.next.round3'),
        ...(formsFit('tools') ? { placeOpen: t(lang, 'controls.placeOpen') } : {}),
        pickRound: t(lang, 'controls.pickRound'),
        ...timer,
      };
    case 'round3':
      return state.round3.closedAt === undefined
        ? { close: t(lang, 'controls.closeVoting'), ...timer }
        : { next: t(lang, 'controls.next.closing'), ...(formsFit('ranking') ? { record: t(lang, 'controls.record') } : {}) };
    case 'closing':
      return { next: t(lang, 'controls.next.ended'), ...timer };
    case 'ended':
      return { summary: t(lang, 'controls.summary') };
    default: {
      const never: never = state.phase;
      throw new Error(`Unknown phase ${String(never)}`);
    }
  }
}

/**
 * "Dit kaartje plaatsen", prefilled with the card and the zone most chose: on the spread of a silent
 * placement and per card on a reveal, in Round 2. Only on cards that are posted once: the form opens
 * in their place, and nothing the others do replaces it.
 */
function placesOn(state: TableView, lang: Language, on: CardRef): Array<{ title: string; card: string; zone: string }> {
  if (state.phase !== 'round2') return [];
  const placed = (id: string) => state.round2.placements[id] !== undefined;
  const label = (id: string) => placeLabel(state, lang, id);
  const fromSpread = (poll: TableView['round2']['polls'][number] | undefined) => {
    if (!poll || poll.closedAt === undefined) return [];
    const most = [...pollSpread(poll)].sort((a, b) => b.count - a.count)[0];
    return [{ title: label(poll.cardId), card: poll.cardId, zone: most?.zone ?? '' }];
  };
  if (on.card === 'poll') return fromSpread(state.round2.polls.find((p) => p.number === on.n));
  // `knoppen` where Teams shows no leider's view of the spread (the Playground), and the Round 2 card the
  // place form opens on: the card just discussed, while it has no place yet.
  if (on.card === 'controls' || on.card === 'tools') {
    const last = state.round2.polls[state.round2.polls.length - 1];
    return last && !placed(last.cardId) ? fromSpread(last) : [];
  }
  if (on.card === 'reveal') {
    const round = state.pickRounds.find((r) => r.number === on.n);
    if (!round || round.revealedAt === undefined) return [];
    return groupPicks(state, round, lang).map((g) => ({ title: label(g.cardId), card: g.cardId, zone: zoneOfPicks(g.counts) }));
  }
  return [];
}
