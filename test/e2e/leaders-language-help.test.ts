/**
 * Who leads a table (hand-over with an @mention, a co-leider), a table started in English, and the
 * help card, over HTTP against the running bot.
 */
import { INGREDIENT_IDS, LEIDER, person, picksFor, runTag, titleOf } from '../fixtures/round1-people';
import { actionByVerb, blocks, cardOfCall, cardText, headingOf, inputsOf, revealGroups } from '../support/cards';
import { E2ETable, participantNumber, storeVariants, toAnswer, useBot } from '../support/e2e-table';
import { fixtureActivity } from '../support/fixture-activity';
import { BOT, user } from '../support/teams-activity';

const ANNA = person(0);
const BRAM = person(1);
const CEES = person(2);
/** Not a participant: a colleague who only watches, then leads. */
const OLAF = user(50, 'Olaf Observator');

const notLeader = (lead: string) =>
  `Alleen de gespreksleider (${lead}) kan dit doen. Vraag de gespreksleider om het te doen, of om jou co-leider te maken.`;

describe.each(storeVariants())('leiders, language and help (%s store)', (_storeName, env) => {
  const bot = useBot(env);

  describe('gespreksleider @naam and coleider @naam', () => {
    it('hands over with a Teams mention: the new leider can reveal, the old one cannot; a co-leider can move on', async () => {
      const t = new E2ETable(bot.h, LEIDER);
      await t.start('Tafel Oost');
      await t.join(ANNA, BRAM, CEES);
      await t.toRound1();
      const tag = runTag();
      await t.submit(ANNA, picksFor(tag, 0));

      const handed = await t.sayOne(LEIDER, 'gespreksleider', { mentions: [BRAM] });
      expect(cardText(handed)).toBe('Bram Bosgraaf is nu gespreksleider.');
      expect(await t.status()).toMatchObject({ Gespreksleider: 'Bram Bosgraaf', 'Co-leiders': 'geen' });
      await t.waitForCard(
        t.welcomeId!,
        (text) => text.includes('Gespreksleider: Bram Bosgraaf'),
        'the welcome card to name the new leider',
      );

      // The old leider is now refused, with the new leider's name.
      expect(cardText(await t.sayOne(LEIDER, 'onthul'))).toBe(notLeader('Bram Bosgraaf'));
      expect(cardText(await t.sayOne(LEIDER, 'gespreksleider', { mentions: [LEIDER] }))).toBe(notLeader('Bram Bosgraaf'));
      expect(await t.status()).toMatchObject({ Gespreksleider: 'Bram Bosgraaf', 'Ingeleverd (ronde 1)': '1 van 3' });

      const revealed = await t.sayOne(BRAM, 'onthul');
      expect(headingOf(revealed)).toBe('Ronde 1: de keuzes onthuld');
      expect(cardText(revealed)).toContain(picksFor(tag, 0).in[1]);

      const co = await t.sayOne(BRAM, 'coleider', { mentions: [CEES] });
      expect(cardText(co)).toBe('Cees Cornelisse is nu co-leider.');
      expect(await t.status()).toMatchObject({ Gespreksleider: 'Bram Bosgraaf', 'Co-leiders': 'Cees Cornelisse' });

      // A co-leider may move the table on, but may not hand over the lead.
      expect(cardText(await t.sayOne(CEES, 'gespreksleider', { mentions: [CEES] }))).toBe(notLeader('Bram Bosgraaf'));
      expect(cardText(await t.sayOne(LEIDER, 'volgende'))).toBe(notLeader('Bram Bosgraaf'));
      const moved = await t.say(CEES, 'volgende');
      expect(moved.length).toBeGreaterThan(0);
      expect(moved.map((p) => cardText(cardOfCall(p)))).not.toContain(notLeader('Bram Bosgraaf'));
      expect(await t.status()).toMatchObject({
        Fase: 'Ronde 2: samen invullen',
        Gespreksleider: 'Bram Bosgraaf',
        'Co-leiders': 'Cees Cornelisse',
      });
    });

    it('can hand over to someone who has not joined, known only by the mention', async () => {
      const t = new E2ETable(bot.h, LEIDER);
      await t.start();
      await t.join(ANNA);
      // Olaf is not a participant, so he is asked whether his name may appear in the report.
      const handed = await t.say(LEIDER, 'gespreksleider', { mentions: [OLAF], mentionBot: false });
      expect(handed.map((p) => cardText(cardOfCall(p)).split('\n')[0])).toEqual([
        'Olaf Observator is nu gespreksleider.',
        'Mag je naam in het verslag?',
      ]);
      expect(cardText(await t.sayOne(LEIDER, 'volgende'))).toBe(notLeader('Olaf Observator'));
      expect(headingOf(await t.sayOne(OLAF, 'volgende'))).toBe('Kennismaking');
      expect(await t.status()).toMatchObject({ Fase: 'Kennismaking', Gespreksleider: 'Olaf Observator', Deelnemers: '1 van maximaal 8' });
    });

    it('without a mention it asks who is meant, and changes nothing', async () => {
      const t = new E2ETable(bot.h, LEIDER);
      await t.start();
      const before = await t.status();
      expect(cardText(await t.sayOne(LEIDER, 'gespreksleider Bram'))).toContain(
        'Ik weet niet wie je bedoelt. Noem de persoon met een @vermelding',
      );
      expect(await t.status()).toEqual(before);
    });
  });

  describe('a table started in English', () => {
    it('shows its cards in English', async () => {
      const en = { locale: 'en-US' };
      const t = new E2ETable(bot.h, user(101, 'Liam Leader'), { locale: 'en-US' });
      const welcome = await t.start('Table North');
      const welcomeText = cardText(welcome);
      expect(blocks(welcome)[1]).toBe('Table North');
      expect(welcomeText).toContain('Facilitator: Liam Leader');
      expect(welcomeText).toContain('0 of at most 8 participants have joined.');
      expect(welcomeText).toContain('Goal of this conversation');
      expect(actionByVerb(welcome, 'join')).toMatchObject({ title: 'Join' });
      expect(welcomeText).not.toContain('Doe mee');

      const joined = await t.press(ANNA, 'join', {}, en);
      expect(participantNumber(joined.card)).toBe(1);
      expect(cardText(joined.card)).toContain('You have joined as participant 1');
      expect(actionByVerb(joined.card, 'consent.set')).toMatchObject({ title: 'My name may appear in the report' });

      expect(headingOf(await t.sayOne(t.leader, 'next'))).toBe('Introductions');
      const round1 = await t.say(t.leader, 'next');
      expect(round1.map((p) => headingOf(cardOfCall(p)))).toEqual(['Round 1: exploring the social basis', 'Round 1: silent picks']);
      expect(cardText(cardOfCall(round1[0]))).toContain('We look at the social basis in three spheres:');
      expect(cardText(cardOfCall(round1[1]))).toContain('0 of 1 submitted');
      t.progressId = round1[1]!.responseId;

      const form = await t.press(ANNA, 'picks.open', { round: 1 }, en);
      expect(headingOf(form.card)).toBe('Your three cards');
      expect(inputsOf(form.card).inCard?.choices.map((c: { value: string }) => c.value)).toEqual(INGREDIENT_IDS);
      const tag = runTag();
      const picks = picksFor(tag, 0);
      const saved = await t.submit(ANNA, picks);
      expect(headingOf(saved.card)).toBe('Your picks have been submitted');
      // A participant's own cards follow their own Teams language; the shared ones the table's.
      expect(headingOf((await t.press(ANNA, 'picks.open', { round: 1 }, { locale: 'nl-NL' })).card)).toBe('Jouw drie kaartjes');

      // The shared cards stay in the table's language, whoever caused the update.
      await t.waitForCard(t.progressId!, (text) => text.includes('1 of 1 submitted'), 'the English progress card at 1 of 1');
      expect(cardText(t.currentCard(t.progressId!))).toContain('Everyone has submitted.');

      const status = await t.sayOne(t.leader, 'status');
      expect(headingOf(status)).toBe('Status: Table North');
      expect(cardText(status)).toContain('Round 1: exploring');

      const refused = await t.sayOne(BRAM, 'reveal', { locale: 'en-US' });
      expect(cardText(refused)).toBe(
        'Only the facilitator (Liam Leader) can do this. Ask the facilitator to do it, or to make you a co-facilitator.',
      );

      const reveal = await t.sayOne(t.leader, 'reveal');
      expect(headingOf(reveal)).toBe('Round 1: the picks revealed');
      const groups = revealGroups(reveal);
      expect(groups.find((g) => g.title === titleOf(picks.in[0], 'en'))?.entries).toEqual([
        { label: 'Belongs — participant 1', argument: picks.in[1] },
      ]);
      expect(cardText(reveal)).toContain('Doubt — participant 1');
      expect(cardText(reveal)).toContain('Does not belong — participant 1');
    });
  });

  describe('help', () => {
    const DUTCH_HELP = 'Zo werkt de Sociale Basis-bot';

    it.each([['help'], ['hulp'], ['Help'], ['?']])('"%s" answers with the help card', async (text) => {
      const t = new E2ETable(bot.h, LEIDER);
      const card = await t.sayOne(LEIDER, text);
      expect(headingOf(card)).toBe(DUTCH_HELP);
      const all = cardText(card);
      for (const command of ['start', 'status', 'volgende', 'ronde 1 | 2 | 3', 'onthul', 'gespreksleider @naam', 'coleider @naam', 'stop'])
        expect(all).toContain(command);
      expect(all).toContain('Klik op Doe mee op de welkomstkaart.');
      expect(all).not.toContain('Die opdracht ken ik niet');
    });

    it.each([
      ['vorige', 'Die opdracht ken ik niet. Bedoel je volgende? Typ help voor alle opdrachten.'],
      ['onthulen', 'Die opdracht ken ik niet. Bedoel je onthullen? Typ help voor alle opdrachten.'],
      ['ronde 7', 'Die opdracht ken ik niet. Bedoel je ronde? Typ help voor alle opdrachten.'],
      ['dansen', 'Die opdracht ken ik niet. Typ help voor alle opdrachten.'],
      ['toon alles', 'Die opdracht ken ik niet. Typ help voor alle opdrachten.'],
    ])('an unknown command ("%s") gets one line with the nearest command, not the help card', async (text, line) => {
      const t = new E2ETable(bot.h, LEIDER);
      await t.start();
      const before = await t.status();
      const card = await t.sayOne(ANNA, text, { mentionBot: text !== 'dansen' });
      expect(blocks(card)).toEqual([line]);
      expect(await t.status()).toEqual(before);
    });

    it('suggests in English to an English user', async () => {
      const t = new E2ETable(bot.h, LEIDER);
      const card = await t.sayOne(ANNA, 'nxet', { locale: 'en-GB' });
      expect(blocks(card)).toEqual(['I do not know that command. Did you mean next? Type help for all commands.']);
    });

    it('answers help during a table as well, in the language of the table (it is posted for all to see); outside a table in that of the asker', async () => {
      const t = new E2ETable(bot.h, LEIDER);
      const before = await t.sayOne(ANNA, 'help', { locale: 'en-GB' });
      expect(headingOf(before)).toBe('How the Social Basis bot works');
      expect(cardText(before)).toContain('facilitator @name');
      await t.start();
      await t.join(ANNA);
      expect(headingOf(await t.sayOne(ANNA, 'hulp'))).toBe(DUTCH_HELP);
      expect(headingOf(await t.sayOne(ANNA, 'help', { locale: 'en-GB' }))).toBe(DUTCH_HELP);
    });

    it('explains itself once when it is added to a chat', async () => {
      const t = new E2ETable(bot.h, LEIDER);
      const before = t.posts().length;
      const res = await bot.h.send({
        type: 'conversationUpdate',
        id: `update-${runTag()}`,
        timestamp: new Date().toISOString(),
        serviceUrl: t.connector.url,
        channelId: 'msteams',
        from: { id: LEIDER.id, name: LEIDER.name, aadObjectId: LEIDER.aadObjectId },
        conversation: { id: t.chat.id, conversationType: 'groupChat', tenantId: t.chat.tenantId, isGroup: true },
        recipient: BOT,
        membersAdded: [{ id: BOT.id, name: BOT.name }],
        channelData: { tenant: { id: t.chat.tenantId }, eventType: 'teamMemberAdded' },
      });
      expect(res.status).toBeLessThan(300);
      const posted = t.posts().slice(before);
      expect(posted).toHaveLength(1);
      expect(headingOf(cardOfCall(posted[0]))).toBe(DUTCH_HELP);
    });
  });
  describe('activities exactly as Teams shapes them (test/fixtures/teams)', () => {
    it('a message with the bot mention, &nbsp; and a clientInfo entity starts the table; a real Action.Execute joins', async () => {
      const t = new E2ETable(bot.h, LEIDER);
      const posted = await t.resend(fixtureActivity('message-with-mention', t.connector.url, t.chat, LEIDER));
      // The welcome card, then the question to the leider about their name in the report.
      expect(posted.map((p) => headingOf(cardOfCall(p)))).toEqual(['Gespreksmodel Sociale Basis', 'Mag je naam in het verslag?']);
      expect(blocks(cardOfCall(posted[0])).slice(0, 2)).toEqual(['Gespreksmodel Sociale Basis', 'Tafel Noord']);

      const res = await bot.h.send(
        fixtureActivity('invoke-action-execute', t.connector.url, t.chat, ANNA, { replyToId: posted[0]!.responseId! }),
      );
      const joined = toAnswer(res, 'join');
      expect(participantNumber(joined.card)).toBe(1);
      expect(await t.status()).toMatchObject({ Deelnemers: '1 van maximaal 8', Gespreksleider: 'Lotte Leidekker' });
    });
  });
});
