/**
 * "Nog bezig: Pieter Bakker en nog 1 ander" hid from the leider whom to nudge, although everyone is in
 * the same meeting. The leider's own view of the progress card (Teams asks for it through
 * `refresh.userIds`) names everyone still busy; the shared card, which everyone sees, keeps counting
 * those who did not consent.
 */
import { cardOfCall, cardText } from '../support/cards';
import { E2ETable, useBot } from '../support/e2e-table';
import { LEIDER, person, picksFor, runTag } from '../fixtures/round1-people';

const ANNA = person(0);
const BRAM = person(1);
const CEES = person(2);
const bot = useBot({});

it('names who is still busy in the leider’s own view only; the shared card keeps following consent', async () => {
  const tag = runTag();
  const t = new E2ETable(bot.h, LEIDER);
  await t.start('Tafel met voortgang');
  await t.join(ANNA, BRAM, CEES);
  await t.say(LEIDER, 'gast Karel Kleefstra');
  await t.toRound1();
  await t.submit(CEES, picksFor(tag, 2));

  const shared = await t.waitForCard(t.progressId!, (text) => text.includes('1 van 4 ingeleverd'), 'the shared progress to count Cees');
  expect(cardText(shared)).toContain('Nog bezig: 3 deelnemers.');
  expect(cardText(shared)).not.toMatch(/Anna|Bram|Karel/);
  // Teams asks for the leider's own view (with their controls), and nobody else's.
  expect(shared.refresh).toMatchObject({ action: { verb: 'controls.view', data: { card: 'progress', n: 1 } }, userIds: [LEIDER.id] });
  const on = { card: 'progress', n: 1 };

  const leaders = await t.press(LEIDER, 'controls.view', on, { on: t.progressId! });
  expect(cardText(leaders.card)).toContain('1 van 4 ingeleverd');
  expect(cardText(leaders.card)).toContain(
    'Nog bezig: Anna Achterberg, Bram Bosgraaf en Karel Kleefstra (gast). Alleen gespreksleiders zien hier de namen.',
  );

  // A participant who sends the same refresh (a forged one) sees the shared card.
  const annas = await t.press(ANNA, 'controls.view', on, { on: t.progressId! });
  expect(cardText(annas.card)).toContain('Nog bezig: 3 deelnemers.');
  expect(cardText(annas.card)).not.toMatch(/Bram|Karel/);
  // A progress card posted before the controls took over its refresh still answers with the names, to leiders only.
  expect(cardText((await t.press(LEIDER, 'progress.view', {}, { on: t.progressId! })).card)).toContain('Nog bezig: Anna Achterberg');
  expect(cardText((await t.press(ANNA, 'progress.view', {}, { on: t.progressId! })).card)).not.toMatch(/Bram|Karel/);
  // Nothing of the leider's view reached the chat.
  expect(t.visibleSent(t.calls().filter((c) => c.body?.type === 'message'))).not.toContain('Anna Achterberg, Bram');
  expect(cardText(cardOfCall(t.posts()[0]))).not.toContain('Alleen gespreksleiders');
});
