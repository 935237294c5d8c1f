/**
 * The summary card posted at afsluiting: within Teams' 28 KB, user text only in TextRuns, names only
 * with consent, the zones as containers and the ranking as a chart with a text list.
 */
import type { TableState } from '../../src/domain';
import { nl } from '../../src/i18n/nl';
import { buildTableSummary } from '../support/group-reports';
import type { AdaptiveCard } from '../../src/views/render';
import { cardBytes, SUMMARY_CARD_BUDGET, SUMMARY_FITS, summaryCard, summaryView } from '../../src/views/summary-view';
import { renderCard } from '../../src/views/render';
import { blocks, cardText, findAll } from '../support/cards';
import { bigTable, endedTable, HIDDEN_NAMES, HOSTILE, hostileTable } from './fixtures';

/** Teams refuses a bot message above this size. */
const TEAMS_LIMIT = 28 * 1024;

const ended = endedTable();
const card = summaryCard(buildTableSummary(ended, 'nl'), 'nl');
const text = cardText(card);

/** The type of every element, run and action in the card. */
function elementTypes(c: AdaptiveCard): string[] {
  return findAll(c, (n) => typeof n.type === 'string').map((n) => String(n.type));
}

describe('the summary card of a realistic table', () => {
  it('is an Adaptive Card 1.5 that fits without shortening anything', () => {
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(cardBytes(card)).toBeLessThanOrEqual(SUMMARY_CARD_BUDGET);
    expect(cardBytes(card)).toBe(cardBytes(renderCard('summary', summaryView(buildTableSummary(ended, 'nl'), 'nl'))));
    expect(text).not.toContain(nl['summary.shortened'].slice(0, 30));
    expect(text).toContain('Een plek waar iedereen zonder indicatie binnen kan lopen; de gemeente stuurt er direct op.');
  });

  it('holds text only in RichTextBlocks made of TextRuns, never in markdown-parsed elements', () => {
    const types = new Set(elementTypes(card));
    for (const type of ['TextBlock', 'FactSet', 'Fact']) expect(types.has(type)).toBe(false);
    for (const block of findAll(card, (n) => n.type === 'RichTextBlock')) {
      expect(Array.isArray(block.inlines)).toBe(true);
      for (const run of block.inlines) expect(run).toMatchObject({ type: 'TextRun', text: expect.any(String) });
    }
  });

  it('never shows the name of anyone who did not consent, however much it is shortened', () => {
    for (const fit of SUMMARY_FITS) {
      const json = JSON.stringify(renderCard('summary', summaryView(buildTableSummary(ended, 'nl'), 'nl', fit)));
      for (const name of HIDDEN_NAMES) expect(json).not.toContain(name);
    }
    expect(text).toContain('deelnemer 7 (gast, Vrijwilliger bij de voedselbank)');
    expect(text).toContain('Twijfel — deelnemer 7 (gast, ingevoerd door de gespreksleider): Soms zijn het maar een paar mensen');
  });

  it('has bold headings and the five zones as containers with their cards', () => {
    const headingRuns = findAll(card, (n) => n.type === 'TextRun' && n.size === 'Medium');
    expect(headingRuns.map((r) => r.text)).toEqual([
      'Deelnemers',
      'Ronde 1: verkennen',
      'Ronde 2: samen invullen',
      'Ronde 3: bedoeling van investeren in de sociale basis',
      'Slotvraag: wat deelnemers meenemen',
    ]);
    expect(headingRuns.every((r) => r.weight === 'Bolder')).toBe(true);
    const zones = findAll(card, (n) => n.type === 'Container' && n.style === 'emphasis');
    expect(zones.map((z) => blocks({ body: z.items })[0])).toEqual([
      'Persoonlijke sociale basis',
      'Gemeenschappelijke sociale basis',
      'Institutionele sociale basis',
      'Niet sociale basis',
      'Twijfel / grensgebied',
    ]);
    const institutional = blocks({ body: zones[2]!.items });
    expect(institutional[1]).toBe(
      'Buurthuis — verdeeld. Doel/effect: Ontmoeting en activiteiten voor iedereen in de wijk · Eigenschap: Gemeentelijke voorziening, deels gerund door vrijwilligers · Stille plaatsing: institutioneel 4, gemeenschappelijk 2, twijfel / grensgebied 1',
    );
    const community = blocks({ body: zones[1]!.items });
    expect(community).toContain(
      'Buurtmoestuin (eigen kaartje) — eens. Doel/effect: Ontmoeting rond een gezamenlijke klus · Eigenschap: Door bewoners, op grond van de corporatie',
    );
    expect(community.find((b) => b.startsWith('De koffietafel'))).toContain('Eerder geplaatst bij: twijfel / grensgebied');
  });

  it('shows the ranking as a Chart.HorizontalBar that Teams may drop, and always as a list with ties', () => {
    const [chart, ...more] = findAll(card, (n) => n.type === 'Chart.HorizontalBar');
    expect(more).toEqual([]);
    expect(chart).toEqual({
      type: 'Chart.HorizontalBar',
      title: 'Stickers per bedoeling',
      fallback: 'drop',
      data: [
        { x: 'Meer verbinding tussen inwoners', y: 6 },
        { x: 'Minder eenzaamheid', y: 6 },
        { x: 'Problemen voorkomen (preventie)', y: 4 },
        { x: 'Inwoners voelen zich gehoord', y: 3 },
        { x: 'Goedkoper: van eerstelijn naar nuldelijn', y: 1 },
        { x: 'Meer eigen regie en eigen kracht van inwoners', y: 1 },
      ],
    });
    expect(text).toContain('1 (gedeeld). Meer verbinding tussen inwoners — 6');
    expect(text).toContain('3. Problemen voorkomen (preventie) — 4');
    expect(text).toContain('4. Inwoners voelen zich gehoord (eigen bedoeling) — 3');
    expect(text).toContain('Hoofdbedoeling: Meer verbinding tussen inwoners');
  });

  it('ends with what will happen with the results: the organiser’s text, or the default', () => {
    expect(text).toContain(`Wat er met de uitkomsten gebeurt\n${nl['welcome.defaultOutcome']}`);
    const own: TableState = { ...ended, settings: { ...ended.settings, outcomeUse: 'Het verslag gaat in juni naar de gemeenteraad.' } };
    expect(cardText(summaryCard(buildTableSummary(own, 'nl'), 'nl'))).toContain(
      'Wat er met de uitkomsten gebeurt\nHet verslag gaat in juni naar de gemeenteraad.',
    );
  });

  it('is in English for an English table, without the Dutch headings', () => {
    const en = summaryCard(buildTableSummary(ended, 'en'), 'en');
    const enText = cardText(en);
    for (const key of [
      'report.participants',
      'report.round1',
      'report.round2',
      'report.round3',
      'report.closing',
      'report.outcome',
      'report.zone.community',
      'summary.chartTitle',
    ] as const) {
      expect(enText).not.toContain(nl[key]);
    }
    expect(enText).toContain('Round 2: filling in the model together');
    expect(enText).toContain('Communal social basis');
    expect(findAll(en, (n) => n.type === 'Chart.HorizontalBar')[0]!.title).toBe('Stickers per intention');
  });
});

describe('user text on the card', () => {
  it('is a TextRun of its own, exactly as typed', () => {
    const hostile = summaryCard(buildTableSummary(hostileTable(), 'nl'), 'nl');
    const runs = findAll(hostile, (n) => n.type === 'TextRun').map((r) => r.text);
    expect(runs).toContain(HOSTILE);
    expect(runs).toContain('2. Meer | minder *regels* (eigen bedoeling) — 2');
    expect(findAll(hostile, (n) => n.type === 'Chart.HorizontalBar')[0]!.data).toContainEqual({ x: 'Meer | minder *regels*', y: 2 });
  });
});

describe('the size bound', () => {
  // The brief's case: 8 participants × 3 picks with 500-character arguments, 30 cards placed with
  // reasons, all 18 intentions with stickers; the rest of the table kept short.
  const spec = buildTableSummary(bigTable({ closing: 80, discussion: 150, notes: 1, noteLength: 150 }), 'nl');

  it('keeps a table of 8 with full arguments under 28 KB, shortening and saying so', () => {
    const full = cardBytes(renderCard('summary', summaryView(spec, 'nl')));
    expect(full).toBeGreaterThan(TEAMS_LIMIT);
    const fitted = summaryCard(spec, 'nl');
    expect(cardBytes(fitted)).toBeLessThanOrEqual(SUMMARY_CARD_BUDGET);
    expect(cardBytes(fitted)).toBeLessThan(TEAMS_LIMIT);
    const fittedText = cardText(fitted);
    expect(fittedText).toMatch(
      /De argumenten en de volledige tekst staan in het verslag: de gespreksleider typt samenvatting voor de downloads\./,
    );
  });

  it('still shows every pick, every placed card and every intention', () => {
    const fitted = summaryCard(spec, 'nl');
    const fittedText = cardText(fitted);
    // Round 1 per role: 8 cards with an "erbij", 8 with "niet erbij", 8 with "twijfel", each with who picked it.
    const perRole = blocks(fitted).filter((b) => /^(Erbij|Niet erbij|Twijfel): /.test(b));
    expect(perRole).toHaveLength(3);
    expect(perRole.join('\n').match(/\(Voornaam Achternaam\d\)/g)).toHaveLength(24);
    const zoneCards = findAll(fitted, (n) => n.type === 'Container' && n.style === 'emphasis').flatMap((z) =>
      blocks({ body: z.items }).slice(1),
    );
    expect(zoneCards).toHaveLength(30);
    expect(findAll(fitted, (n) => n.type === 'Chart.HorizontalBar')[0]!.data).toHaveLength(18);
    expect(fittedText).not.toContain('En nog');
  });

  it('cuts a long text to about 200 characters with an ellipsis before anything else', () => {
    const cut = renderCard('summary', summaryView(spec, 'nl', SUMMARY_FITS[1]!));
    const argument = findAll(cut, (n) => n.type === 'TextRun' && n.italic === true && String(n.text).startsWith('erbij 1:'))[0]!;
    expect([...String(argument.text)]).toHaveLength(201);
    expect(String(argument.text).endsWith('…')).toBe(true);
  });

  it('stays under 28 KB even with every text at its maximum', () => {
    const max = buildTableSummary(bigTable({ reason: 300, closing: 1000, discussion: 1000, notes: 10, noteLength: 1000 }), 'nl');
    expect(cardBytes(summaryCard(max, 'nl'))).toBeLessThan(TEAMS_LIMIT);
  });
});
