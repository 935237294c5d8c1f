/**
 * A gespreksleider is named in what leaves the chat only after saying yes, over HTTP against the
 * running bot on Redis: `start <code>` posts the question, a participant pressing it is told it is
 * not theirs and changes nothing, the summary shared with the organiser's channel leaves the leider
 * unnamed until the leider presses Ja, and names them after; a name withdrawn later leaves that copy at
 * once. A co-leider added by @mention gets the question too, and only they can answer it.
 */
import { actionByVerb, cardOfCall, cardText, headingOf, type Card } from '../support/cards';
import { channelConversation } from '../support/channel-conversation';
import type { ConnectorCall } from '../support/connector-stand-in';
import { E2ETable, REDIS_URL, uniqueRedisPrefix, useBot } from '../support/e2e-table';
import { user } from '../support/teams-activity';

const ORGANISER = user(400, 'Olga Organisator');
const LEIDER = user(410, 'Lieke Leeuwenhoek');
const ANNA = user(411, 'Anna Aalders');
/** A colleague who helps lead without joining as participant. */
const KOEN = user(412, 'Koen Kuipers');

const QUESTION = 'Mag je naam in het verslag?';
const UNNAMED = '(naam niet vermeld)';

describe('consent of the gespreksleider to be named (redis store)', () => {
  const bot = useBot({ REDIS_URL, REDIS_KEY_PREFIX: uniqueRedisPrefix() });
  const thread = channelConversation();
  let channel: E2ETable;
  let table: E2ETable;
  let code = '';
  let consentCard: Card | undefined;

  /** The table's summary in the organiser's thread as it stands now: its last update, else the post. */
  function summaryInThread(): Card | undefined {
    const calls = bot.h.connector.calls.filter(
      (c: ConnectorCall) => c.conversationId === thread.id && /^Samenvatting:/.test(headingOf(cardOfCall(c))),
    );
    return cardOfCall(calls[calls.length - 1]);
  }

  beforeAll(async () => {
    channel = new E2ETable(bot.h, ORGANISER, { chat: thread });
    const form = await channel.sayOne(ORGANISER, 'sessie nieuw Wijkgesprek Oost');
    await channel.press(ORGANISER, 'session.create', { ...actionByVerb(form, 'session.create')!.data, title: 'Wijkgesprek Oost' });
    const sessionCard = cardOfCall(bot.h.connector.posts(thread.id).find((c) => headingOf(cardOfCall(c)) === 'Sessie: Wijkgesprek Oost'));
    code = /[A-Z0-9]{3}-[A-Z0-9]{3}/.exec(cardText(sessionCard))?.[0] ?? '';
    expect(code).not.toBe('');
    table = new E2ETable(bot.h, LEIDER);
  });

  it('`start <code>` posts the welcome card, the link, and then the question to the leider', async () => {
    const posted = await table.say(LEIDER, `start ${code} Tafel Oost`);
    expect(posted.map((p) => headingOf(cardOfCall(p)))).toEqual([
      'Gespreksmodel Sociale Basis',
      expect.stringContaining('Deze tafel is gekoppeld aan sessie'),
      QUESTION,
    ]);
    consentCard = cardOfCall(posted[2]);
    expect(cardText(consentCard)).toContain(`${LEIDER.name}, je bent gespreksleider van deze tafel. Mag je naam in het verslag staan`);
    expect(cardText(consentCard)).toContain('Zolang je niet kiest, staat daar alleen je rol, zonder naam.');
    // Two buttons, one answer each; the card names nobody by id.
    const buttons = consentCard?.actions as Array<Record<string, any>>;
    expect(buttons.map((b) => [b.type, b.verb, b.title, b.data?.consent])).toEqual([
      ['Action.Execute', 'leader.consent', 'Ja, mijn naam mag erin', true],
      ['Action.Execute', 'leader.consent', 'Nee, liever zonder naam', false],
    ]);
    expect(JSON.stringify(consentCard)).not.toMatch(new RegExp(`${LEIDER.aadObjectId}|${LEIDER.id}`));
  });

  it('until the leider answers, the summary in the organiser’s channel does not name them', async () => {
    await table.join(ANNA);
    await table.say(LEIDER, 'samenvatting');
    const summary = summaryInThread();
    expect(headingOf(summary)).toBe('Samenvatting: Tafel Oost');
    expect(cardText(summary)).toContain(`gespreksleider ${UNNAMED}`);
    expect(JSON.stringify(summary)).not.toContain(LEIDER.name);
  });

  it('a participant pressing the leider’s question is told it is not theirs, and nothing changes', async () => {
    const yes = actionByVerb(consentCard, 'leader.consent')!;
    const answer = await table.press(ANNA, 'leader.consent', yes.data);
    expect(cardText(answer.card)).toContain(
      `Deze vraag is voor ${LEIDER.name}: alleen ${LEIDER.name} kiest of die naam in het verslag komt. Er is niets veranderd.`,
    );
    // Without the card's addressee, as another client might send it: only leiders and the notulist answer here.
    const bare = await table.press(ANNA, 'leader.consent', { consent: true });
    expect(cardText(bare.card)).toContain('Dit is alleen voor de gespreksleider, de co-leiders en de notulist');
    await table.say(LEIDER, 'samenvatting');
    expect(JSON.stringify(summaryInThread())).not.toContain(LEIDER.name);
  });

  it('a participant who withdraws their name loses it from the organiser’s copy at once, too', async () => {
    await table.press(ANNA, 'consent.set', { consent: true });
    await table.say(LEIDER, 'samenvatting');
    expect(cardText(summaryInThread())).toContain(ANNA.name);
    await table.press(ANNA, 'consent.set', { consent: false });
    await bot.h.connector.waitFor(
      () => (JSON.stringify(summaryInThread()).includes(ANNA.name) ? undefined : true),
      'the summary in the thread without Anna’s name',
    );
  });

  it('a co-leider added by @mention is asked too, and only they can answer their question', async () => {
    const posted = await table.say(LEIDER, 'coleider', { mentions: [KOEN] });
    expect(posted.map((p) => headingOf(cardOfCall(p)))).toEqual(['Koen Kuipers is nu co-leider.', QUESTION]);
    const koenCard = cardOfCall(posted[1]);
    expect(cardText(koenCard)).toContain(`${KOEN.name}, je bent co-leider van deze tafel.`);
    const no = actionsNo(koenCard);
    // The gespreksleider is a leider too, but this question is Koen's.
    expect(cardText((await table.press(LEIDER, 'leader.consent', no)).card)).toContain(`Deze vraag is voor ${KOEN.name}`);
    const answered = await table.press(KOEN, 'leader.consent', no);
    expect(cardText(answered.card)).toContain('Je hebt gekozen: je naam staat niet in het verslag en de downloads.');
  });

  it('after the leider presses Ja, the summary in the channel names them (the co-leider who said no stays unnamed)', async () => {
    const yes = actionByVerb(consentCard, 'leader.consent')!;
    const answered = await table.press(LEIDER, 'leader.consent', yes.data);
    expect(headingOf(answered.card)).toBe(QUESTION);
    expect(cardText(answered.card)).toContain(`Je hebt gekozen: je naam (${LEIDER.name}) mag in het verslag en de downloads staan.`);
    await table.say(LEIDER, 'samenvatting');
    expect(cardText(summaryInThread())).toContain(`gespreksleider ${LEIDER.name}`);

    // Withdrawn: the organiser's copy loses the name at once, not only at the next sharing.
    await table.press(LEIDER, 'leader.consent', actionsNo(consentCard));
    await bot.h.connector.waitFor(
      () => (JSON.stringify(summaryInThread()).includes(LEIDER.name) ? undefined : true),
      'the summary in the thread without the leider’s name',
    );
    expect(cardText(summaryInThread())).toContain(`gespreksleider ${UNNAMED}`);

    await table.press(LEIDER, 'leader.consent', yes.data);
    const ended = await table.say(LEIDER, 'stop');
    expect(ended.map((p) => headingOf(cardOfCall(p)))).toContain('Samenvatting: Tafel Oost');
    const summary = summaryInThread();
    expect(cardText(summary)).toContain(`gespreksleider ${LEIDER.name}`);
    expect(JSON.stringify(summary)).not.toContain(KOEN.name);
  });

  it('the status card opens one’s own question, to change the answer later', async () => {
    const other = new E2ETable(bot.h, KOEN);
    await other.start('Tafel Zuid');
    const status = await other.sayOne(KOEN, 'status');
    expect(actionByVerb(status, 'leader.consent.open')?.title).toBe('Naam in het verslag (leiders en notulist)');
    const own = await other.press(KOEN, 'leader.consent.open');
    expect(cardText(own.card)).toContain(`${KOEN.name}, je bent gespreksleider van deze tafel.`);
    expect(cardText((await other.press(ANNA, 'leader.consent.open')).card)).toContain(
      'Dit is alleen voor de gespreksleider, de co-leiders en de notulist',
    );
  });
});

/** The data of a consent card's Nee button. */
function actionsNo(card: Card | undefined): Record<string, unknown> {
  const button = (card?.actions as Array<Record<string, any>> | undefined)?.find(
    (a) => a.verb === 'leader.consent' && a.data?.consent === false,
  );
  if (!button) throw new Error(`no Nee button on:\n${cardText(card)}`);
  return button.data as Record<string, unknown>;
}
