/**
 * One language per table, over HTTP: a Dutch leider starts, an English participant joins. Everything
 * posted for the table (and every shared card kept up to date) speaks Dutch, whoever caused it; what
 * the English participant gets for themselves speaks English. The leider then switches the table to
 * English: the shared cards follow, the default cards included; the Dutch participant's own cards stay Dutch.
 */
import { LEIDER, person, picksFor, runTag, titleOf } from '../fixtures/round1-people';
import { cardOfCall, cardText, headingOf, inputsOf, revealGroups } from '../support/cards';
import { E2ETable, participantNumber, pickData, useBot } from '../support/e2e-table';
import { user } from '../support/teams-activity';

const ANNA = person(0);
/** Her Teams speaks English. */
const EMMA = user(60, 'Emma Eastwood');
const EN = { locale: 'en-GB' };
const bot = useBot({});

describe('one language per table', () => {
  it('a Dutch table stays Dutch for all, answers an English participant in English, and turns English when the leider says so', async () => {
    const t = new E2ETable(bot.h, LEIDER);
    await t.start('Tafel Zuid');
    await t.join(ANNA);
    const joined = await t.press(EMMA, 'join', {}, EN);
    expect(participantNumber(joined.card)).toBe(2);
    expect(cardText(joined.card)).toContain('You have joined as participant 2');
    // The shared welcome card, updated because of her, stays Dutch.
    await t.waitForCard(t.welcomeId!, (text) => text.includes('2 van maximaal 8'), 'the Dutch welcome card to count Emma');

    // What she asks is posted for everyone: in the table's language. A refusal is hers alone: in hers.
    expect(headingOf(await t.sayOne(EMMA, 'status', EN))).toBe('Stand van zaken: Tafel Zuid');
    expect(cardText(await t.sayOne(EMMA, 'reveal', EN))).toBe(
      'Only the facilitator (Lotte Leidekker) can do this. Ask the facilitator to do it, or to make you a co-facilitator.',
    );
    expect(cardText(await t.sayOne(EMMA, 'taal en', EN))).toContain('Only the facilitator (Lotte Leidekker)');

    await t.toRound1();
    const round1Card = cardOfCall(t.posts().find((p) => headingOf(cardOfCall(p)).startsWith('Ronde 1: verkennen')));
    expect(cardText(round1Card)).toContain('Buurthuis');
    expect(cardText(round1Card)).not.toContain('Community centre');

    // Her own form: English, with the default cards in English.
    const form = await t.press(EMMA, 'picks.open', { round: 1 }, EN);
    expect(headingOf(form.card)).toBe('Your three cards');
    const choices = inputsOf(form.card).inCard?.choices.map((c: { title: string }) => c.title) as string[];
    expect(choices).toContain('Community centre');
    expect(choices).not.toContain('Buurthuis');

    const tag = runTag();
    await t.submit(ANNA, picksFor(tag, 0));
    const saved = await t.press(EMMA, 'picks.submit', pickData(picksFor(tag, 1)), EN);
    expect(headingOf(saved.card)).toBe('Your picks have been submitted');
    expect(cardText(saved.card)).toContain(titleOf(picksFor(tag, 1).in[0], 'en'));
    await t.waitForCard(t.progressId!, (text) => text.includes('2 van 2 ingeleverd'), 'the Dutch progress card at 2 of 2');

    const reveal = await t.sayOne(LEIDER, 'onthul');
    expect(headingOf(reveal)).toBe('Ronde 1: de keuzes onthuld');
    expect(revealGroups(reveal).map((g) => g.title)).toContain(titleOf(picksFor(tag, 1).in[0]));

    // The leider switches the table to English.
    const switched = await t.say(LEIDER, 'taal en');
    expect(switched.map((p) => cardText(cardOfCall(p)))).toEqual([
      'From now on, everything the table sees together is in English. Your own forms and answers stay in your own language.',
    ]);
    await t.waitForCard(t.welcomeId!, (text) => text.includes('2 of at most 8 participants have joined.'), 'the welcome card in English');
    await t.waitForCard(t.progressId!, (text) => text.includes('2 of 2 submitted'), 'the progress card in English');
    expect(headingOf(await t.sayOne(ANNA, 'status'))).toBe('Status: Tafel Zuid');

    // Round 2: the board speaks English, the default cards picked in Round 1 included.
    const round2 = await t.say(LEIDER, 'volgende');
    const board = cardOfCall(round2[0]);
    expect(headingOf(board)).toBe('The model: round 2, filling in together');
    expect(cardText(board)).toContain(titleOf(picksFor(tag, 0).in[0], 'en'));
    expect(cardText(board)).not.toContain(titleOf(picksFor(tag, 0).in[0]));

    // Anna's own answers stay in her own language (Dutch).
    expect(headingOf((await t.press(ANNA, 'picks.open', { round: 1 })).card)).not.toMatch(/^Your/);
    // And back: one word, and the table speaks Dutch again.
    expect(cardText(await t.sayOne(LEIDER, 'language nl'))).toContain('Vanaf nu is alles wat de tafel samen ziet in het Nederlands.');
    expect(headingOf(await t.sayOne(EMMA, 'status', EN))).toBe('Stand van zaken: Tafel Zuid');
  });

  it('refuses a language the bot does not speak, naming the ones it does', async () => {
    const t = new E2ETable(bot.h, LEIDER);
    await t.start();
    expect(cardText(await t.sayOne(LEIDER, 'taal duits'))).toBe('Kies een taal die ik spreek: taal nl (Nederlands) of taal en (Engels).');
  });
});

describe('fields that say their maximum, and extra pick rounds by their name', () => {
  it('labels the intro fields with their maximum, and a refusal names the field that is too long and its maximum', async () => {
    const t = new E2ETable(bot.h, LEIDER);
    await t.start();
    await t.join(ANNA);
    await t.say(LEIDER, 'volgende');
    const form = await t.press(ANNA, 'intro.open');
    expect(inputsOf(form.card).role?.label).toBe('Organisatie of rol (max. 100 tekens)');
    expect(inputsOf(form.card).involvement?.label).toBe('Hoe ben je betrokken bij de sociale basis? (max. 300 tekens)');
    const refused = await t.press(ANNA, 'intro.submit', { role: 'r'.repeat(101), involvement: 'Buurtbewoner' });
    expect(cardText(refused.card)).toContain('‘Organisatie of rol’ is te lang: maximaal 100 tekens.');
    const english = await t.press(EMMA, 'join', {}, EN);
    expect(participantNumber(english.card)).toBe(2);
    const refusedEn = await t.press(EMMA, 'intro.submit', { role: 'Neighbour', involvement: 'i'.repeat(301) }, EN);
    expect(cardText(refusedEn.card)).toContain('‘Involvement in the social basis’ is too long: at most 300 characters.');
  });

  it('calls a silent pick round opened in Round 2 "Extra stille keuze 1", not "Ronde 2"', async () => {
    const t = new E2ETable(bot.h, LEIDER);
    await t.start();
    await t.join(ANNA);
    await t.toRound1();
    await t.submit(ANNA, picksFor(runTag(), 0));
    await t.say(LEIDER, 'onthul');
    await t.say(LEIDER, 'volgende');
    const extra = await t.say(LEIDER, 'stille ronde');
    expect(extra.map((p) => headingOf(cardOfCall(p)))).toEqual(['Extra stille keuze 1', 'Extra stille keuze 1']);
    expect(extra.map((p) => p.body?.summary)).toEqual(['Extra stille keuze 1', 'Extra stille keuze 1']);
    expect(await t.status()).toMatchObject({ 'Ingeleverd (extra stille keuze 1)': '0 van 1' });
    await t.submit(ANNA, picksFor(runTag(), 1), 2);
    expect(headingOf(await t.sayOne(LEIDER, 'onthul'))).toBe('Extra stille keuze 1: de keuzes onthuld');
    expect(t.visibleSent()).not.toMatch(/Ronde [23]: (stille keuze|de keuzes)|Nieuwe stille keuzeronde/);
  });
});
