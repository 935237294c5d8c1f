import { ZONES, type Card, type Language, type Placement, type TableState, type TableView, type Zone } from '../domain';
import { t } from '../i18n';
import type { ModelPicture } from '../report/picture-ref';
import { fitView, Shortener } from './fit';
import { choiceTitle } from './picks-view';
import { stepLine } from './step-view';
import { bold, heading, plain, rich, type TextRun } from './rich-text';
import { pictureOnCard } from './picture-on-card';
import { fold } from './fold';

const ZONE_STYLE: Record<Zone, string> = {
  personal: 'emphasis',
  community: 'emphasis',
  institutional: 'emphasis',
  outside: 'accent',
  border: 'warning',
};

export function cardById(state: Pick<TableState, 'deck'>, id: string): Card | undefined {
  return state.deck.ingredients.find((c) => c.id === id) ?? state.deck.intentions.find((c) => c.id === id);
}

/** Ids of cards picked in a revealed silent pick round, in order of first appearance. */
export function pickedCardIds(state: TableView): string[] {
  const ids: string[] = [];
  for (const round of state.pickRounds) {
    // A viewer's own picks are in their view before the reveal too; the board shows the group's.
    if (round.revealedAt === undefined) continue;
    for (const submitted of Object.values(round.picks)) {
      for (const pick of Object.values(submitted.picks)) if (!ids.includes(pick.cardId)) ids.push(pick.cardId);
    }
  }
  return ids;
}

export function reasonsRuns(lang: Language, p: Placement, cut: (text: string) => string = (text) => text): TextRun[] | undefined {
  if (p.purpose && p.trait) return rich(lang, 'board.reasons', { purpose: cut(p.purpose), trait: cut(p.trait) });
  if (p.purpose) return rich(lang, 'board.purpose', { purpose: cut(p.purpose) });
  if (p.trait) return rich(lang, 'board.trait', { trait: cut(p.trait) });
  return undefined;
}

/** How much of the model the board shows; every placed card is always on it. */
export interface BoardFit {
  /** Reasons and conclusions are cut to this many characters and end in "…". */
  maxText?: number;
  /**
   * full: each card on its own line with its reasons; lines: each card on its own line, without
   * reasons; paragraph: per zone one paragraph of cards and agreement marks.
   */
  layout?: 'full' | 'lines' | 'paragraph';
  /** Card titles are cut to this many characters, as long as they stay distinct. */
  maxTitle?: number;
  /** At most this many conclusions, then "en nog N". */
  maxItems?: number;
}

/**
 * Tried in order until the board fits in one message. A card missing from the model would misreport
 * the table, so cards are never left out: first the tail of long reasons goes, then the reasons
 * themselves, then the cards move closer together and their titles get shorter.
 */
/** How many of the latest conclusions the board shows; the earlier ones are behind "Toon alles" above them. */
export const CONCLUSIONS_SHOWN = 2;

export const BOARD_FITS: ReadonlyArray<BoardFit> = [
  {},
  { maxText: 150 },
  { maxText: 80 },
  { layout: 'lines', maxText: 150 },
  { layout: 'paragraph', maxText: 150 },
  { layout: 'paragraph', maxText: 80, maxTitle: 30 },
  { layout: 'paragraph', maxText: 50, maxTitle: 20, maxItems: 5 },
];

/**
 * The model as the group filled it in so far: five zones, their cards, agreement marks and reasons,
 * and the picture of the model above them when there is one (a signed link, see picture-ref.ts).
 * Without a fit, the fullest variant that fits in one message.
 */
export function boardView(state: TableView, lang: Language, fit?: BoardFit, picture?: ModelPicture): ReturnType<typeof boardVariant> {
  return fit ? boardVariant(state, lang, fit, picture) : fitView('board', BOARD_FITS, (f) => boardVariant(state, lang, f, picture));
}

function boardVariant(state: TableView, lang: Language, fit: BoardFit, picture?: ModelPicture) {
  const s = new Shortener();
  const layout = fit.layout ?? 'full';
  const cut = (text: string) => s.cut(text, fit.maxText);
  const placements = Object.values(state.round2.placements);
  const picked = pickedCardIds(state).filter((id) => !state.round2.placements[id]);
  const ownUnplaced = state.deck.ingredients.filter(
    (c) => c.addedBy !== undefined && !state.round2.placements[c.id] && !picked.includes(c.id),
  );
  const fullTitle = (id: string) => {
    const card = cardById(state, id);
    return card ? choiceTitle(lang, card) : id;
  };
  // Shortened together, so that no two cards on the board read the same. Own cards not yet placed
  // are listed under their own heading, without the "(eigen kaartje)" mark.
  const listed: Array<[string, string]> = [
    ...[...placements.map((p) => p.cardId), ...picked].map((id): [string, string] => [id, fullTitle(id)]),
    ...ownUnplaced.map((c): [string, string] => [c.id, c.title]),
  ];
  const titles = s.titles(
    listed.map(([, text]) => text),
    fit.maxTitle,
  );
  const shown = new Map(listed.map(([id], i) => [id, titles[i]!]));
  const title = (id: string) => shown.get(id) ?? id;
  const open = state.phase === 'round2';
  const zones = ZONES.map((zone) => {
    const inZone = placements.filter((p) => p.zone === zone).sort((a, b) => fullTitle(a.cardId).localeCompare(fullTitle(b.cardId), 'nl'));
    const entry = (p: Placement) => t(lang, 'board.entry', { title: title(p.cardId), agreement: t(lang, `agreement.${p.agreement}`) });
    const cards =
      layout === 'paragraph'
        ? []
        : inZone.map((p) => {
            const reasons = layout === 'full' ? reasonsRuns(lang, p, cut) : undefined;
            if (layout === 'lines' && (p.purpose || p.trait)) s.shortened = true;
            return {
              line: rich(lang, 'board.entry', { title: title(p.cardId), agreement: t(lang, `agreement.${p.agreement}`) }),
              ...(reasons ? { reasons } : {}),
            };
          });
    if (layout === 'paragraph' && inZone.some((p) => p.purpose || p.trait)) s.shortened = true;
    // With reasons, a zone opens as one paragraph of its cards and marks; the reasons are folded away.
    const folded = layout === 'full' && cards.some((c) => c.reasons);
    return {
      title: bold(t(lang, `zone.${zone}`)),
      style: ZONE_STYLE[zone],
      cards: folded ? [] : cards,
      ...(folded ? { fold: fold(lang, `z${ZONES.indexOf(zone)}`, { type: 'reasons' }), detail: cards } : {}),
      ...((layout === 'paragraph' || folded) && inZone.length > 0 ? { list: plain(inZone.map(entry).join('; ')) } : {}),
      ...(inZone.length === 0 ? { empty: plain(t(lang, 'board.empty'), true) } : {}),
    };
  });
  const conclusions = s.limit(
    state.round2.conclusions,
    fit.maxItems,
    (c) => ({ line: plain(`• ${cut(c.text)}`) }),
    (count) => ({ line: rich(lang, 'board.moreConclusions', { count }) }),
  );
  const data = {
    heading: heading(t(lang, 'board.title'), 'Large'),
    ...stepLine(state, lang, 'round2'),
    intro: rich(lang, 'board.intro'),
    ...(picture ? { picture: pictureOnCard(picture, lang) } : {}),
    zones,
    ...(picked.length > 0 ? { fromRound1: rich(lang, 'board.fromRound1', { titles: picked.map(title).join('; ') }) } : {}),
    ...(ownUnplaced.length > 0
      ? { ownUnplaced: rich(lang, 'board.ownUnplaced', { titles: ownUnplaced.map((c) => title(c.id)).join('; ') }) }
      : {}),
    ...(state.round2.conclusions.length > 0 ? { conclusionsTitle: bold(t(lang, 'board.conclusionsTitle')) } : {}),
    // The latest conclusions are what the group talks about now; the earlier ones are folded away.
    conclusions: fit.maxItems ? conclusions : conclusions.slice(-CONCLUSIONS_SHOWN),
    ...(!fit.maxItems && conclusions.length > CONCLUSIONS_SHOWN
      ? {
          moreConclusions: {
            fold: fold(lang, 'c', { type: 'more', count: conclusions.length - CONCLUSIONS_SHOWN }),
            lines: conclusions.slice(0, -CONCLUSIONS_SHOWN),
          },
        }
      : {}),
    hint: open ? rich(lang, 'board.hint') : [],
  };
  return { ...data, ...(s.shortened ? { shortened: rich(lang, layout === 'full' ? 'board.shortened' : 'board.shortenedCards') } : {}) };
}
