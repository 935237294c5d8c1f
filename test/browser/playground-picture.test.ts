/**
 * The model picture on the board card in the Agents Playground, offline: `npm run playground` points
 * PUBLIC_URL at the local bot, so the page loads the PNG from the bot itself. Screenshots of the board
 * at 1,200 and 420 px wide go to test-results/browser/picture/ (ignored by git): look at them.
 */
import * as path from 'node:path';
import { BROWSER_RESULTS, cardOf, describeIfChromium, expectVisible, findAll, PlaygroundPage, STEP_TIMEOUT } from './support';

const OUT = path.join(BROWSER_RESULTS, 'picture');

/** What the page knows of an <img> (no DOM types here). */
interface LoadedImage {
  complete: boolean;
  naturalWidth: number;
}

describeIfChromium('test/browser/playground-picture.test.ts')('the model picture in the Agents Playground, in Chromium', () => {
  let run: PlaygroundPage;

  beforeAll(async () => {
    run = await PlaygroundPage.start({ out: OUT });
  }, 120_000);

  afterAll(async () => {
    await run?.stop();
  }, 60_000);

  it('shows the picture of the filled model on the board card, loaded from the bot', async () => {
    const { page, api, chatId, cardWith, shot, evidence, sayAs, idOfVerb } = run;
    const anna = run.config.currentUser;
    const sanne = run.config.users.find((u) => u.name === 'Sanne Jansen')!;
    try {
      await run.openGroupChat();
      await sayAs(anna.id, 'start Tafel Beeld');
      const welcomeId = await idOfVerb('join', 'the welcome card');
      for (const who of [anna, sanne]) await api.invoke(chatId, who.id, welcomeId, 'join');
      await sayAs(anna.id, 'volgende');
      await idOfVerb('intro.open', 'the kennismaking card');
      await sayAs(anna.id, 'volgende');
      const round1Id = await idOfVerb('picks.open', 'the Round 1 card');
      const form = (await api.invoke(chatId, anna.id, round1Id, 'picks.open', { round: 1 })).value;
      const choices = findAll(form, (n) => n.type === 'Input.ChoiceSet')[0]!.choices as Array<{ title: string; value: string }>;
      const idOf = (title: string) => choices.find((c) => c.title === title)!.value;
      for (const who of [anna, sanne]) {
        await api.invoke(chatId, who.id, round1Id, 'picks.submit', {
          round: 1,
          inCard: idOf('Buurthuis'),
          inArgument: 'Voor iedereen.',
          outCard: idOf('Huisarts'),
          outArgument: 'Zorg op indicatie.',
          doubtCard: idOf('Bibliotheek'),
          doubtArgument: 'Hangt ervan af.',
        });
      }
      await sayAs(anna.id, 'onthul');
      await sayAs(anna.id, 'volgende');
      const toolsId = await idOfVerb('owncard.open', 'the Round 2 tools card');
      for (const [card, zone, agreement] of [
        ['Buurthuis', 'community', 'divided'],
        ['Huisarts', 'outside', 'agree'],
        ['Bibliotheek', 'institutional', 'disagree'],
      ] as const) {
        await api.invoke(chatId, anna.id, toolsId, 'board.place', { card: idOf(card), zone, agreement });
      }
      const board = cardWith('Het model: ronde 2');
      const image = board.locator('img[alt*="Bibliotheek (oneens)"]');
      await expectVisible(image, STEP_TIMEOUT * 2);
      // Loaded from the bot through its signed link: a 1200 px wide PNG, not a broken image.
      await page.waitForFunction(
        (img) => (img as unknown as LoadedImage).complete && (img as unknown as LoadedImage).naturalWidth > 0,
        await image.elementHandle(),
        {
          timeout: STEP_TIMEOUT,
        },
      );
      expect(await image.evaluate((img) => (img as unknown as LoadedImage).naturalWidth)).toBe(1200);
      const src = await image.getAttribute('src');
      expect(src).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/pictures\/t\//);
      const alt = (await image.getAttribute('alt')) ?? '';
      expect(alt).toContain('Gemeenschappelijke sociale basis: Buurthuis (verdeeld)');
      expect(cardOf(run.messageWithText('Het model: ronde 2'))).toBeDefined();
      // The chat list needs the page's default width; the card is looked at in a 1,200 px window.
      await page.setViewportSize({ width: 1200, height: 1600 });
      await expectVisible(image);
      await shot('board-1200', board);
      await page.setViewportSize({ width: 420, height: 1600 });
      await expectVisible(image);
      await shot('board-420', board);
    } catch (err) {
      await evidence('picture');
      throw err;
    }
  }, 300_000);
});
