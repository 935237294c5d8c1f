import type { Language, TableView } from '../domain';
import { t } from '../i18n';
import { pickRoundTitle } from './pick-round-name';
import type { Message } from './error-view';
import { choiceTitle } from './picks-view';
import { stepLine } from './step-view';
import { bold, heading, plain, rich } from './rich-text';

const SPHERES = ['personal', 'community', 'institutional'] as const;

/** The shared Round 1 card: the three spheres, the deck, and the button to one's own pick form. */
export function round1View(state: TableView, lang: Language, round: number, error?: Message) {
  const first = round === 1;
  return {
    heading: heading(pickRoundTitle(lang, round, 'open'), 'Large'),
    ...stepLine(state, lang, first ? 'round1' : 'round2'),
    spheresIntro: first ? rich(lang, 'r1.spheresIntro') : [],
    spheres: first ? SPHERES.map((s) => ({ title: bold(t(lang, `sphere.${s}.title`)), text: rich(lang, `sphere.${s}.text`) })) : [],
    assignment: rich(lang, 'r1.assignment'),
    deckTitle: bold(t(lang, 'r1.deckTitle', { count: state.deck.ingredients.length })),
    // Two columns of one title per line scan better than a paragraph; the order is the deck's own,
    // which hints at no zone.
    deckColumns: columns(
      state.deck.ingredients.map((c) => ({ line: plain(choiceTitle(lang, c)) })),
      2,
    ).map((lines) => ({ lines })),
    open: { title: t(lang, 'r1.open'), round },
    ...(error ? { error: rich(lang, error) } : {}),
  };
}

function columns<T>(items: T[], count: number): T[][] {
  const size = Math.ceil(items.length / count);
  return Array.from({ length: count }, (_, i) => items.slice(i * size, (i + 1) * size));
}
