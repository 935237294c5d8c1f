/**
 * What the bot refuses, over HTTP: leider commands from someone who is not the leider, every kind of
 * wrong pick, card data that does not parse, card data that claims to be someone else. Each refusal
 * is a short Dutch message and changes nothing, which the tests check through a later status, the
 * progress card and the reveal.
 */
import { DECK, LEIDER, person, picksFor, otherPicksFor, ROLE_LABELS_NL, runTag, titleOf } from '../fixtures/round1-people';
import { actionByVerb, cardOfCall, cardText, headingOf, inputsOf, revealGroups, type Card } from '../support/cards';
import { E2ETable, pickData, storeVariants, useBot, type PickSpec } from '../support/e2e-table';
import { user } from '../support/teams-activity';

const ANNA = person(0);
const BRAM = person(1);
const CEES = person(2);
const STRANGER = user(77, 'Stella Vreemdeling');

const NOT_LEADER =
  'Alleen de gespreksleider (Lotte Leidekker) kan dit doen. Vraag de gespreksleider om het te doen, of om jou co-leider te maken.';
const BAD_DATA = 'Deze actie kon ik niet lezen. Open de kaart opnieuw met de knop in het gesprek en probeer het nog eens.';
const BAD_DATA_HERE = 'Deze actie kon ik niet lezen. Er is niets veranderd; probeer het nog eens met de knoppen op deze kaart.';

/** A table in Round 1 with Anna, Bram and Cees (numbers 1, 2, 3); Anna gave consent for her name. */
async function tableInRound1(h: E2ETable['h']): Promise<E2ETable> {
  const t = new E2ETable(h, LEIDER);
  await t.start('Tafel Zuid');
  expect(await t.join(ANNA, BRAM, CEES)).toEqual([1, 2, 3]);
  await t.press(ANNA, 'consent.set', { consent: true });
  await t.toRound1();
  return t;
}

/** The reveal card's entries as "label: argument" lines, sorted. */
function revealLines(card: Card | undefined): string[] {
  return revealGroups(card)
    .flatMap((g) => g.entries.map((e) => `${g.title} | ${e.label} | ${e.argument}`))
    .sort();
}

function expectedLines(entries: Array<[who: string, picks: PickSpec]>): string[] {
  return entries
    .flatMap(([who, picks]) =>
      (['in', 'out', 'doubt'] as const).map((r) => `${titleOf(picks[r][0])} | ${ROLE_LABELS_NL[r]} — ${who} | ${picks[r][1]}`),
    )
    .sort();
}

/** The values a returned pick form shows, as a user would see them filled in. */
function formValues(card: Card): Record<string, string | undefined> {
  const inputs = inputsOf(card);
  return Object.fromEntries(
    ['inCard', 'inArgument', 'outCard', 'outArgument', 'doubtCard', 'doubtArgument'].map((id) => [id, inputs[id]?.value]),
  );
}

describe.each(storeVariants())('refusals (%s store)', (_storeName, env) => {
  const bot = useBot(env);

  describe('a leider command from someone who is not the leider', () => {
    const commands: Array<[string, { mentions?: 'self' | 'other' }]> = [
      ['onthul', {}],
      ['reveal', {}],
      ['volgende', {}],
      ['next', {}],
      ['ronde 1', {}],
      ['ronde 2', {}],
      ['stop', {}],
      ['gespreksleider', { mentions: 'self' }],
      ['gespreksleider', { mentions: 'other' }],
      ['coleider', { mentions: 'self' }],
    ];

    it.each(commands)('"%s" is refused with a Dutch message naming the leider, and nothing changes', async (text, opts) => {
      const t = await tableInRound1(bot.h);
      const tag = runTag();
      await t.submit(ANNA, picksFor(tag, 0));
      const before = await t.status();
      expect(before).toMatchObject({
        Fase: 'Ronde 1: verkennen',
        Gespreksleider: 'Lotte Leidekker',
        'Co-leiders': 'geen',
        'Ingeleverd (ronde 1)': '1 van 3',
      });

      const mentions = opts.mentions === 'self' ? [BRAM] : opts.mentions === 'other' ? [CEES] : [];
      const posted = await t.say(BRAM, text, { mentions });
      expect(posted).toHaveLength(1);
      expect(cardText(cardOfCall(posted[0]))).toBe(NOT_LEADER);

      expect(await t.status()).toEqual(before);
      // No reveal, no new phase: nothing but the refusal was posted, the round still takes picks.
      expect(t.visibleSent()).not.toContain(`[${tag}-`);
      const form = await t.press(BRAM, 'picks.open', { round: 1 });
      expect(headingOf(form.card)).toBe('Jouw drie kaartjes');
    });

    it('also before Round 1: a participant cannot move the table on, and `start` does not take it over', async () => {
      const t = new E2ETable(bot.h, LEIDER);
      await t.start('Tafel West');
      await t.join(BRAM);
      const before = await t.status();
      expect(before).toMatchObject({ Fase: 'Opzet', Gespreksleider: 'Lotte Leidekker' });

      expect(cardText(await t.sayOne(BRAM, 'volgende'))).toBe(NOT_LEADER);
      expect(cardText(await t.sayOne(STRANGER, 'ronde 1'))).toBe(NOT_LEADER);
      const restart = cardText(await t.sayOne(BRAM, 'start Overname'));
      expect(restart).toContain('Aan deze tafel loopt al een gesprek: ‘Tafel West’.');
      expect(await t.status()).toEqual(before);
    });
  });

  describe('picks that break a rule', () => {
    const tag = runTag();
    const good = picksFor(tag, 0);
    const typed = (over: Partial<Record<string, string>>): Record<string, string> => ({
      ...(pickData(good) as Record<string, string>),
      inArgument: `Omdat iedereen er welkom is [${tag}-refused-in]`,
      outArgument: `Dat regelt de gemeente [${tag}-refused-out]`,
      doubtArgument: `Soms wel, soms niet [${tag}-refused-doubt]`,
      ...over,
    });
    const x501 = `${'x'.repeat(490)} [${tag}-long]`.padEnd(501, 'y');

    const rules: Array<[string, Record<string, string>, string]> = [
      [
        'two identical cards',
        typed({ outCard: good.in[0] }),
        'Kies drie verschillende kaartjes: één dat erbij hoort, één dat er niet bij hoort en één waarover je twijfelt.',
      ],
      ['three identical cards', typed({ outCard: good.in[0], doubtCard: good.in[0] }), 'Kies drie verschillende kaartjes'],
      [
        'an empty argument',
        typed({ doubtArgument: '' }),
        'Schrijf bij elk kaartje kort waarom je het kiest. Bij ‘Twijfel’ ontbreekt de toelichting.',
      ],
      ['an argument of only whitespace', typed({ inArgument: '   \n\t  ' }), 'Bij ‘Hoort erbij’ ontbreekt de toelichting.'],
      [
        'an argument of 501 characters',
        typed({ outArgument: x501 }),
        'De toelichting bij ‘Hoort er niet bij’ is te lang: maximaal 500 tekens. Maak haar wat korter.',
      ],
      [
        'an unknown card id',
        typed({ outCard: 'bestaat-niet' }),
        'Dit kaartje ken ik niet. Kies bij ‘Hoort er niet bij’ een kaartje uit de lijst.',
      ],
      [
        'an intention card id',
        typed({ inCard: DECK.intentions[0]!.id }),
        'Dit kaartje ken ik niet. Kies bij ‘Hoort erbij’ een kaartje uit de lijst.',
      ],
      ['no card chosen', typed({ doubtCard: '' }), 'Kies bij ‘Twijfel’ een kaartje uit de lijst.'],
    ];

    it.each(rules)('%s: a Dutch message in the form, which keeps what was typed; the stored picks stay', async (_name, data, message) => {
      const t = await tableInRound1(bot.h);
      const saved = await t.submit(ANNA, good);
      expect(headingOf(saved.card)).toBe('Je keuzes zijn ingeleverd');

      // Anna changes her mind in a way the rules refuse; Bram, who has no picks yet, makes the same mistake.
      for (const who of [ANNA, BRAM]) {
        const answer = await t.press(who, 'picks.submit', data);
        expect(headingOf(answer.card)).toBe('Jouw drie kaartjes');
        expect(cardText(answer.card)).toContain(message);
        const { round: _round, ...fields } = data;
        expect(formValues(answer.card)).toEqual(fields);
      }

      expect(await t.status()).toMatchObject({ 'Ingeleverd (ronde 1)': '1 van 3' });
      await t.waitForCard(t.progressId!, (text) => text.includes('1 van 3 ingeleverd'), 'the progress card at 1 van 3');
      // Anna still sees her own earlier picks when she opens the form again.
      expect(formValues((await t.press(ANNA, 'picks.open', { round: 1 })).card)).toEqual({
        inCard: good.in[0],
        inArgument: good.in[1],
        outCard: good.out[0],
        outArgument: good.out[1],
        doubtCard: good.doubt[0],
        doubtArgument: good.doubt[1],
      });
      const reveal = cardOfCall((await t.say(LEIDER, 'onthul'))[0]);
      expect(revealLines(reveal)).toEqual(expectedLines([['Anna Achterberg', good]]));
      expect(t.visibleSent()).not.toContain(`[${tag}-refused`);
      expect(t.visibleSent()).not.toContain(`[${tag}-long`);
    });

    const unreadable: Array<[string, unknown]> = [
      [
        'round "abc"',
        { action: { type: 'Action.Execute', verb: 'picks.submit', data: { ...pickData(good), round: 'abc' } }, trigger: 'manual' },
      ],
      ['round 0', { action: { type: 'Action.Execute', verb: 'picks.submit', data: { ...pickData(good), round: 0 } }, trigger: 'manual' }],
      [
        'no round at all',
        { action: { type: 'Action.Execute', verb: 'picks.submit', data: { ...pickData(good), round: undefined } }, trigger: 'manual' },
      ],
      [
        'an argument that is not text',
        {
          action: { type: 'Action.Execute', verb: 'picks.submit', data: { ...pickData(good), inArgument: { text: 'x' } } },
          trigger: 'manual',
        },
      ],
      ['no action', { trigger: 'manual' }],
      ['an action without a verb', { action: { type: 'Action.Execute', data: pickData(good) }, trigger: 'manual' }],
      ['a verb that does not exist', { action: { type: 'Action.Execute', verb: 'picks.steal', data: pickData(good) }, trigger: 'manual' }],
      [
        'an Action.Submit instead of Action.Execute',
        { action: { type: 'Action.Submit', verb: 'picks.submit', data: pickData(good) }, trigger: 'manual' },
      ],
      ['data that is a string', { action: { type: 'Action.Execute', verb: 'picks.submit', data: 'inCard=buurthuis' }, trigger: 'manual' }],
      ['a value that is a string', 'picks.submit'],
      ['a value that is an array', [pickData(good)]],
      ['a value that is null', null],
    ];

    it.each(unreadable)('card data that does not parse (%s): "Deze actie kon ik niet lezen", nothing stored', async (_name, value) => {
      const t = await tableInRound1(bot.h);
      await t.submit(ANNA, good);
      const res = await t.invokeRaw(BRAM, value);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
      // One of our buttons with data that does not read: the step's card with its buttons and the message.
      const action = (value as { action?: { type?: string; verb?: string; data?: unknown } } | null)?.action;
      if (action?.type === 'Action.Execute' && action.verb === 'picks.submit' && typeof action.data === 'object') {
        expect(headingOf(res.body.value)).toBe('Ronde 1: verkennen van de sociale basis');
        expect(cardText(res.body.value)).toContain(BAD_DATA_HERE);
      } else expect(cardText(res.body.value)).toBe(BAD_DATA);
      expect(await t.status()).toMatchObject({ 'Ingeleverd (ronde 1)': '1 van 3' });
      const reveal = cardOfCall((await t.say(LEIDER, 'onthul'))[0]);
      expect(revealLines(reveal)).toEqual(expectedLines([['Anna Achterberg', good]]));
    });

    it('a pick for a round that does not exist is refused and changes nothing', async () => {
      const t = await tableInRound1(bot.h);
      await t.submit(ANNA, good);
      const answer = await t.press(BRAM, 'picks.submit', pickData(picksFor(tag, 1), 2));
      expect(cardText(answer.card)).toContain('Deze kaart hoort bij een andere ronde. Gebruik de kaart van de huidige ronde.');
      expect(await t.status()).toMatchObject({ 'Ingeleverd (ronde 1)': '1 van 3' });
    });

    it('a pick after the reveal is refused; the frozen picks stay as they were', async () => {
      const t = await tableInRound1(bot.h);
      await t.submit(ANNA, good);
      const reveal = cardOfCall((await t.say(LEIDER, 'onthul'))[0]);
      expect(revealLines(reveal)).toEqual(expectedLines([['Anna Achterberg', good]]));

      // Anna tries to change hers: she sees her own picks, frozen, with no button to change them.
      const late = await t.submit(ANNA, otherPicksFor(tag, 0));
      const lateText = cardText(late.card);
      expect(lateText).toContain('De keuzes zijn onthuld en staan vast.');
      expect(lateText).toContain(good.in[1]);
      expect(lateText).not.toContain(otherPicksFor(tag, 0).in[1]);
      expect(actionByVerb(late.card, 'picks.open')).toBeUndefined();

      // Bram, who never picked, hears that the round is closed.
      const bram = await t.submit(BRAM, picksFor(tag, 1));
      expect(cardText(bram.card)).toContain('De keuzes van deze ronde zijn al onthuld; wijzigen kan niet meer.');

      expect(await t.status()).toMatchObject({ 'Ingeleverd (ronde 1)': '1 van 3 (onthuld)' });
      const reopened = await t.press(ANNA, 'picks.open', { round: 1 });
      expect(cardText(reopened.card)).toContain(good.in[1]);
      expect(cardText(reopened.card)).not.toContain(otherPicksFor(tag, 0).in[1]);
      // Nothing new was posted for the late picks, and the leider cannot reveal twice.
      const again = await t.sayOne(LEIDER, 'onthul');
      expect(headingOf(again)).not.toBe('Ronde 1: de keuzes onthuld');
      expect(t.visibleSent()).not.toContain(`[${tag}-b-`);
    });

    it('a pick before Round 1 is refused and changes nothing', async () => {
      const t = new E2ETable(bot.h, LEIDER);
      await t.start();
      await t.join(ANNA);
      await t.say(LEIDER, 'volgende');
      const answer = await t.submit(ANNA, good);
      expect(cardText(answer.card)).toContain('Dat kan nu niet: de tafel is in de fase Kennismaking.');
      const round1 = await t.say(LEIDER, 'volgende');
      expect(cardText(cardOfCall(round1[1]))).toContain('0 van 1 ingeleverd');
      expect(await t.status()).toMatchObject({ Fase: 'Ronde 1: verkennen', 'Ingeleverd (ronde 1)': '0 van 1' });
    });

    it('someone who has not joined cannot pick', async () => {
      const t = await tableInRound1(bot.h);
      const answer = await t.submit(STRANGER, good);
      expect(cardText(answer.card)).toContain('Je doet nog niet mee aan deze tafel. Klik eerst op Doe mee op de welkomstkaart.');
      expect(await t.status()).toMatchObject({ Deelnemers: '3 van maximaal 8', 'Ingeleverd (ronde 1)': '0 van 3' });
    });
  });

  describe('identity comes from the activity, never from the card data', () => {
    it('picks.submit data that claims to be another participant changes only the sender’s own picks', async () => {
      const t = await tableInRound1(bot.h);
      const tag = runTag();
      const annas = picksFor(tag, 0);
      await t.submit(ANNA, annas);

      const forged = otherPicksFor(tag, 1);
      const claims = {
        userId: ANNA.aadObjectId,
        aadObjectId: ANNA.aadObjectId,
        from: { id: ANNA.id, aadObjectId: ANNA.aadObjectId, name: ANNA.name },
        user: { id: ANNA.id },
        participant: 1,
      };
      const answer = await t.press(BRAM, 'picks.submit', { ...pickData(forged), ...claims });
      expect(headingOf(answer.card)).toBe('Je keuzes zijn ingeleverd');
      expect(cardText(answer.card)).toContain(forged.in[1]);

      // A stranger claiming to be Anna is refused; Anna's picks are untouched.
      const stranger = await t.press(STRANGER, 'picks.submit', { ...pickData(picksFor(tag, 5)), ...claims });
      expect(cardText(stranger.card)).toContain('Je doet nog niet mee aan deze tafel.');

      // Consent given "for Anna" by Bram is Bram's own consent.
      const consent = await t.press(BRAM, 'consent.set', { consent: true, ...claims });
      expect(cardText(consent.card)).toContain('Je naam (Bram Bosgraaf) mag in het verslag');
      expect(cardText((await t.press(ANNA, 'welcome.view')).card)).toContain('Je naam (Anna Achterberg) mag in het verslag');
      await t.press(BRAM, 'consent.set', { consent: false, ...claims });
      expect(cardText((await t.press(ANNA, 'welcome.view')).card)).toContain('Je naam (Anna Achterberg) mag in het verslag');

      expect(await t.status()).toMatchObject({ 'Ingeleverd (ronde 1)': '2 van 3' });
      expect(formValues((await t.press(ANNA, 'picks.open', { round: 1 })).card)).toMatchObject({ inArgument: annas.in[1] });
      const reveal = cardOfCall((await t.say(LEIDER, 'onthul'))[0]);
      expect(revealLines(reveal)).toEqual(
        expectedLines([
          ['Anna Achterberg', annas],
          ['deelnemer 2', forged],
        ]),
      );
    });
  });

  describe('changing picks before the reveal', () => {
    it('replaces them: the reveal shows only the new ones, and the count does not go up', async () => {
      const t = await tableInRound1(bot.h);
      const tag = runTag();
      const first = picksFor(tag, 0);
      const second = otherPicksFor(tag, 0);
      await t.submit(ANNA, first);
      expect(formValues((await t.press(ANNA, 'picks.open', { round: 1 })).card)).toMatchObject({
        inCard: first.in[0],
        inArgument: first.in[1],
      });

      const changed = await t.submit(ANNA, second);
      expect(headingOf(changed.card)).toBe('Je keuzes zijn ingeleverd');
      expect(cardText(changed.card)).toContain(second.doubt[1]);
      expect(cardText(changed.card)).not.toContain(first.doubt[1]);
      expect(formValues((await t.press(ANNA, 'picks.open', { round: 1 })).card)).toMatchObject({
        inCard: second.in[0],
        inArgument: second.in[1],
      });

      // Bram's argument is exactly 500 characters once trimmed: that is allowed, and stored trimmed.
      const longest = `${'b'.repeat(480)} [${tag}-500]`.padEnd(500, 'z');
      expect(longest).toHaveLength(500);
      const brams: PickSpec = { ...picksFor(tag, 1), in: [picksFor(tag, 1).in[0], `  ${longest}\n `] };
      expect(headingOf((await t.submit(BRAM, brams)).card)).toBe('Je keuzes zijn ingeleverd');

      expect(await t.status()).toMatchObject({ 'Ingeleverd (ronde 1)': '2 van 3' });
      await t.waitForCard(t.progressId!, (text) => text.includes('2 van 3 ingeleverd'), 'the progress card at 2 van 3');
      const reveal = cardOfCall((await t.say(LEIDER, 'onthul'))[0]);
      expect(revealLines(reveal)).toEqual(
        expectedLines([
          ['Anna Achterberg', second],
          ['deelnemer 2', { ...brams, in: [brams.in[0], longest] }],
        ]),
      );
      expect(t.visibleSent()).not.toContain(`[${tag}-a-p0-`);
    });
  });
});
