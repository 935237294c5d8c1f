/**
 * Filling in for a guest in one click, with the guest's consent: the leider's own view of the progress
 * has "Invullen voor Karel" per guest still busy; one press posts the guest's form in a message of its
 * own (the progress card hosts no form), which the leider opens, fills in with Karel's consent and
 * submits in one step. The report then names the guests who agreed, and only them. A participant who
 * presses the same buttons with forged data is refused in their own card, and nothing changes.
 */
import { actionByVerb, actionsOf, cardOfCall, cardText, findAll, headingOf, inputsOf, type Card } from '../support/cards';
import { E2ETable, pickData, useBot } from '../support/e2e-table';
import { DECK, LEIDER, person, picksFor, runTag } from '../fixtures/round1-people';
import type { TableState } from '../../src/domain';

const ANNA = person(0);
const bot = useBot({ OUTBOUND_RATE_LIMITS: 'off' });

describe('invullen voor een gast', () => {
  const tag = runTag();
  let t: E2ETable;
  const on = { card: 'progress', n: 1 };

  async function settle(): Promise<void> {
    await bot.h.app.afterAnswer.idle();
    await bot.h.app.outbound.idle();
    await bot.h.app.updater.flush();
  }

  async function state(): Promise<TableState> {
    const found = await bot.h.app.store.get({ tenantId: t.chat.tenantId, conversationId: t.chat.id });
    if (!found) throw new Error('no table stored');
    return found;
  }

  const guestId = async (name: string) => (await state()).participants.find((p) => p.name === name)!.id;
  const fillButtons = (card: Card | undefined) => actionsOf(card).filter((a) => a.verb === 'guest.fill');

  beforeAll(async () => {
    t = new E2ETable(bot.h, LEIDER);
    await t.start('Tafel met gasten');
    await t.join(ANNA);
    const karel = await t.sayOne(LEIDER, 'gast Karel Kleefstra');
    expect(cardText(karel)).toContain('Karel Kleefstra doet mee als gast (deelnemer 2) en staat zonder naam in het verslag.');
    const gerda = await t.sayOne(LEIDER, 'gast Gerda Groen, met naam');
    expect(cardText(gerda)).toContain('Gerda Groen doet mee als gast (deelnemer 3) en staat met naam in het verslag.');
    await t.sayOne(LEIDER, 'gast Hein Hofstra');
    await t.toRound1();
    await settle();
  });

  it('shows the leider, and only the leider, a button per guest still busy on the progress card', async () => {
    const leaders = (await t.press(LEIDER, 'controls.view', on, { on: t.progressId! })).card;
    expect(fillButtons(leaders).map((b) => b.title)).toEqual([
      'Invullen voor Karel Kleefstra',
      'Invullen voor Gerda Groen',
      'Invullen voor Hein Hofstra',
    ]);
    expect(fillButtons(leaders)[0]!.data).toEqual({ ...on, for: await guestId('Karel Kleefstra') });
    const annas = (await t.press(ANNA, 'controls.view', on, { on: t.progressId! })).card;
    expect(fillButtons(annas)).toEqual([]);
    // The same buttons in `knoppen`, for a client without user-specific views.
    const controls = await t.sayOne(LEIDER, 'knoppen');
    expect(fillButtons(controls).map((b) => b.title)).toContain('Invullen voor Karel Kleefstra');
  });

  it('posts the guest’s form in a message of its own, opens it for the leider, and records picks and consent in one step', async () => {
    const karel = await guestId('Karel Kleefstra');
    const before = t.posts().length;
    const pressed = (await t.press(LEIDER, 'guest.fill', { ...on, for: karel }, { on: t.progressId! })).card;
    // The progress card stays a progress card for the leider: no inputs on it.
    expect(cardText(pressed)).toContain('Het formulier voor Karel Kleefstra staat in een eigen bericht onderaan het gesprek.');
    expect(findAll(pressed, (n) => String(n.type).startsWith('Input.'))).toEqual([]);
    await settle();
    const posted = t.posts().slice(before);
    expect(posted).toHaveLength(1);
    const hostId = posted[0]!.responseId!;
    const host = cardOfCall(posted[0])!;
    expect(headingOf(host)).toBe('Invullen voor Karel Kleefstra (gast)');
    // Everyone sees whom the leider fills in for, never a form or a pick; the leider gets the form as their own view.
    expect(findAll(host, (n) => String(n.type).startsWith('Input.'))).toEqual([]);
    expect(host.refresh).toMatchObject({ action: { verb: 'guest.open', data: { for: karel } }, userIds: [LEIDER.id] });

    const form = (await t.press(LEIDER, 'guest.open', { for: karel }, { on: hostId })).card;
    expect(headingOf(form)).toBe('Jouw drie kaartjes');
    const consent = inputsOf(form).guestConsent!;
    expect(consent).toMatchObject({
      type: 'Input.Toggle',
      value: 'false',
      title: 'Karel Kleefstra geeft toestemming om met naam in het verslag te staan',
    });
    expect(consent.label).toBeTruthy();
    // Its way back leads to the guest's message, not to the Round 1 card.
    expect(actionByVerb(form, 'guest.back')).toMatchObject({ title: 'Annuleren', associatedInputs: 'none', data: { for: karel } });
    expect(actionByVerb(form, 'picks.info')).toBeUndefined();
    const back = (await t.press(LEIDER, 'guest.back', { for: karel }, { on: hostId })).card;
    expect(actionByVerb(back, 'guest.open')).toMatchObject({ title: 'Formulier openen' });

    const submit = actionByVerb(form, 'picks.submit')!;
    const saved = (
      await t.press(LEIDER, 'picks.submit', { ...submit.data, ...pickData(picksFor(tag, 1)), guestConsent: 'true' }, { on: hostId })
    ).card;
    expect(headingOf(saved)).not.toBe('Jouw drie kaartjes');
    const s = await state();
    expect(s.pickRounds[0]!.picks[karel]).toMatchObject({ enteredBy: LEIDER.aadObjectId });
    expect(s.participants.find((p) => p.id === karel)?.nameConsent).toBe(true);
    // No form was ever on a message that others' actions update.
    expect(t.updatesOf(hostId)).toEqual([]);
  });

  it('the leider fills in for a guest without consent; the button disappears once a guest handed in', async () => {
    const hein = await guestId('Hein Hofstra');
    await t.press(LEIDER, 'guest.fill', { ...on, for: hein }, { on: t.progressId! });
    await settle();
    const hostId = t.posts()[t.posts().length - 1]!.responseId!;
    const form = (await t.press(LEIDER, 'guest.open', { for: hein }, { on: hostId })).card;
    // A refused submit keeps the toggle as the leider set it.
    const refused = (await t.press(LEIDER, 'picks.submit', { round: 1, for: hein, guestConsent: 'false' }, { on: hostId })).card;
    expect(inputsOf(refused).guestConsent?.value).toBe('false');
    await t.press(
      LEIDER,
      'picks.submit',
      { ...actionByVerb(form, 'picks.submit')!.data, ...pickData(picksFor(tag, 2)), guestConsent: 'false' },
      { on: hostId },
    );
    expect((await state()).participants.find((p) => p.id === hein)?.nameConsent).toBe(false);
    const leaders = (await t.press(LEIDER, 'controls.view', on, { on: t.progressId! })).card;
    expect(fillButtons(leaders).map((b) => b.title)).toEqual(['Invullen voor Gerda Groen']);
  });

  it('refuses a participant who presses the same buttons with forged data, in their own card, and changes nothing', async () => {
    const karel = await guestId('Karel Kleefstra');
    const gerda = await guestId('Gerda Groen');
    const before = JSON.stringify(await state());
    const posts = t.posts().length;

    const fill = (await t.press(ANNA, 'guest.fill', { ...on, for: gerda }, { on: t.progressId! })).card;
    expect(cardText(fill)).toContain('Alleen de gespreksleider (Lotte Leidekker) kan dit doen.');
    expect(fillButtons(fill)).toEqual([]);
    const open = (await t.press(ANNA, 'guest.open', { for: gerda })).card;
    expect(cardText(open)).toContain('Alleen de gespreksleider');
    expect(inputsOf(open).guestConsent).toBeUndefined();
    // Picks and a consent for a guest, for herself with a consent, and the leider naming a member: all refused.
    const forGuest = (await t.press(ANNA, 'picks.submit', { ...pickData(picksFor(tag, 0)), for: karel, guestConsent: 'false' })).card;
    expect(cardText(forGuest)).toContain('Alleen de gespreksleider');
    const own = (await t.press(ANNA, 'picks.submit', { ...pickData(picksFor(tag, 0)), guestConsent: 'true' })).card;
    expect(cardText(own)).toContain('Toestemming om met naam in het verslag te staan geeft ieder zelf, op de welkomstkaart.');
    const annaId = ANNA.aadObjectId;
    const member = (await t.press(LEIDER, 'guest.fill', { ...on, for: annaId }, { on: t.progressId! })).card;
    expect(cardText(member)).toContain('Voor deze persoon kun je niets invullen');
    expect(cardText((await t.press(LEIDER, 'guest.open', { for: 'guest-99' })).card)).toContain('Voor deze persoon kun je niets invullen');
    await settle();
    expect(t.posts()).toHaveLength(posts);
    expect(JSON.stringify(await state())).toBe(before);
  });

  it('names in the report the guests who agreed, and only them', async () => {
    await t.submit(ANNA, picksFor(tag, 0));
    await t.say(LEIDER, 'onthul');
    const summary = await t.sayOne(LEIDER, 'samenvatting');
    const markdown = actionsOf(summary).find((a) => a.type === 'Action.OpenUrl' && /Markdown/.test(String(a.title)))!;
    const res = await fetch(new URL(new URL(String(markdown.url)).pathname, bot.h.botUrl));
    expect(res.status).toBe(200);
    const report = await res.text();
    expect(report).toContain('Karel Kleefstra');
    expect(report).toContain('Gerda Groen');
    expect(report).not.toContain('Hein Hofstra');
    expect(report).not.toContain(ANNA.name);
  });
});

describe('invullen voor een gast in every step with a form of its own', () => {
  const tag = runTag();
  let t: E2ETable;
  let gijs = '';

  async function state(): Promise<TableState> {
    const found = await bot.h.app.store.get({ tenantId: t.chat.tenantId, conversationId: t.chat.id });
    if (!found) throw new Error('no table stored');
    return found;
  }

  /** Presses "Invullen voor Gijs" on the step's card, then opens the form on the message it posted. */
  async function guestForm(on: Record<string, unknown>): Promise<{ hostId: string; form: Card }> {
    await t.press(LEIDER, 'guest.fill', { ...on, for: gijs });
    await bot.h.app.afterAnswer.idle();
    await bot.h.app.outbound.idle();
    const hostId = t.posts()[t.posts().length - 1]!.responseId!;
    expect(headingOf(t.currentCard(hostId))).toBe('Invullen voor Gijs Gerritsen (gast)');
    const form = (await t.press(LEIDER, 'guest.open', { for: gijs }, { on: hostId })).card;
    // The consent toggle sits above the form's submit button, and the form has a way back.
    const order = findAll(form, (n) => n.type === 'Input.Toggle' || n.style === 'positive').map((n) => String(n.type));
    expect(order[0]).toBe('Input.Toggle');
    expect(order.length).toBeGreaterThan(1);
    expect(actionByVerb(form, 'guest.back')).toBeDefined();
    return { hostId, form };
  }

  const consent = async () => (await state()).participants.find((p) => p.id === gijs)?.nameConsent;

  it('kennismaking, silent placement, stickers and slotvraag: each recorded with the consent', async () => {
    t = new E2ETable(bot.h, LEIDER);
    await t.start('Tafel met een gast in elke stap');
    await t.join(ANNA);
    await t.sayOne(LEIDER, 'gast Gijs Gerritsen');
    gijs = (await state()).participants.find((p) => p.guest)!.id;
    await t.say(LEIDER, 'volgende');

    const intro = await guestForm({ card: 'intro' });
    expect(inputsOf(intro.form).role).toBeDefined();
    await t.press(LEIDER, 'intro.submit', { for: gijs, role: 'Buurtbewoner', guestConsent: 'true' }, { on: intro.hostId });
    expect((await state()).intro[gijs]).toMatchObject({ role: 'Buurtbewoner', enteredBy: LEIDER.aadObjectId });
    expect(await consent()).toBe(true);

    await t.say(LEIDER, 'volgende');
    await t.submit(ANNA, picksFor(tag, 0));
    await t.press(LEIDER, 'picks.submit', { ...pickData(picksFor(tag, 1)), for: gijs });
    await t.say(LEIDER, 'onthul');
    await t.say(LEIDER, 'volgende');
    await t.press(LEIDER, 'poll.open', { card: 'bibliotheek' });
    const poll = await guestForm({ card: 'pollProgress', n: 1 });
    expect(inputsOf(poll.form).guestConsent?.value).toBe('true');
    await t.press(LEIDER, 'poll.vote', { poll: 1, zone: 'community', for: gijs, guestConsent: 'false' }, { on: poll.hostId });
    expect((await state()).round2.polls[0]!.votes[gijs]).toMatchObject({ zone: 'community' });
    expect(await consent()).toBe(false);

    await t.say(LEIDER, 'sluit');
    await t.say(LEIDER, 'volgende');
    const stickers = await guestForm({ card: 'stickers' });
    const intention = DECK.intentions[0]!.id;
    await t.press(LEIDER, 'stickers.submit', { sticker1: intention, for: gijs, guestConsent: 'true' }, { on: stickers.hostId });
    expect((await state()).round3.stickers[gijs]?.counts).toEqual({ [intention]: 1 });
    expect(await consent()).toBe(true);

    await t.say(LEIDER, 'sluit');
    await t.say(LEIDER, 'volgende');
    const closing = await guestForm({ card: 'closing' });
    expect(inputsOf(closing.form).learned).toBeDefined();
    const saved = (
      await t.press(LEIDER, 'closing.submit', { learned: 'Veel', action: '', for: gijs, guestConsent: 'true' }, { on: closing.hostId })
    ).card;
    // "Wijzig" opens the guest's answer again, not the leider's own.
    expect(actionByVerb(saved, 'closing.open')?.data).toEqual({ for: gijs });
    expect((await state()).closing[gijs]).toMatchObject({ learned: 'Veel' });
    // No message a guest's form opened on was ever updated.
    for (const { hostId } of [intro, poll, stickers, closing]) expect(t.updatesOf(hostId)).toEqual([]);
  });
});
