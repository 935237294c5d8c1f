/**
 * Export links name one table or one session as it was started, not the chat it ran in nor the join
 * code it had. Over HTTP against Redis, with the links read from the cards the bot posted in the
 * organiser's thread: a table's link serves nothing once another table runs in that chat (after the
 * first one ended, or after `wis`), and a session's link serves nothing once `sessie wis` is followed
 * by a new session that happens to draw the same code.
 */
import type { RandomInt } from '../../src/domain';
import { startApp } from '../support/app-harness';
import type { Harness } from '../support/bot-under-test';
import { actionByVerb, actionsOf, cardOfCall, cardText, findAll, headingOf, type Card } from '../support/cards';
import { channelConversation } from '../support/channel-conversation';
import { E2ETable, REDIS_URL, redisKeysUnder, removeRedisKeys, uniqueRedisPrefix } from '../support/e2e-table';
import { user } from '../support/teams-activity';

const PREFIX = uniqueRedisPrefix();
const ENV = { REDIS_URL, REDIS_KEY_PREFIX: PREFIX, OUTBOUND_RATE_LIMITS: 'off' };

/** Draws the same join code every time: a new session after `sessie wis` gets the erased one's code. */
const sameCode: RandomInt = (max) => 5 % max;

const ORGANISER = user(700, 'Olga Organisator');
const LEADER = user(710, 'Lieke Leider');
const FIRST = user(711, 'Anna Eerste');
const SECOND = user(712, 'Bert Tweede');
const OTHER_LEADER = user(720, 'Lars Leider');

let h: Harness;
beforeAll(async () => {
  h = await startApp(ENV, { randomInt: sameCode });
});
afterAll(async () => {
  await h?.close();
  await removeRedisKeys(REDIS_URL, PREFIX);
  expect(await redisKeysUnder(REDIS_URL, PREFIX)).toEqual([]);
});

/** The download buttons (Action.OpenUrl) of a card. */
function linksOf(card: Card | undefined): string[] {
  return actionsOf(card)
    .filter((a) => a.type === 'Action.OpenUrl')
    .map((a) => String(a.url));
}

/** A link as the organiser opens it: its path, against the bot under test. */
async function download(link: string): Promise<{ status: number; body: string }> {
  const res = await fetch(new URL(new URL(link).pathname, h.botUrl));
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()).toString('utf8') };
}

/** Every link answers 404 with a page that says the report is gone: nothing of whatever now holds the chat or the code. */
async function expectGone(links: string[]): Promise<void> {
  expect(links.length).toBe(5);
  for (const link of links) {
    const { status, body } = await download(link);
    expect(status).toBe(404);
    expect(body).toContain('Dit verslag is er niet meer');
    expect(body).not.toMatch(/Tafel|Wijkavond|Lieke|Lars/);
  }
}

/** Every link serves its export, the Markdown one with this text in it. */
async function expectServed(links: string[], text: string): Promise<void> {
  expect(links.length).toBe(5);
  for (const link of links) expect((await download(link)).status).toBe(200);
  expect((await download(links[0]!)).body).toContain(text);
}

describe('export links name one table and one session, never the chat or the code (redis store)', () => {
  const thread = channelConversation();
  let channel: E2ETable;
  let code = '';
  let sessionLinks: string[] = [];
  /** The table chat whose first table ended and whose second is still running. */
  let chat: E2ETable;
  let firstLinks: string[] = [];
  let secondLinks: string[] = [];

  /** The table's summary in the thread as it stands now (its latest update, else the post). */
  function summaryInThread(title: string): Card {
    const calls = h.connector.calls.filter((c) => c.conversationId === thread.id && headingOf(cardOfCall(c)) === `Samenvatting: ${title}`);
    if (calls.length === 0) throw new Error(`no summary of ${title} in the thread`);
    return cardOfCall(calls[calls.length - 1])!;
  }

  /** `sessie nieuw`, the form submitted: the session card in the thread, and its code. */
  async function newSession(title: string): Promise<{ code: string; card: Card }> {
    const form = await channel.sayOne(ORGANISER, `sessie nieuw ${title}`);
    await channel.press(ORGANISER, 'session.create', { ...actionByVerb(form, 'session.create')!.data, title });
    const posted = h.connector.posts(thread.id).filter((c) => headingOf(cardOfCall(c)) === `Sessie: ${title}`);
    const card = cardOfCall(posted[posted.length - 1])!;
    const run = findAll(card, (n) => n.type === 'TextRun' && n.size === 'ExtraLarge')[0];
    if (!run) throw new Error(`no code on the session card:\n${cardText(card)}`);
    return { code: String(run.text), card };
  }

  beforeAll(async () => {
    channel = new E2ETable(h, ORGANISER, { chat: thread });
    const made = await newSession('Wijkavond Links');
    code = made.code;
    sessionLinks = linksOf(made.card);
  });

  it('a table’s link serves nothing of the next table in the same chat, once the first has ended', async () => {
    chat = new E2ETable(h, LEADER);
    await chat.say(LEADER, `start ${code} Tafel Eerste`);
    await chat.join(FIRST);
    await chat.say(LEADER, 'stop');
    await h.app.sessions.channel.idle();
    firstLinks = linksOf(summaryInThread('Tafel Eerste'));
    await expectServed(firstLinks, 'Tafel Eerste');
    // The summary in the thread says until when its buttons work, in each reader's time zone.
    const expiry = findAll(summaryInThread('Tafel Eerste'), (n) => n.type === 'TextBlock').map((n) => String(n.text));
    expect(expiry).toEqual([
      expect.stringMatching(/^De downloadknoppen werken tot \{\{DATE\(\S+Z, SHORT\)\}\} om \{\{TIME\(\S+Z\)\}\}\.$/),
    ]);

    // A new table in the same chat (same tenant, same conversation): the first one's links are dead.
    await chat.say(LEADER, `start ${code} Tafel Tweede`);
    await chat.join(SECOND);
    await chat.say(LEADER, 'samenvatting');
    await h.app.outbound.idle();
    secondLinks = linksOf(summaryInThread('Tafel Tweede'));
    await expectServed(secondLinks, 'Tafel Tweede');
    await expectGone(firstLinks);
    for (const link of firstLinks) expect((await download(link)).body).not.toContain('Tafel Tweede');
  });

  it('after `wis` and a new table in the same chat, the erased table’s link serves nothing, ever', async () => {
    const other = new E2ETable(h, OTHER_LEADER);
    await other.say(OTHER_LEADER, `start ${code} Tafel Gewist`);
    await other.say(OTHER_LEADER, 'samenvatting');
    await h.app.outbound.idle();
    const erasedLinks = linksOf(summaryInThread('Tafel Gewist'));
    await expectServed(erasedLinks, 'Tafel Gewist');

    const confirm = await other.sayOne(OTHER_LEADER, 'wis');
    const done = await other.press(OTHER_LEADER, 'erase.confirm', actionByVerb(confirm, 'erase.confirm')!.data);
    expect(cardText(done.card)).toBe('Alle gegevens van tafel ‘Tafel Gewist’ zijn gewist.');
    await expectGone(erasedLinks);

    await other.say(OTHER_LEADER, `start ${code} Tafel Daarna`);
    await other.say(OTHER_LEADER, 'samenvatting');
    await h.app.outbound.idle();
    await expectServed(linksOf(summaryInThread('Tafel Daarna')), 'Tafel Daarna');
    await expectGone(erasedLinks);
  });

  it('after `sessie wis`, a new session with the same code is not served by the old session’s links', async () => {
    await expectServed(sessionLinks, 'Wijkavond Links');
    const confirm = await channel.sayOne(ORGANISER, 'sessie wis');
    await channel.press(ORGANISER, 'erase.confirm', actionByVerb(confirm, 'erase.confirm')!.data);
    await h.app.sessions.channel.idle();
    await h.app.outbound.idle();
    await expectGone(sessionLinks);

    const again = await newSession('Wijkavond Opnieuw');
    expect(again.code).toBe(code);
    // The chat of the first two tables starts a third, linked to the new session with the same code.
    await chat.say(LEADER, `start ${code} Tafel Derde`);
    await chat.join(FIRST);
    await chat.say(LEADER, 'samenvatting');
    await h.app.outbound.idle();
    await expectServed(linksOf(again.card), 'Wijkavond Opnieuw');
    await expectServed(linksOf(summaryInThread('Tafel Derde')), 'Tafel Derde');

    await expectGone(sessionLinks);
    for (const link of sessionLinks) expect((await download(link)).body).not.toMatch(/Wijkavond Opnieuw|Tafel Derde/);
    await expectGone(firstLinks);
    await expectGone(secondLinks);
  });
});
