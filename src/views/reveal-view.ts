import { own, PICK_ROLES, type Language, type PickRole, type PickRound, type TableView } from '../domain';
import { t } from '../i18n';
import { pickRoundTitle } from './pick-round-name';
import { participantById, shownName } from './names';
import { fitView, Shortener } from './fit';
import { cardTitle } from './picks-view';
import { bold, heading, plain, rich } from './rich-text';
import { fold } from './fold';

/** How many cards the reveal shows before "Toon alles": the most-discussed ones, which the group talks about first. */
export const REVEAL_SHOWN = 6;

interface CardGroup {
  cardId: string;
  counts: Record<PickRole, number>;
  entries: Array<{ role: PickRole; who: string; argument: string }>;
}

/** All picks of a round grouped per card, most-discussed cards first, roles in the method's order. */
export function groupPicks(state: TableView, round: PickRound, lang: Language): CardGroup[] {
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

/** How much of the revealed picks the card shows; every pick is always on it. */
export interface RevealFit {
  /** Arguments are cut to this many characters and end in "…". */
  maxText?: number;
  /** full: each pick with its argument; names: one line per card saying who put it where, without the arguments. */
  layout?: 'full' | 'names';
  /** Card titles and names are cut to this many characters (titles stay distinct). */
  maxTitle?: number;
}

/** Tried in order until the card fits in one message: first the tail of long arguments, then the arguments. */
export const REVEAL_FITS: ReadonlyArray<RevealFit> = [
  {},
  { maxText: 300 },
  { maxText: 200 },
  { maxText: 120 },
  { maxText: 60 },
  { layout: 'names' },
  { layout: 'names', maxTitle: 30 },
  { layout: 'names', maxTitle: 20 },
];

/** Every pick of the round, grouped per card. Without a fit, the fullest variant that fits in one message. */
export function revealView(state: TableView, lang: Language, round: PickRound, fit?: RevealFit): ReturnType<typeof revealVariant> {
  return fit ? revealVariant(state, lang, round, fit) : fitView('reveal', REVEAL_FITS, (f) => revealVariant(state, lang, round, f));
}

function revealVariant(state: TableView, lang: Language, round: PickRound, fit: RevealFit) {
  const s = new Shortener();
  const groups = groupPicks(state, round, lang);
  const people = Object.keys(round.picks).filter((id) => participantById(state, id)).length;
  const titles = s.titles(
    groups.map((g) => cardTitle(state, g.cardId)),
    fit.maxTitle,
  );
  const name = (who: string) => s.cut(who, fit.maxTitle);
  const names = fit.layout === 'names';
  // Without the arguments each card is one line, "Buurthuis: Hoort erbij — Anna, deelnemer 3 · Twijfel — Bram".
  const lines = names
    ? groups.map((g, i) => {
        const who = PICK_ROLES.filter((role) => g.counts[role] > 0).map((role) =>
          t(lang, 'reveal.entry', {
            role: t(lang, `role.${role}`),
            who: g.entries
              .filter((e) => e.role === role)
              .map((e) => name(e.who))
              .join(', '),
          }),
        );
        return [...bold(`${titles[i]!}: `), ...plain(who.join(' · '))];
      })
    : [];
  if (names && groups.length > 0) s.shortened = true;
  const all = names
    ? []
    : groups.map((g, i) => ({
        title: bold(titles[i]!),
        counts: plain(pickCountsText(lang, g.counts)),
        // Each card's arguments are folded away: the card opens as a list of what was picked how often.
        fold: fold(lang, `a${i}`, { type: 'arguments' }),
        entries: g.entries.map((e) => ({
          label: rich(lang, 'reveal.entry', { role: t(lang, `role.${e.role}`), who: name(e.who) }),
          argument: plain(s.cut(e.argument, fit.maxText), true),
        })),
      }));
  const cards = all.slice(0, REVEAL_SHOWN);
  const rest = all.slice(REVEAL_SHOWN);
  return {
    heading: heading(pickRoundTitle(lang, round.number, 'reveal'), 'Large'),
    summary: rich(lang, people === 1 ? 'reveal.summaryOne' : 'reveal.summary', { people, cards: groups.length }),
    ...(s.shortened ? { shortened: rich(lang, names ? 'reveal.shortenedNames' : 'reveal.shortened') } : {}),
    cards,
    ...(rest.length ? { more: { fold: fold(lang, 'more', { type: 'more', count: rest.length }), cards: rest } } : {}),
    lines,
    next: state.phase === 'round1' ? rich(lang, 'reveal.next') : [],
  };
}
