/**
 * The cards that grow with a table, rendered for a realistic full table: 8 people, the default deck,
 * every text at a typical length (test/views/max-table.ts), everything revealed as the group sees it.
 * The card-height test posts each of them into the Agents Playground and measures it.
 */
import { createSession, defaultDeck, groupView, type GroupView, type SessionState } from '../../src/domain';
import { combineTables } from '../../src/report/combined';
import { buildTableSummary } from '../../src/report/table-summary';
import {
  boardView,
  helpView,
  intentionsView,
  pollView,
  rankingView,
  renderCard,
  revealView,
  round1View,
  type AdaptiveCard,
} from '../../src/views';
import { overviewCard } from '../../src/views/overview-view';
import { sessionCardView } from '../../src/views/session-view';
import { summaryCard } from '../../src/views/summary-view';
import { maxTable, T0 } from '../views/max-table';

const LINKS = ['Word', 'Markdown', 'CSV'].map((title) => ({ title, url: `https://bot.example.nl/exports/s/KX7M4P/${title}` }));

function typicalSession(tables: GroupView[]): SessionState {
  const r = createSession({
    code: 'KX7M4P',
    actor: { id: 'o', name: 'Olga Organisator' },
    tenantId: 't',
    thread: 'th',
    language: 'nl',
    form: {
      title: 'Sociale basis Noord, voorjaar',
      goal: 'Samen met inwoners en partners bepalen wat bij de sociale basis in Noord hoort en wat niet.',
      outcomeUse: 'De uitkomsten gaan naar de beleidsmedewerkers die het uitvoeringsplan schrijven.',
      policyGoals: 'Iedereen doet mee\nEenzaamheid verminderen\nVroeg hulp dichtbij',
      maxParticipants: 8,
      ingredients: { mode: 'extend', text: '' },
      intentions: { mode: 'extend', text: '' },
    },
    defaultTitle: 'Sessie',
    defaultDeck: defaultDeck(),
    now: T0,
  });
  if (r.type === 'error') throw new Error(r.code);
  const linked = tables.map((table, i) => ({
    token: `token-${i}`,
    title: table.title,
    linkedAt: T0 + i,
    conversationId: `19:t${i}@thread.v2`,
  }));
  return { ...r.session, tables: linked };
}

/** Each long card by the name its screenshot gets. */
export function longCards(): Record<string, AdaptiveCard> {
  const lang = 'nl';
  const round1 = groupView(maxTable({ deck: 'default', text: 'typical', until: 'round1' }));
  const table = groupView(maxTable({ deck: 'default', text: 'typical' }));
  const others = [2, 3].map((n) => ({ ...groupView(maxTable({ deck: 'default', text: 'typical' })), title: `Tafel ${n}` }));
  const session = typicalSession([table, ...others]);
  const defaults = { ingredients: defaultDeck().ingredients.length, intentions: defaultDeck().intentions.length };
  return {
    round1: renderCard('round1', round1View(round1, lang, 1)),
    reveal: renderCard('reveal', revealView(table, lang, table.pickRounds[0]!)),
    spread: renderCard('poll', pollView(table, lang, table.round2.polls[0]!)),
    board: renderCard('board', boardView(table, lang)),
    intentions: renderCard('intentions', intentionsView(table, lang)),
    ranking: renderCard('ranking', rankingView(table, lang)),
    summary: summaryCard(buildTableSummary(table, lang), lang),
    session: renderCard('session', sessionCardView(session, lang, { retentionDays: 30, defaults, links: LINKS })),
    totaalbeeld: overviewCard(combineTables([table, ...others], lang), session, lang, LINKS),
    help: renderCard('help', helpView(lang)),
  };
}
