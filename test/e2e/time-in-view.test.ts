/**
 * Time in view over HTTP: a leider's timer says when it ends, and is cancelled when the step changes
 * or the table ends (a table that had been closed was once told "De tijd is om" 27 s later). The
 * announcer's clock is moved on by hand (`tick(now)`), so no test waits for minutes to pass.
 */
import { cardOfCall, cardText } from '../support/cards';
import { E2ETable, storeVariants, useBot } from '../support/e2e-table';
import { LEIDER, person } from '../fixtures/round1-people';

const ANNA = person(0);

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

  it('announces its end while the step runs', async () => {
    const t = new E2ETable(bot.h, LEIDER);
    await t.start('Tafel met timer');
    await t.join(ANNA);
    await t.say(LEIDER, 'volgende');
    await t.say(LEIDER, 'timer 1');
    expect(await afterTimeIsUp(t, 1)).toContain('De tijd is om');
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
