/**
 * `samenvatting` over HTTP, at a table without an organiser's session: a short card, never Markdown
 * in the chat. The leider's card has download buttons (Word first) that say until when they work;
 * the Word report they open holds what the group may see (revealed picks with their arguments, the
 * names of those who consented) and nothing else. A participant gets the card without buttons.
 */
import JSZip from 'jszip';
import { LEIDER, person, picksFor, runTag } from '../fixtures/round1-people';
import { actionsOf, blocks, cardOfCall, cardText, findAll, headingOf, type Card } from '../support/cards';
import type { ConnectorCall } from '../support/connector-stand-in';
import { E2ETable, useBot } from '../support/e2e-table';

const ANNA = person(0);
const BRAM = person(1);

/** The text of a Word document's body, its runs joined per paragraph. */
async function wordText(body: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(body);
  const xml = await zip.file('word/document.xml')?.async('string');
  if (!xml) throw new Error('no word/document.xml in the download');
  return xml
    .split(/<\/w:p>/)
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");
}

describe('samenvatting: a short card with downloads for the leider, at a table without a session', () => {
  const bot = useBot({ OUTBOUND_RATE_LIMITS: 'off' });
  const tag = runTag();
  let t: E2ETable;

  /** `samenvatting` from `who`: exactly one message, a card, no text. */
  async function summaryOf(who: typeof LEIDER): Promise<{ call: ConnectorCall; card: Card }> {
    const posted = await t.say(who, 'samenvatting');
    expect(posted).toHaveLength(1);
    const call = posted[0]!;
    return { call, card: cardOfCall(call)! };
  }

  function linksOf(card: Card): Array<{ title: string; url: string }> {
    return actionsOf(card)
      .filter((a) => a.type === 'Action.OpenUrl')
      .map((a) => ({ title: String(a.title), url: String(a.url) }));
  }

  async function download(url: string): Promise<{ status: number; type: string | null; body: Buffer }> {
    const res = await fetch(new URL(new URL(url).pathname, bot.h.botUrl));
    return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
  }

  beforeAll(async () => {
    t = new E2ETable(bot.h, LEIDER);
    await t.start('Tafel Zonder Sessie');
    await t.join(ANNA, BRAM);
    await t.press(ANNA, 'consent.set', { consent: true });
    await t.toRound1();
    await t.submit(ANNA, picksFor(tag, 0));
    await t.submit(BRAM, picksFor(tag, 1));
  });

  it('before the reveal: no Markdown in the chat, and the Word report holds no pick', async () => {
    const { call, card } = await summaryOf(LEIDER);
    // A card, not text: nothing of the report as Markdown in the chat.
    expect(call.body?.text ?? '').toBe('');
    expect(JSON.stringify(call.body)).not.toMatch(/```|## |\*\*Gespreksleider/);
    expect(headingOf(card)).toBe('Samenvatting: Tafel Zonder Sessie');
    expect(cardText(card)).toContain('Ronde 1: 2 van de 2 deelnemers leverden in; de keuzes zijn nog niet onthuld.');
    expect(cardText(card)).not.toContain(tag);

    const docx = linksOf(card).find((l) => l.title === 'Verslag (Word)')!;
    const file = await download(docx.url);
    expect(file.status).toBe(200);
    const text = await wordText(file.body);
    expect(text).toContain('Verslag tafelgesprek: Tafel Zonder Sessie');
    expect(text).toContain('De keuzes van deze ronde zijn niet onthuld');
    expect(text).not.toContain(tag);
    // The filled model is in the report as a picture.
    const media = Object.keys((await JSZip.loadAsync(file.body)).files).filter((name) => /^word\/media\/.+\.png$/.test(name));
    expect(media).toHaveLength(1);
  });

  it('after the reveal: the leider’s card has five download buttons, Word first, and says until when they work', async () => {
    await t.say(LEIDER, 'onthul');
    const { card } = await summaryOf(LEIDER);
    const links = linksOf(card);
    expect(links.map((l) => l.title)).toEqual(['Verslag (Word)', 'Verslag (Markdown)', 'Gegevens (CSV)', 'Gegevens (JSON)', 'PowerPoint']);
    // Table links need no session: they name the table instance only.
    for (const l of links) expect(new URL(l.url).pathname).toMatch(/^\/exports\/c\//);
    // Teams formats the date and time for each reader: RFC 3339 without milliseconds, in a TextBlock.
    const expiry = findAll(card.body, (n) => n.type === 'TextBlock').map((n) => String(n.text));
    expect(expiry).toHaveLength(1);
    expect(expiry[0]).toMatch(
      /^De knoppen werken tot \{\{DATE\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ, SHORT\)\}\} om \{\{TIME\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)\}\}\./,
    );
    expect(cardText(card)).toContain('Aan tafel: Anna Achterberg; deelnemer 2');
    expect(cardText(card)).toContain('Ronde 1: 2 van de 2 deelnemers kozen; het meest genoemd:');

    const word = await download(links[0]!.url);
    expect(word.type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const text = await wordText(word.body);
    // Every revealed argument, Anna by name (she consented), Bram not.
    for (const i of [0, 1]) for (const [, argument] of Object.values(picksFor(tag, i))) expect(text).toContain(argument);
    expect(text).toContain('Anna Achterberg');
    expect(text).toContain('deelnemer 2');
    expect(text).not.toContain(BRAM.name);
    expect(text).not.toContain(LEIDER.name);
    for (const l of links.slice(1)) expect((await download(l.url)).status).toBe(200);
  });

  it('a participant gets the same short card without downloads, and a line that says who can download', async () => {
    const { call, card } = await summaryOf(ANNA);
    expect(call.body?.text ?? '').toBe('');
    expect(linksOf(card)).toEqual([]);
    expect(blocks(card).join('\n')).toContain('Het volledige verslag (Word, Markdown en meer) kan de gespreksleider downloaden');
    expect(findAll(card.body, (n) => n.type === 'TextBlock')).toEqual([]);
  });

  it('a link from the card serves nothing once the table is erased, and says whom to ask', async () => {
    const { card } = await summaryOf(LEIDER);
    const url = linksOf(card)[0]!.url;
    await t.say(LEIDER, 'wis');
    const confirm = t
      .posts()
      .map((p) => cardOfCall(p))
      .reverse()
      .find((c) => actionsOf(c).some((a) => a.verb === 'erase.confirm'));
    if (!confirm) throw new Error('no erase confirmation');
    const erase = actionsOf(confirm).find((a) => a.verb === 'erase.confirm')!;
    await t.press(LEIDER, 'erase.confirm', erase.data);
    const res = await fetch(new URL(new URL(url).pathname, bot.h.botUrl));
    expect(res.status).toBe(404);
    const page = await res.text();
    expect(page).toContain('Dit verslag is er niet meer');
    expect(page).toContain('<b>samenvatting</b>');
    expect(page).not.toContain('Tafel Zonder Sessie');
  });
});
