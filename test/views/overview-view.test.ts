/**
 * The totaalbeeld card: within Teams' message size for a full session (50 of the largest tables),
 * conclusions side by side only while they fit, no names, user text only as TextRuns, links as buttons.
 */
import { createSession, defaultDeck, type SessionState, type TableState } from '../../src/domain';
import { combineTables } from '../support/group-reports';
import { OVERVIEW_CARD_BUDGET, overviewCard } from '../../src/views/overview-view';
import { actionsOf, blocks, cardText, findAll } from '../support/cards';
import { bigTable, endedTable, HIDDEN_NAMES, HOSTILE, play, LEA } from '../report/fixtures';

function session(): SessionState {
  const r = createSession({
    code: 'KX7M4P',
    actor: { id: 'o', name: 'Olga' },
    tenantId: 't',
    thread: 'th',
    language: 'nl',
    form: { title: 'Wijkgesprek Noord' },
    defaultTitle: 'Sessie',
    defaultDeck: defaultDeck(),
    now: 0,
  });
  if (r.type === 'error') throw new Error(r.code);
  return r.session;
}

const titled = (state: TableState, title: string): TableState => ({ ...state, title });
const bytes = (card: object) => Buffer.byteLength(JSON.stringify(card), 'utf8');

describe('the totaalbeeld card', () => {
  it('50 of the largest tables fit in one message, shortened and saying so', () => {
    const big = bigTable();
    const tables = Array.from({ length: 50 }, (_, i) => titled(big, `Tafel ${i + 1} met een behoorlijk lange naam voor de wijk`));
    const card = overviewCard(combineTables(tables, 'nl'), session(), 'nl');
    expect(bytes(card)).toBeLessThanOrEqual(OVERVIEW_CARD_BUDGET);
    const text = cardText(card);
    expect(text).toContain('Dit totaalbeeld is ingekort om in één bericht te passen; de downloads hebben alles.');
    expect(text).toContain('50 tafels');
    // Fifty tables do not fit side by side: their conclusions stand below each other.
    expect(findAll(card, (n) => n.type === 'ColumnSet')).toHaveLength(0);
  });

  it('a small session is shown whole; conclusions side by side; no names; links as buttons', () => {
    const a = titled(endedTable(), 'Tafel Noord');
    const b = titled(play(endedTable(), []), 'Tafel Zuid');
    const links = [{ title: 'Verslag (Markdown)', url: 'https://bot.example.nl/exports/s/KX7M4P/md' }];
    const card = overviewCard(combineTables([a, b], 'nl'), session(), 'nl', links);
    expect(cardText(card)).not.toContain('ingekort');
    const columns = findAll(card, (n) => n.type === 'ColumnSet')[0]?.columns as Array<Record<string, unknown>>;
    expect(columns.map((c) => blocks({ body: c.items })[0])).toEqual(['Tafel Noord', 'Tafel Zuid']);
    for (const name of [...HIDDEN_NAMES, 'Anna de Vries', LEA.name]) expect(JSON.stringify(card)).not.toContain(name);
    expect(actionsOf(card).filter((x) => x.type === 'Action.OpenUrl')).toEqual([
      { type: 'Action.OpenUrl', title: 'Verslag (Markdown)', url: links[0]!.url },
    ]);
  });

  it('what a table typed is never markup: it stays one plain TextRun', () => {
    const hostile = play(endedTable(), []);
    const withConclusion: TableState = {
      ...hostile,
      title: HOSTILE,
      round2: { ...hostile.round2, conclusions: [{ text: HOSTILE, by: 'x', at: 0 }] },
    };
    const card = overviewCard(combineTables([withConclusion], 'nl'), session(), 'nl');
    expect(findAll(card, (n) => n.type === 'TextBlock')).toEqual([]);
    const runs = findAll(card, (n) => n.type === 'TextRun' && String(n.text).includes('**bold**'));
    expect(runs.length).toBeGreaterThan(0);
  });

  it('a session without tables says how tables link', () => {
    const card = overviewCard(combineTables([], 'nl'), session(), 'nl');
    expect(cardText(card)).toContain(
      'Er zijn nog geen tafels aan deze sessie gekoppeld. Gespreksleiders koppelen hun tafel met koppel KX7-M4P.',
    );
    expect(actionsOf(card)).toEqual([]);
  });
});
