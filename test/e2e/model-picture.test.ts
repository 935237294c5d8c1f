/**
 * The model picture in the chat, over HTTP: the board card carries an Image whose address is a signed
 * link to the bot, which serves a PNG; the address changes when a card is placed (Teams caches images
 * by address) and the alt text lists the placements. `samenvatting`'s summary card at afsluiting
 * carries the same picture.
 */
import type { Harness } from '../support/bot-under-test';
import { startHarness } from '../support/bot-under-test';
import { cardOfCall, findAll, headingOf, type Card } from '../support/cards';
import type { ConnectorCall } from '../support/connector-stand-in';
import { E2ETable } from '../support/e2e-table';
import { user } from '../support/teams-activity';

const LEADER = user(810, 'Lieke Leider');
const ANNA = user(811, 'Anna Eerste');

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

function imageOf(card: Card | undefined): { url: string; altText: string } {
  const images = findAll(card, (n) => n.type === 'Image');
  expect(images).toHaveLength(1);
  return { url: String(images[0]!.url), altText: String(images[0]!.altText) };
}

/** Round 1 with one participant's picks, revealed, then Round 2: the board is posted. */
async function toRound2(t: E2ETable): Promise<ConnectorCall[]> {
  await t.join(ANNA);
  await t.toRound1();
  await t.submit(ANNA, { in: ['buurthuis', 'Iedereen komt er.'], out: ['huisarts', 'Zorg.'], doubt: ['bibliotheek', 'Soms.'] });
  await t.say(LEADER, 'onthul');
  return t.say(LEADER, 'volgende');
}

/** The picture as Teams fetches it: its path, against the bot under test. */
async function fetchPicture(url: string): Promise<{ status: number; type: string | null; body: Buffer }> {
  const res = await fetch(new URL(new URL(url).pathname, h.botUrl));
  return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
}

it('shows the filled model as a picture on the board card, with a new address and alt text after each placement', async () => {
  const t = new E2ETable(h, LEADER);
  await t.start('Tafel Beeld');
  const posted = await toRound2(t);
  const boardPost = posted.find((p) => headingOf(cardOfCall(p)).startsWith('Het model'));
  expect(boardPost).toBeDefined();
  const first = imageOf(cardOfCall(boardPost));
  expect(first.url).toMatch(/^http:\/\/localhost:\d+\/pictures\/t\/[A-Za-z0-9_-]{27}\/\d+\/[A-Za-z0-9_-]{16}\/nl\/\d+\/[A-Za-z0-9_-]{43}$/);
  // Without PUBLIC_URL the link points to the port the bot really listens on, not to PORT=0.
  expect(new URL(first.url).port).toBe(new URL(h.botUrl).port);
  expect(first.altText).toBe('Het model van Tafel Beeld. Nog geen kaartjes op het model');
  const empty = await fetchPicture(first.url);
  expect(empty.status).toBe(200);
  expect(empty.type).toBe('image/png');
  expect([empty.body.readUInt32BE(16), empty.body.readUInt32BE(20)]).toEqual([1200, 800]);

  await t.press(LEADER, 'board.place', { card: 'buurthuis', zone: 'community', agreement: 'divided' });
  const boardId = boardPost!.responseId!;
  const updated = await t.waitForCard(boardId, (_text, card) => imageOf(card).url !== first.url, 'the board with a new picture');
  const second = imageOf(updated);
  expect(second.altText).toBe('Het model van Tafel Beeld. Gemeenschappelijke sociale basis: Buurthuis (verdeeld).');
  const placed = await fetchPicture(second.url);
  expect(placed.status).toBe(200);
  expect(placed.body.equals(empty.body)).toBe(false);

  // `model` posts the board again, with the same picture as the card it replaces.
  const again = await t.sayOne(LEADER, 'model');
  expect(imageOf(again).url).toBe(second.url);
});

it('shows the picture on the summary card at afsluiting', async () => {
  const t = new E2ETable(h, LEADER);
  await t.start('Tafel Slot');
  await toRound2(t);
  await t.press(LEADER, 'board.place', { card: 'buurthuis', zone: 'institutional', agreement: 'agree' });
  let posted = await t.say(LEADER, 'volgende');
  for (let i = 0; i < 3 && !posted.some((p) => headingOf(cardOfCall(p)).startsWith('Samenvatting')); i++)
    posted = await t.say(LEADER, 'volgende');
  const summary = posted.map((p) => cardOfCall(p)).find((c) => findAll(c, (n) => n.type === 'Image').length > 0);
  expect(summary).toBeDefined();
  const { url, altText } = imageOf(summary);
  expect(altText).toContain('Institutionele sociale basis: Buurthuis.');
  expect((await fetchPicture(url)).status).toBe(200);
});
