/**
 * A whole table over HTTP: the leider starts it, eight participants join and consent (or not), the
 * table moves to Round 1, all eight submit their silent picks at the same moment, the leider
 * reveals. Also: the ninth is refused, and nothing anyone picked shows before the reveal.
 */
import {
  argument,
  DECK,
  INGREDIENT_IDS,
  LEIDER,
  NINTH,
  PEOPLE,
  person,
  PICKED_CARD_IDS,
  picksFor,
  ROLE_LABELS_NL,
  runTag,
  TENTH,
  titleOf,
} from '../fixtures/round1-people';
import { actionByVerb, actionsOf, blocks, cardOfCall, cardText, headingOf, inputsOf, revealGroups, type Card } from '../support/cards';
import type { ConnectorCall } from '../support/connector-stand-in';
import {
  E2ETable,
  idOf,
  participantNumber,
  REDIS_URL,
  redisKeysUnder,
  removeRedisKeys,
  storeVariants,
  uniqueRedisPrefix,
  useBot,
  type InvokeAnswer,
  type PickSpec,
} from '../support/e2e-table';
import { startHarness, type Harness } from '../support/bot-under-test';
import { MemoryTableStore, RedisTableStore } from '../../src/store';

const CONSENTING = [0, 1];
/** Gives consent, then withdraws it before Round 1. */
const WITHDRAWS = 2;

interface Transcript {
  t: E2ETable;
  tag: string;
  welcome: Card;
  /** Participant number of PEOPLE[i]. */
  numbers: number[];
  joinAnswers: InvokeAnswer[];
  consentYes: InvokeAnswer[];
  withdrawn: InvokeAnswer;
  welcomeWhenFull: Card;
  introPosts: ConnectorCall[];
  round1Posts: ConnectorCall[];
  forms: InvokeAnswer[];
  picks: PickSpec[];
  saved: InvokeAnswer[];
  statusAfterPicks: Record<string, string>;
  progressWhenAllIn: Card;
  /** Every call to the conversation before the leider typed `onthul`. */
  beforeReveal: ConnectorCall[];
  revealPosts: ConnectorCall[];
}

/**
 * Plays the table to the reveal and records every answer. `volgende` is typed without the @mention
 * and the second step in English (`next`), as a leider may.
 */
async function playTable(h: Harness): Promise<Transcript> {
  const tag = runTag();
  const t = new E2ETable(h, LEIDER);
  const welcome = await t.start('Tafel Noord');

  const joinAnswers = await Promise.all(PEOPLE.map((p) => t.press(p, 'join')));
  const numbers = joinAnswers.map((a) => participantNumber(a.card));

  const consentYes = [];
  for (const i of [...CONSENTING, WITHDRAWS]) consentYes.push(await t.press(person(i), 'consent.set', { consent: true }));
  // Withdrawing with the string form of the flag: the card data schema accepts both `false` and `'false'`.
  const withdrawn = await t.press(person(WITHDRAWS), 'consent.set', { consent: 'false' });

  const welcomeWhenFull = await t.waitForCard(
    t.welcomeId!,
    (text) =>
      text.includes('8 van maximaal 8 deelnemers doen mee.') &&
      text.includes('Aan tafel: Anna Achterberg, Bram Bosgraaf en nog 6 anderen.'),
    'the welcome card to show the full table with the two consenting names',
  );

  const introPosts = await t.say(LEIDER, 'volgende', { mentionBot: false });
  const round1Posts = await t.say(LEIDER, 'next');
  const progress = round1Posts.find((p) => headingOf(cardOfCall(p)) === 'Ronde 1: stille keuze');
  if (progress) t.progressId = idOf(progress);

  const forms = await Promise.all(PEOPLE.map((p) => t.press(p, 'picks.open', { round: 1 })));
  const picks = PEOPLE.map((_, i) => picksFor(tag, i));
  // All eight press "Inleveren" in the same instant.
  const saved = await Promise.all(PEOPLE.map((p, i) => t.submit(p, picks[i]!)));

  const statusAfterPicks = await t.status();
  const progressWhenAllIn = await t.waitForCard(
    t.progressId!,
    (text) => text.includes('8 van 8 ingeleverd'),
    'the progress card to say 8 van 8',
  );

  const beforeReveal = [...t.calls()];
  const revealPosts = await t.say(LEIDER, 'onthul');

  return {
    t,
    tag,
    welcome,
    numbers,
    joinAnswers,
    consentYes,
    withdrawn,
    welcomeWhenFull,
    introPosts,
    round1Posts,
    forms,
    picks,
    saved,
    statusAfterPicks,
    progressWhenAllIn,
    beforeReveal,
    revealPosts,
  };
}

/** What the reveal must show for participant i: the name with consent, otherwise "deelnemer N". */
function shownAs(tr: Transcript, i: number): string {
  return CONSENTING.includes(i) ? person(i).name : `deelnemer ${tr.numbers[i]}`;
}

describe.each(storeVariants())('a table of eight in Round 1 (%s store)', (storeName, env) => {
  const bot = useBot(env);

  describe('the whole table, from start to reveal', () => {
    let tr: Transcript;
    beforeAll(async () => {
      tr = await playTable(bot.h);
    });

    it('start posts the welcome card with the title, the goal and a Doe mee button', () => {
      const text = cardText(tr.welcome);
      expect(blocks(tr.welcome).slice(0, 2)).toEqual(['Gespreksmodel Sociale Basis', 'Tafel Noord']);
      expect(text).toContain('Doel van dit gesprek');
      expect(text).toContain('Wat er met de uitkomsten gebeurt');
      expect(text).toContain('Gespreksleider: Lotte Leidekker');
      expect(text).toContain('0 van maximaal 8 deelnemers doen mee.');
      expect(actionByVerb(tr.welcome, 'join')).toMatchObject({ type: 'Action.Execute', title: 'Doe mee' });
      expect(tr.welcome.version).toBe('1.5');
    });

    it('each of the eight joins and gets a personal view with their number and the consent button', () => {
      expect([...tr.numbers].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      tr.joinAnswers.forEach((answer, i) => {
        const text = cardText(answer.card);
        expect(text).toContain(`Je doet mee als deelnemer ${tr.numbers[i]}`);
        expect(text).toContain(`Je naam staat niet in het verslag. Daar en op de gedeelde kaarten heet je ‘deelnemer ${tr.numbers[i]}’.`);
        expect(actionByVerb(answer.card, 'consent.set')).toMatchObject({ title: 'Mijn naam mag in het verslag', data: { consent: true } });
        // A participant does not get a second Doe mee button.
        expect(actionByVerb(answer.card, 'join')).toBeUndefined();
      });
    });

    it('the consent toggle is reflected in the personal view and on the shared welcome card', () => {
      tr.consentYes.forEach((answer, k) => {
        const i = [...CONSENTING, WITHDRAWS][k]!;
        expect(cardText(answer.card)).toContain(`Je naam (${person(i).name}) mag in het verslag en op de gedeelde kaarten staan.`);
        expect(actionByVerb(answer.card, 'consent.set')).toMatchObject({ title: 'Liever zonder mijn naam', data: { consent: false } });
      });
      expect(cardText(tr.withdrawn.card)).toContain(`heet je ‘deelnemer ${tr.numbers[WITHDRAWS]}’`);
      expect(actionByVerb(tr.withdrawn.card, 'consent.set')).toMatchObject({ data: { consent: true } });
      // The full table's shared card: the count, the two names with consent, no more Doe mee.
      const text = cardText(tr.welcomeWhenFull);
      expect(text).not.toContain(person(WITHDRAWS).name);
      expect(actionByVerb(tr.welcomeWhenFull, 'join')).toBeUndefined();
      // Each participant's own view comes back when Teams refreshes the card for them.
      expect(tr.welcomeWhenFull.refresh?.userIds).toEqual(expect.arrayContaining(PEOPLE.map((p) => p.id)));
      expect(tr.welcomeWhenFull.refresh?.action).toMatchObject({ type: 'Action.Execute', verb: 'welcome.view' });
    });

    it('volgende (without @mention) posts the kennismaking card', () => {
      expect(tr.introPosts).toHaveLength(1);
      const card = cardOfCall(tr.introPosts[0]);
      expect(headingOf(card)).toBe('Kennismaking');
      expect(cardText(card)).toContain('Wie ben je en op welke manier ben je betrokken bij de sociale basis?');
    });

    it('next (English alias) posts Round 1 with the three spheres and the deck, then the progress card at 0 van 8', () => {
      expect(tr.round1Posts.map((p) => headingOf(cardOfCall(p)))).toEqual([
        'Ronde 1: verkennen van de sociale basis',
        'Ronde 1: stille keuze',
      ]);
      const round1 = cardOfCall(tr.round1Posts[0])!;
      const text = cardText(round1);
      for (const sphere of ['Persoonlijke sociale basis', 'Gemeenschappelijke sociale basis', 'Institutionele sociale basis'])
        expect(text).toContain(sphere);
      expect(text).toContain(`De ingrediënten (${DECK.ingredients.length})`);
      for (const card of DECK.ingredients) expect(text).toContain(card.title);
      expect(actionByVerb(round1, 'picks.open')).toMatchObject({ type: 'Action.Execute', title: 'Kies mijn drie kaartjes' });
      expect(Number(actionByVerb(round1, 'picks.open')!.data.round)).toBe(1);

      const progress = cardText(cardOfCall(tr.round1Posts[1]));
      expect(progress).toContain('0 van 8 ingeleverd');
      expect(progress).toContain('Nog bezig: Anna Achterberg, Bram Bosgraaf en nog 6 anderen.');
    });

    it('picks.open gives each participant a private form with three choice sets of the whole deck', () => {
      for (const form of tr.forms) {
        expect(headingOf(form.card)).toBe('Jouw drie kaartjes');
        const inputs = inputsOf(form.card);
        for (const id of ['inCard', 'outCard', 'doubtCard']) {
          expect(inputs[id]?.type).toBe('Input.ChoiceSet');
          expect(inputs[id]?.choices.map((c: { value: string }) => c.value)).toEqual(INGREDIENT_IDS);
        }
        for (const id of ['inArgument', 'outArgument', 'doubtArgument'])
          expect(inputs[id]).toMatchObject({ type: 'Input.Text', isRequired: true });
        expect(actionByVerb(form.card, 'picks.submit')).toBeDefined();
      }
    });

    it('all eight submitting at once each get their own confirmation', () => {
      tr.saved.forEach((answer, i) => {
        const text = cardText(answer.card);
        expect(headingOf(answer.card)).toBe('Je keuzes zijn ingeleverd');
        for (const role of ['in', 'out', 'doubt'] as const) {
          expect(text).toContain(titleOf(tr.picks[i]![role][0]));
          expect(text).toContain(tr.picks[i]![role][1]);
        }
        // Only one's own arguments, nobody else's.
        PEOPLE.forEach((_, j) => {
          if (j !== i) expect(text).not.toContain(argument(tr.tag, j, 'in'));
        });
        expect(actionByVerb(answer.card, 'picks.open')).toMatchObject({ title: 'Wijzig mijn keuzes' });
      });
    });

    it('afterwards status and the final progress card say 8 van 8', () => {
      expect(tr.statusAfterPicks).toMatchObject({
        Fase: 'Ronde 1: verkennen',
        Deelnemers: '8 van maximaal 8',
        'Ingeleverd (ronde 1)': '8 van 8',
      });
      const text = cardText(tr.progressWhenAllIn);
      expect(text).toContain('8 van 8 ingeleverd');
      expect(text).toContain('Iedereen heeft ingeleverd.');
      expect(text).not.toContain('Nog bezig');
    });

    it('onthul posts every argument, grouped per card, named only with consent', async () => {
      expect(tr.revealPosts).toHaveLength(1);
      const reveal = cardOfCall(tr.revealPosts[0])!;
      expect(headingOf(reveal)).toBe('Ronde 1: de keuzes onthuld');

      const expected = new Map<string, Array<{ label: string; argument: string }>>();
      tr.picks.forEach((set, i) => {
        for (const role of ['in', 'out', 'doubt'] as const) {
          const [cardId, arg] = set[role];
          const list = expected.get(titleOf(cardId)) ?? [];
          list.push({ label: `${ROLE_LABELS_NL[role]} — ${shownAs(tr, i)}`, argument: arg });
          expected.set(titleOf(cardId), list);
        }
      });
      const groups = revealGroups(reveal);
      expect(cardText(reveal)).toContain(`8 deelnemers kozen samen ${expected.size} verschillende kaartjes.`);
      expect(groups.map((g) => g.title).sort()).toEqual([...expected.keys()].sort());
      const sortEntries = (list: Array<{ label: string; argument: string }>) =>
        [...list].sort((a, b) => a.argument.localeCompare(b.argument));
      for (const group of groups) expect(sortEntries(group.entries)).toEqual(sortEntries(expected.get(group.title)!));
      expect(groups.reduce((n, g) => n + g.entries.length, 0)).toBe(24);

      // Nobody without consent is named anywhere in the conversation, not even after the reveal.
      const everything = tr.t.visibleSent();
      PEOPLE.forEach((p, i) => {
        if (!CONSENTING.includes(i) && i !== WITHDRAWS) expect(everything).not.toContain(p.name);
      });
      expect(cardText(reveal)).not.toContain(person(WITHDRAWS).name);

      // The shared progress card closes.
      await tr.t.waitForCard(
        tr.t.progressId!,
        (text) => text.includes('De keuzes zijn onthuld.'),
        'the progress card to say the picks are revealed',
      );
      expect(await tr.t.status()).toMatchObject({ 'Ingeleverd (ronde 1)': '8 van 8 (onthuld)' });
    });

    it('keeps nothing anyone picked out of the conversation until the reveal', () => {
      const calls = tr.beforeReveal;
      const sent = calls.map((c) => JSON.stringify(c.body)).join('\n');
      expect(calls.length).toBeGreaterThan(5);
      // No argument, in any form.
      tr.picks.forEach((set) => {
        for (const role of ['in', 'out', 'doubt'] as const) expect(sent).not.toContain(set[role][1]);
      });
      expect(sent).not.toContain(`[${tr.tag}-`);
      // No pick: outside the Round 1 card, which shows the whole deck, no picked card is named, and no
      // message pairs anyone with a role.
      const notTheDeck = calls.filter((c) => headingOf(cardOfCall(c)) !== 'Ronde 1: verkennen van de sociale basis');
      expect(notTheDeck.length).toBe(calls.length - 1);
      const rest = notTheDeck.map((c) => JSON.stringify(c.body)).join('\n');
      for (const id of PICKED_CARD_IDS) expect(rest).not.toContain(titleOf(id));
      for (const label of Object.values(ROLE_LABELS_NL)) expect(rest).not.toContain(label);
    });

    it('the shared progress card never names anyone without consent', () => {
      const versions = tr.t.calls().filter((c) => c.responseId === tr.t.progressId || c.activityId === tr.t.progressId);
      expect(versions.length).toBeGreaterThanOrEqual(2);
      for (const call of versions) {
        const text = cardText(cardOfCall(call));
        PEOPLE.forEach((p, i) => {
          if (!CONSENTING.includes(i)) expect(text).not.toContain(p.name);
        });
      }
    });

    it('a participant opening the form sees only their own earlier picks, never another’s', async () => {
      const other = await tr.t.press(person(3), 'picks.open', { round: 1 });
      // After the reveal the form is closed: the participant sees their own frozen picks.
      const text = cardText(other.card);
      expect(text).toContain(tr.picks[3]!.in[1]);
      expect(text).toContain('De keuzes zijn onthuld en staan vast.');
      PEOPLE.forEach((_, j) => {
        if (j !== 3) expect(text).not.toContain(argument(tr.tag, j, 'in'));
      });
      expect(actionByVerb(other.card, 'picks.open')).toBeUndefined();
    });
  });

  it('refuses the 9th participant: "Deze tafel is vol", and the table keeps 8', async () => {
    const t = new E2ETable(bot.h, LEIDER);
    await t.start();
    await t.join(...PEOPLE);
    const ninth = await t.press(NINTH, 'join');
    const text = cardText(ninth.card);
    expect(text).toContain('Deze tafel is vol: er doen al 8 deelnemers mee');
    expect(text).toContain('Vraag de organisator of de gespreksleider om een tweede tafel te beginnen.');
    expect(text).not.toContain('Je doet mee als');
    expect(actionByVerb(ninth.card, 'consent.set')).toBeUndefined();
    expect(await t.status()).toMatchObject({ Deelnemers: '8 van maximaal 8' });

    // Trying again changes nothing either, and the ninth cannot pick in Round 1.
    await t.press(NINTH, 'join');
    await t.toRound1();
    const pick = await t.submit(NINTH, picksFor(runTag(), 0));
    expect(cardText(pick.card)).toContain('Je doet nog niet mee aan deze tafel.');
    expect(await t.status()).toMatchObject({ Deelnemers: '8 van maximaal 8', 'Ingeleverd (ronde 1)': '0 van 8' });
  });

  it('when ten press Doe mee at the same moment, exactly eight get in', async () => {
    const t = new E2ETable(bot.h, LEIDER);
    await t.start();
    const answers = await Promise.all([...PEOPLE, NINTH, TENTH].map((p) => t.press(p, 'join')));
    const joined = answers.filter((a) => cardText(a.card).includes('Je doet mee als deelnemer'));
    const refused = answers.filter((a) => cardText(a.card).includes('Deze tafel is vol'));
    expect(joined).toHaveLength(8);
    expect(refused).toHaveLength(2);
    expect(joined.map((a) => participantNumber(a.card)).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await t.status()).toMatchObject({ Deelnemers: '8 van maximaal 8' });
  });

  it('the welcome card buttons are Universal Actions of card version 1.5', async () => {
    const t = new E2ETable(bot.h, LEIDER);
    const welcome = await t.start();
    expect(actionsOf(welcome).every((a) => a.type === 'Action.Execute')).toBe(true);
    expect(JSON.stringify(welcome)).not.toContain('${');
  });
  it('a participant who withdraws consent during Round 1 disappears by name from the progress card', async () => {
    const t = new E2ETable(bot.h, LEIDER);
    await t.start();
    await t.join(person(0), person(1), person(2));
    await t.press(person(0), 'consent.set', { consent: true });
    await t.toRound1();
    expect(cardText(cardOfCall(t.posts().at(-1)))).toContain('Nog bezig: Anna Achterberg en nog 2 anderen.');
    await t.press(person(0), 'consent.set', { consent: false });
    const card = await t.waitForCard(
      t.progressId!,
      (text) => text.includes('Nog bezig: 3 deelnemers.'),
      'the progress card without Anna’s name',
    );
    expect(cardText(card)).not.toContain('Anna Achterberg');
  });

  it('says "1 deelnemer" (singular) on the progress card when one person without consent is still busy', async () => {
    const t = new E2ETable(bot.h, LEIDER);
    await t.start();
    await t.join(person(0), person(1));
    await t.toRound1();
    await t.submit(person(0), picksFor(runTag(), 0));
    const card = await t.waitForCard(t.progressId!, (text) => text.includes('1 van 2 ingeleverd'), 'the progress card at 1 van 2');
    expect(cardText(card)).toContain('Nog bezig: 1 deelnemer.');
  });

  it('says "1 deelnemer koos" (singular) on the reveal card when one person picked', async () => {
    const t = new E2ETable(bot.h, LEIDER);
    await t.start();
    await t.join(person(0), person(1));
    await t.toRound1();
    await t.submit(person(0), picksFor(runTag(), 0));
    const reveal = cardOfCall((await t.say(LEIDER, 'onthul'))[0]);
    const summary = blocks(reveal)[1] ?? '';
    expect(summary).toMatch(/^1 deelnemer\b/);
    expect(summary).not.toMatch(/\b1 deelnemers\b|\bdeelnemer kozen\b/);
  });

  it('keeps the reveal of eight full-length arguments per person under the 28 KB card limit', async () => {
    const t = new E2ETable(bot.h, LEIDER);
    await t.start();
    await t.join(...PEOPLE);
    await t.toRound1();
    const tag = runTag();
    // 500 characters of ordinary Dutch, with the accents Dutch uses.
    const full = (i: number, role: string) =>
      `[${tag}-p${i}-${role}] ${'Het café in de wijk is een plek waar iedereen binnenloopt, ook wie geïsoleerd woont. '.repeat(7)}`.slice(
        0,
        500,
      );
    await Promise.all(
      PEOPLE.map((p, i) =>
        t.submit(p, { in: ['buurthuis', full(i, 'in')], out: ['wijkteam', full(i, 'out')], doubt: ['park', full(i, 'doubt')] }),
      ),
    );
    const posted = await t.say(LEIDER, 'onthul');
    const reveal = cardOfCall(posted[0]);
    expect(revealGroups(reveal).flatMap((g) => g.entries)).toHaveLength(24);
    expect(Buffer.byteLength(JSON.stringify(posted[0]!.body), 'utf8')).toBeLessThan(28 * 1024);
  });

  describe('an activity Teams sends again (same activity id) is handled once', () => {
    it('a re-sent `volgende` moves the table on only one phase', async () => {
      const t = new E2ETable(bot.h, LEIDER);
      await t.start();
      const next = t.messageActivity(LEIDER, 'volgende');
      const first = await t.resend(next);
      expect(first.map((p) => headingOf(cardOfCall(p)))).toEqual(['Kennismaking']);
      const again = await t.resend(next);
      expect(again.map((p) => headingOf(cardOfCall(p)))).toEqual([]);
      expect(await t.status()).toMatchObject({ Fase: 'Kennismaking' });
    });

    it('a re-sent `start` posts nothing a second time', async () => {
      const t = new E2ETable(bot.h, LEIDER);
      const start = t.messageActivity(LEIDER, 'start Tafel Noord');
      expect((await t.resend(start)).map((p) => headingOf(cardOfCall(p)))).toEqual([
        'Gespreksmodel Sociale Basis',
        'Mag je naam in het verslag?',
      ]);
      expect((await t.resend(start)).map((p) => cardText(cardOfCall(p)))).toEqual([]);
    });
  });

  it('runs on the store it was given', async () => {
    expect(bot.h.app.store instanceof RedisTableStore).toBe(storeName === 'redis');
    expect(bot.h.app.store instanceof MemoryTableStore).toBe(storeName === 'memory');
    if (storeName === 'redis') expect((await redisKeysUnder(env.REDIS_URL!, env.REDIS_KEY_PREFIX!)).length).toBeGreaterThan(0);
  });
});

/**
 * Two bot instances behind one load balancer, sharing one Redis, must behave like one: Teams may
 * deliver each click to either. Joins and picks land on both at the same moment.
 */
describe('two bot processes on one Redis', () => {
  const env = { REDIS_URL, REDIS_KEY_PREFIX: uniqueRedisPrefix() };
  let a: Harness;
  let b: Harness;

  beforeAll(async () => {
    [a, b] = await Promise.all([startHarness(env), startHarness(env)]);
  });

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await removeRedisKeys(env.REDIS_URL, env.REDIS_KEY_PREFIX);
    expect(await redisKeysUnder(env.REDIS_URL, env.REDIS_KEY_PREFIX)).toEqual([]);
  });

  it('ten joins spread over both: exactly eight get in; eight picks at once: all eight stored', async () => {
    const onA = new E2ETable(a, LEIDER);
    const onB = new E2ETable(b, LEIDER, { chat: onA.chat });
    const via = (i: number) => (i % 2 === 0 ? onA : onB);
    await onA.start('Tafel Midden');

    const everyone = [...PEOPLE, NINTH, TENTH];
    const answers = await Promise.all(everyone.map((p, i) => via(i).press(p, 'join')));
    const joined = answers.filter((x) => cardText(x.card).includes('Je doet mee als deelnemer'));
    expect(joined.map((x) => participantNumber(x.card)).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(answers.filter((x) => cardText(x.card).includes('Deze tafel is vol'))).toHaveLength(2);
    const inside = everyone.filter((_, i) => cardText(answers[i]!.card).includes('Je doet mee als deelnemer'));

    await onB.toRound1();
    const tag = runTag();
    const saved = await Promise.all(inside.map((p, i) => via(i).submit(p, picksFor(tag, i))));
    for (const s of saved) expect(cardText(s.card)).toContain('Je keuzes zijn ingeleverd');
    expect(await onA.status()).toMatchObject({ Deelnemers: '8 van maximaal 8', 'Ingeleverd (ronde 1)': '8 van 8' });
    expect(await onB.status()).toMatchObject({ 'Ingeleverd (ronde 1)': '8 van 8' });

    const reveal = cardOfCall((await onA.say(LEIDER, 'onthul'))[0]);
    const args = revealGroups(reveal).flatMap((g) => g.entries.map((e) => e.argument));
    expect(args.sort()).toEqual(inside.flatMap((_, i) => Object.values(picksFor(tag, i)).map(([, arg]) => arg)).sort());
  });
});
