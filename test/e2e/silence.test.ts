/**
 * Silence over HTTP: what participants chose in silence is seen by nobody else until the leider
 * reveals it or closes the vote — not on the model board (posted, updated in place, or opened from a
 * button), not in the leider's place form, not in a ranking opened while the vote is open.
 */
import { cardOfCall, cardText, inputsOf, type Card } from '../support/cards';
import { E2ETable, pickData, useBot, type PickSpec } from '../support/e2e-table';
import { DECK, LEIDER, person, picksFor, runTag, titleOf } from '../fixtures/round1-people';

const ANNA = person(0);
const BRAM = person(1);
const CEES = person(2);
const bot = useBot({});

/** Anna's silent picks of the extra round in Round 2: cards nobody picked in Round 1. */
function hiddenPicks(tag: string): PickSpec {
  return {
    in: ['bibliotheek', `Daar komt iedereen [${tag}-stil-in]`],
    out: ['huisarts', `Dat is de eerste lijn [${tag}-stil-out]`],
    doubt: ['dagbesteding', `Hangt af van de indicatie [${tag}-stil-doubt]`],
  };
}
const HIDDEN_TITLES = ['bibliotheek', 'huisarts', 'dagbesteding'].map((id) => titleOf(id));

/** Card titles the place form marks as picked in a revealed round ("Buurthuis (ronde 1)"). */
function markedAsPicked(card: Card): string[] {
  const choices: Array<{ title: string }> = inputsOf(card).card?.choices ?? [];
  return choices.map((c) => c.title).filter((title) => title.endsWith('(ronde 1)'));
}

function hasAny(text: string, needles: readonly string[]): string[] {
  return needles.filter((n) => text.includes(n));
}

describe('silent input stays silent until it is revealed', () => {
  const tag = runTag();
  let t: E2ETable;
  const bramSaw: Card[] = [];

  it('Round 1 before the reveal: the board opened from a button shows none of the picks', async () => {
    t = new E2ETable(bot.h, LEIDER);
    await t.start('Tafel Stilte');
    await t.join(ANNA, BRAM, CEES);
    await t.toRound1();
    await t.submit(ANNA, picksFor(tag, 0));
    await t.submit(BRAM, picksFor(tag, 1));
    const board = (await t.press(BRAM, 'board.view')).card;
    bramSaw.push(board);
    const round1Titles = ['in', 'out', 'doubt'].map((role) => titleOf(picksFor(tag, 0)[role as 'in'][0]));
    expect(hasAny(cardText(board), round1Titles)).toEqual([]);
    expect(cardText(board)).not.toContain('nog zonder plek');
  });

  it('Round 2, an extra silent round: `model`, a placement and the place form show none of the new picks before `onthul`', async () => {
    await t.submit(CEES, picksFor(tag, 2));
    await t.say(LEIDER, 'onthul');
    await t.say(LEIDER, 'volgende');
    await t.say(LEIDER, 'stille ronde');
    const saved = await t.press(ANNA, 'picks.submit', pickData(hiddenPicks(tag), 2));
    // Anna sees her own picks, of course.
    expect(cardText(saved.card)).toContain(`[${tag}-stil-in]`);

    const posted = await t.say(BRAM, 'model');
    const board = cardOfCall(posted[0])!;
    bramSaw.push(board);
    expect(hasAny(cardText(board), HIDDEN_TITLES)).toEqual([]);
    // The cards of the revealed Round 1 are there, waiting for a place.
    expect(cardText(board)).toContain(titleOf(picksFor(tag, 0).in[0]));

    const placed = await t.press(LEIDER, 'board.place', { card: 'buurthuis', zone: 'community', agreement: 'agree' });
    expect(markedAsPicked(placed.card).filter((title) => HIDDEN_TITLES.some((h) => title.startsWith(h)))).toEqual([]);
    await bot.h.app.updater.flush();
    await bot.h.app.outbound.idle();
    const boardId = posted[0]!.responseId!;
    const updated = t.currentCard(boardId)!;
    expect(cardText(updated)).toContain('Buurthuis');
    expect(hasAny(cardText(updated), HIDDEN_TITLES)).toEqual([]);

    const form = (await t.press(LEIDER, 'board.place.open')).card;
    expect(markedAsPicked(form).length).toBeGreaterThan(0);
    expect(markedAsPicked(form).filter((title) => HIDDEN_TITLES.some((h) => title.startsWith(h)))).toEqual([]);
    bramSaw.push((await t.press(BRAM, 'board.view')).card);

    // Nothing in the chat, nor anything Bram was answered, holds a word of Anna's silent arguments.
    const seen = t.visibleSent() + JSON.stringify(bramSaw);
    expect(seen).not.toContain(`${tag}-stil-`);
  });

  it('after `onthul` the board lists them as picked and waiting for a place', async () => {
    await t.say(LEIDER, 'onthul');
    await bot.h.app.updater.flush();
    const board = (await t.press(BRAM, 'board.view')).card;
    expect(hasAny(cardText(board), HIDDEN_TITLES)).toEqual(HIDDEN_TITLES);
  });

  it('Round 3: the ranking shows no count while the vote is open, to anyone; after `sluit` it does', async () => {
    await t.say(LEIDER, 'volgende');
    const intention = DECK.intentions[3]!;
    await t.press(ANNA, 'stickers.submit', { sticker1: intention.id, sticker2: intention.id, sticker3: intention.id });
    for (const who of [BRAM, LEIDER, ANNA]) {
      const ranking = cardText((await t.press(who, 'ranking.view')).card);
      expect(ranking).toContain('De stemming loopt nog.');
      expect(ranking).not.toMatch(/: 3\b/);
      expect(ranking).not.toContain(intention.title);
    }
    // The discussion form offers no ranked choices yet either.
    const discussion = (await t.press(LEIDER, 'discussion.open')).card;
    expect(JSON.stringify(discussion)).not.toContain(intention.title);

    await t.say(LEIDER, 'sluit');
    const ranking = cardText((await t.press(BRAM, 'ranking.view')).card);
    expect(ranking).toContain(`1. ${intention.title}: 3`);
  });
});
