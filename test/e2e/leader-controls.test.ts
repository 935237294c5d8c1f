/**
 * The leider steers with buttons (issue 12), over HTTP against the running bot: every shared card of
 * the step carries a refresh for the leiders only; Teams' automatic refresh answers a leider with the
 * controls for the next step and anyone else with the shared card; a participant pressing a forged
 * leider button is refused in their own card and nothing changes; `knoppen` posts the controls where
 * a client shows no user-specific views; the leider places, moves and removes a card from the reveal,
 * opens an extra silent pick round, and after afsluiting posts the short summary with its downloads.
 */
import { actionByVerb, actionsOf, blocks, cardOfCall, cardText, headingOf, inputsOf, type Card } from '../support/cards';
import { E2ETable, idOf, toAnswer, useBot } from '../support/e2e-table';
import { LEIDER, person, picksFor, runTag, titleOf } from '../fixtures/round1-people';

const ANNA = person(0);
const BRAM = person(1);
const bot = useBot({});

const STEP_VERBS = [
  'step.next',
  'step.reveal',
  'step.close',
  'step.timer',
  'step.pickround',
  'step.summary',
  'board.place.open',
  'discussion.open',
];
const LEIDER_ONLY = /Gespreksleider: typ|\(gespreksleider\)|Voor jou als gespreksleider/;

function stepButtons(card: Card | undefined): string[] {
  return actionsOf(card)
    .filter((a) => STEP_VERBS.includes(a.verb))
    .map((a) => a.title as string);
}

describe('the leider steers with buttons', () => {
  let t: E2ETable;

  /** Teams' own refresh of a card (`trigger: automatic`), as `who`. */
  async function refresh(who: typeof ANNA, card: Card | undefined): Promise<Card> {
    const action = card?.refresh?.action;
    if (!action) throw new Error(`no refresh on ${headingOf(card)}`);
    const res = await t.invokeRaw(who, { action: { type: 'Action.Execute', verb: action.verb, data: action.data }, trigger: 'automatic' });
    return toAnswer(res, action.verb).card;
  }

  async function settle(): Promise<void> {
    await bot.h.app.updater.flush();
    await bot.h.app.afterAnswer.idle();
    await bot.h.app.outbound.idle();
  }

  function lastPost(heading: RegExp): Card {
    const found = t.posts().filter((c) => heading.test(headingOf(cardOfCall(c))));
    if (found.length === 0)
      throw new Error(
        `no post like ${heading}: ${t
          .posts()
          .map((c) => headingOf(cardOfCall(c)))
          .join(' | ')}`,
      );
    return cardOfCall(found[found.length - 1])!;
  }

  it('shows the controls to the leider only, and the shared cards carry no leider-only texts or buttons', async () => {
    t = new E2ETable(bot.h, LEIDER);
    const welcome = await t.start('Tafel Knoppen');
    expect(welcome.refresh.userIds).toEqual([LEIDER.id]);
    await t.join(ANNA, BRAM);
    await settle();
    const shared = t.currentCard(t.welcomeId!)!;
    expect(shared.refresh.userIds).toEqual(expect.arrayContaining([LEIDER.id, ANNA.id, BRAM.id]));
    expect(JSON.stringify(shared)).not.toMatch(LEIDER_ONLY);

    const leaderView = await refresh(LEIDER, shared);
    expect(stepButtons(leaderView)).toEqual(['Naar de kennismaking']);
    const annaView = await refresh(ANNA, shared);
    expect(stepButtons(annaView)).toEqual([]);
    expect(cardText(annaView)).toContain('Je doet mee als deelnemer');

    // Round 1's cards: the shared ones name no leider step; the leider's view reveals.
    await t.toRound1();
    const round1 = lastPost(/^Ronde 1: verkennen/);
    const progress = t.currentCard(t.progressId!)!;
    for (const card of [round1, progress]) {
      expect(card.refresh.userIds).toEqual([LEIDER.id]);
      expect(JSON.stringify({ ...card, refresh: undefined })).not.toMatch(LEIDER_ONLY);
      expect(stepButtons(await refresh(LEIDER, card))).toEqual(['Onthullen', 'Timer 5 min']);
      // Were the refresh forged for a participant, they would get the shared card.
      expect(stepButtons(await refresh(ANNA, card))).toEqual([]);
    }
  });

  it('refuses a participant who presses a forged leider button, in their own card, and changes nothing', async () => {
    const before = await t.status();
    const postsBefore = t.posts().length;
    for (const verb of ['step.reveal', 'step.next', 'step.timer']) {
      const { card } = await t.press(ANNA, verb, { card: 'progress', n: 1, minutes: 5 }, { on: t.progressId! });
      expect(cardText(card)).toContain('Alleen de gespreksleider (Lotte Leidekker) kan dit doen.');
      expect(stepButtons(card)).toEqual([]);
    }
    await settle();
    expect(await t.status()).toEqual(before);
    // Nothing was said to the group: the one post since is the status card asked for.
    expect(
      t
        .posts()
        .slice(postsBefore)
        .map((c) => headingOf(cardOfCall(c))),
    ).toEqual([expect.stringMatching(/^Stand van zaken/)]);
  });

  it('moves the table on from the leider’s buttons, each answer showing the next step', async () => {
    const tag = runTag();
    await t.submit(ANNA, picksFor(tag, 0));
    await t.submit(BRAM, picksFor(tag, 1));
    const revealed = await t.press(LEIDER, 'step.reveal', { card: 'progress', n: 1 }, { on: t.progressId! });
    expect(cardText(revealed.card)).toContain('Gedaan.');
    expect(stepButtons(revealed.card)).toEqual(['Naar ronde 2']);
    await settle();
    const round2 = await t.press(LEIDER, 'step.next', { card: 'reveal', n: 1 });
    expect(stepButtons(round2.card)).toEqual(expect.arrayContaining(['Naar ronde 3', 'Timer 5 min']));
    await settle();
    // In Round 2 the reveal offers the leider each card to place, its zone filled in where the picks say so.
    const reveal = lastPost(/de keuzes onthuld/);
    const places = actionsOf(await refresh(LEIDER, reveal)).filter((a) => a.verb === 'board.place.open');
    expect(places.length).toBeGreaterThanOrEqual(3);
    expect(places.map((a) => a.title)).toContain(`Dit kaartje plaatsen: ${titleOf(picksFor(tag, 0).in[0])}`);
    const outCard = picksFor(tag, 0).out[0];
    const outPlace = places.find((a) => a.data.card === outCard)!;
    expect(outPlace.data.zone).toBe('outside');
    // Three clicks: the button, agreement, save.
    const form = await t.press(LEIDER, 'board.place.open', outPlace.data);
    expect(inputsOf(form.card).card!.value).toBe(outCard);
    expect(inputsOf(form.card).zone!.value).toBe('outside');
  });

  it('places, moves and removes a card; the form marks placed cards; removing one that is not placed is refused', async () => {
    const card = 'buurthuis';
    await t.press(LEIDER, 'board.place', { card, zone: 'community', agreement: 'agree' });
    const moved = await t.press(LEIDER, 'board.place', { card, zone: 'institutional', agreement: 'divided' });
    expect(cardText(moved.card)).toContain('Vastgelegd: Buurthuis → Institutionele sociale basis (verdeeld).');
    const marked = inputsOf(moved.card).card!.choices.find((c: { value: string }) => c.value === card);
    expect(marked.title).toMatch(/^✓ .*Buurthuis.* — ligt op: institutioneel$/);
    await settle();
    const boardId = idOf(t.posts().find((c) => /^Het model/.test(headingOf(cardOfCall(c))))!);
    expect(cardText(t.currentCard(boardId))).toContain('Buurthuis');

    const removed = await t.press(LEIDER, 'board.remove', { card });
    expect(blocks(removed.card)).toContain('Buurthuis ligt niet meer op het model.');
    await t.waitForCard(boardId, (text) => !text.includes('Buurthuis'), 'the board without Buurthuis');

    // A card that is not in the deck is refused with a message that names no pick role.
    const unknown = await t.press(LEIDER, 'board.place', { card: 'bestaat-niet', zone: 'community', agreement: 'agree' });
    expect(cardText(unknown.card)).toContain('Dit kaartje ken ik niet. Kies een kaartje uit de lijst.');
    expect(cardText(unknown.card)).not.toContain('{role}');

    const again = await t.press(LEIDER, 'board.remove', { card });
    expect(cardText(again.card)).toContain('Dit kaartje ligt niet op het model');
    // A participant cannot take cards off.
    await t.press(LEIDER, 'board.place', { card, zone: 'community', agreement: 'agree' });
    const forged = await t.press(ANNA, 'board.remove', { card });
    expect(actionByVerb(forged.card, 'board.remove')).toBeDefined();
    expect(cardText(forged.card)).toContain('Alleen de gespreksleider');
    await settle();
    expect(cardText(t.currentCard(boardId))).toContain('Buurthuis');
  });

  it('`knoppen` posts the controls as a card of its own for the leider, and refuses a participant', async () => {
    const [controls] = await t.say(LEIDER, 'knoppen');
    const card = cardOfCall(controls)!;
    expect(stepButtons(card)).toEqual(['Naar ronde 3', 'Kaartje plaatsen', 'Extra stille keuze', 'Timer 5 min']);
    expect(cardText(card)).toContain('De tafel is nu bij: Ronde 2');
    const refused = await t.sayOne(ANNA, 'knoppen');
    expect(cardText(refused)).toContain('Alleen de gespreksleider');
    expect(stepButtons(refused)).toEqual([]);
  });

  it('after a silent placement, `knoppen` and the Round 2 card offer the card just discussed with the zone most chose, until it is placed', async () => {
    const card = 'bibliotheek';
    await t.press(LEIDER, 'poll.open', { card });
    await t.press(ANNA, 'poll.vote', { poll: 1, zone: 'institutional' });
    await t.press(BRAM, 'poll.vote', { poll: 1, zone: 'institutional' });
    await t.say(LEIDER, 'sluit');
    const placeOf = (c: Card | undefined) => actionsOf(c).filter((a) => a.verb === 'board.place.open' && a.data?.card === card);
    const [offered] = placeOf(cardOfCall((await t.say(LEIDER, 'knoppen'))[0]));
    expect(offered?.title).toBe('Dit kaartje plaatsen: Bibliotheek');
    expect(offered?.data.zone).toBe('institutional');
    // The Round 2 card, where the place form opens, offers it too (the way back from the form lands there).
    const [onTools] = placeOf((await t.press(LEIDER, 'round2.tools', {})).card);
    expect(onTools?.title).toBe('Dit kaartje plaatsen: Bibliotheek');
    await t.press(LEIDER, 'board.place', { card, zone: 'institutional', agreement: 'agree' });
    expect(placeOf(cardOfCall((await t.say(LEIDER, 'knoppen'))[0]))).toEqual([]);
    expect(placeOf((await t.press(LEIDER, 'round2.tools', {})).card)).toEqual([]);
  });
  it('opens an extra silent pick round from the leider’s button, named as such', async () => {
    const opened = await t.press(LEIDER, 'step.pickround', { card: 'controls' });
    expect(cardText(opened.card)).toContain('Gedaan.');
    expect(stepButtons(opened.card)).toEqual(['Onthullen', 'Timer 5 min']);
    await settle();
    expect(cardText(lastPost(/Extra stille keuze 1/))).not.toMatch(/Ronde 2: stille keuze/);
  });

  it('after afsluiting the leider’s button posts the short summary with the downloads; a participant’s is refused', async () => {
    await t.say(LEIDER, 'stop');
    await settle();
    expect(stepButtons(cardOfCall((await t.say(LEIDER, 'knoppen'))[0]))).toEqual(['Samenvatting met downloads']);
    const postsBefore = t.posts().length;
    const forged = await t.press(ANNA, 'step.summary', { card: 'controls' });
    expect(cardText(forged.card)).toContain('Alleen de gespreksleider (Lotte Leidekker) kan dit doen.');
    await settle();
    expect(t.posts().length).toBe(postsBefore);

    const pressed = await t.press(LEIDER, 'step.summary', { card: 'controls' });
    expect(cardText(pressed.card)).toContain('De samenvatting staat hieronder, met de downloads van het verslag.');
    await settle();
    const posted = t
      .posts()
      .slice(postsBefore)
      .map((c) => cardOfCall(c));
    expect(posted.map((c) => headingOf(c))).toEqual([expect.stringMatching(/^Samenvatting: Tafel Knoppen/)]);
    expect(
      actionsOf(posted[0])
        .filter((a) => a.type === 'Action.OpenUrl')
        .map((a) => a.title),
    ).toContain('Verslag (Word)');
  });
});
