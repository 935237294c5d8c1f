/**
 * Nobody loses what they typed: a form opens in place of the card its button is on, for the presser
 * alone, and in Teams an update of that message re-renders everyone's view of it. So a message that a
 * form opened on must never be updated by the bot, whatever anyone else does meanwhile.
 *
 * A whole table is played over HTTP with every button pressed on the message it is on (`replyToId`),
 * while others act at the same time; at the end, no message that hosted a form was ever updated.
 */
import { cardOfCall, cardText, findAll, headingOf, inputsOf, type Card } from '../support/cards';
import type { ConnectorCall } from '../support/connector-stand-in';
import { E2ETable, idOf, pickData, useBot } from '../support/e2e-table';
import { DECK, LEIDER, person, picksFor, runTag } from '../fixtures/round1-people';

const ANNA = person(0);
const BRAM = person(1);
const bot = useBot({});

describe('no form on a changing card', () => {
  const tag = runTag();
  let t: E2ETable;
  /** Message id → who had a form open on it. */
  const formHosts = new Map<string, string[]>();

  /** Presses a button on a message; when the answer is a form, that message now hosts one. */
  async function press(who: typeof ANNA, verb: string, on: string, data: Record<string, unknown> = {}): Promise<Card> {
    const { card } = await t.press(who, verb, data, { on });
    const inputs = findAll(card, (n) => typeof n.type === 'string' && n.type.startsWith('Input.'));
    if (inputs.length > 0) formHosts.set(on, [...(formHosts.get(on) ?? []), `${who.name}: ${verb}`]);
    return card;
  }

  /** The id of the last message posted whose heading matches. */
  function posted(heading: RegExp): string {
    const found = t.posts().filter((c: ConnectorCall) => heading.test(headingOf(cardOfCall(c))));
    if (found.length === 0)
      throw new Error(
        `no message with a heading like ${heading}: ${t
          .posts()
          .map((c) => headingOf(cardOfCall(c)))
          .join(' | ')}`,
      );
    return idOf(found[found.length - 1]!);
  }

  async function settle(): Promise<void> {
    await bot.h.app.updater.flush();
    await bot.h.app.afterAnswer.idle();
    await bot.h.app.outbound.idle();
  }

  it('plays a table with forms open while others act', async () => {
    t = new E2ETable(bot.h, LEIDER);
    await t.start('Tafel Formulieren');
    for (const who of [ANNA, BRAM]) await press(who, 'join', t.welcomeId!);
    await t.say(LEIDER, 'volgende');
    const intro = posted(/^Kennismaking/);
    await press(ANNA, 'intro.open', intro);
    await t.say(LEIDER, 'volgende');
    const round1 = posted(/^Ronde 1: verkennen/);

    // Round 1: Anna's form is open while Bram hands in (the progress card changes).
    await press(ANNA, 'picks.open', round1, { round: 1 });
    await press(BRAM, 'picks.submit', round1, pickData(picksFor(tag, 1)));
    await press(ANNA, 'picks.submit', round1, pickData(picksFor(tag, 0)));
    await t.say(LEIDER, 'onthul');
    await t.say(LEIDER, 'volgende');
    await settle();

    // Round 2: the board changes; the forms open on the Round 2 buttons card.
    const tools = posted(/Ronde 2: kaartjes op het model/);
    await press(ANNA, 'owncard.open', tools, { kind: 'ingredient' });
    const place = await press(LEIDER, 'board.place.open', tools);
    expect(inputsOf(place).card).toBeDefined();
    await press(LEIDER, 'board.place', tools, { card: 'buurthuis', zone: 'community', agreement: 'agree' });
    await press(ANNA, 'owncard.add', tools, { kind: 'ingredient', title: `Moestuin ${tag}` });
    // A silent placement: its question hosts the forms, its progress is a message of its own.
    await press(LEIDER, 'poll.open', tools, { card: 'bibliotheek' });
    await settle();
    const question = posted(/^Stille plaatsing: /);
    await press(ANNA, 'poll.vote.open', question, { poll: 1 });
    await press(BRAM, 'poll.vote', question, { poll: 1, zone: 'institutional' });
    await press(ANNA, 'poll.vote', question, { poll: 1, zone: 'institutional' });
    await press(LEIDER, 'poll.close', question, { poll: 1 });
    await settle();
    // The spread offers the leider to place the card at once, the zone most chose filled in.
    const spread = posted(/^Spreiding: /);
    const prefilled = await press(LEIDER, 'board.place.open', spread, { card: 'bibliotheek', zone: 'institutional' });
    expect(inputsOf(prefilled).card!.value).toBe('bibliotheek');
    expect(inputsOf(prefilled).zone!.value).toBe('institutional');
    await press(LEIDER, 'board.place', spread, { card: 'bibliotheek', zone: 'institutional', agreement: 'agree' });
    await t.say(LEIDER, 'volgende');
    await settle();

    // Round 3: sticker forms open on the intentions while someone adds an intention and others vote.
    const intentions = posted(/^Ronde 3: de bedoeling van/);
    const [first, second] = DECK.intentions;
    await press(ANNA, 'stickers.open', intentions);
    await press(BRAM, 'owncard.add', intentions, { kind: 'intention', title: `Buurtkracht ${tag}` });
    await press(BRAM, 'stickers.submit', intentions, { sticker1: first!.id, sticker2: first!.id, sticker3: second!.id });
    await press(ANNA, 'stickers.submit', intentions, { sticker1: second!.id });
    await t.say(LEIDER, 'sluit');
    await settle();
    const ranking = posted(/de bedoelingen op volgorde/);
    await press(LEIDER, 'discussion.open', ranking);
    await press(LEIDER, 'discussion.save', ranking, { mainIntention: first!.id, agreements: 'Verbinding telt', policyGoals: '' });
    await press(LEIDER, 'discussion.save', ranking, { mainIntention: first!.id, agreements: 'Verbinding telt het meest', policyGoals: '' });
    await settle();
    // The recorded discussion shows beside the ranking, on a card that is kept up to date.
    expect(cardText(t.currentCard(posted(/wat de tafel over de bedoelingen zei/)))).toContain('Verbinding telt het meest');

    await t.say(LEIDER, 'volgende');
    const closing = posted(/^Slotvraag/);
    await press(ANNA, 'closing.open', closing);
    await press(BRAM, 'closing.submit', closing, { learned: 'Veel', action: 'Bellen' });
    await settle();

    const updated = new Set(t.connector.updates(t.chat.id).map((c) => c.activityId));
    const overwritten = [...formHosts].filter(([id]) => updated.has(id)).map(([id, forms]) => `${id}: ${forms.join(', ')}`);
    expect(overwritten).toEqual([]);
    // The property has teeth: forms were open on several messages, and shared cards did change.
    expect(formHosts.size).toBeGreaterThanOrEqual(7);
    expect(updated.size).toBeGreaterThanOrEqual(5);
  });
});
