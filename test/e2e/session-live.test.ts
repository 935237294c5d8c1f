/**
 * The organiser's thread stays readable while the tables work, over HTTP against Redis: the session
 * card counts the tables as they link, end and are erased; there is one totaalbeeld, which a second
 * `totaalbeeld` and every step of a table bring up to date in place, with Round 1 over the tables
 * and the slotvraag's insights; after `wis` it no longer shows the table. Nothing a participant did
 * not reveal, and no name given without consent, ever reaches the thread.
 */
import { actionByVerb, blocks, cardOfCall, cardText, headingOf, type Card } from '../support/cards';
import { channelConversation } from '../support/channel-conversation';
import { E2ETable, idOf, REDIS_URL, uniqueRedisPrefix, useBot } from '../support/e2e-table';
import { user } from '../support/teams-activity';

const ORGANISER = user(700, 'Olga Organisator');
const LEIDER_A = user(710, 'Lieke Leider');
const LEIDER_B = user(720, 'Lars Leider');
const NAMED = user(711, 'Anna Akkermans');
const UNNAMED = user(712, 'Bert Verborgen');
const SECRET = 'Geheim argument van Bert';

function codeOnCard(card: Card | undefined): string {
  const text = blocks(card).find((l) => /^[A-Z0-9]{3}-[A-Z0-9]{3}$/.test(l));
  if (!text) throw new Error(`no code on the card:\n${cardText(card)}`);
  return text;
}

describe('the session card and the one totaalbeeld follow the tables (redis store)', () => {
  const bot = useBot({ REDIS_URL, REDIS_KEY_PREFIX: uniqueRedisPrefix() });
  const thread = channelConversation();
  let channel: E2ETable;
  let code = '';
  let cardId = '';
  let overviewId = '';
  const a = () => new E2ETable(bot.h, LEIDER_A);
  let tableA: E2ETable;
  let tableB: E2ETable;

  const settle = async () => {
    await bot.h.app.sessions.channel.idle();
    await bot.h.app.outbound.idle();
  };
  const posts = (heading: RegExp) => bot.h.connector.posts(thread.id).filter((c) => heading.test(headingOf(cardOfCall(c))));
  const sessionCard = () => cardText(channel.currentCard(cardId));
  const overview = () => blocks(channel.currentCard(overviewId));
  /** Everything the bot sent into the organiser's thread, cards and updates included. */
  const threadTraffic = () => bot.h.connector.everythingSent(thread.id);

  beforeAll(async () => {
    channel = new E2ETable(bot.h, ORGANISER, { chat: thread });
    const form = await channel.sayOne(ORGANISER, 'sessie nieuw Wijkavond Live');
    await channel.press(ORGANISER, 'session.create', { ...actionByVerb(form, 'session.create')!.data, title: 'Wijkavond Live' });
    const posted = posts(/^Sessie:/);
    expect(posted).toHaveLength(1);
    cardId = idOf(posted[0]!);
    code = codeOnCard(cardOfCall(posted[0]));
    tableA = a();
    tableB = new E2ETable(bot.h, LEIDER_B);
  });

  it('the session card counts the tables as they link, by name', async () => {
    expect(sessionCard()).toContain('0 van maximaal 50');
    await tableA.say(LEIDER_A, `start ${code} Tafel Akker`);
    await settle();
    expect(sessionCard()).toContain('1 van maximaal 50');
    await tableB.start('Tafel Beek, aan het water');
    await tableB.say(LEIDER_B, `koppel ${code}`);
    await settle();
    expect(sessionCard()).toContain('2 van maximaal 50');
    // Titles may hold commas: the names are separated by semicolons.
    expect(sessionCard()).toContain('Tafel Akker; Tafel Beek, aan het water');
    expect(posts(/^Sessie:/)).toHaveLength(1);
    // Its download buttons say until when they work (Teams formats the time for each reader).
    expect(sessionCard()).toMatch(/De downloadknoppen werken tot \{\{DATE\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ, SHORT\)\}\}/);
  });

  it('`totaalbeeld` posts the one totaalbeeld; the tables’ steps update it; silent picks stay out', async () => {
    const first = await channel.sayOne(ORGANISER, 'totaalbeeld');
    expect(headingOf(first)).toBe('Totaalbeeld: Wijkavond Live');
    overviewId = idOf(posts(/^Totaalbeeld:/)[0]!);

    await tableA.join(NAMED, UNNAMED);
    await tableA.press(NAMED, 'consent.set', { consent: true });
    await tableA.toRound1();
    await tableA.submit(NAMED, { in: ['buurthuis', 'Open voor iedereen'], out: ['huisarts', 'Zorg'], doubt: ['park', 'Plek'] });
    await tableA.submit(UNNAMED, { in: ['buurthuis', SECRET], out: ['loket', SECRET], doubt: ['park', SECRET] });
    // A leider's `samenvatting` before the reveal: the table's post in the thread has none of the picks.
    await tableA.say(LEIDER_A, 'samenvatting');
    await settle();
    expect(overview()).toContain('1. Tafel Akker: 2 deelnemers, Ronde 1: verkennen');
    expect(overview()).toContain('Aan geen enkele tafel zijn de keuzes van ronde 1 al onthuld; tot dan blijven ze geheim.');
    expect(threadTraffic()).not.toContain(SECRET);
    expect(threadTraffic()).not.toContain('Open voor iedereen');

    await tableA.say(LEIDER_A, 'onthul');
    await tableA.say(LEIDER_A, 'volgende');
    await settle();
    expect(overview()).toContain('1. Tafel Akker: 2 deelnemers, Ronde 2: samen invullen');
    expect(overview()).toContain('Buurthuis — hoort erbij: 2 (aan 1 tafel(s))');
    expect(overview()).toContain('Het park — twijfel: 2 (aan 1 tafel(s))');
    expect(posts(/^Totaalbeeld:/)).toHaveLength(1);
    expect(overview()).toEqual(expect.arrayContaining([expect.stringMatching(/^De downloadknoppen werken tot \{\{DATE\(/)]));
    // The combined model of the session, as a signed picture link of the session.
    expect(JSON.stringify(channel.currentCard(overviewId))).toMatch(/"type":"Image","url":"[^"]*\/pictures\/s\//);
  });

  it('a second `totaalbeeld` updates the first message instead of posting another', async () => {
    const before = bot.h.connector.updates(thread.id).filter((u) => u.activityId === overviewId).length;
    const answer = await channel.sayOne(ORGANISER, 'totaalbeeld');
    expect(cardText(answer)).toBe(
      'Het totaalbeeld van sessie ‘Wijkavond Live’ is bijgewerkt, in het bericht ‘Totaalbeeld’ eerder in deze draad.',
    );
    await settle();
    expect(posts(/^Totaalbeeld:/)).toHaveLength(1);
    expect(bot.h.connector.updates(thread.id).filter((u) => u.activityId === overviewId).length).toBeGreaterThan(before);
  });

  it('a totaalbeeld someone removed from the thread is posted anew, and the old message is removed', async () => {
    const removed = overviewId;
    bot.h.connector.removed.add(removed);
    await channel.say(ORGANISER, 'totaalbeeld');
    await settle();
    const all = posts(/^Totaalbeeld:/);
    expect(all).toHaveLength(2);
    overviewId = idOf(all[1]!);
    expect(bot.h.connector.calls.some((c) => c.method === 'DELETE' && c.activityId === removed)).toBe(true);
    // From now on the new one is kept up to date.
    await channel.sayOne(ORGANISER, 'totaalbeeld');
    await settle();
    expect(posts(/^Totaalbeeld:/)).toHaveLength(2);
    expect(bot.h.connector.updates(thread.id).some((u) => u.activityId === overviewId)).toBe(true);
  });

  it('an ended table frees its place; its insights show in the totaalbeeld without names', async () => {
    await tableA.say(LEIDER_A, 'volgende');
    await tableA.say(LEIDER_A, 'volgende');
    await tableA.press(NAMED, 'closing.submit', { learned: 'Het park telt ook mee', action: 'Buren uitnodigen' });
    await tableA.press(UNNAMED, 'closing.submit', { learned: 'Geleerd door Bert', action: '' });
    await tableA.say(LEIDER_A, 'volgende');
    await settle();
    const card = sessionCard();
    expect(card).toContain('1 van maximaal 50');
    expect(card).toContain('Afgesloten (tellen niet mee voor het maximum): Tafel Akker');
    const lines = overview();
    expect(lines).toContain('1. Tafel Akker: 2 deelnemers, Afsluiting');
    expect(lines).toContain('Slotvraag: inzichten per tafel');
    expect(lines).toEqual(
      expect.arrayContaining(['Geleerd: Het park telt ook mee', 'Geleerd: Geleerd door Bert', 'Aan de slag: Buren uitnodigen']),
    );

    // The table's post in the thread: compact, the named participant by name, the other not.
    const post = cardOfCall(posts(/^Samenvatting: Tafel Akker/)[0]);
    expect(post).toBeDefined();
    const current = cardText(channel.currentCard(idOf(posts(/^Samenvatting: Tafel Akker/)[0]!)));
    expect(current).toContain(`Wie deden mee\n${NAMED.name}; en 1 ander`);
    expect(Buffer.byteLength(JSON.stringify(channel.currentCard(idOf(posts(/^Samenvatting: Tafel Akker/)[0]!))))).toBeLessThan(8 * 1024);
    // The filled model travels with the post, as a signed picture link of this table.
    expect(JSON.stringify(channel.currentCard(idOf(posts(/^Samenvatting: Tafel Akker/)[0]!)))).toMatch(
      /"type":"Image","url":"[^"]*\/pictures\/t\//,
    );
  });

  it('after `wis` the totaalbeeld and the session card no longer show the table', async () => {
    await tableB.join(user(721, 'Cees Cornelis'));
    await settle();
    expect(overview().join('\n')).toContain('Tafel Beek, aan het water');
    const confirm = await tableB.sayOne(LEIDER_B, 'wis');
    await tableB.press(LEIDER_B, 'erase.confirm', actionByVerb(confirm, 'erase.confirm')!.data);
    await settle();
    expect(overview().join('\n')).not.toContain('Tafel Beek');
    expect(overview()[1]).toMatch(/^1 tafel · 2 deelnemers · code /);
    expect(sessionCard()).not.toContain('Tafel Beek');
    expect(sessionCard()).toContain('0 van maximaal 50');
  });

  it('after `sessie wis` the session card and the totaalbeeld are emptied too', async () => {
    const confirm = await channel.sayOne(ORGANISER, 'sessie wis');
    await channel.press(ORGANISER, 'erase.confirm', actionByVerb(confirm, 'erase.confirm')!.data);
    await settle();
    const emptied = 'Sessie ‘Wijkavond Live’ is gewist; dit bericht is leeggemaakt.';
    expect(sessionCard()).toBe(emptied);
    expect(cardText(channel.currentCard(overviewId))).toBe(emptied);
  });

  it('nothing unrevealed and no name without consent ever reached the thread', () => {
    const all = threadTraffic();
    expect(all).not.toContain(UNNAMED.name);
    expect(all).not.toContain('Verborgen');
    expect(all).toContain(NAMED.name);
    expect(all).not.toContain(SECRET);
  });
});
