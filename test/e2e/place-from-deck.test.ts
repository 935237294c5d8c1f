/**
 * Placing a card from the Round 1 deck (issue 12), over HTTP: in Round 2 the leider's own view of
 * Round 1's card (Teams' refresh for `refresh.userIds`) offers every card of the deck, prefilled with
 * the zone the picks point to or where it lies; pressing one opens the place form there, on a message
 * nobody else's action updates. Three clicks place it; the button then says "Verplaatsen". A
 * participant sees no such buttons, and a forged one is refused without anything changing.
 */
import { actionsOf, cardOfCall, cardText, findAll, headingOf, inputsOf, type Card } from '../support/cards';
import { E2ETable, idOf, toAnswer, useBot } from '../support/e2e-table';
import { DECK, LEIDER, person, picksFor, runTag, titleOf } from '../fixtures/round1-people';

const ANNA = person(0);
const BRAM = person(1);
const bot = useBot({});

type Place = { title: string; data: { card: string; zone: string } };

function placesOf(card: Card | undefined): Place[] {
  return actionsOf(card)
    .filter((a) => a.verb === 'board.place.open')
    .map((a) => ({ title: a.title, data: a.data }));
}

describe('placing a card from the Round 1 deck', () => {
  let t: E2ETable;
  let round1Id: string;
  const tag = runTag();

  async function settle(): Promise<void> {
    await bot.h.app.updater.flush();
    await bot.h.app.afterAnswer.idle();
    await bot.h.app.outbound.idle();
  }

  /** Teams' own refresh of Round 1's card (`trigger: automatic`), as `who`. */
  async function round1As(who: typeof ANNA): Promise<Card> {
    const action = cardOfCall(t.posts().find((c) => idOf(c) === round1Id))?.refresh?.action;
    const res = await t.invokeRaw(who, { action: { type: 'Action.Execute', verb: action.verb, data: action.data }, trigger: 'automatic' });
    return toAnswer(res, action.verb).card;
  }

  it('offers the leider every card of the deck in Round 2, prefilled with the zone the picks point to', async () => {
    t = new E2ETable(bot.h, LEIDER);
    await t.start('Tafel Stapel');
    await t.join(ANNA, BRAM);
    await t.toRound1();
    round1Id = idOf(t.posts().find((c) => /^Ronde 1: verkennen/.test(headingOf(cardOfCall(c))))!);
    // In Round 1 itself the deck offers nothing to place yet.
    expect(placesOf(await round1As(LEIDER))).toEqual([]);
    await t.submit(ANNA, picksFor(tag, 0));
    await t.submit(BRAM, picksFor(tag, 1));
    await t.say(LEIDER, 'onthul');
    await t.say(LEIDER, 'volgende');
    await settle();

    const places = placesOf(await round1As(LEIDER));
    expect(places.map((p) => p.data.card)).toEqual(DECK.ingredients.map((c) => c.id));
    const outCard = picksFor(tag, 0).out[0];
    expect(places.find((p) => p.data.card === outCard)).toEqual({
      title: `Dit kaartje plaatsen: ${titleOf(outCard)}`,
      data: { card: outCard, zone: 'outside' },
    });
    // The deck is long: its buttons wait, folded away, behind one that shows them.
    const leaderView = await round1As(LEIDER);
    expect(actionsOf(leaderView).filter((a) => a.type === 'Action.ToggleVisibility')).toEqual([
      {
        type: 'Action.ToggleVisibility',
        title: `Kaartjes uit de stapel plaatsen of verplaatsen (${DECK.ingredients.length})`,
        targetElements: ['places'],
      },
    ]);
    expect(findAll(leaderView, (n) => n.id === 'places')).toEqual([expect.objectContaining({ isVisible: false })]);
    // A participant's view of the same card has none of it.
    const annaView = await round1As(ANNA);
    expect(placesOf(annaView)).toEqual([]);
    expect(actionsOf(annaView).filter((a) => a.type === 'Action.ToggleVisibility')).toEqual([]);
  });

  it('places a card in three clicks from there, and offers to move it afterwards', async () => {
    const card = picksFor(tag, 0).out[0];
    const place = placesOf(await round1As(LEIDER)).find((p) => p.data.card === card)!;
    // 1. The button: the form opens on Round 1's card, the card and the zone filled in.
    const form = await t.press(LEIDER, 'board.place.open', place.data, { on: round1Id });
    expect(inputsOf(form.card).card!.value).toBe(card);
    expect(inputsOf(form.card).zone!.value).toBe('outside');
    // 2. and 3. A mark, and Vastleggen.
    const saved = await t.press(LEIDER, 'board.place', { card, zone: 'outside', agreement: 'agree' }, { on: round1Id });
    expect(cardText(saved.card)).toContain(`Vastgelegd: ${titleOf(card)} → Niet sociale basis (eens).`);
    await settle();
    const boardId = idOf(t.posts().find((c) => /^Het model/.test(headingOf(cardOfCall(c))))!);
    expect(cardText(t.currentCard(boardId))).toContain(titleOf(card));

    expect(placesOf(await round1As(LEIDER)).find((p) => p.data.card === card)).toEqual({
      title: `Verplaatsen: ${titleOf(card)}`,
      data: { card, zone: 'outside' },
    });
  });

  it('refuses a participant who presses a forged one, and nothing changes', async () => {
    const before = await t.status();
    const card = picksFor(tag, 1).in[0];
    const refused = await t.press(ANNA, 'board.place.open', { card, zone: 'personal' }, { on: round1Id });
    expect(cardText(refused.card)).toContain('Alleen de gespreksleider (Lotte Leidekker) kan dit doen.');
    expect(inputsOf(refused.card).card?.value ?? '').toBe('');
    await settle();
    expect(await t.status()).toEqual(before);
  });

  it('never updates Round 1’s card: a form opened on it is not taken away by anyone else', async () => {
    expect(t.updatesOf(round1Id)).toEqual([]);
  });
});
