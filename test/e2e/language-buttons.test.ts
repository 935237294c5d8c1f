/**
 * The table's language from the welcome card (issue 12), over HTTP: the leider's own view of the
 * welcome card (Teams' refresh for `refresh.userIds`) offers "English" or "Nederlands"; a participant
 * sees no such button, and pressing a forged one is refused in their own card with nothing changed;
 * the leider's press turns the shared cards to the other language, as `taal en` does.
 */
import { actionsOf, cardOfCall, cardText, headingOf, type Card } from '../support/cards';
import { E2ETable, toAnswer, useBot } from '../support/e2e-table';
import { LEIDER, person } from '../fixtures/round1-people';

const ANNA = person(0);
const bot = useBot({});

function languageButtons(card: Card | undefined): Array<{ title: string; data: Record<string, unknown> }> {
  return actionsOf(card)
    .filter((a) => a.verb === 'table.language')
    .map((a) => ({ title: a.title, data: a.data }));
}

describe('the language of the table, chosen on the welcome card', () => {
  let t: E2ETable;

  async function settle(): Promise<void> {
    await bot.h.app.updater.flush();
    await bot.h.app.afterAnswer.idle();
    await bot.h.app.outbound.idle();
  }

  /** Teams' own refresh of the welcome card as it stands now (`trigger: automatic`), as `who`. */
  async function welcomeAs(who: typeof ANNA): Promise<Card> {
    const action = t.currentCard(t.welcomeId!)?.refresh?.action;
    const res = await t.invokeRaw(who, { action: { type: 'Action.Execute', verb: action.verb, data: action.data }, trigger: 'automatic' });
    return toAnswer(res, action.verb).card;
  }

  it('shows the leider a button to the other language, and no participant any', async () => {
    t = new E2ETable(bot.h, LEIDER);
    await t.start('Tafel Taal');
    await t.join(ANNA);
    await settle();
    const leaderView = await welcomeAs(LEIDER);
    expect(languageButtons(leaderView)).toEqual([{ title: 'English', data: { card: 'welcome', language: 'en' } }]);
    expect(cardText(leaderView)).toContain('Taal van alles wat de tafel samen ziet: Nederlands.');
    expect(languageButtons(await welcomeAs(ANNA))).toEqual([]);
    expect(cardText(await welcomeAs(ANNA))).not.toContain('Taal van alles wat de tafel samen ziet');
    // Where a client shows no leider's view (the Playground), `knoppen` before the kennismaking has it too.
    const [controls] = await t.say(LEIDER, 'knoppen');
    expect(languageButtons(cardOfCall(controls))).toEqual([{ title: 'English', data: { card: 'controls', language: 'en' } }]);
  });

  it('refuses a participant who presses a forged one, in their own card, and changes nothing', async () => {
    const before = await t.status();
    const postsBefore = t.posts().length;
    const { card } = await t.press(ANNA, 'table.language', { card: 'welcome', language: 'en' }, { on: t.welcomeId! });
    expect(cardText(card)).toContain('Alleen de gespreksleider (Lotte Leidekker) kan dit doen.');
    expect(languageButtons(card)).toEqual([]);
    await settle();
    expect(await t.status()).toEqual(before);
    expect(cardText(t.currentCard(t.welcomeId!))).toContain('1 van maximaal 8');
    // Nothing was said to the group: the one post since is the status card asked for.
    expect(
      t
        .posts()
        .slice(postsBefore)
        .map((c) => headingOf(cardOfCall(c))),
    ).toEqual([expect.stringMatching(/^Stand van zaken/)]);
  });

  it('turns the shared cards English on the leider’s press, and back to Dutch', async () => {
    const postsBefore = t.posts().length;
    const [english] = languageButtons(await welcomeAs(LEIDER));
    const pressed = await t.press(LEIDER, 'table.language', english!.data, { on: t.welcomeId! });
    // The leider's own view: the card in the table's new language, their controls in their own.
    expect(cardText(pressed.card)).toContain('1 of at most 8 participants have joined.');
    expect(cardText(pressed.card)).toContain('Gedaan.');
    expect(languageButtons(pressed.card)).toEqual([{ title: 'Nederlands', data: { card: 'welcome', language: 'nl' } }]);
    await settle();
    expect(
      t
        .posts()
        .slice(postsBefore)
        .map((c) => cardText(cardOfCall(c))),
    ).toEqual(['From now on, everything the table sees together is in English. Your own forms and answers stay in your own language.']);
    await t.waitForCard(t.welcomeId!, (text) => text.includes('1 of at most 8 participants have joined.'), 'the welcome card in English');
    expect(headingOf(await t.sayOne(ANNA, 'status'))).toBe('Status: Tafel Taal');

    const [dutch] = languageButtons(await welcomeAs(LEIDER));
    expect(dutch!.title).toBe('Nederlands');
    await t.press(LEIDER, 'table.language', dutch!.data, { on: t.welcomeId! });
    await settle();
    await t.waitForCard(t.welcomeId!, (text) => text.includes('1 van maximaal 8'), 'the welcome card in Dutch again');
    expect(headingOf(await t.sayOne(ANNA, 'status'))).toBe('Stand van zaken: Tafel Taal');
  });
});
