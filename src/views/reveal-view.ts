import { own, PICK_ROLES, type Language, type PickRole, type PickRound, type TableState } from '../domain';
import { t } from '../i18n';
import { participantById, shownName } from './names';
import { cardTitle } from './picks-view';
import { bold, heading, plain, rich } from './rich-text';

interface CardGroup {
  cardId: string;
  counts: Record<PickRole, number>;
  entries: Array<{ role: PickRole; who: string; argument: string }>;
}

/** All picks of a round grouped per card, most-discussed cards first, roles in the method's order. */
export function groupPicks(state: TableState, round: PickRound, lang: Language): CardGroup[] {
  const groups = new Map<string, CardGroup>();
  for (const p of state.participants) {
    const submitted = own(round.picks, p.id);
    if (!submitted) continue;
    for (const role of PICK_ROLES) {
      const pick = submitted.picks[role];
      let g = groups.get(pick.cardId);
      if (!g) {
        g = { cardId: pick.cardId, counts: { in: 0, out: 0, doubt: 0 }, entries: [] };
        groups.set(pick.cardId, g);
      }
      g.counts[role] += 1;
      g.entries.push({ role, who: shownName(p, lang), argument: pick.argument });
    }
  }
  const order = (r: PickRole) => PICK_ROLES.indexOf(r);
  return [...groups.values()]
    .map((g) => ({ ...g, entries: g.entries.sort((a, b) => order(a.role) - order(b.role)) }))
    .sort((a, b) => b.entries.length - a.entries.length || cardTitle(state, a.cardId).localeCompare(cardTitle(state, b.cardId), 'nl'));
}

/** Only the roles someone chose: "hoort erbij: 2 · twijfel: 1" reads quicker than a row of zeros. */
export function pickCountsText(lang: Language, counts: Record<PickRole, number>): string {
  return PICK_ROLES.filter((r) => counts[r] > 0)
    .map((r) => t(lang, `reveal.count.${r}`, { count: counts[r] }))
    .join(' · ');
}

export function revealView(state: TableState, lang: Language, round: PickRound) {
  const groups = groupPicks(state, round, lang);
  const people = Object.keys(round.picks).filter((id) => participantById(state, id)).length;
  return {
    heading: heading(t(lang, 'reveal.title', { round: round.number }), 'Large'),
    summary: rich(lang, people === 1 ? 'reveal.summaryOne' : 'reveal.summary', { people, cards: groups.length }),
    cards: groups.map((g) => ({
      title: bold(cardTitle(state, g.cardId)),
      counts: plain(pickCountsText(lang, g.counts)),
      entries: g.entries.map((e) => ({
        label: rich(lang, 'reveal.entry', { role: t(lang, `role.${e.role}`), who: e.who }),
        argument: plain(e.argument, true),
      })),
    })),
    next: state.phase === 'round1' ? rich(lang, 'reveal.next') : [],
  };
}
