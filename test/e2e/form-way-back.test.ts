/**
 * A way back from every form: the sticker form had none, so a participant who opened it to look had
 * to place stickers or leave the form standing in the chat.
 */
import { actionByVerb, cardText, headingOf } from '../support/cards';
import { E2ETable, useBot } from '../support/e2e-table';
import { LEIDER, person, picksFor, runTag } from '../fixtures/round1-people';

const ANNA = person(0);
const bot = useBot({});

it('the sticker form goes back to the intentions without placing a sticker', async () => {
  const tag = runTag();
  const t = new E2ETable(bot.h, LEIDER);
  await t.start('Tafel met een weg terug');
  await t.join(ANNA);
  await t.toRound1();
  await t.submit(ANNA, picksFor(tag, 0));
  await t.say(LEIDER, 'onthul');
  await t.say(LEIDER, 'volgende');
  await t.say(LEIDER, 'volgende');

  const form = (await t.press(ANNA, 'stickers.open')).card;
  const back = actionByVerb(form, 'intentions.view');
  expect(back).toMatchObject({ type: 'Action.Execute', title: 'Terug naar de bedoelingen', associatedInputs: 'none' });
  const intentions = (await t.press(ANNA, 'intentions.view')).card;
  expect(headingOf(intentions)).toMatch(/^Ronde 3: de bedoeling van/);
  expect(cardText(intentions)).not.toContain('Terug naar de bedoelingen');
});

it('a button whose data does not read is answered with the card of the step, its buttons and the message', async () => {
  const t = new E2ETable(bot.h, LEIDER);
  await t.start('Tafel met een oude kaart');
  await t.join(ANNA);
  await t.toRound1();

  const answer = (await t.press(ANNA, 'picks.submit', { round: { niet: 'leesbaar' } })).card;
  expect(headingOf(answer)).toBe('Ronde 1: verkennen van de sociale basis');
  expect(cardText(answer)).toContain(
    'Deze actie kon ik niet lezen. Er is niets veranderd; probeer het nog eens met de knoppen op deze kaart.',
  );
  expect(actionByVerb(answer, 'picks.open')).toBeDefined();
  // Nothing was handed in.
  await bot.h.app.updater.flush();
  expect(cardText(t.currentCard(t.progressId!))).toContain('0 van 1 ingeleverd');
});
