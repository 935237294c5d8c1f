import { ZONES, type Card, type Language, type Placement, type TableState, type Zone } from '../domain';
import { t } from '../i18n';
import { choiceTitle } from './picks-view';
import { bold, heading, plain, rich, type TextRun } from './rich-text';

const ZONE_STYLE: Record<Zone, string> = {
  personal: 'emphasis',
  community: 'emphasis',
  institutional: 'emphasis',
  outside: 'accent',
  border: 'warning',
};

export function cardById(state: TableState, id: string): Card | undefined {
  return state.deck.ingredients.find((c) => c.id === id) ?? state.deck.intentions.find((c) => c.id === id);
}

/** Ids of cards picked in any silent pick round, in order of first appearance. */
export function pickedCardIds(state: TableState): string[] {
  const ids: string[] = [];
  for (const round of state.pickRounds) {
    for (const submitted of Object.values(round.picks)) {
      for (const pick of Object.values(submitted.picks)) if (!ids.includes(pick.cardId)) ids.push(pick.cardId);
    }
  }
  return ids;
}

export function reasonsRuns(lang: Language, p: Placement): TextRun[] | undefined {
  if (p.purpose && p.trait) return rich(lang, 'board.reasons', { purpose: p.purpose, trait: p.trait });
  if (p.purpose) return rich(lang, 'board.purpose', { purpose: p.purpose });
  if (p.trait) return rich(lang, 'board.trait', { trait: p.trait });
  return undefined;
}

/** The model as the group filled it in so far: five zones, their cards, agreement marks and reasons. */
export function boardView(state: TableState, lang: Language) {
  const placements = Object.values(state.round2.placements);
  const picked = pickedCardIds(state).filter((id) => !state.round2.placements[id]);
  const ownUnplaced = state.deck.ingredients.filter((c) => c.addedBy !== undefined && !state.round2.placements[c.id] && !picked.includes(c.id));
  const title = (id: string) => {
    const card = cardById(state, id);
    return card ? choiceTitle(lang, card) : id;
  };
  const open = state.phase === 'round2';
  return {
    heading: heading(t(lang, 'board.title'), 'Large'),
    intro: rich(lang, 'board.intro'),
    zones: ZONES.map((zone) => {
      const cards = placements
        .filter((p) => p.zone === zone)
        .sort((a, b) => title(a.cardId).localeCompare(title(b.cardId), 'nl'))
        .map((p) => {
          const reasons = reasonsRuns(lang, p);
          return {
            line: rich(lang, 'board.entry', { title: title(p.cardId), agreement: t(lang, `agreement.${p.agreement}`) }),
            ...(reasons ? { reasons } : {}),
          };
        });
      return {
        title: bold(t(lang, `zone.${zone}`)),
        style: ZONE_STYLE[zone],
        cards,
        ...(cards.length === 0 ? { empty: plain(t(lang, 'board.empty'), true) } : {}),
      };
    }),
    ...(picked.length > 0 ? { fromRound1: rich(lang, 'board.fromRound1', { titles: picked.map(title).join('; ') }) } : {}),
    ...(ownUnplaced.length > 0 ? { ownUnplaced: rich(lang, 'board.ownUnplaced', { titles: ownUnplaced.map((c) => c.title).join('; ') }) } : {}),
    ...(state.round2.conclusions.length > 0 ? { conclusionsTitle: bold(t(lang, 'board.conclusionsTitle')) } : {}),
    conclusions: state.round2.conclusions.map((c) => ({ line: plain(`• ${c.text}`) })),
    hint: open ? rich(lang, 'board.hint') : [],
    ...(open ? { actions: { place: t(lang, 'board.place'), addOwn: t(lang, 'board.addOwn') } } : {}),
  };
}
