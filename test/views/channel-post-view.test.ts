/**
 * A table's post in the organiser's thread: under 8 KB with its download buttons for the largest
 * table the limits allow, names only with consent, the top three intentions, at most three
 * conclusions, the picture only when there is one, and user text only as TextRuns.
 */
import { groupView, SESSION_LIMITS, type Language, type TableState } from '../../src/domain';
import { t } from '../../src/i18n';
import { buildTableSummary } from '../../src/report/table-summary';
import { CHANNEL_POST_BUDGET, channelPostCard } from '../../src/views/channel-post-view';
import { cardBytes } from '../../src/views/fit';
import { actionsOf, cardText, findAll, pictureTapsOf } from '../support/cards';
import { ANNA, CARLA, endedTable, ESRA, HIDDEN_NAMES, HOSTILE, LEA, round1Revealed } from '../report/fixtures';
import { maxTable } from './max-table';

const LANGS: Language[] = ['nl', 'en'];
const summaryOf = (state: TableState, lang: Language = 'nl') => buildTableSummary(groupView(state), lang);

/** Five signed links as long as the bot makes them. */
const LINKS = ['md', 'csv', 'json', 'pptx', 'docx'].map((kind) => ({
  title: `Download (${kind}), werkt tot 12 april 2026`,
  url: `https://sociale-basis-bot.gemeente-voorbeeld.nl/exports/t/KX7M4P/1741786200000/${'x'.repeat(43)}/1741786200000/${kind}/nl/1744416000/${'s'.repeat(43)}`,
}));
const PICTURE = `https://sociale-basis-bot.gemeente-voorbeeld.nl/pictures/t/KX7M4P/1741786200000/${'x'.repeat(43)}/1744416000/${'s'.repeat(43)}.png`;

/** The table as it ended, with these conclusions recorded. */
function withConclusions(state: TableState, texts: string[]): TableState {
  return { ...state, round2: { ...state.round2, conclusions: texts.map((text, i) => ({ text, by: LEA.id, at: i })) } };
}

function expectTextOnlyInRuns(card: object) {
  expect(findAll(card, (n) => n.type === 'TextBlock' || n.type === 'FactSet')).toEqual([]);
  for (const block of findAll(card, (n) => n.type === 'RichTextBlock')) {
    for (const run of block.inlines) expect(run).toMatchObject({ type: 'TextRun', text: expect.any(String) });
  }
}

describe('the channel post of a table', () => {
  it.each([
    ['8 people, a 100-card deck, every text at its maximum', () => maxTable({ deck: 100, text: 'max', placeAll: true })],
    [
      '60 people, the most a session allows, and a 100-card deck',
      () => maxTable({ deck: 100, text: 'max', placeAll: true, participants: SESSION_LIMITS.maxTableSize }),
    ],
  ])('stays under 8 KB with its buttons and picture: %s', (_name, make) => {
    const state = make();
    for (const lang of LANGS) {
      const card = channelPostCard(summaryOf(state, lang), lang, { links: LINKS, pictureUrl: PICTURE });
      expect(cardBytes(card)).toBeLessThanOrEqual(CHANNEL_POST_BUDGET);
      expect(CHANNEL_POST_BUDGET).toBeLessThan(8 * 1024);
      expect(actionsOf(card).map((a) => a.url)).toEqual(LINKS.map((l) => l.url));
      expect(findAll(card, (n) => n.type === 'Image')[0]?.url).toBe(PICTURE);
      expect(pictureTapsOf(card)).toEqual([{ type: 'Action.OpenUrl', url: PICTURE, title: t(lang, 'picture.open') }]);
      expectTextOnlyInRuns(card);
    }
  });

  it('names only who consented; the top three intentions; at most three conclusions; no picture without one', () => {
    const state = withConclusions(
      endedTable(),
      ['Eerste', 'Tweede', 'Derde', 'Vierde', 'Vijfde'].map((n) => `${n} conclusie, met een komma`),
    );
    const summary = summaryOf(state);
    const card = channelPostCard(summary, 'nl', { links: LINKS.slice(0, 1) });
    const text = cardText(card);
    for (const name of HIDDEN_NAMES) expect(JSON.stringify(card)).not.toContain(name);
    // Names with consent, separated by semicolons (a name or role may hold a comma).
    expect(text).toContain(`${ANNA.name}`);
    expect(text).toMatch(new RegExp(`${CARLA.name}.*; .*${ESRA.name}`));
    expect(text).toMatch(/en 4 anderen/);
    const voting = summary.round3.voting;
    if (voting.type !== 'closed') throw new Error('the fixture closes the voting');
    for (const row of voting.ranking.slice(0, 3)) expect(text).toContain(`${row.card.title} — ${row.stickers} stickers`);
    for (const row of voting.ranking.slice(3)) expect(text).not.toContain(`${row.card.title} — `);
    const all = summary.round2.conclusions;
    expect(all.length).toBeGreaterThan(3);
    for (const c of all.slice(0, 3)) expect(text).toContain(`• ${c}`);
    for (const c of all.slice(3)) expect(text).not.toContain(c);
    expect(text).toContain(`En nog ${all.length - 3} in de downloads.`);
    expect(findAll(card, (n) => n.type === 'Image')).toEqual([]);
    expect(text).not.toMatch(/Ingekort/);
  });

  it('before the voting closes, and before the reveal, it shows nothing of what is still silent', () => {
    const state = round1Revealed();
    const card = channelPostCard(summaryOf(state), 'nl');
    const text = cardText(card);
    expect(text).toContain('De tafel is nog bezig');
    expect(text).toContain('Er zijn geen stickers geplakt.');
    expect(text).toContain('Er zijn geen voorlopige conclusies vastgelegd.');
  });

  it('the largest table says it was shortened, and keeps every count', () => {
    const state = maxTable({ deck: 100, text: 'max', placeAll: true, participants: SESSION_LIMITS.maxTableSize });
    const text = cardText(channelPostCard(summaryOf(state), 'nl', { links: LINKS }));
    expect(text).toContain('Ingekort om de draad overzichtelijk te houden. Alles staat in de downloads hieronder.');
    expect(text).toContain(`${SESSION_LIMITS.maxTableSize} deelnemers`);
  });

  it('what a table typed is never markup', () => {
    const state = withConclusions(endedTable(), [HOSTILE]);
    const card = channelPostCard(summaryOf({ ...state, title: HOSTILE }), 'nl');
    expectTextOnlyInRuns(card);
    expect(findAll(card, (n) => n.type === 'TextRun' && String(n.text).includes('**bold**')).length).toBeGreaterThan(0);
  });
});
