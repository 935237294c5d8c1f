/**
 * Time in view over HTTP: a leider's timer says when it ends, and is cancelled when the step changes
 * or the table ends (a table that had been closed was once told "De tijd is om" 27 s later). The
 * announcer's clock is moved on by hand (`tick(now)`), so no test waits for minutes to pass.
 */
import { cardOfCall, cardText } from '../support/cards';
import { E2ETable, storeVariants, useBot } from '../support/e2e-table';
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
