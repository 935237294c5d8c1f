/**
 * Time in view over HTTP: a leider's timer says when it ends, and is cancelled when the step changes
 * or the table ends (a table that had been closed was once told "De tijd is om" 27 s later). The
 * announcer's clock is moved on by hand (`tick(now)`), so no test waits for minutes to pass.
 */
import { actionByVerb, cardOfCall, cardText, findAll, headingOf } from '../support/cards';
import { channelConversation } from '../support/channel-conversation';
import { E2ETable, idOf, storeVariants, useBot } from '../support/e2e-table';
import { user } from '../support/teams-activity';
import { LEIDER, person } from '../fixtures/round1-people';

const ANNA = person(0);

/** The moment in the first `{{TIME(...)}}` of a card's text. */
function timeIn(text: string): number {
  const m = /\{\{TIME\((\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)\)\}\}/.exec(text);
  if (!m) throw new Error(`no {{TIME(...)}} in:\n${text}`);
  return Date.parse(m[1]!);
}

/** Card times are whole minutes: within a minute of what the bot must have computed. */
function expectAbout(actual: number, expected: number) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(60_000);
}

describe('the agenda and the steps (memory store)', () => {
  const bot = useBot({});

  it("the welcome card shows every step with its minutes, 2½ hours in all; each step's card says which step and until when", async () => {
    const t = new E2ETable(bot.h, LEIDER);
    const welcome = cardText(await t.start('Tafel met agenda'));
    expect(welcome).toContain('Agenda (150 minuten)');
    for (const line of [
      '2. Kennismaking: 15 min.',
      '3. Ronde 1: verkennen: 25 min.',
      '4. Ronde 2: samen invullen: 50 min.',
      '7. Afsluiting: 5 min.',
    ])
      expect(welcome).toContain(line);
    expect(welcome).toMatch(/1\. Opzet: 10 min\. \(nu, tot \{\{TIME\(/);
    await t.join(ANNA);

    const before = Date.now();
    const [intro] = await t.say(LEIDER, 'volgende');
    const introText = cardText(cardOfCall(intro));
    expect(introText).toContain('Stap 2 van 7 · tot {{TIME(');
    expectAbout(timeIn(introText), before + 15 * 60_000);
    // The welcome card follows: the current step is now the kennismaking.
    await t.waitForCard(t.welcomeId!, (text) => /2\. Kennismaking: 15 min\. \(nu, tot/.test(text), 'the agenda to mark the kennismaking');

    const posted = await t.say(LEIDER, 'volgende');
    const round1 = posted.map((c) => cardText(cardOfCall(c))).find((text) => text.includes('Stap 3 van 7'));
    expect(round1).toBeDefined();
    expectAbout(timeIn(round1!), Date.now() + 25 * 60_000);
  });
});

describe('the organiser sets the minutes per step in the session form (memory store)', () => {
  const bot = useBot({});
  const ORGANISER = user(300, 'Olga Organisator');

  it('refuses a wrong field with a clear Dutch message and keeps what was typed; the tables of the session follow its agenda', async () => {
    const channel = new E2ETable(bot.h, ORGANISER, { chat: channelConversation() });
    const form = await channel.sayOne(ORGANISER, 'sessie nieuw Wijkgesprek Zuid');
    // Prefilled with the method's defaults, so the organiser sees what there is to change.
    expect(findAll(form, (n) => n.id === 'stepMinutes')[0]?.value).toBe('10 15 25 50 30 15 5');
    const submit = actionByVerb(form, 'session.create')!;

    for (const typed of ['10 15 25', '10 15 25 50 30 15 vijf', '10 15 25 500 30 15 5']) {
      const refused = await channel.press(ORGANISER, 'session.create', { ...submit.data, title: 'Wijkgesprek Zuid', stepMinutes: typed });
      expect(headingOf(refused.card)).toBe('Nieuwe sessie');
      expect(cardText(refused.card)).toContain(
        'Vul bij de minuten per stap 7 hele getallen in, gescheiden door spaties (bijvoorbeeld 10 15 25 50 30 15 5): elk van 1 tot en met 240, samen ten hoogste 480.',
      );
      expect(findAll(refused.card, (n) => n.id === 'stepMinutes')[0]?.value).toBe(typed);
    }

    await channel.press(ORGANISER, 'session.create', {
      ...submit.data,
      title: 'Wijkgesprek Zuid',
      stepMinutes: '5, 10, 20, 60, 35, 15, 5',
    });
    const sessionCard = channel
      .posts()
      .map((c) => cardOfCall(c))
      .find((c) => headingOf(c) === 'Sessie: Wijkgesprek Zuid');
    const sessionText = cardText(sessionCard);
    expect(sessionText).toContain('150 minuten: Opzet 5, Kennismaking 10, Ronde 1: verkennen 20, Ronde 2: samen invullen 60,');
    const code = /start ([A-Z0-9]{3}-[A-Z0-9]{3})/.exec(sessionText)![1]!;

    const t = new E2ETable(bot.h, LEIDER);
    const posted = await t.say(LEIDER, `start ${code} Tafel Zuid`);
    t.welcomeId = idOf(posted[0]!);
    const welcome = cardText(cardOfCall(posted[0]));
    expect(welcome).toContain('Agenda (150 minuten)');
    expect(welcome).toContain('4. Ronde 2: samen invullen: 60 min.');
    await t.join(ANNA);
    const before = Date.now();
    const [intro] = await t.say(LEIDER, 'volgende');
    expectAbout(timeIn(cardText(cardOfCall(intro))), before + 10 * 60_000);
  });
});

describe.each(storeVariants())('a timer (%s store)', (_name, env) => {
  const bot = useBot(env);

  /** Moves the announcer's clock past every timer of the test and returns what it posted here. */
  async function afterTimeIsUp(t: E2ETable, minutes: number): Promise<string> {
    const before = t.posts().length;
    await bot.h.app.timers.tick(Date.now() + (minutes + 1) * 60_000);
    await bot.h.app.outbound.idle();
    return t
      .posts()
      .slice(before)
      .map((c) => cardText(cardOfCall(c)))
      .join('\n');
  }

  it("says until when it runs, in each reader's own time zone, and announces its end while the step runs", async () => {
    const t = new E2ETable(bot.h, LEIDER);
    await t.start('Tafel met timer');
    await t.join(ANNA);
    await t.say(LEIDER, 'volgende');
    const before = Date.now();
    const [started] = await t.say(LEIDER, 'timer 5');
    const text = cardText(cardOfCall(started));
    expect(text).toContain('Timer gestart: 5 min., tot {{TIME(');
    expectAbout(timeIn(text), before + 5 * 60_000);
    // The notification (summary) has no time formatting: it leaves the time out rather than show the code.
    expect(started!.body.summary).toBe('Timer gestart: 5 min.');
    expect(await afterTimeIsUp(t, 5)).toContain('De tijd is om');
  });

  it('says nothing once the table has been closed', async () => {
    const t = new E2ETable(bot.h, LEIDER);
    await t.start('Tafel die stopt');
    await t.join(ANNA);
    await t.say(LEIDER, 'volgende');
    await t.say(LEIDER, 'timer 1');
    await t.say(LEIDER, 'stop');
    expect(await afterTimeIsUp(t, 1)).not.toContain('De tijd is om');
  });

  it('says nothing once the leider moved on to the next step', async () => {
    const t = new E2ETable(bot.h, LEIDER);
    await t.start('Tafel die doorgaat');
    await t.join(ANNA);
    await t.say(LEIDER, 'volgende');
    await t.say(LEIDER, 'timer 1');
    await t.say(LEIDER, 'volgende');
    expect(await afterTimeIsUp(t, 1)).not.toContain('De tijd is om');
  });

  it('a second timer replaces the first: only the last one is announced, once', async () => {
    const t = new E2ETable(bot.h, LEIDER);
    await t.start('Tafel met twee timers');
    await t.join(ANNA);
    await t.say(LEIDER, 'volgende');
    await t.say(LEIDER, 'timer 1');
    await t.say(LEIDER, 'timer 2');
    const said = await afterTimeIsUp(t, 2);
    expect(said.match(/De tijd is om/g)).toHaveLength(1);
    expect(said).toContain('2 min');
  });
});
