/**
 * Join codes cannot be probed (issue 10, point 10), over HTTP against Redis: someone who may not use
 * a code gets the same answer for a real code as for an unknown one, and never the organiser's name;
 * and each person can try only so many codes that do not work (CODE_ATTEMPTS) before the bot stops
 * looking codes up for them for a while, counted for all bot processes together. A leider who
 * mistypes a code a couple of times is never held up.
 */
import { CODE_ATTEMPTS } from '../../src/store';
import { actionByVerb, cardOfCall, cardText, findAll, headingOf, type Card } from '../support/cards';
import { channelConversation } from '../support/channel-conversation';
import type { ConnectorCall } from '../support/connector-stand-in';
import { E2ETable, REDIS_URL, uniqueRedisPrefix, useBot } from '../support/e2e-table';
import { BOT, groupChat, user } from '../support/teams-activity';

const ENV = { REDIS_URL, REDIS_KEY_PREFIX: uniqueRedisPrefix() };
const ORGANISER = user(400, 'Olga Organisator');
const COLLEAGUE = user(401, 'Karel Kanaallid');
const N = CODE_ATTEMPTS.max;

/** Well-formed codes (alphabet, a digit and a letter) that no session has: distinct, none equal to `code`. */
function unknownCodes(code: string, n: number): string[] {
  const letters = 'ACDEFHJKMNPRTWXY';
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) {
    const candidate = `${letters[i % letters.length]}${letters[Math.floor(i / letters.length) % letters.length]}A-77${'3479'[i % 4]}`;
    if (candidate !== code && !out.includes(candidate)) out.push(candidate);
  }
  return out;
}

/** What the people in a chat see of the bot's answer: text, summary and cards. */
function seen(t: E2ETable, calls: ConnectorCall[]): string {
  expect(calls.length).toBeGreaterThan(0);
  return t.visibleSent(calls);
}

describe('join codes (redis store)', () => {
  const bot = useBot(ENV);
  const thread = channelConversation();
  let channel: E2ETable;
  let code = '';
  let unknown = '';

  beforeAll(async () => {
    channel = new E2ETable(bot.h, ORGANISER, { chat: thread });
    const form = await channel.sayOne(ORGANISER, 'sessie nieuw Wijkgesprek Oost');
    await channel.press(ORGANISER, 'session.create', { ...actionByVerb(form, 'session.create')!.data, title: 'Wijkgesprek Oost' });
    const card = cardOfCall(bot.h.connector.posts(thread.id).find((c) => headingOf(cardOfCall(c)) === 'Sessie: Wijkgesprek Oost'));
    code = String(findAll(card ?? {}, (n) => n.type === 'TextRun' && n.size === 'ExtraLarge')[0]?.text ?? '');
    expect(code).toMatch(/^[ACDEFHJKMNPRTWXY3479]{3}-[ACDEFHJKMNPRTWXY3479]{3}$/);
    unknown = unknownCodes(code, 1)[0]!;
  });

  describe('the same answer for a real and an unknown code when the sender may not use it', () => {
    it('a participant’s `koppel` (and `link`): the leider-only refusal, whatever the code', async () => {
      const leader = user(410, 'Lieke Leider');
      const participant = user(411, 'Aart Aalbers');
      const t = new E2ETable(bot.h, leader);
      await t.start('Tafel Oost');
      await t.join(participant);
      for (const verb of ['koppel', 'link']) {
        const real = seen(t, await t.say(participant, `${verb} ${code}`));
        const fake = seen(t, await t.say(participant, `${verb} ${unknown}`));
        expect(real).toBe(fake);
        expect(real).toContain('Alleen de gespreksleider');
      }
      // And nothing was linked: the leider's own `koppel` links now, without naming the organiser.
      const linked = cardText(await t.sayOne(leader, `koppel ${code}`));
      expect(linked).toMatch(/^Deze tafel is gekoppeld aan sessie ‘Wijkgesprek Oost’\./);
      expect(linked).not.toContain(ORGANISER.name);
    });

    it('`koppel` in a chat without a table, and `start <code>` in a chat where a table runs', async () => {
      const stranger = user(420, 'Sven Vreemd');
      const empty = new E2ETable(bot.h, stranger);
      expect(seen(empty, await empty.say(stranger, `koppel ${code}`))).toBe(seen(empty, await empty.say(stranger, `koppel ${unknown}`)));
      const running = new E2ETable(bot.h, stranger);
      await running.start('Eigen tafel');
      expect(seen(running, await running.say(stranger, `start ${code}`))).toBe(
        seen(running, await running.say(stranger, `start ${unknown}`)),
      );
    });

    it.each([
      ['sessie <code>', 430],
      ['sessie info <code>', 431],
      ['totaalbeeld <code>', 432],
      ['sessie totaalbeeld <code>', 433],
      ['sessie wis <code>', 434],
      ['sessie mede-organisator <code> @Karel', 435],
      ['sessie mede-organisator @Karel <code>', 436],
    ])('a stranger’s `%s`: one answer, without the organiser’s name', async (command, n) => {
      const stranger = user(n, `Vreemde ${n}`);
      const say = (t: E2ETable, typed: string) => {
        const text = command.replace('<code>', typed);
        if (!text.includes('@Karel')) return t.say(stranger, text);
        // Teams keeps a mention where it was typed (the stand-in would add it at the end).
        const activity = t.messageActivity(stranger, text, { mentions: [COLLEAGUE] });
        return t.resend({ ...activity, text: `<at>${BOT.name}</at> ${text.replace('@Karel', `<at>${COLLEAGUE.name}</at>`)}` });
      };
      for (const chat of [groupChat(n), channelConversation({ channelId: thread.channelId })]) {
        const t = new E2ETable(bot.h, stranger, { chat });
        const real = seen(t, await say(t, code));
        const fake = seen(t, await say(t, unknown));
        expect(real).toBe(fake);
        expect(real).not.toContain(ORGANISER.name);
        expect(real).not.toContain('Wijkgesprek Oost');
        expect(real).toContain('Dat kan niet met deze code.');
      }
    });

    it('a forged `sessie wis` confirmation with a real or an unknown code: one answer, nothing erased', async () => {
      const stranger = user(440, 'Vera Vervalser');
      const t = new E2ETable(bot.h, stranger);
      const real = await t.press(stranger, 'erase.confirm', { scope: 'session', code: code.replace('-', '') });
      const fake = await t.press(stranger, 'erase.confirm', { scope: 'session', code: unknown.replace('-', '') });
      expect(JSON.stringify(real.card)).toBe(JSON.stringify(fake.card));
      expect(JSON.stringify(real.card)).not.toContain(ORGANISER.name);
      expect(headingOf(await channel.sayOne(ORGANISER, 'sessie'))).toBe('Sessie: Wijkgesprek Oost');
    });

    it('in the session’s own thread everyone still sees the session, with its organiser; the organisers see it anywhere', async () => {
      expect(cardText(await channel.sayOne(COLLEAGUE, `sessie ${code}`))).toContain(`Organisator: ${ORGANISER.name}`);
      const elsewhere = new E2ETable(bot.h, ORGANISER);
      expect(headingOf(await elsewhere.sayOne(ORGANISER, `sessie ${code}`))).toBe('Sessie: Wijkgesprek Oost');
    });
  });

  describe(`at most ${N} codes that do not work per person per ${CODE_ATTEMPTS.windowMs / 60_000} minutes`, () => {
    const TOO_MANY = /^Er zijn te veel codes geprobeerd die niet werkten\. Probeer het over (1 minuut|\d+ minuten) opnieuw/;

    it(`refuses the ${N + 1}th attempt even with the right code, without linking; other people are not held up`, async () => {
      const prober = user(450, 'Piet Prober');
      const t = new E2ETable(bot.h, prober);
      await t.start('Probeertafel');
      for (const wrong of unknownCodes(code, N)) expect(cardText(await t.sayOne(prober, `koppel ${wrong}`))).toContain('ken ik niet');
      const refused = cardText(await t.sayOne(prober, `koppel ${code}`));
      expect(refused).toMatch(TOO_MANY);
      expect(refused).not.toContain('gekoppeld');
      // Every command that looks a code up is held back for them, also `start` in a new chat.
      const fresh = new E2ETable(bot.h, prober);
      expect(cardText(await fresh.sayOne(prober, `start ${code} Nieuwe tafel`))).toMatch(TOO_MANY);
      expect(cardText(await fresh.sayOne(prober, 'status'))).toContain('Aan deze tafel loopt nog geen gesprek.');
      expect(cardText(await fresh.sayOne(prober, `sessie ${code}`))).toMatch(TOO_MANY);

      // Someone else links with the same code at once.
      const other = user(451, 'Olivia Overbuur');
      const o = new E2ETable(bot.h, other);
      await o.start('Buurtafel');
      expect(cardText(await o.sayOne(other, `koppel ${code}`))).toMatch(/^Deze tafel is gekoppeld/);
    });

    it('a leider who mistypes the code twice links at the third try, and a code that works never counts', async () => {
      const leader = user(460, 'Lotte Lansink');
      const t = new E2ETable(bot.h, leader);
      await t.start('Tafel Noord');
      const [typo1, typo2] = unknownCodes(code, 2);
      expect(cardText(await t.sayOne(leader, `koppel ${typo1}`))).toContain('ken ik niet');
      expect(cardText(await t.sayOne(leader, `koppel ${typo2}`))).toContain('ken ik niet');
      expect(cardText(await t.sayOne(leader, `koppel ${code}`))).toMatch(/^Deze tafel is gekoppeld/);
      // Working codes are given back: many more uses of it never reach the limit.
      for (let i = 0; i < N + 2; i++) expect(cardText(await t.sayOne(leader, `koppel ${code}`))).toMatch(/^Deze tafel is al gekoppeld/);
      // In the session's thread the first one posts the totaalbeeld, every later one brings that message up to date.
      for (let i = 0; i < N + 2; i++)
        expect(headingOf(await channel.sayOne(ORGANISER, `totaalbeeld ${code}`))).toMatch(
          /^(Totaalbeeld: Wijkgesprek Oost|Het totaalbeeld van sessie ‘Wijkgesprek Oost’ is bijgewerkt)/,
        );
    });
  });
});

describe('the attempt limit holds over two bot processes on one Redis', () => {
  const env = { REDIS_URL, REDIS_KEY_PREFIX: uniqueRedisPrefix() };
  const one = useBot(env);
  const two = useBot(env);

  it('attempts used up on one process are refused on the other', async () => {
    const prober = user(470, 'Pim Proces');
    const a = new E2ETable(one.h, prober);
    for (const wrong of unknownCodes('', N))
      expect(cardText(await a.sayOne(prober, `sessie ${wrong}`))).toContain('Dat kan niet met deze code.');
    const b = new E2ETable(two.h, prober);
    const card: Card = await b.sayOne(prober, `totaalbeeld ${unknownCodes('', N + 1)[N]}`);
    expect(cardText(card)).toMatch(/^Er zijn te veel codes geprobeerd die niet werkten\./);
  });
});
