/**
 * The bot in a real browser: the Microsoft 365 Agents Playground's own web page (its Adaptive Card
 * renderer) in Debian's Chromium, driven with playwright-core. One table, Round 1, two people:
 *
 *   - Anna de Vries (the page's user) starts the table in the group chat, joins with "Doe mee",
 *     gives name consent, moves on with "volgende" twice, opens her pick form, chooses three cards,
 *     writes three arguments in the rendered form and hands them in;
 *   - Sanne Jansen (another mock user of .m365agentsplayground.yml) joins and hands in her picks
 *     through the Playground's HTTP API (POST /_conversation/v1/invoke as her);
 *   - Anna types "onthul"; the page must show both picks with their arguments.
 *
 * A screenshot of every step is saved in test-results/browser/ (ignored by git): look at them.
 *
 * Needs /usr/bin/chromium (Debian's `chromium`; CHROMIUM_PATH overrides). When it is missing and we
 * are root with apt-get, it is installed; otherwise the test is skipped with a message saying so.
 * Requests to any host other than localhost (the Office CDN's fonts and animations) are blocked so the
 * page never waits on the internet. The helpers are shared with playground-rounds.test.ts: support.ts.
 */
import {
  BROWSER_RESULTS,
  PlaygroundPage,
  cardOf,
  describeIfChromium,
  expectNoLeftovers,
  expectVisible,
  findAll,
  hasText,
  hasValue,
  lacksText,
  textOf,
} from './support';

const OUT = BROWSER_RESULTS;

describeIfChromium('test/browser/playground.test.ts')('the bot in the Agents Playground, in Chromium', () => {
  let run: PlaygroundPage;

  beforeAll(async () => {
    run = await PlaygroundPage.start({ out: OUT });
  }, 120_000);

  afterAll(async () => {
    await run?.stop();
    if (run) console.log(run.summary('browser test'));
  }, 60_000);

  it('runs Round 1 for two people and reveals both picks', async () => {
    const { page, stream, api, chatId, cards, cardWith, shot, evidence, say, press, botMessages, messageWithVerb, pageReceivedUpdate } =
      run;
    const anna = run.config.currentUser;
    const sanne = run.config.users.find((u) => u.name === 'Sanne Jansen')!;
    try {
      await run.openGroupChat();

      // 0. Opening the chat "installs" the bot there: it introduces itself.
      const help = cardWith('Zo werkt de Sociale Basis-bot');
      await expectVisible(help);
      await shot('help', help);

      // 1. The leider starts the table.
      await say('start');
      const welcome = cardWith('Wat er met de uitkomsten gebeurt');
      const joinButton = welcome.getByRole('button', { name: 'Doe mee' });
      await expectVisible(joinButton);
      await hasText(welcome, '0 van maximaal 8 deelnemers doen mee.');
      await hasText(welcome, `Gespreksleider: ${anna.name}`);
      await shot('welcome', welcome);
      const welcomeId = (await stream.waitFor(() => messageWithVerb('join'), 'the welcome card in the stream')).messageId;

      // 2. She joins: her own view of the welcome card, with the consent switch. The shared card is
      //    updated at the same moment; the Playground has no per-user refresh, so whichever of the
      //    two arrives last is what the page shows. "Doe mee" again brings her own view back.
      const ownView = welcome.getByText(/Je doet mee als deelnemer \d+/);
      const showOwnView = async (since: number, sharedText: string) => {
        await pageReceivedUpdate(welcomeId, since, sharedText);
        await expectVisible(ownView.or(joinButton));
        if (!(await ownView.isVisible())) await press(joinButton);
        await expectVisible(ownView);
      };
      let since = Date.now();
      const joined = await press(joinButton);
      expect(textOf(joined)).toContain('Je doet mee als deelnemer 1');
      await showOwnView(since, '1 van maximaal 8 deelnemers doen mee.');
      await hasText(welcome, 'Je doet mee als deelnemer 1');
      await shot('joined', welcome);

      // 3. Name consent.
      since = Date.now();
      await press(welcome.getByRole('button', { name: 'Mijn naam mag in het verslag' }));
      await showOwnView(since, `Aan tafel: ${anna.name}.`);
      await hasText(welcome, `Je naam (${anna.name}) mag in het verslag`);
      await expectVisible(welcome.getByRole('button', { name: 'Liever zonder mijn naam' }));
      await shot('consent', welcome);

      // 4. volgende: kennismaking.
      await say('volgende');
      const intro = cardWith('Wie ben je en op welke manier ben je betrokken bij de sociale basis?');
      await expectVisible(intro);
      await shot('kennismaking', intro);
      await press(intro.getByRole('button', { name: 'Vul mijn kennismaking in' }));
      const introForm = cards()
        .filter({ has: page.getByRole('button', { name: 'Opslaan' }) })
        .last();
      await expectVisible(introForm);
      await shot('kennismaking-form', introForm);
      await introForm.getByRole('textbox').first().fill('Beleidsmedewerker sociaal domein');
      await press(introForm.getByRole('button', { name: 'Opslaan' }));
      const introSaved = cardWith('je kennismaking is opgeslagen');
      await expectVisible(introSaved);
      await shot('kennismaking-saved', introSaved);

      // 5. volgende: Round 1, its card with the deck and the shared progress card.
      await say('volgende');
      const round1 = cards()
        .filter({ has: page.getByRole('button', { name: 'Kies mijn drie kaartjes' }) })
        .last();
      await expectVisible(round1);
      await hasText(round1, 'Ronde 1');
      await shot('round1', round1);
      const progress = cardWith('Ronde 1: stille keuze');
      await hasText(progress, '0 van 1 ingeleverd');
      await shot('progress-0-of-1', progress);
      const round1Id = (await stream.waitFor(() => messageWithVerb('picks.open'), 'the Round 1 card in the stream')).messageId;
      const progressId = (
        await stream.waitFor(
          () => botMessages().find((m) => textOf(cardOf(m)).includes('Ronde 1: stille keuze')),
          'the progress card in the stream',
        )
      ).messageId;

      // 6. Her pick form, filled in the rendered card.
      await press(round1.getByRole('button', { name: 'Kies mijn drie kaartjes' }));
      const form = cardWith('Jouw drie kaartjes');
      await expectVisible(form);
      await shot('pick-form', form);
      const annaPicks = {
        in: ['Buurthuis', 'Iedereen kan er binnenlopen, het is van de buurt.'],
        out: ['Huisarts', 'Dat is zorg op recept, geen basis voor iedereen.'],
        doubt: ['Bibliotheek', 'Een voorziening, maar wordt ook een ontmoetingsplek.'],
      } as const;
      const labels = {
        in: ['Dit hoort zeker bij de sociale basis', 'Waarom hoort het erbij?'],
        out: ['Dit hoort zeker niet bij de sociale basis', 'Waarom hoort het er niet bij?'],
        doubt: ['Hierover twijfel ik', 'Waarom twijfel je?'],
      } as const;
      for (const role of ['in', 'out', 'doubt'] as const) {
        const [cardTitle, argument] = annaPicks[role];
        const combo = form.getByRole('combobox', { name: labels[role][0] });
        await combo.click();
        await combo.fill(cardTitle);
        await page.getByRole('option', { name: cardTitle, exact: true }).click();
        await hasValue(combo, cardTitle);
        await form.getByRole('textbox', { name: labels[role][1] }).fill(argument);
      }
      await shot('pick-form-filled', form);

      // 7. Hand in: her confirmation replaces the form; the shared progress card counts her.
      const saved = await press(form.getByRole('button', { name: 'Inleveren' }));
      expect(textOf(saved)).toContain('Je keuzes zijn ingeleverd');
      const confirmation = cardWith('Je keuzes zijn ingeleverd');
      await expectVisible(confirmation);
      for (const [cardTitle, argument] of Object.values(annaPicks)) {
        await hasText(confirmation, cardTitle);
        await hasText(confirmation, argument);
      }
      await expectVisible(confirmation.getByRole('button', { name: 'Wijzig mijn keuzes' }));
      await shot('picks-saved', confirmation);
      await hasText(progress, '1 van 1 ingeleverd');

      // 8. Sanne, through the Playground's API as herself: joins (no name consent) and hands in.
      const sanneJoined = await api.invoke(chatId, sanne.id, welcomeId, 'join');
      expect(textOf(sanneJoined.value)).toContain('Je doet mee als deelnemer 2');
      await hasText(welcome, '2 van maximaal 8 deelnemers doen mee.');
      // Sanne gave no consent: she is counted, not named.
      await hasText(welcome, `Aan tafel: ${anna.name} en nog 1 ander.`);
      await shot('welcome-two-joined', welcome);
      await hasText(progress, '1 van 2 ingeleverd');
      await shot('progress-1-of-2', progress);
      const sanneForm = (await api.invoke(chatId, sanne.id, round1Id, 'picks.open', { round: 1 })).value;
      const choices = findAll(sanneForm, (n) => n.type === 'Input.ChoiceSet')[0]!.choices as Array<{ title: string; value: string }>;
      const idOf = (title: string): string => {
        const choice = choices.find((c) => c.title === title);
        if (!choice) throw new Error(`no card "${title}" in the pick form`);
        return choice.value;
      };
      const sannePicks = {
        in: ['Mantelzorger', 'Zonder mantelzorgers valt de buurt om.'],
        out: ['Huisarts', 'Medische zorg, daar heb je een verwijzing voor.'],
        doubt: ['Het park', 'Iedereen komt er, maar ontmoet je er elkaar echt?'],
      } as const;
      const submitData = findAll(sanneForm, (n) => n.verb === 'picks.submit')[0]!.data as Record<string, unknown>;
      const sanneSaved = await api.invoke(chatId, sanne.id, round1Id, 'picks.submit', {
        ...submitData,
        inCard: idOf(sannePicks.in[0]),
        inArgument: sannePicks.in[1],
        outCard: idOf(sannePicks.out[0]),
        outArgument: sannePicks.out[1],
        doubtCard: idOf(sannePicks.doubt[0]),
        doubtArgument: sannePicks.doubt[1],
      });
      expect(textOf(sanneSaved.value)).toContain('Je keuzes zijn ingeleverd');

      // 9. The shared progress card, updated by the bot, on the page.
      await hasText(progress, '2 van 2 ingeleverd');
      await hasText(progress, 'Iedereen heeft ingeleverd');
      await shot('progress-2-of-2', progress);
      // The same update, as the Playground's stream reports it.
      await stream.waitFor(
        () => (textOf(cardOf(botMessages().find((m) => m.messageId === progressId))).includes('2 van 2 ingeleverd') ? true : undefined),
        'the progress update in the stream',
      );
      // Nothing of anyone's picks is on the page before the reveal, except Anna's own confirmation.
      const pageText = await cards().allInnerTexts();
      for (const [, argument] of Object.values(sannePicks)) expect(pageText.join('\n')).not.toContain(argument);

      // 10. onthul: every pick with its argument, grouped per card.
      await say('onthul');
      const reveal = cardWith('Ronde 1: de keuzes onthuld');
      await expectVisible(reveal);
      // Each card's arguments are folded away; its button shows them in place (and then hides itself).
      const showArguments = reveal.getByRole('button', { name: 'Toon argumenten' });
      await expectVisible(showArguments.first());
      while ((await showArguments.count()) > 0) await showArguments.first().click();
      await expectVisible(reveal.getByRole('button', { name: 'Verberg' }).first());
      for (const [cardTitle, argument] of [...Object.values(annaPicks), ...Object.values(sannePicks)]) {
        await hasText(reveal, cardTitle);
        await hasText(reveal, argument);
      }
      await hasText(reveal, anna.name);
      await hasText(reveal, 'deelnemer 2');
      await lacksText(reveal, sanne.name);
      await shot('reveal', reveal);
      await hasText(progress, 'De keuzes zijn onthuld');
      await shot('progress-revealed', progress);

      // 11. After the reveal, "Wijzig mijn keuzes" shows the picks as they stand, frozen.
      await press(confirmation.getByRole('button', { name: 'Wijzig mijn keuzes' }));
      const frozen = cardWith('De keuzes zijn onthuld en staan vast');
      await expectVisible(frozen);
      await hasText(frozen, annaPicks.in[1]);
      // Nothing to change any more: the only way on is back to the round's explanation.
      expect(await frozen.getByRole('button', { name: 'Wijzig mijn keuzes' }).count()).toBe(0);
      expect(await frozen.getByRole('button').allInnerTexts()).toEqual(['Terug naar de uitleg']);
      await shot('picks-frozen', frozen);

      // Whatever the page shows: no raw markdown, no template or message placeholders left.
      expectNoLeftovers((await cards().allInnerTexts()).join('\n'));
      expect(run.pageErrors).toEqual([]);
    } catch (err) {
      await evidence('run');
      throw err;
    }
  }, 240_000);
});
