import JSZip from 'jszip';
import { groupView, type TableState } from '../../src/domain';
import { buildExport, type ExportScope } from '../../src/report/exports';
import { buildTableDocx } from '../../src/report/exports/docx';
import { pngSize } from '../../src/report/exports/docx-blocks';
import { buildTableSummary } from '../support/group-reports';
import { ANNA, BRAM, endedTable, HIDDEN_NAMES, LEA, play, round1Revealed, startTable } from './fixtures';
import { HIDDEN_NAMES as SESSION_HIDDEN, session, threeTables } from './session-fixtures';

/** The document's paragraphs as text: each <w:p>'s runs joined, XML entities decoded. */
function paragraphs(xml: string): string[] {
  return xml.split(/<\/w:p>/).map((p) =>
    [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
      .map((m) => m[1])
      .join('')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&'),
  );
}

/** Opens a .docx as Word does: a zip with word/document.xml; returns its text and every part's XML. */
async function openDocx(body: Buffer): Promise<{ text: string; xml: string; files: string[] }> {
  expect(body.subarray(0, 2).toString('latin1')).toBe('PK');
  const zip = await JSZip.loadAsync(body);
  const files = Object.keys(zip.files);
  expect(files).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']));
  const doc = await zip.file('word/document.xml')!.async('string');
  const all = await Promise.all(files.filter((f) => f.endsWith('.xml') || f.endsWith('.rels')).map((f) => zip.file(f)!.async('string')));
  return { text: paragraphs(doc).join('\n'), xml: all.join('\n'), files };
}

const tableScope = (state: TableState): ExportScope => ({ type: 'table', state: groupView(state) });

describe('Word report of a table', () => {
  it('is a Word document with the content type and file name of the other exports', async () => {
    const file = await buildExport('docx', tableScope(endedTable()), 'nl');
    expect(file.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(file.filename).toBe('verslag-tafel-noord-2025-03-12.docx');
    await openDocx(file.body);
  });

  it('holds, in the handleiding’s order, the goal, participants, model, every revealed argument, conclusions, the ranking and the slotvraag', async () => {
    const state = endedTable();
    const { text } = await openDocx((await buildExport('docx', tableScope(state), 'nl')).body);
    const summary = buildTableSummary(state, 'nl');
    const order = [
      'Verslag tafelgesprek: Tafel Noord',
      'Doel van het gesprek',
      'Deelnemers',
      'Het ingevulde model',
      'Ronde 1: verkennen',
      'Ronde 2: samen invullen',
      'Voorlopige conclusies',
      'Ronde 3: bedoeling van investeren in de sociale basis',
      'Slotvraag: wat deelnemers meenemen',
      'Wat er met de uitkomsten gebeurt',
    ];
    const at = order.map((h) => `\n${text}\n`.indexOf(`\n${h}\n`));
    expect(order.filter((_, i) => at[i]! < 0)).toEqual([]);
    expect([...at].sort((a, b) => a - b)).toEqual(at);

    const revealed = summary.pickRounds.flatMap((r) => (r.type === 'revealed' ? r.cards.flatMap((c) => c.entries) : []));
    expect(revealed.length).toBeGreaterThan(10);
    for (const e of revealed) expect(text).toContain(e.argument);
    const voting = summary.round3.voting;
    if (voting.type !== 'closed') throw new Error('the fixture closes the vote');
    for (const row of voting.ranking) expect(text).toContain(row.card.title);
    for (const goal of summary.round3.policyGoals) expect(text).toContain(goal);
    for (const c of summary.round2.conclusions) expect(text).toContain(c);
    for (const c of summary.closing) if (c.learned) expect(text).toContain(c.learned);
    expect(text).toContain(ANNA.name);
    expect(text).toContain(`Gespreksleider: ${LEA.name}`);
  });

  it('names nobody who did not consent, in any part of the document', async () => {
    const { xml } = await openDocx((await buildExport('docx', tableScope(endedTable()), 'nl')).body);
    for (const name of HIDDEN_NAMES) expect({ name, found: xml.includes(name) }).toEqual({ name, found: false });
  });

  it('holds no pick before the reveal', async () => {
    const secret = 'GEHEIM-ARGUMENT-qzx';
    const state = play(startTable(), [
      [ANNA, { type: 'join' }],
      [BRAM, { type: 'join' }],
      [LEA, { type: 'next' }],
      [LEA, { type: 'next' }],
      [
        ANNA,
        {
          type: 'submitPicks',
          round: 1,
          picks: {
            in: { cardId: 'buurthuis', argument: `${secret} erbij` },
            out: { cardId: 'individuele-ondersteuning', argument: `${secret} niet` },
            doubt: { cardId: 'koffietafel-buurtsuper', argument: `${secret} twijfel` },
          },
        },
      ],
    ]);
    const { xml, text } = await openDocx(await buildTableDocx(groupView(state), 'nl'));
    expect(xml).not.toContain(secret);
    expect(text).toContain('De keuzes van deze ronde zijn niet onthuld');
  });

  it('keeps typed markup as text and drops characters XML cannot hold, so Word still opens it', async () => {
    const state = play(round1Revealed(), [[LEA, { type: 'addNote', text: 'Een <w:t>tag</w:t> & "quote"\u0001\u000b en\nregel twee' }]]);
    const { xml, text } = await openDocx(await buildTableDocx(groupView(state), 'nl'));
    expect(text).toContain('Een <w:t>tag</w:t> & "quote" en');
    expect(text).toContain('regel twee');
    expect(xml.includes('\u0001') || xml.includes('\u000b')).toBe(false);
  });

  it('puts the model picture in when one is handed in, with alt text naming the placements', async () => {
    // A 2×1 PNG; the picture renderer hands in the real one.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAEUlEQVR4nGP4z8DwHwQZGBgAJ+0D/a1lNqoAAAAASUVORK5CYII=',
      'base64',
    );
    expect(pngSize(png)).toEqual({ width: 2, height: 1 });
    const without = await openDocx(await buildTableDocx(groupView(endedTable()), 'nl'));
    expect(without.files.some((f) => f.startsWith('word/media/'))).toBe(false);
    const withPicture = await openDocx(await buildTableDocx(groupView(endedTable()), 'nl', png));
    expect(withPicture.files.some((f) => /^word\/media\/.+\.png$/.test(f))).toBe(true);
    expect(withPicture.xml).toMatch(/descr="[^"]*Institutionele sociale basis: Buurthuis/);
    // Not a PNG: left out rather than a broken picture.
    const notPng = await openDocx(await buildTableDocx(groupView(endedTable()), 'nl', Buffer.from('no picture')));
    expect(notPng.files.some((f) => f.startsWith('word/media/'))).toBe(false);
  });

  it('speaks English for an English table', async () => {
    const { text } = await openDocx((await buildExport('docx', tableScope(endedTable()), 'en')).body);
    expect(text).toContain('Table conversation report: Tafel Noord');
  });
});

describe('Word report of a session', () => {
  it('is the totaalbeeld followed by every table’s report, naming nobody who did not consent', async () => {
    const tables = threeTables().map(groupView);
    const scope: ExportScope = { type: 'session', session: session(['t1', 't2', 't3'], tables), tables };
    const { text, xml } = await openDocx((await buildExport('docx', scope, 'nl')).body);
    expect(text.startsWith('Totaalbeeld: ')).toBe(true);
    expect(text).toContain('Bedoeling van investeren: de gezamenlijke rangorde');
    for (const title of ['Tafel Noord', 'Tafel Zuid', 'Tafel West']) expect(text).toContain(`Verslag tafelgesprek: ${title}`);
    expect(text.indexOf('Verslag tafelgesprek: Tafel Noord')).toBeGreaterThan(text.indexOf('Voorlopige conclusies per tafel'));
    for (const name of SESSION_HIDDEN) expect({ name, found: xml.includes(name) }).toEqual({ name, found: false });
  });
});
