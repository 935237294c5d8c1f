import JSZip from 'jszip';
import { groupView, stickersUsed, type Actor, type TableState } from '../../src/domain';
import { combineTables } from '../support/group-reports';
import { buildExport, JSON_FORMAT_VERSION, type ExportScope, type JsonExport } from '../../src/report/exports';
import { csvCell } from '../../src/report/exports/csv';
import { tableSummaryMarkdown } from '../../src/report/markdown';
import { buildTableSummary } from '../support/group-reports';
import { summaryCard } from '../../src/views/summary-view';
import { LEA, play, round1Revealed } from './fixtures';
import {
  ANNA,
  CARLA,
  crowdedTable,
  EVIL,
  HIDDEN_NAMES,
  LOES,
  NOORD_LEAD,
  session,
  tafelNoord,
  tafelWest,
  threeTables,
  WEST_LEAD,
  ZUID_LEAD,
} from './session-fixtures';

/** A small RFC 4180 parser with `;` as separator: quoted fields, doubled quotes, line breaks inside quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

type Records = Array<Record<string, string>>;

async function csvRecords(scope: ExportScope): Promise<{ header: string[]; records: Records; raw: string }> {
  const file = await buildExport('csv', scope, 'nl');
  expect([...file.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const raw = file.body.toString('utf8').slice(1);
  expect(raw.endsWith('\r\n')).toBe(true);
  const [header = [], ...rows] = parseCsv(raw);
  for (const r of rows) expect(r).toHaveLength(header.length);
  return { header, records: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))), raw };
}

const tables = threeTables();
const sessionScope: ExportScope = { type: 'session', session: session(['tok-1', 'tok-2', 'tok-3'], tables), tables: tables.map(groupView) };
const tableScope: ExportScope = { type: 'table', state: groupView(tables[0]!) };

function revealedPicks(state: TableState): number {
  return state.pickRounds.filter((r) => r.revealedAt !== undefined).reduce((n, r) => n + Object.keys(r.picks).length * 3, 0);
}
function stickerTotal(state: TableState): number {
  return Object.values(state.round3.stickers).reduce((n, s) => n + stickersUsed(s.counts), 0);
}

describe('Markdown export', () => {
  it('is the table report for a table', async () => {
    const file = await buildExport('md', tableScope, 'nl');
    expect(file.contentType).toBe('text/markdown; charset=utf-8');
    expect(file.filename).toBe('verslag-tafel-noord-2025-03-12.md');
    expect(file.body.toString('utf8')).toBe(tableSummaryMarkdown(buildTableSummary(tables[0]!, 'nl'), 'nl'));
  });

  it('is the totaalbeeld followed by every table report for a session', async () => {
    const file = await buildExport('md', sessionScope, 'nl');
    const md = file.body.toString('utf8');
    expect(file.filename).toBe('totaalbeeld-sociale-basis-hoorn-2025-2025-03-12.md');
    expect(md.startsWith('# Totaalbeeld: Sociale basis Hoorn 2025\n')).toBe(true);
    expect(md).toContain('3 tafels · 13 deelnemers');
    expect(md).toContain('| Buurthuis | 3 | institutioneel 2, gemeenschappelijk 1 | eens 2 · verdeeld 1 |');
    expect(md).toContain('| 1 | Meer verbinding tussen inwoners | 12 | 3 |');
    expect(md).toContain('| 4 (gedeeld) | Inwoners voelen zich gehoord (eigen bedoeling) | 3 | 2 |');
    expect(md).toContain('- **Tafel Zuid**: Meer verbinding tussen inwoners / Minder eenzaamheid (4 stickers)');
    const order = [
      '# Totaalbeeld',
      '# Verslag tafelgesprek: Tafel Noord',
      '# Verslag tafelgesprek: Tafel Zuid',
      '# Verslag tafelgesprek: Tafel West',
    ].map((h) => md.indexOf(h));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    for (const state of tables) expect(md).toContain(tableSummaryMarkdown(buildTableSummary(state, 'nl'), 'nl'));
    for (const name of HIDDEN_NAMES) expect(md).not.toContain(name);
  });
});

describe('CSV export', () => {
  it('has a header and one row per pick, placement (moves included), silent placement vote and sticker vote', async () => {
    const { header, records } = await csvRecords(sessionScope);
    expect(header).toEqual([
      'Sessie',
      'Tafelnummer',
      'Tafel',
      'Soort',
      'Ronde',
      'Volgnummer',
      'Tijdstip (Nederlandse tijd)',
      'Deelnemer',
      'Gast',
      'Ingevoerd door gespreksleider',
      'Kaart-id',
      'Kaartje',
      'Eigen kaartje',
      'Keuze',
      'Plek',
      'Vorige plek',
      'Huidige plek',
      'Overeenstemming',
      'Stickers',
      'Argument',
      'Doel of effect',
      'Karaktereigenschap',
    ]);
    tables.forEach((state, i) => {
      const mine = records.filter((r) => r['Tafelnummer'] === String(i + 1));
      expect(mine.every((r) => r['Tafel'] === state.title && r['Sessie'] === 'KX7-M4P')).toBe(true);
      const kind = (k: string) => mine.filter((r) => r['Soort'] === k);
      expect(kind('keuze')).toHaveLength(revealedPicks(state));
      expect(kind('plaatsing').length + kind('verplaatsing').length).toBe(state.round2.history.length);
      expect(kind('stille plaatsing')).toHaveLength(state.round2.polls.reduce((n, p) => n + Object.keys(p.votes).length, 0));
      expect(kind('sticker').reduce((n, r) => n + Number(r['Stickers']), 0)).toBe(stickerTotal(state));
      // Exactly one current place per placed card, and it is the stored one.
      const current = mine.filter((r) => r['Huidige plek'] === 'ja');
      expect(current.map((r) => r['Kaart-id']).sort()).toEqual(Object.keys(state.round2.placements).sort());
    });
    // The counts the tables entered: 18 + 12 + 9 picks, 8 + 8 + 6 placements (one move), 4 poll votes, 39 stickers.
    expect(records.filter((r) => r['Soort'] === 'keuze')).toHaveLength(18 + 12 + 9);
    expect(records.filter((r) => r['Soort'] === 'plaatsing' || r['Soort'] === 'verplaatsing')).toHaveLength(8 + 8 + 6);
    expect(records.filter((r) => r['Soort'] === 'stille plaatsing')).toHaveLength(4);
    expect(records.filter((r) => r['Soort'] === 'sticker').reduce((n, r) => n + Number(r['Stickers']), 0)).toBe(39);
  });

  it('records a move with the earlier place, and the guest as entered by the leider', async () => {
    const { records } = await csvRecords(tableScope);
    const koffie = records.filter((r) => r['Kaart-id'] === 'koffietafel-buurtsuper' && r['Ronde'] === '2');
    expect(koffie.map((r) => [r['Soort'], r['Plek'], r['Vorige plek'], r['Huidige plek'], r['Overeenstemming']])).toEqual([
      ['plaatsing', 'twijfel / grensgebied', '', 'nee', 'verdeeld'],
      ['verplaatsing', 'gemeenschappelijk', 'twijfel / grensgebied', 'ja', 'verdeeld'],
    ]);
    const guest = records.filter((r) => r['Deelnemer'] === 'deelnemer 6');
    expect(guest.length).toBeGreaterThan(0);
    expect(guest.every((r) => r['Gast'] === 'ja' && r['Ingevoerd door gespreksleider'] === 'ja')).toBe(true);
    const own = records.find((r) => r['Kaart-id'] === 'own-i1' && r['Soort'] === 'plaatsing');
    expect(own?.['Kaartje']).toBe('Buurtmoestuin');
    expect(own?.['Eigen kaartje']).toBe('ja');
    expect(records.find((r) => r['Soort'] === 'keuze')?.['Tijdstip (Nederlandse tijd)']).toMatch(/^2025-03-12 \d\d:\d\d:\d\d$/);
  });

  it('shows a name only with consent, otherwise "deelnemer N"', async () => {
    const { records, raw } = await csvRecords(sessionScope);
    const people = new Set(records.map((r) => r['Deelnemer']).filter(Boolean));
    expect(people).toEqual(
      new Set([
        ANNA.name,
        'deelnemer 2',
        CARLA.name,
        'deelnemer 4',
        `'${EVIL.name}`,
        'deelnemer 6',
        'Henk Smit',
        'deelnemer 3',
        'Loes Peeters',
        'Mo Haddad',
        'Nina Vos',
      ]),
    );
    for (const name of HIDDEN_NAMES) expect(raw).not.toContain(name);
  });

  it('neutralises formulas and keeps quotes and separators inside fields', async () => {
    const { records } = await csvRecords(tableScope);
    const args = records.map((r) => r['Argument']);
    expect(args).toContain("'=1+1 is het gebouw of de activiteit?");
    expect(args).toContain('\'+31 6 bellen; "buren" helpen elkaar; zo gaat dat');
    expect(args).toContain("'@zorg met verwijzing");
    expect(args).toContain("'-ontmoetingsruimtes, maar kerntaak is wonen");
    expect(records.some((r) => r['Deelnemer'] === `'=HYPERLINK("http://example.org","klik")`)).toBe(true);
    for (const r of records) for (const v of Object.values(r)) expect(v).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('quotes every cell and neutralises tab and carriage return starts too', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('zeg "hoi"')).toBe('"zeg ""hoi"""');
    expect(csvCell('\t=1')).toBe('"\'\t=1"');
    expect(csvCell('\r=1')).toBe('"\'\r=1"');
    expect(csvCell(3)).toBe('"3"');
    expect(csvCell(true)).toBe('"ja"');
    expect(csvCell(undefined)).toBe('""');
    expect(csvCell('regel 1\nregel 2')).toBe('"regel 1\nregel 2"');
  });

  it('leaves out stickers while the voting is open', async () => {
    const open = tafelWest({ closeVoting: false });
    const { records } = await csvRecords({ type: 'table', state: groupView(open) });
    expect(records.filter((r) => r['Soort'] === 'sticker')).toHaveLength(0);
    expect(records.filter((r) => r['Soort'] === 'keuze')).toHaveLength(9);
  });
});

describe('JSON export', () => {
  async function json(scope: ExportScope): Promise<{ data: JsonExport; text: string }> {
    const file = await buildExport('json', scope, 'nl', { now: Date.UTC(2025, 2, 13) });
    expect(file.contentType).toBe('application/json; charset=utf-8');
    const text = file.body.toString('utf8');
    return { data: JSON.parse(text) as JsonExport, text };
  }

  it('is versioned and holds everything the tables entered', async () => {
    const { data } = await json(sessionScope);
    expect(data.format).toBe('sociale-basis-export');
    expect(data.formatVersion).toBe(JSON_FORMAT_VERSION);
    expect(data.formatVersion).toBe(1);
    expect(data.exportedAt).toBe('2025-03-13T00:00:00.000Z');
    expect(data.scope).toBe('session');
    expect(data.session).toMatchObject({ code: 'KX7M4P', title: 'Sociale basis Hoorn 2025', linkedTables: 3 });
    expect(data.combined).toEqual(JSON.parse(JSON.stringify(combineTables(tables, 'nl'))));
    expect(data.tables.map((t) => [t.number, t.title, t.participants.length])).toEqual([
      [1, 'Tafel Noord', 6],
      [2, 'Tafel Zuid', 4],
      [3, 'Tafel West', 3],
    ]);
    data.tables.forEach((t, i) => {
      const state = tables[i]!;
      expect(t.pickRounds.reduce((n, r) => n + r.picks.length, 0)).toBe(revealedPicks(state));
      expect(t.round2.history).toHaveLength(state.round2.history.length);
      expect(t.round2.placements).toHaveLength(Object.keys(state.round2.placements).length);
      expect(t.round2.conclusions.map((c) => c.text)).toEqual(state.round2.conclusions.map((c) => c.text));
      expect(t.round3.stickers.reduce((n, s) => n + Object.values(s.counts).reduce((a, b) => a + b, 0), 0)).toBe(stickerTotal(state));
      expect(t.closing).toHaveLength(Object.keys(state.closing).length);
    });
    const noord = data.tables[0]!;
    expect(noord.round3.ranking[0]).toEqual({
      rank: 1,
      tied: false,
      cardId: 'verbinding',
      title: 'Meer verbinding tussen inwoners',
      stickers: 6,
    });
    expect(noord.deck.ingredients.find((c) => c.id === 'own-i1')).toEqual({
      id: 'own-i1',
      title: 'Buurtmoestuin',
      description: 'Bewoners tuinieren samen op grond van de corporatie.',
      own: true,
      addedBy: 2,
    });
    expect(noord.round2.polls[0]?.votes).toHaveLength(4);
  });

  it('holds no Teams ids and no names of participants who did not consent', async () => {
    const { data, text } = await json(sessionScope);
    expect(text).not.toMatch(/aad-|29:|guest-|tenant-1|thread\.tacv2|organisers@/);
    for (const name of [...HIDDEN_NAMES, 'Olga Organisator']) expect(text).not.toContain(name);
    expect(data.tables[0]?.participants.map((p) => p.label)).toEqual([
      ANNA.name,
      'deelnemer 2',
      CARLA.name,
      'deelnemer 4',
      EVIL.name,
      'deelnemer 6',
    ]);
    expect(data.tables[2]?.participants.map((p) => p.label)).toContain(LOES.name);
  });

  it('keeps open stickers private, as the report does', async () => {
    const { data } = await json({ type: 'table', state: groupView(tafelWest({ closeVoting: false })) });
    expect(data.tables[0]?.round3).toMatchObject({ votingClosed: false, voters: 3, stickers: [], ranking: [] });
    expect(data.session).toBeUndefined();
    expect(data.combined).toBeUndefined();
  });
});

describe('PowerPoint export', () => {
  async function slides(scope: ExportScope): Promise<{ zip: JSZip; slides: string[]; all: string }> {
    const file = await buildExport('pptx', scope, 'nl');
    expect(file.contentType).toBe('application/vnd.openxmlformats-officedocument.presentationml.presentation');
    const zip = await JSZip.loadAsync(file.body);
    const names = Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
    names.sort((a, b) => Number(a.match(/\d+/)?.[0]) - Number(b.match(/\d+/)?.[0]));
    const texts = await Promise.all(names.map((n) => zip.file(n)!.async('string')));
    const everything = await Promise.all(
      Object.keys(zip.files)
        .filter((n) => n.endsWith('.xml'))
        .map((n) => zip.file(n)!.async('string')),
    );
    return { zip, slides: texts, all: everything.join('\n') };
  }
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  /** The visible text of a slide: the runs of a paragraph joined, paragraphs separated by a space. */
  const text = (xml: string) =>
    [...xml.matchAll(/<a:p>(.*?)<\/a:p>/gs)]
      .map((p) => [...(p[1] ?? '').matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => decode(m[1] ?? '')).join(''))
      .join(' ');
  /** Whether a run holds exactly this text, as a card title does. */
  const hasRun = (xml: string, run: string) => [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].some((m) => decode(m[1] ?? '') === run);

  it('has a title slide, then model, differences, ranking and learnings for the total, then model, ranking and learnings per table', async () => {
    const { slides: xml } = await slides(sessionScope);
    expect(xml).toHaveLength(1 + 4 + 3 * 3);
    const titles = xml.map((x) => text(x));
    const expected = [
      'Gespreksmodel Sociale Basis',
      'Totaalbeeld: het ingevulde model',
      'Totaalbeeld: waar de tafels verschillen',
      'Totaalbeeld: de bedoeling van investeren',
      'Totaalbeeld: conclusies en inzichten',
      ...['Tafel Noord', 'Tafel Zuid', 'Tafel West'].flatMap((t) => [
        `${t}: het ingevulde model`,
        `${t}: de bedoeling van investeren`,
        `${t}: conclusies en inzichten`,
      ]),
    ];
    expected.forEach((title, i) => expect(titles[i]).toContain(title));
    expect(titles[0]).toContain('Totaalbeeld: Sociale basis Hoorn 2025');
    expect(titles[0]).toContain('3 tafels · 13 deelnemers');
  });

  it('fills the model with the five zones and the cards, agreement marked', async () => {
    const { slides: xml } = await slides(sessionScope);
    const zones = [
      'Persoonlijke sociale basis',
      'Gemeenschappelijke sociale basis',
      'Institutionele sociale basis',
      'Niet sociale basis',
      'Twijfel / grensgebied',
    ];
    const total = text(xml[1]!);
    for (const z of zones) expect(total).toContain(z);
    for (const c of combineTables(tables, 'nl').cards) expect(total).toContain(c.card.title);
    expect(total).toContain('Buurthuis · 2/3 · verdeeld 1');
    expect(total).toContain('Mantelzorger · 3/3');
    expect(total).toContain('De koffietafel in de buurtsuper · tafels verdeeld · oneens 1 · verdeeld 1');
    const noord = text(xml[5]!);
    for (const z of zones) expect(noord).toContain(z);
    for (const id of Object.keys(tables[0]!.round2.placements)) {
      const title = tables[0]!.deck.ingredients.find((c) => c.id === id)!.title;
      expect(noord).toContain(title);
    }
    expect(noord).toContain('Loket (sociaal loket, Wmo-loket) · verdeeld');
    expect(text(xml[8]!)).toContain('Loket (sociaal loket, Wmo-loket) · oneens');
    // Tafel West placed no huisarts: the card is not on its model.
    expect(text(xml[11]!)).not.toContain('Huisarts');
  });

  it('shows the differences, the ranking as a chart and the learnings', async () => {
    const { zip, slides: xml } = await slides(sessionScope);
    const differing = text(xml[2]!);
    expect(differing).toContain('Loket (sociaal loket, Wmo-loket)');
    expect(differing).toContain('Tafel Zuid: institutioneel, oneens');
    expect(differing).not.toContain('Mantelzorger');
    const charts = Object.keys(zip.files).filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n));
    expect(charts).toHaveLength(4);
    const chartXml = await Promise.all(charts.map((n) => zip.file(n)!.async('string')));
    expect(chartXml.some((c) => c.includes('1. Meer verbinding tussen inwoners') && c.includes('<c:v>12</c:v>'))).toBe(true);
    expect(xml[3]).toContain('chart');
    const rankingTotal = text(xml[3]!);
    expect(rankingTotal).toContain('Bovenaan per tafel');
    expect(rankingTotal).toContain('Tafel Zuid: Meer verbinding tussen inwoners / Minder eenzaamheid');
    const learnings = text(xml[4]!);
    expect(learnings).toContain('Een plek hoort erbij als er ontmoeting plaatsvindt.');
    expect(learnings).toContain('Twijfel is ook een uitkomst.');
    expect(learnings).toContain('Een picknick in het park organiseren.');
  });

  it('has no names of participants at all', async () => {
    const { all } = await slides(sessionScope);
    for (const name of [...HIDDEN_NAMES, ANNA.name, CARLA.name, 'Loes Peeters', 'Olga Organisator', 'Lea Jansen'])
      expect(all).not.toContain(name);
  });

  it('makes four slides for one table', async () => {
    const { slides: xml } = await slides(tableScope);
    expect(xml.map((x) => text(x).slice(0, 60))).toHaveLength(4);
    expect(text(xml[0]!)).toContain('Verslag tafelgesprek: Tafel Noord');
    expect(text(xml[1]!)).toContain('Tafel Noord: het ingevulde model');
  });

  it('counts what does not fit on a crowded table instead of overflowing', async () => {
    const crowded = crowdedTable();
    const { slides: xml } = await slides({ type: 'table', state: groupView(crowded) });
    expect(xml).toHaveLength(4);
    const model = text(xml[1]!);
    const shown = crowded.deck.ingredients.filter((c) => crowded.round2.placements[c.id] && hasRun(xml[1]!, c.title)).length;
    const hidden = [...model.matchAll(/\+ nog (\d+); zie het verslag/g)].reduce((n, m) => n + Number(m[1]), 0);
    expect(shown + hidden).toBe(Object.keys(crowded.round2.placements).length);
    expect(text(xml[2]!)).toContain('En nog 7 bedoelingen met minder stickers');
    // Every font on the slides stays readable: 10 pt or more.
    for (const x of xml) for (const m of x.matchAll(/ sz="(\d+)"/g)) expect(Number(m[1])).toBeGreaterThanOrEqual(1000);
  });

  it('says so when a table has not voted or placed anything', async () => {
    const early = tafelNoord();
    const bare: TableState = {
      ...early,
      round2: { placements: {}, history: [], polls: [], conclusions: [] },
      round3: { stickers: {}, discussion: {} },
      closing: {},
    };
    const { slides: xml } = await slides({ type: 'table', state: groupView(bare) });
    expect(text(xml[1]!)).toContain('Er zijn geen kaartjes op het model geplaatst.');
    expect(text(xml[2]!)).toContain('Er zijn geen stickers geplakt.');
    expect(text(xml[3]!)).toContain('Er zijn geen voorlopige conclusies vastgelegd.');
  });
});

describe('leiders who never said whether their name may be used', () => {
  // A co-leider and a notulist from the municipality, named by @mention, who never join as participants.
  const KOEN: Actor = { id: 'aad-koen', name: 'Koen Kuipers', channelUserId: '29:koen' };
  const NORA: Actor = { id: 'aad-nora', name: 'Nora Nauta', channelUserId: '29:nora' };
  const atMention = (who: Actor) => ({ channelUserId: who.channelUserId!, name: who.name });
  const yes = { type: 'setLeaderConsent', consent: true } as const;
  /** Round 1 revealed (the CSV has rows), with a gespreksleider, co-leider and notulist who were never asked. */
  const unasked = () =>
    play(round1Revealed(), [
      [LEA, { type: 'addCoLead', to: atMention(KOEN) }],
      [LEA, { type: 'setNotetaker', to: atMention(NORA) }],
    ]);
  const NAMES = [LEA.name, KOEN.name, NORA.name, 'Jansen', 'Kuipers', 'Nauta'];
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');

  /** Everything that leaves the chat for this table: each export, and the summary card posted to the organiser's channel. */
  async function everything(
    state: TableState,
  ): Promise<{ markdown: string; csv: string; json: string; pptx: string; summaryCard: string }> {
    const scope: ExportScope = { type: 'table', state: groupView(state) };
    const text = async (kind: 'md' | 'csv' | 'json') =>
      (await buildExport(kind, scope, 'nl', { now: Date.UTC(2025, 2, 13) })).body.toString('utf8');
    const zip = await JSZip.loadAsync((await buildExport('pptx', scope, 'nl')).body);
    const xml = await Promise.all(
      Object.keys(zip.files)
        .filter((n) => n.endsWith('.xml'))
        .map((n) => zip.file(n)!.async('string')),
    );
    return {
      markdown: await text('md'),
      csv: await text('csv'),
      json: await text('json'),
      pptx: decode(xml.join('\n')),
      summaryCard: JSON.stringify(summaryCard(buildTableSummary(state, 'nl'), 'nl')),
    };
  }

  it('names none of them anywhere: Markdown, CSV, JSON, PowerPoint (every XML part) and the summary card', async () => {
    const out = await everything(unasked());
    for (const [where, text] of Object.entries(out)) {
      for (const name of NAMES) expect({ where, found: text.includes(name) }).toEqual({ where, found: false });
    }
    expect(out.markdown).toContain('- **Gespreksleider:** (naam niet vermeld)');
    expect(out.markdown).toContain('- **Co-leiders:** (naam niet vermeld)');
    expect(out.markdown).toContain('- **Notulist:** (naam niet vermeld)');
    expect((JSON.parse(out.json) as JsonExport).tables[0]?.leaders).toEqual({
      lead: '(naam niet vermeld)',
      coLeads: ['(naam niet vermeld)'],
      notetaker: '(naam niet vermeld)',
    });
  });

  it('keeps one who said no unnamed, and names each one who said yes', async () => {
    const state = play(unasked(), [
      [LEA, yes],
      [KOEN, { type: 'setLeaderConsent', consent: false }],
      [NORA, yes],
    ]);
    const out = await everything(state);
    expect(out.markdown).toContain(`- **Gespreksleider:** ${LEA.name}`);
    expect(out.markdown).toContain('- **Co-leiders:** (naam niet vermeld)');
    expect(out.markdown).toContain(`- **Notulist:** ${NORA.name}`);
    expect((JSON.parse(out.json) as JsonExport).tables[0]?.leaders).toEqual({
      lead: LEA.name,
      coLeads: ['(naam niet vermeld)'],
      notetaker: NORA.name,
    });
    expect(out.summaryCard).toContain(LEA.name);
    for (const text of Object.values(out)) expect(text).not.toContain(KOEN.name);
    // The slides name nobody, leiders included, and the CSV has no column for leiders.
    for (const name of [LEA.name, NORA.name]) {
      expect(out.pptx).not.toContain(name);
      expect(out.csv).not.toContain(name);
    }
  });

  it('names none of the session’s leiders in the totaalbeeld export, who were never asked either', async () => {
    const md = (await buildExport('md', sessionScope, 'nl')).body.toString('utf8');
    const json = (await buildExport('json', sessionScope, 'nl')).body.toString('utf8');
    for (const name of [NOORD_LEAD.name, ZUID_LEAD.name, WEST_LEAD.name]) {
      expect(md).not.toContain(name);
      expect(json).not.toContain(name);
    }
  });
});
