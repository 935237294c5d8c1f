/**
 * The Markdown report: its structure in the method's order, user text that reads as typed, names
 * only with consent, and English without Dutch headings.
 */
import { nl } from '../../src/i18n/nl';
import { tableSummaryMarkdown } from '../../src/report/markdown';
import { escapeInline, unescapeMarkdown } from '../../src/report/markdown-escape';
import { buildTableSummary } from '../support/group-reports';
import { endedTable, FRANK, HIDDEN_NAMES, HOSTILE, HOSTILE_INTENTION, HOSTILE_NAME, hostileTable, play, startTable } from './fixtures';

const ended = endedTable();
const markdown = tableSummaryMarkdown(buildTableSummary(ended, 'nl'), 'nl');
const lines = markdown.split('\n');
const headings = (md: string, level: number) => md.split('\n').filter((l) => l.startsWith(`${'#'.repeat(level)} `));

/** Cells of a Markdown table row, split on pipes that are not escaped. */
const cells = (row: string) =>
  row
    .replace(/^\|\s*|\s*\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());

describe('the Dutch report', () => {
  it('follows the method’s order', () => {
    expect(headings(markdown, 1)).toEqual(['# Verslag tafelgesprek: Tafel Noord']);
    expect(headings(markdown, 2)).toEqual([
      '## Deelnemers',
      '## Ronde 1: verkennen',
      '## Ronde 2: samen invullen',
      '## Ronde 3: bedoeling van investeren in de sociale basis',
      '## Slotvraag: wat deelnemers meenemen',
      '## Aantekeningen en citaten',
      '## Wat er met de uitkomsten gebeurt',
    ]);
    expect(headings(markdown, 4)).toEqual([
      '#### Persoonlijke sociale basis',
      '#### Gemeenschappelijke sociale basis',
      '#### Institutionele sociale basis',
      '#### Niet sociale basis',
      '#### Twijfel / grensgebied',
    ]);
    const order = [
      '### Het ingevulde model',
      '### Kaartjes waarover de groep het oneens bleef',
      '### Toegevoegde kaartjes',
      '### Voorlopige conclusies',
      '### Hoofdbedoeling',
      '### Verhouding tot de beleidsdoelen van de gemeente',
      '### Wat deelnemers hebben geleerd',
      '### Waar deelnemers mee aan de slag gaan',
    ];
    const at = order.map((h) => lines.indexOf(h));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('opens with the date, the leiders and the count of participants', () => {
    expect(markdown).toContain('Gespreksmodel Sociale Basis · 12 maart 2025');
    expect(markdown).toContain('- **Gespreksleider:** Lea Jansen');
    expect(markdown).toContain('- **Notulist:** Anna de Vries');
    expect(markdown).toContain('- **Deelnemers:** 7 deelnemers, van wie 1 gast aan tafel zonder eigen apparaat');
  });

  it('names only those who consented, marks the guest and what the leider entered for them', () => {
    for (const name of HIDDEN_NAMES) expect(markdown).not.toContain(name);
    expect(markdown).toContain('- deelnemer 2 (Opbouwwerker bij de welzijnsorganisatie)');
    expect(markdown).toContain('- deelnemer 7 (gast, Vrijwilliger bij de voedselbank)');
    expect(markdown).toContain(
      '- **Twijfel** — deelnemer 7 (gast, ingevoerd door de gespreksleider): Soms zijn het maar een paar mensen; is dat al de sociale basis?',
    );
    expect(markdown).toContain('- deelnemer 7 (gast, ingevoerd door de gespreksleider): Dat mantelzorg ook meetelt.');
  });

  it('shows each zone’s cards with mark and reasons, moves, the silent spread and own cards', () => {
    expect(markdown).toContain(
      '- **Buurthuis** — verdeeld\n  - **Doel of effect:** Ontmoeting en activiteiten voor iedereen in de wijk\n  - **Karaktereigenschap:** Gemeentelijke voorziening, deels gerund door vrijwilligers\n  - Stille plaatsing: institutioneel 4, gemeenschappelijk 2, twijfel / grensgebied 1',
    );
    expect(markdown).toContain('- **De koffietafel in de buurtsuper** — verdeeld');
    expect(markdown).toContain('  - Eerder geplaatst bij: twijfel / grensgebied');
    expect(markdown).toContain('- **Buurtmoestuin (eigen kaartje)** — eens');
    expect(markdown).toContain('- **Buurtmoestuin** (toegevoegd door deelnemer 2): Bewoners tuinieren samen');
    expect(markdown).toContain('- **De buurtkroeg** (twijfel / grensgebied)');
  });

  it('puts the ranking in a table with ties shown as ties, and the intentions without stickers after it', () => {
    const table = lines.filter((l) => l.startsWith('|'));
    expect(table.slice(0, 2)).toEqual(['| Plaats | Bedoeling | Stickers |', '| --- | --- | ---: |']);
    expect(table.slice(2).map(cells)).toEqual([
      ['1 (gedeeld)', 'Meer verbinding tussen inwoners', '6'],
      ['1 (gedeeld)', 'Minder eenzaamheid', '6'],
      ['3', 'Problemen voorkomen (preventie)', '4'],
      ['4', 'Inwoners voelen zich gehoord (eigen bedoeling)', '3'],
      ['5 (gedeeld)', 'Goedkoper: van eerstelijn naar nuldelijn', '1'],
      ['5 (gedeeld)', 'Meer eigen regie en eigen kracht van inwoners', '1'],
    ]);
    const after = lines.slice(lines.indexOf(table[table.length - 1]!) + 1).find((l) => l.trim());
    expect(after).toMatch(/^Zonder stickers: Inwoners zijn beter geholpen; /);
  });

  it('ends with what will happen with the results', () => {
    const i = lines.indexOf('## Wat er met de uitkomsten gebeurt');
    expect(lines[i + 2]).toMatch(/^Van dit gesprek komt een verslag\./);
  });

  it('says briefly that a section is empty', () => {
    const md = tableSummaryMarkdown(buildTableSummary(play(startTable(), [[FRANK, { type: 'join' }]]), 'nl'), 'nl');
    expect(md).toContain('Ronde 1 is niet gehouden.');
    expect(md).toContain('Er zijn geen kaartjes op het model geplaatst.');
    expect(md).toContain('Er zijn geen voorlopige conclusies vastgelegd.');
    expect(md).toContain('Er zijn geen stickers geplakt.');
    expect(md).toContain('Het gesprek over de rangorde is niet vastgelegd.');
    expect(md).toContain('Er zijn geen antwoorden op de slotvraag vastgelegd.');
    expect(md).not.toContain('## Aantekeningen');
  });
});

describe('user text in the Markdown', () => {
  const md = tableSummaryMarkdown(buildTableSummary(hostileTable(), 'nl'), 'nl');
  const mdLines = md.split('\n');

  it('shows a participant’s argument literally, inside its own list item', () => {
    const line = mdLines.find((l) => l.startsWith('- **Hoort erbij** — '))!;
    expect(line).toBe(`- **Hoort erbij** — ${escapeInline(HOSTILE_NAME)}: ${escapeInline(HOSTILE)}`);
    expect(unescapeMarkdown(line.slice(line.indexOf(': ') + 2))).toBe(HOSTILE);
    expect(md).toContain('\\*\\*bold\\*\\* \\| pipe \\# heading \\<at>x\\</at> \\[link\\](http://x)');
    // Nothing of it is left unescaped anywhere in the report.
    expect(md).not.toMatch(/(?<!\\)<at>/);
    expect(md).not.toMatch(/(?<!\\)\[link/);
  });

  it('keeps the headings single headings and the table three columns', () => {
    expect(headings(md, 1)).toEqual(['# Verslag tafelgesprek: Tafel \\#3 \\| \\<b>Noord\\</b> \\#']);
    const rows = mdLines.filter((l) => l.startsWith('|'));
    expect(rows.map((r) => cells(r).length)).toEqual(rows.map(() => 3));
    expect(rows.map((r) => unescapeMarkdown(cells(r)[1]!))).toContain(`${HOSTILE_INTENTION} (eigen bedoeling)`);
  });

  it('keeps a multi-line note inside its list item, with no line starting a block', () => {
    const start = mdLines.findIndex((l) => l.startsWith('- Eerste regel'));
    expect(mdLines.slice(start, start + 4)).toEqual([
      '- Eerste regel\\',
      '  \\# geen kop\\',
      '  \\- geen lijst\\',
      '  \\| geen \\| tabel \\|',
    ]);
  });

  it('escapes names, roles, reasons, conclusions, discussion, policy goals and slotvraag answers', () => {
    expect(md).toContain('- Anna \\*de\\* Vries\\_\\[x\\] (\\`code\\` & \\<script>)');
    expect(md).toContain('  Betrokkenheid: \\> citaat\\\n  1\\. lijst');
    expect(md).toContain('- **Karaktereigenschap:** \\<b>vet\\</b>');
    expect(md).toContain('- \\# Conclusie \\| met pipe');
    expect(md).toContain('- Doel \\| met \\*sterretjes\\*');
    expect(md).toContain(`- ${escapeInline(HOSTILE_NAME)}: ${escapeInline(HOSTILE)}`);
    const argumentLines = mdLines.filter((l) => l.includes('1\\. eerste'));
    expect(argumentLines).toHaveLength(1);
  });
});

describe('the English report', () => {
  const en = tableSummaryMarkdown(buildTableSummary(ended, 'en'), 'en');

  it('has English headings', () => {
    expect(headings(en, 1)).toEqual(['# Table conversation report: Tafel Noord']);
    expect(headings(en, 2)).toEqual([
      '## Participants',
      '## Round 1: exploring',
      '## Round 2: filling in the model together',
      '## Round 3: the intention of investing in the social basis',
      '## Closing question: what participants take away',
      '## Notes and quotes',
      '## What happens with the results',
    ]);
  });

  it('has none of the Dutch words of the report in its headings and labels', () => {
    // The deck and what participants typed stay Dutch; the report's own words must not.
    const own = [...en.matchAll(/^#+ (.*)$/gm), ...en.matchAll(/\*\*([^*]+)\*\*/g)].map((m) => m[1]!);
    const dutch = Object.entries(nl)
      .filter(([key]) => key.startsWith('report.') || key.startsWith('role.'))
      .map(([, text]) =>
        text
          .split(/\{\w+\}/)[0]!
          .trim()
          .toLowerCase(),
      )
      .filter((text) => text.length >= 5);
    expect(dutch.length).toBeGreaterThan(40);
    for (const part of own) for (const text of dutch) expect(part.toLowerCase()).not.toContain(text);
  });

  it('uses English for marks, reasons, moves, spreads, people and the default cards', () => {
    expect(en).toContain('- **Community centre** — divided\n  - **Purpose or effect:** Ontmoeting');
    expect(en).toContain('  - Silent placement: institutional 4, communal 2, doubt / border area 1');
    expect(en).toContain('  - Placed earlier in: doubt / border area');
    expect(en).toContain('- **Buurtmoestuin (own card)** — agreed');
    expect(en).toContain('- **Facilitator:** Lea Jansen');
    expect(en).toContain('- participant 2 (Opbouwwerker bij de welzijnsorganisatie)');
    expect(en).toContain('| 1 (shared) | More connection between residents | 6 |');
    expect(en).not.toContain('Buurthuis');
    expect(en).toContain('Social Basis Conversation Model · 12 March 2025');
    expect(en).toContain('- participant 7 (guest, Vrijwilliger bij de voedselbank)');
  });
});
