/**
 * The organiser's session over HTTP against Redis: an organiser creates a session in a team channel,
 * three tables link with its code (`start <code>`, `koppel`, `link`) and each runs the whole workshop
 * with its own choices. Checked at the stand-in connector: the three summaries arrive as replies in
 * the session's thread, a second `samenvatting` updates the table's message instead of posting
 * another, the totaalbeeld counts what the tables entered, and erasing (`wis`, `sessie wis`) leaves
 * nothing in Redis nor behind the export links.
 */
import { defaultDeck } from '../../src/domain';
import { actionByVerb, actionsOf, blocks, cardOfCall, cardText, findAll, headingOf, type Card } from '../support/cards';
import { channelConversation } from '../support/channel-conversation';
import type { ConnectorCall } from '../support/connector-stand-in';
import { E2ETable, idOf, redisKeysUnder, REDIS_URL, uniqueRedisPrefix, useBot, type PickSpec } from '../support/e2e-table';
import { groupChat, user, type TeamsUser } from '../support/teams-activity';
import type Redis from 'ioredis';
import { connectRedis, tableToken, whenReady } from '../../src/store';

const PREFIX = uniqueRedisPrefix();
const ENV = { REDIS_URL, REDIS_KEY_PREFIX: PREFIX };

const ORGANISER = user(300, 'Olga Organisator');
const COLLEAGUE = user(301, 'Karel Kanaallid');

const SPEELTUIN = 'org-speeltuin-aan-de-dorpsst';
const TROTS = 'org-trots-op-de-wijk';
const DECK = defaultDeck();
const TITLES: Record<string, string> = {
  ...Object.fromEntries([...DECK.ingredients, ...DECK.intentions].map((c) => [c.id, c.title])),
  [SPEELTUIN]: 'Speeltuin aan de Dorpsstraat',
  [TROTS]: 'Trots op de wijk',
};
const ZONE_NL = {
  personal: 'persoonlijk',
  community: 'gemeenschappelijk',
  institutional: 'institutioneel',
  outside: 'niet sociale basis',
  border: 'twijfel / grensgebied',
} as const;
type Zone = keyof typeof ZONE_NL;
type Agreement = 'agree' | 'divided' | 'disagree';
const ZONE_ORDER: Zone[] = ['personal', 'community', 'institutional', 'outside', 'border'];

interface TableSpec {
  title: string;
  leader: TeamsUser;
  people: TeamsUser[];
  /** How the table links: `start <code> <title>`, `koppel <code>` after start, or `link <code>` in the kennismaking. */
  linkBy: 'start' | 'koppel' | 'link';
  picks: PickSpec[];
  placements: Array<[cardId: string, zone: Zone, agreement: Agreement]>;
  conclusions: string[];
  /** Three stickers per participant. */
  stickers: Array<[string, string, string]>;
  mainIntention?: string;
}

const pick = (inId: string, outId: string, doubtId: string, who: string): PickSpec => ({
  in: [inId, `Hoort erbij volgens ${who}`],
  out: [outId, `Hoort er niet bij volgens ${who}`],
  doubt: [doubtId, `Twijfel van ${who}`],
});

const T1: TableSpec = {
  title: 'Tafel Buurthuis',
  leader: user(310, 'Lieke Leider'),
  people: [user(311, 'Aart Aalbers'), user(312, 'Berta Bakker'), user(313, 'Chris Claes')],
  linkBy: 'start',
  picks: [
    pick('buurthuis', 'individuele-ondersteuning', 'koffietafel-buurtsuper', 'Aart'),
    pick(SPEELTUIN, 'huisarts', 'park', 'Berta'),
    pick('park', 'individuele-ondersteuning', 'buurthuis', 'Chris'),
  ],
  placements: [
    ['buurthuis', 'institutional', 'agree'],
    ['park', 'community', 'agree'],
    ['individuele-ondersteuning', 'outside', 'agree'],
    [SPEELTUIN, 'community', 'divided'],
  ],
  conclusions: ['We rekenen iets tot de sociale basis als iedereen er zonder indicatie terecht kan'],
  stickers: [
    ['verbinding', 'verbinding', 'minder-eenzaamheid'],
    ['verbinding', TROTS, 'voorkomen'],
    ['minder-eenzaamheid', 'minder-eenzaamheid', 'minder-eenzaamheid'],
  ],
  mainIntention: 'minder-eenzaamheid',
};

const T2: TableSpec = {
  title: 'Tafel Zuid',
  leader: user(320, 'Lars Leider'),
  people: [user(321, 'Dirk Dijkstra'), user(322, 'Esra Ekinci')],
  linkBy: 'koppel',
  picks: [
    pick('koffietafel-buurtsuper', 'huisarts', 'woningcorporatie', 'Dirk'),
    pick('buurthuis', 'park', 'individuele-ondersteuning', 'Esra'),
  ],
  placements: [
    ['buurthuis', 'institutional', 'agree'],
    ['park', 'community', 'disagree'],
    ['individuele-ondersteuning', 'border', 'divided'],
    ['koffietafel-buurtsuper', 'community', 'agree'],
  ],
  conclusions: [
    'We rekenen iets tot de sociale basis als inwoners het samen dragen',
    'Professionals horen erbij als ze de gemeenschap ondersteunen',
  ],
  stickers: [
    ['verbinding', 'verbinding', 'verbinding'],
    ['beter-geholpen', 'beter-geholpen', 'verbinding'],
  ],
  mainIntention: 'verbinding',
};

const T3: TableSpec = {
  title: 'Tafel West',
  leader: user(330, 'Lotte Lansink'),
  people: [user(331, 'Fenna Faber'), user(332, 'Gerrit Gans')],
  linkBy: 'link',
  picks: [pick('park', 'huisarts', SPEELTUIN, 'Fenna'), pick('buurthuis', 'individuele-ondersteuning', 'park', 'Gerrit')],
  placements: [
    ['buurthuis', 'community', 'agree'],
    ['park', 'community', 'agree'],
    ['individuele-ondersteuning', 'outside', 'agree'],
  ],
  conclusions: [],
  stickers: [
    [TROTS, TROTS, 'minder-eenzaamheid'],
    [TROTS, 'voorkomen', 'voorkomen'],
  ],
};

const SPECS = [T1, T2, T3];

/** "Buurthuis: institutioneel 2, gemeenschappelijk 1", computed from what the tables entered. */
function expectedPlacementLines(specs: TableSpec[]): string[] {
  const byCard = new Map<string, Zone[]>();
  for (const s of specs) for (const [card, zone] of s.placements) byCard.set(card, [...(byCard.get(card) ?? []), zone]);
  return [...byCard.entries()]
    .sort((a, b) => b[1].length - a[1].length || TITLES[a[0]]!.localeCompare(TITLES[b[0]]!, 'nl'))
    .map(([card, zones]) => {
      const spread = ZONE_ORDER.map((z) => ({ z, n: zones.filter((x) => x === z).length }))
        .filter((x) => x.n > 0)
        .sort((a, b) => b.n - a.n);
      return `${TITLES[card]}: ${spread.map((x) => `${ZONE_NL[x.z]} ${x.n}`).join(', ')}`;
    });
}

/** Stickers summed over the tables, most first, with how many tables put one on it. */
function expectedRanking(specs: TableSpec[]): Array<{ title: string; stickers: number; tables: number }> {
  const totals = new Map<string, { stickers: number; tables: Set<string> }>();
  for (const s of specs) {
    for (const set of s.stickers) {
      for (const id of set) {
        const entry = totals.get(id) ?? { stickers: 0, tables: new Set<string>() };
        entry.stickers += 1;
        entry.tables.add(s.title);
        totals.set(id, entry);
      }
    }
  }
  return [...totals.entries()]
    .map(([id, v]) => ({ title: TITLES[id]!, stickers: v.stickers, tables: v.tables.size }))
    .sort((a, b) => b.stickers - a.stickers);
}

/** The card a connector call carries, read as text. */
const textOf = (call: ConnectorCall | undefined) => cardText(cardOfCall(call));

/** The join code shown big on the session card. */
function codeOnCard(card: Card | undefined): string {
  const run = findAll(card ?? {}, (n) => n.type === 'TextRun' && n.size === 'ExtraLarge')[0];
  if (!run) throw new Error(`no code on the card:\n${cardText(card)}`);
  return String(run.text);
}

function only<T>(items: T[], what: string): T {
  if (items.length !== 1) throw new Error(`expected one ${what}, got ${items.length}`);
  return items[0]!;
}

describe('an organiser’s session with three tables (redis store)', () => {
  const bot = useBot(ENV);
  let redis: Redis;
  beforeAll(async () => {
    redis = connectRedis(REDIS_URL);
    await whenReady(redis);
  });
  afterAll(async () => {
    await redis.quit();
  });
  const thread = channelConversation();
  let channel: E2ETable;
  let code = '';
  let sessionCard: Card;
  const tables = new Map<TableSpec, E2ETable>();
  const summaryIds = new Map<TableSpec, string>();

  /** Messages the bot posted into the session's thread with a card whose heading matches. */
  const threadPosts = (heading: RegExp) => bot.h.connector.posts(thread.id).filter((c) => heading.test(headingOf(cardOfCall(c))));
  /** The one totaalbeeld in the thread as it stands now. */
  const overviewNow = () => channel.currentCard(idOf(only(threadPosts(/^Totaalbeeld:/), 'totaalbeeld')));

  beforeAll(() => {
    channel = new E2ETable(bot.h, ORGANISER, { chat: thread });
  });

  it('`sessie nieuw` in a channel posts the form; submitting it creates the session and shows the code big in the thread', async () => {
    const form = await channel.sayOne(ORGANISER, 'sessie nieuw Wijkgesprek Noord');
    expect(headingOf(form)).toBe('Nieuwe sessie');
    expect(findAll(form, (n) => n.id === 'title')[0]?.value).toBe('Wijkgesprek Noord');
    const submit = actionByVerb(form, 'session.create');
    expect(submit?.type).toBe('Action.Execute');

    // Someone else in the channel who presses the organiser's form is told whose it is.
    const notTheirs = await channel.press(COLLEAGUE, 'session.create', { ...submit!.data, title: 'Overname' });
    expect(cardText(notTheirs.card)).toContain('Dit formulier is van degene die sessie nieuw typte.');

    // A refused form comes back with what was typed and what to fix.
    const tooBig = await channel.press(ORGANISER, 'session.create', { ...submit!.data, title: 'Wijkgesprek Noord', maxParticipants: '61' });
    expect(headingOf(tooBig.card)).toBe('Nieuwe sessie');
    expect(cardText(tooBig.card)).toContain('Vul bij het aantal deelnemers per tafel een heel getal in van 1 tot en met 60.');
    expect(findAll(tooBig.card, (n) => n.id === 'maxParticipants')[0]?.value).toBe(61);
    expect(threadPosts(/^Sessie:/)).toHaveLength(0);

    const values = {
      ...submit!.data,
      title: 'Wijkgesprek Noord',
      goal: 'Samen scherp krijgen wat de sociale basis in Noord is.',
      outcomeUse: 'De uitkomsten gaan naar de gemeenteraad als bouwsteen voor de nota sociale basis.',
      policyGoals: 'Minder eenzaamheid\n- Meer vrijwillige inzet',
      maxParticipants: '6',
      ingredientsMode: 'extend',
      ingredientCards: 'Speeltuin aan de Dorpsstraat\nbuurt huis',
      intentionsMode: 'extend',
      intentionCards: 'Trots op de wijk',
    };
    const created = await channel.press(ORGANISER, 'session.create', values);
    const posted = only(threadPosts(/^Sessie:/), 'session card');
    sessionCard = cardOfCall(posted)!;
    code = codeOnCard(sessionCard);
    expect(code).toMatch(/^[ACDEFHJKMNPRTWXY3479]{3}-[ACDEFHJKMNPRTWXY3479]{3}$/);
    expect(cardText(created.card)).toBe(
      `Sessie ‘Wijkgesprek Noord’ is aangemaakt. De code ${code} staat in het bericht hieronder, zodat iedereen in het kanaal hem ziet.`,
    );
    const text = cardText(sessionCard);
    expect(headingOf(sessionCard)).toBe('Sessie: Wijkgesprek Noord');
    expect(text).toContain(
      `Gespreksleiders: typ in de chat van je tafel koppel ${code}, of begin daar een nieuwe tafel met start ${code}.`,
    );
    expect(text).toContain('• Minder eenzaamheid\n• Meer vrijwillige inzet');
    expect(text).toContain('maximaal 6 deelnemers');
    expect(text).toContain(`${DECK.ingredients.length + 1} kaartjes: de standaard plus 1 eigen`);
    expect(text).toContain('Dubbele kaartjes zijn samengevoegd (hoofdletters, spaties en accenten tellen niet mee): buurt huis.');
    // It is a reply in the thread (the thread's conversation id), not a new post in the channel.
    expect(posted.conversationId).toBe(`${thread.channelId};messageid=${thread.rootId}`);

    // The form pressed again (twice, or Teams re-sending) makes no second session.
    const again = await channel.press(ORGANISER, 'session.create', values);
    expect(cardText(again.card)).toContain(`In deze draad loopt al een sessie: ‘Wijkgesprek Noord’, code ${code}.`);
    expect(threadPosts(/^Sessie:/)).toHaveLength(1);
  });

  it('a wrong code is refused in Dutch and starts or changes nothing', async () => {
    const t = new E2ETable(bot.h, T2.leader);
    const refusal = (typed: string) =>
      `De code ‘${typed}’ ken ik niet, of de sessie bestaat niet meer. Kijk de code na (6 tekens, bijvoorbeeld KX7-M4P) of vraag de organisator om de juiste code.`;
    // Never issued, but well-formed: `start` with it starts no table.
    const unknown = code.startsWith('AAA') ? 'CCC-777' : 'AAA-777';
    expect(cardText(await t.sayOne(T2.leader, `start ${unknown}`))).toBe(refusal(unknown));
    expect(cardText(await t.sayOne(T2.leader, 'status'))).toContain('Aan deze tafel loopt nog geen gesprek.');
    await t.start('Proeftafel');
    expect(cardText(await t.sayOne(T2.leader, `koppel ${unknown.toLowerCase()}`))).toBe(refusal(unknown));
    expect(cardText(await t.sayOne(T2.leader, 'koppel 0O1-IL5'))).toBe(refusal('0O1-IL5'));
    expect(cardText(await t.sayOne(T2.leader, 'koppel'))).toBe('Typ de code van de organisator erachter, bijvoorbeeld: koppel KX7-M4P.');
    // A table from another organisation's tenant cannot link, and is not told that the code exists.
    const foreign = new E2ETable(bot.h, T2.leader, { chat: groupChat(99, 'tenant-buurgemeente') });
    expect(cardText(await foreign.sayOne(T2.leader, `start ${code}`))).toBe(refusal(code));
  });

  describe.each(SPECS.map((s) => [s.title, s] as const))('%s runs the whole workshop', (_title, spec) => {
    it('links with the code, takes the session’s goal and cards, and goes from start to afsluiting', async () => {
      const t = new E2ETable(bot.h, spec.leader);
      tables.set(spec, t);
      const L = spec.leader;
      const typed = { start: code.toLowerCase().replace('-', ' '), koppel: code.replace('-', ''), link: code }[spec.linkBy];

      if (spec.linkBy === 'start') {
        const posted = await t.say(L, `start ${typed} ${spec.title}`);
        expect(posted.map((p) => headingOf(cardOfCall(p)))).toEqual([
          'Gespreksmodel Sociale Basis',
          expect.stringContaining('Deze tafel is gekoppeld aan sessie ‘Wijkgesprek Noord’.'),
          'Mag je naam in het verslag?',
        ]);
        t.welcomeId = idOf(posted[0]!);
        expect(textOf(posted[0])).toContain('Samen scherp krijgen wat de sociale basis in Noord is.');
      } else {
        await t.start(spec.title);
      }
      await t.join(...spec.people);
      if (spec.linkBy === 'koppel') {
        expect(cardText(await t.sayOne(L, `koppel ${typed}`))).toMatch(/^Deze tafel is gekoppeld aan sessie ‘Wijkgesprek Noord’\. /);
        expect(cardText(await t.sayOne(L, `koppel ${typed}`))).toBe('Deze tafel is al gekoppeld aan sessie ‘Wijkgesprek Noord’.');
      }
      await t.say(L, 'volgende');
      if (spec.linkBy === 'link') {
        // A participant cannot link; the leider can, in the kennismaking (before any pick).
        expect(cardText(await t.sayOne(spec.people[0]!, `link ${typed}`))).toContain(
          'Alleen de gespreksleider (Lotte Lansink) kan dit doen.',
        );
        expect(cardText(await t.sayOne(L, `link ${typed}`))).toMatch(/^Deze tafel is gekoppeld aan sessie/);
      }
      await t.waitForCard(
        t.welcomeId!,
        (text) => text.includes('Samen scherp krijgen wat de sociale basis in Noord is.'),
        'the welcome card to show the session’s goal',
      );
      const status = await t.status();
      expect(status['Deelnemers']).toBe(`${spec.people.length} van maximaal 6`);

      const round1 = await t.say(L, 'volgende');
      expect(round1.map((p) => cardText(cardOfCall(p))).join('\n')).toContain('Speeltuin aan de Dorpsstraat');
      for (const [i, p] of spec.people.entries())
        expect(headingOf((await t.submit(p, spec.picks[i]!)).card)).toBe('Je keuzes zijn ingeleverd');
      // Linking after picks is refused: the deck is what the table chose from.
      expect(cardText(await t.sayOne(L, `koppel ${code}`))).toBe('Deze tafel is al gekoppeld aan sessie ‘Wijkgesprek Noord’.');
      await t.say(L, 'onthul');

      await t.say(L, 'volgende');
      for (const [card, zone, agreement] of spec.placements) {
        const placed = await t.press(L, 'board.place', {
          card,
          zone,
          agreement,
          purpose: `Doel van ${card}`,
          trait: `Eigenschap van ${card}`,
        });
        expect(cardText(placed.card)).toContain(`Vastgelegd: ${TITLES[card]}`);
      }
      for (const c of spec.conclusions) await t.say(L, `conclusie ${c}`);

      await t.say(L, 'volgende');
      for (const [i, p] of spec.people.entries()) {
        const [sticker1, sticker2, sticker3] = spec.stickers[i]!;
        expect(headingOf((await t.press(p, 'stickers.submit', { sticker1, sticker2, sticker3 })).card)).toBe('Je stickers zijn geplakt');
      }
      await t.say(L, 'sluit');
      if (spec.mainIntention) {
        const saved = await t.press(L, 'discussion.save', {
          mainIntention: spec.mainIntention,
          agreements: 'Verbinding is de kern',
          disagreements: '',
          policyRelation: 'Past bij minder eenzaamheid',
          policyGoals: 'Minder eenzaamheid\nMeer vrijwillige inzet',
        });
        expect(cardText(saved.card)).toContain('De bespreking is opgeslagen.');
      }

      await t.say(L, 'volgende');
      for (const [i, p] of spec.people.entries())
        await t.press(p, 'closing.submit', {
          learned: `Geleerd aan ${spec.title} (${i + 1})`,
          action: `Actie na ${spec.title} (${i + 1})`,
        });
      const before = bot.h.connector.calls.length;
      const ended = await t.say(L, 'volgende');
      expect(ended.map((p) => headingOf(cardOfCall(p)))).toContain(`Samenvatting: ${spec.title}`);

      // The same summary, proactively, as a reply in the session's thread.
      const inThread = bot.h.connector.calls.slice(before).filter((c) => c.conversationId === thread.id && c.method === 'POST');
      const summary = only(inThread, 'summary in the thread');
      expect(headingOf(cardOfCall(summary))).toBe(`Samenvatting: ${spec.title}`);
      expect(summary.path).toBe(`/v3/conversations/${encodeURIComponent(thread.id)}/activities`);
      summaryIds.set(spec, idOf(summary));
    });
  });

  it('the thread holds one summary per table; a second `samenvatting` by a leider updates it instead of posting', async () => {
    const summaries = threadPosts(/^Samenvatting:/);
    expect(summaries.map((c) => headingOf(cardOfCall(c)))).toEqual([
      'Samenvatting: Tafel Buurthuis',
      'Samenvatting: Tafel Zuid',
      'Samenvatting: Tafel West',
    ]);
    const t1 = tables.get(T1)!;
    const t1Id = summaryIds.get(T1)!;
    // Nobody gave consent for their name: the organiser's copy counts them, never names them.
    expect(textOf(summaries[0])).toContain('3 deelnemers, zonder naam in het verslag');
    for (const p of T1.people) expect(JSON.stringify(summaries[0]!.body)).not.toContain(p.name);

    const postsBefore = bot.h.connector.posts(thread.id).length;
    // A participant's `samenvatting` gives them the short card, and leaves the organiser's copy alone.
    await t1.say(T1.people[0]!, 'samenvatting');
    // (The session's own card in the thread is kept up to date as the tables go on: not a summary.)
    const summaryUpdates = () => bot.h.connector.updates(thread.id).filter((u) => [...summaryIds.values()].includes(u.activityId!));
    expect(summaryUpdates()).toHaveLength(0);
    await t1.say(T1.leader, 'samenvatting');
    await t1.say(T1.leader, 'summary');
    expect(bot.h.connector.posts(thread.id)).toHaveLength(postsBefore);
    await bot.h.app.outbound.idle();
    const updates = summaryUpdates();
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(updates.every((u) => u.activityId === t1Id)).toBe(true);
    expect(headingOf(cardOfCall(updates[updates.length - 1]))).toBe('Samenvatting: Tafel Buurthuis');
  });

  it('`totaalbeeld` in the thread combines the three tables: placements, differences, summed stickers, tops, conclusions', async () => {
    const card = await channel.sayOne(COLLEAGUE, 'totaalbeeld');
    const lines = blocks(card);
    if (process.env.PRINT_OVERVIEW) console.log(lines.join('\n'));
    expect(lines[0]).toBe('Totaalbeeld: Wijkgesprek Noord');
    expect(lines[1]).toBe(`3 tafels · 7 deelnemers · code ${code}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        '1. Tafel Buurthuis: 3 deelnemers, Afsluiting',
        '2. Tafel Zuid: 2 deelnemers, Afsluiting',
        '3. Tafel West: 2 deelnemers, Afsluiting',
      ]),
    );

    // Per card how the tables placed it, computed here from what the tables entered.
    const placements = expectedPlacementLines(SPECS);
    expect(placements).toEqual([
      'Buurthuis: institutioneel 2, gemeenschappelijk 1',
      'Het park: gemeenschappelijk 3',
      'Individuele (geïndiceerde) ondersteuning: niet sociale basis 2, twijfel / grensgebied 1',
      'De koffietafel in de buurtsuper: gemeenschappelijk 1',
      'Speeltuin aan de Dorpsstraat: gemeenschappelijk 1',
    ]);
    const start = lines.indexOf(placements[0]!);
    expect(lines.slice(start, start + placements.length)).toEqual(placements);
    const pie = findAll(card, (n) => n.type === 'Chart.Pie')[0];
    expect(pie?.data).toEqual([
      { legend: 'gemeenschappelijk', value: 6 },
      { legend: 'institutioneel', value: 2 },
      { legend: 'niet sociale basis', value: 2 },
      { legend: 'twijfel / grensgebied', value: 1 },
    ]);
    expect(pie?.fallback).toEqual({
      type: 'RichTextBlock',
      inlines: [
        {
          type: 'TextRun',
          text: 'Plaatsingen per plek: gemeenschappelijk 6, institutioneel 2, niet sociale basis 2, twijfel / grensgebied 1',
        },
      ],
    });

    // Where the tables differ: other zones, or a table divided / in disagreement.
    const differing = lines.slice(lines.indexOf('Waar de tafels verschillen'));
    expect(differing).toEqual(
      expect.arrayContaining([
        'Buurthuis: institutioneel 2, gemeenschappelijk 1',
        'Tafel Buurthuis: institutioneel (eens)',
        'Tafel West: gemeenschappelijk (eens)',
        'Tafel Zuid: gemeenschappelijk (oneens)',
        'Tafel Zuid: twijfel / grensgebied (verdeeld)',
        'Tafel Buurthuis: gemeenschappelijk (verdeeld)',
      ]),
    );
    expect(differing.slice(0, differing.indexOf('Bedoeling van investeren: alle tafels samen'))).not.toContain(
      'De koffietafel in de buurtsuper: gemeenschappelijk 1',
    );

    // The intentions: stickers summed over the tables, with the bar chart.
    const ranking = expectedRanking(SPECS);
    expect(ranking).toEqual([
      { title: 'Meer verbinding tussen inwoners', stickers: 7, tables: 2 },
      { title: 'Minder eenzaamheid', stickers: 5, tables: 2 },
      { title: 'Trots op de wijk', stickers: 4, tables: 2 },
      { title: 'Problemen voorkomen (preventie)', stickers: 3, tables: 2 },
      { title: 'Inwoners zijn beter geholpen', stickers: 2, tables: 1 },
    ]);
    expect(lines).toContain('7 deelnemers aan 3 tafels verdeelden samen 21 stickers; de stickers van alle tafels zijn opgeteld.');
    const rankStart = lines.indexOf('7 deelnemers aan 3 tafels verdeelden samen 21 stickers; de stickers van alle tafels zijn opgeteld.');
    expect(lines.slice(rankStart + 1, rankStart + 1 + ranking.length)).toEqual(
      ranking.map((r, i) => `${i + 1}. ${r.title}: ${r.stickers} stickers, aan ${r.tables} tafel(s)`),
    );
    expect(findAll(card, (n) => n.type === 'Chart.HorizontalBar')[0]?.data).toEqual(ranking.map((r) => ({ x: r.title, y: r.stickers })));
    expect(lines).toEqual(
      expect.arrayContaining([
        'Tafel Buurthuis: Minder eenzaamheid (4 stickers); hoofdbedoeling: Minder eenzaamheid',
        'Tafel Zuid: Meer verbinding tussen inwoners (4 stickers); hoofdbedoeling: Meer verbinding tussen inwoners',
        'Tafel West: Trots op de wijk (3 stickers)',
      ]),
    );

    // The conclusions side by side, one column per table.
    const columns = findAll(card, (n) => n.type === 'ColumnSet')[0]?.columns as Card[];
    expect(columns.map((c) => blocks({ body: c.items }))).toEqual([
      ['Tafel Buurthuis', `• ${T1.conclusions[0]}`],
      ['Tafel Zuid', ...T2.conclusions.map((c) => `• ${c}`)],
      ['Tafel West', 'Geen voorlopige conclusies vastgelegd.'],
    ]);
    // No one's name: only tables and cards.
    for (const p of [...T1.people, ...T2.people, ...T3.people]) expect(JSON.stringify(card)).not.toContain(p.name);
    // The download links of the exports, as buttons.
    expect(actionsOf(card).filter((a) => a.type === 'Action.OpenUrl').length).toBeGreaterThan(0);
  });

  it('refuses `wis` by a non-leider and `sessie wis` by someone who is not an organiser; nothing is erased', async () => {
    const t1 = tables.get(T1)!;
    const NOT_LEADER =
      'Alleen de gespreksleider (Lieke Leider) kan dit doen. Vraag de gespreksleider om het te doen, of om jou co-leider te maken.';
    expect(cardText(await t1.sayOne(T1.people[0]!, 'wis'))).toBe(NOT_LEADER);
    // Pressing a confirmation without being the leider (a forged or forwarded button) is refused too.
    const forged = await t1.press(T1.people[0]!, 'erase.confirm', { scope: 'table' });
    expect(cardText(forged.card)).toBe(NOT_LEADER);
    expect(cardText(await channel.sayOne(COLLEAGUE, 'sessie wis'))).toBe(
      'Alleen de organisator of een mede-organisator van deze sessie kan dit doen.',
    );
    // A forged confirmation gets the answer an unknown code gets (test/e2e/join-codes.test.ts).
    const forgedSession = await channel.press(COLLEAGUE, 'erase.confirm', { scope: 'session', code: code.replace('-', '') });
    expect(cardText(forgedSession.card)).toMatch(/^Dat kan niet met deze code\./);
    expect((await t1.status())['Fase']).toBe('Afsluiting');
    // A second `totaalbeeld` brings the first one up to date, and says where it is.
    expect(cardText(await channel.sayOne(COLLEAGUE, 'totaalbeeld'))).toBe(
      'Het totaalbeeld van sessie ‘Wijkgesprek Noord’ is bijgewerkt, in het bericht ‘Totaalbeeld’ eerder in deze draad.',
    );
    await bot.h.app.outbound.idle();
    expect(threadPosts(/^Totaalbeeld:/)).toHaveLength(1);
    expect(blocks(overviewNow())[1]).toBe(`3 tafels · 7 deelnemers · code ${code}`);
  });

  it('`wis` by the leider, after confirming, erases the table from Redis, from the session and behind its export link', async () => {
    const t3 = tables.get(T3)!;
    const token = tableToken({ tenantId: t3.chat.tenantId, conversationId: t3.chat.id });
    const keysOf = async () => (await redisKeysUnder(REDIS_URL, PREFIX)).filter((k) => k.includes(token));
    /** The keys the erase itself leaves: Teams' send counters (timestamps only) and the remembered answer to the erase button. */
    const afterErase = async () => {
      const left: string[] = [];
      for (const k of await keysOf()) {
        if (k.endsWith(':sends')) continue;
        const value = await redis.get(k);
        if (!/zijn gewist/.test(value ?? '')) left.push(`${k} = ${value}`);
      }
      return left;
    };
    expect((await keysOf()).length).toBeGreaterThan(0);
    const summary = cardOfCall(bot.h.connector.posts(thread.id).find((c) => c.responseId === summaryIds.get(T3)))!;
    const link = actionsOf(summary).find((a) => a.type === 'Action.OpenUrl')?.url as string;
    const download = () => fetch(new URL(new URL(link).pathname, bot.h.botUrl));
    expect((await download()).status).toBe(200);

    const confirm = await t3.sayOne(T3.leader, 'wis');
    expect(headingOf(confirm)).toBe('Alle gegevens van deze tafel wissen?');
    expect(actionsOf(confirm).map((a) => a.title)).toEqual(['Ja, wis alles', 'Annuleren']);
    expect(cardText((await t3.press(T3.leader, 'erase.cancel')).card)).toBe('Er is niets gewist.');
    expect(await keysOf()).not.toEqual([]);

    const done = await t3.press(T3.leader, 'erase.confirm', actionByVerb(confirm, 'erase.confirm')!.data);
    expect(cardText(done.card)).toBe('Alle gegevens van tafel ‘Tafel West’ zijn gewist.');
    expect(await afterErase()).toEqual([]);
    expect(cardText(await t3.sayOne(T3.leader, 'status'))).toContain('Aan deze tafel loopt nog geen gesprek.');
    expect((await download()).status).toBe(404);
    // The table's summary in the thread now says it was erased.
    await bot.h.app.outbound.idle();
    const replaced = bot.h.connector.updates(thread.id).filter((u) => u.activityId === summaryIds.get(T3));
    expect(textOf(replaced[replaced.length - 1])).toBe('De gegevens van tafel ‘Tafel West’ zijn gewist.');
    // And the totaalbeeld, the one message in the thread, no longer shows it.
    await bot.h.app.sessions.channel.idle();
    await bot.h.app.outbound.idle();
    expect(blocks(overviewNow())[1]).toBe(`2 tafels · 5 deelnemers · code ${code}`);
    expect(cardText(overviewNow())).not.toContain('Tafel West');
  });

  it('`sessie wis` by the organiser, after confirming, erases the session and its tables; the tables hear of it', async () => {
    const canonical = code.replace('-', '');
    const remaining = [T1, T2].map((s) => tables.get(s)!);
    const tokens = remaining.map((t) => tableToken({ tenantId: t.chat.tenantId, conversationId: t.chat.id }));
    const threadToken = tableToken({ tenantId: thread.tenantId, conversationId: thread.id });
    // Teams' send counters (`:sends`, timestamps only) are made again by the notices that follow the erase.
    const left = async () =>
      (await redisKeysUnder(REDIS_URL, PREFIX)).filter(
        (k) =>
          !k.endsWith(':sends') &&
          (k.includes(canonical) || k.includes(threadToken) || tokens.some((tk) => k.includes(tk)) || k.includes(':thread:')),
      );
    const values = async () => Promise.all((await left()).map(async (k) => `${k} = ${await redis.get(k)}`));
    expect((await left()).length).toBeGreaterThan(0);

    const confirm = await channel.sayOne(ORGANISER, 'sessie wis');
    expect(headingOf(confirm)).toBe('Alle gegevens van sessie ‘Wijkgesprek Noord’ wissen?');
    const done = await channel.press(ORGANISER, 'erase.confirm', actionByVerb(confirm, 'erase.confirm')!.data);
    expect(cardText(done.card)).toBe('Alle gegevens van sessie ‘Wijkgesprek Noord’ en van 2 gekoppelde tafel(s) zijn gewist.');
    await bot.h.app.sessions.channel.idle();
    await bot.h.app.outbound.idle();
    // Only the remembered answer to the erase button itself, which names the session and nothing else.
    expect((await values()).filter((v) => !v.includes('zijn gewist'))).toEqual([]);

    for (const t of remaining) {
      expect(t.posts().map((p) => textOf(p))).toContain(
        'De organisator heeft sessie ‘Wijkgesprek Noord’ gewist. Daarmee zijn ook alle gegevens van deze tafel verwijderd.',
      );
      expect(cardText(await t.sayOne(t.leader, 'status'))).toContain('Aan deze tafel loopt nog geen gesprek.');
    }
    expect(threadPosts(/./).map((c) => textOf(c))).toContain(
      'Alle gegevens van sessie ‘Wijkgesprek Noord’ zijn gewist: de sessie en 2 gekoppelde tafel(s). De samenvattingen hierboven zijn leeggemaakt en downloadlinks werken niet meer.',
    );
    for (const spec of [T1, T2]) {
      const updates = bot.h.connector.updates(thread.id).filter((u) => u.activityId === summaryIds.get(spec));
      expect(textOf(updates[updates.length - 1])).toBe(`De gegevens van tafel ‘${spec.title}’ zijn gewist.`);
    }
    // Gone is gone: the code no longer links, and the thread has no session.
    expect(cardText(await channel.sayOne(ORGANISER, 'totaalbeeld'))).toContain('In deze draad loopt geen sessie.');
    const t = new E2ETable(bot.h, T2.leader);
    await t.start('Nakomer');
    expect(cardText(await t.sayOne(T2.leader, `koppel ${code}`))).toContain(
      `De code ‘${code}’ ken ik niet, of de sessie bestaat niet meer.`,
    );
  });
});

describe('a session takes at most 50 tables (redis store)', () => {
  const bot = useBot({ REDIS_URL, REDIS_KEY_PREFIX: uniqueRedisPrefix() });

  it('the 51st table is refused, with `start <code>` and with `koppel`, and is not counted', async () => {
    const channel = new E2ETable(bot.h, ORGANISER, { chat: channelConversation() });
    const form = await channel.sayOne(ORGANISER, 'session new Grote sessie');
    // A deck of 100 cards of each kind, with long titles, as the largest sessions have.
    const hundred = (what: string) =>
      Array.from({ length: 100 }, (_, i) => `${what} ${i + 1}, met een lange naam voor de wijk en het dorp`.slice(0, 60)).join('\n');
    await channel.press(ORGANISER, 'session.create', {
      ...actionByVerb(form, 'session.create')!.data,
      title: 'Grote sessie',
      ingredientsMode: 'replace',
      ingredientCards: hundred('Kaartje'),
      intentionsMode: 'replace',
      intentionCards: hundred('Bedoeling'),
    });
    const code = codeOnCard(
      cardOfCall(bot.h.connector.posts(channel.chat.id).find((c) => headingOf(cardOfCall(c)) === 'Sessie: Grote sessie')),
    );

    const linked: E2ETable[] = [];
    for (let i = 1; i <= 50; i++) {
      const t = new E2ETable(bot.h, user(1000 + i, `Leider ${i}`));
      const posted = await t.say(t.leader, `start ${code} Tafel ${i}`);
      expect(textOf(posted[1])).toMatch(/^Deze tafel is gekoppeld aan sessie ‘Grote sessie’/);
      linked.push(t);
    }
    const FULL = 'Aan deze sessie zijn al 50 tafels gekoppeld, het maximum. Vraag de organisator om een tweede sessie.';
    const late = new E2ETable(bot.h, user(1051, 'Leider 51'));
    expect(cardText(await late.sayOne(late.leader, `start ${code} Tafel 51`))).toBe(FULL);
    expect(cardText(await late.sayOne(late.leader, 'status'))).toContain('Aan deze tafel loopt nog geen gesprek.');
    await late.start('Tafel 51');
    expect(cardText(await late.sayOne(late.leader, `koppel ${code}`))).toBe(FULL);

    const card = await channel.sayOne(ORGANISER, 'sessie');
    expect(cardText(card)).toContain('50 van maximaal 50');
    expect(blocks(await channel.sayOne(ORGANISER, 'overview'))[1]).toBe(`50 tafels · 0 deelnemers · code ${code}`);

    // A table that stops frees its place: the 51st links now, and the stopped one still counts in the totaalbeeld.
    await linked[0]!.say(linked[0]!.leader, 'stop');
    await bot.h.app.sessions.channel.idle();
    expect(cardText(await late.sayOne(late.leader, `koppel ${code}`))).toMatch(/^Deze tafel is gekoppeld aan sessie ‘Grote sessie’/);
    await bot.h.app.sessions.channel.idle();
    await bot.h.app.outbound.idle();
    const live = cardText(
      channel.currentCard(
        idOf(
          bot.h.connector
            .posts(channel.chat.id)
            .filter((c) => headingOf(cardOfCall(c)) === 'Sessie: Grote sessie')
            .at(-1)!,
        ),
      ),
    );
    expect(live).toContain('50 van maximaal 50');
    expect(live).toContain('Afgesloten (tellen niet mee voor het maximum): Tafel 1');
    // The stopped table's post in the thread stays within 8 KB, with 50 tables linked.
    const stoppedPost = bot.h.connector.posts(channel.chat.id).find((c) => headingOf(cardOfCall(c)) === 'Samenvatting: Tafel 1');
    expect(Buffer.byteLength(JSON.stringify(cardOfCall(stoppedPost)))).toBeLessThan(8 * 1024);
    // Fifty-one tables started over HTTP with a 100-card deck: longer than one ordinary test.
  }, 240_000);
});
