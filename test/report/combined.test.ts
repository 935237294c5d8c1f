import { PICK_ROLES, type PickRole, type TableState } from '../../src/domain';
import { combinedCardLine, type CombinedCard, type CombinedPicture } from '../../src/report/combined';
import { combineTables } from '../support/group-reports';
import { ANNA, CARLA, EVIL, HENK, HIDDEN_NAMES, LOES, MO, NINA, tafelNoord, tafelWest, tafelZuid, threeTables } from './session-fixtures';

function card(picture: CombinedPicture, key: string): CombinedCard {
  const found = picture.cards.find((c) => c.key === key);
  if (!found) throw new Error(`no combined card ${key}; have ${picture.cards.map((c) => c.key).join(', ')}`);
  return found;
}

const spread = (c: CombinedCard) => Object.fromEntries(c.spread.map((s) => [s.zone, s.count]));

describe('combineTables: the totaalbeeld over three tables', () => {
  const tables = threeTables();
  const picture = combineTables(tables, 'nl');

  it('counts the tables and their participants (a guest counts as a participant)', () => {
    expect(picture.tables.map((t) => [t.number, t.title, t.participants])).toEqual([
      [1, 'Tafel Noord', 6],
      [2, 'Tafel Zuid', 4],
      [3, 'Tafel West', 3],
    ]);
    expect(picture.participants).toBe(13);
    expect(picture.guests).toBe(1);
  });

  it('says for every placed card how many tables put it in each zone, most first', () => {
    expect(spread(card(picture, 'buurthuis'))).toEqual({ institutional: 2, community: 1 });
    expect(card(picture, 'buurthuis').spread.map((s) => s.zone)).toEqual(['institutional', 'community']);
    expect(combinedCardLine('nl', card(picture, 'buurthuis'))).toBe('Buurthuis: institutioneel 2, gemeenschappelijk 1');
    expect(spread(card(picture, 'mantelzorger'))).toEqual({ personal: 3 });
    expect(spread(card(picture, 'loket'))).toEqual({ outside: 2, institutional: 1 });
    expect(spread(card(picture, 'individuele-ondersteuning'))).toEqual({ outside: 2, border: 1 });
    // Tafel Noord moved the koffietafel from twijfel to gemeenschappelijk: only the final place counts.
    expect(spread(card(picture, 'koffietafel-buurtsuper'))).toEqual({ community: 1, border: 1 });
    expect(spread(card(picture, 'huisarts'))).toEqual({ outside: 1 });
    expect(spread(card(picture, 'park'))).toEqual({ community: 1 });
    // Cards no table placed are not in the picture (picked in Round 1 is not placed).
    expect(picture.cards.some((c) => c.key === 'buurtkroeg' || c.key === 'woningcorporatie')).toBe(false);
  });

  it('adds up the placements to the number each table made', () => {
    const perTable = picture.tables.map((t) => picture.cards.filter((c) => c.placements.some((p) => p.table === t.number)).length);
    expect(perTable).toEqual(tables.map((t) => Object.keys(t.round2.placements).length));
    expect(perTable).toEqual([7, 8, 6]);
  });

  it('orders the cards by the number of tables that placed them, then by title', () => {
    expect(picture.cards.map((c) => c.tables)).toEqual([...picture.cards.map((c) => c.tables)].sort((a, b) => b - a));
    expect(picture.cards.slice(0, 4).map((c) => c.card.title)).toEqual([
      'Buurthuis',
      'Individuele (geïndiceerde) ondersteuning',
      'Loket (sociaal loket, Wmo-loket)',
      'Mantelzorger',
    ]);
  });

  it('names the zone most tables chose, and none when zones tie', () => {
    expect(card(picture, 'buurthuis').mainZone).toBe('institutional');
    expect(card(picture, 'koffietafel-buurtsuper').mainZone).toBeUndefined();
  });

  it('counts the agreement marks per card', () => {
    expect(card(picture, 'loket').agreements).toEqual({ agree: 1, divided: 1, disagree: 1 });
    expect(card(picture, 'mantelzorger').agreements).toEqual({ agree: 3, divided: 0, disagree: 0 });
    expect(card(picture, 'loket').placements).toEqual([
      { table: 1, zone: 'outside', agreement: 'divided' },
      { table: 2, zone: 'institutional', agreement: 'disagree' },
      { table: 3, zone: 'outside', agreement: 'agree' },
    ]);
  });

  it('matches own cards of different tables by their normalised title, not by their id', () => {
    // "Buurtmoestuin" (Noord) and "buurt  moestuin" (Zuid) are one card; West's own-i1 is another card.
    const moestuin = card(picture, 'own:buurtmoestuin');
    expect(moestuin.card).toEqual({ id: 'own-i1', title: 'Buurtmoestuin', own: true });
    expect(moestuin.placements.map((p) => p.table)).toEqual([1, 2]);
    expect(spread(moestuin)).toEqual({ community: 2 });
    const voedseltuin = card(picture, 'own:voedseltuin');
    expect(voedseltuin.placements.map((p) => p.table)).toEqual([3]);
  });

  it('matches an own card to a deck card of another table with the same title', () => {
    // A table whose deck lacks the park adds it as its own card, in other spelling.
    const base = tafelWest();
    const withoutPark: TableState = {
      ...base,
      deck: {
        ...base.deck,
        ingredients: [
          ...base.deck.ingredients.filter((c) => c.id !== 'park'),
          { id: 'own-i2', title: 'het  Park', kind: 'ingredient', addedBy: MO.id },
        ],
      },
      round2: {
        ...base.round2,
        placements: Object.fromEntries(
          Object.entries(base.round2.placements).map(([id, p]) =>
            id === 'park' ? ['own-i2', { ...p, cardId: 'own-i2', zone: 'institutional' as const }] : [id, p],
          ),
        ),
      },
    };
    const both = combineTables([tafelWest(), withoutPark], 'nl');
    const park = card(both, 'park');
    expect(park.card).toEqual({ id: 'park', title: 'Het park', own: false });
    expect(spread(park)).toEqual({ community: 1, institutional: 1 });
    expect(both.cards.some((c) => c.key.startsWith('own:') && c.key.includes('park'))).toBe(false);
  });

  it('lists the cards the tables placed differently or marked verdeeld / oneens, most contested first', () => {
    expect(picture.differing.map((c) => c.key)).toEqual(['loket', 'koffietafel-buurtsuper', 'buurthuis', 'individuele-ondersteuning']);
    expect(picture.differing.every((c) => c.differs)).toBe(true);
    expect(card(picture, 'koffietafel-buurtsuper').placedDifferently).toBe(true);
    // Same zone everywhere and eens everywhere: not contested.
    for (const key of ['mantelzorger', 'bewonersinitiatieven', 'own:buurtmoestuin', 'park', 'huisarts'])
      expect(card(picture, key).differs).toBe(false);
  });

  it('marks a card contested when one table was verdeeld, even if all tables chose the same zone', () => {
    const noord = tafelNoord();
    const zuid = tafelZuid();
    // Zuid put the buurthuis in the institutional sphere, like Noord, but was verdeeld.
    const two = combineTables([noord, zuid], 'nl');
    const buurthuis = card(two, 'buurthuis');
    expect(buurthuis.placedDifferently).toBe(false);
    expect(buurthuis.differs).toBe(true);
    expect(two.differing.map((c) => c.key)).toContain('buurthuis');
  });

  it('sums the stickers over the tables into one ranking, ties sharing a rank in deck order', () => {
    const { intentions } = picture;
    expect(intentions.tablesVoted).toBe(3);
    expect(intentions.voters).toBe(13);
    expect(intentions.stickers).toBe(18 + 12 + 9);
    expect(intentions.ranking.map((r) => [r.rank, r.tied, r.key, r.stickers, r.tables])).toEqual([
      [1, false, 'verbinding', 12, 3],
      [2, false, 'minder-eenzaamheid', 10, 3],
      [3, false, 'voorkomen', 4, 2],
      [4, true, 'beter-geholpen', 3, 1],
      [4, true, 'goedkoper-nuldelijn', 3, 2],
      [4, true, 'meedoen', 3, 2],
      [4, true, 'own:inwonersvoelenzichgehoord', 3, 2],
      [8, false, 'eigen-regie', 1, 1],
    ]);
    // The own intention of two tables, matched by title, is shown as the first table wrote it.
    expect(intentions.ranking[6]?.card.title).toBe('Inwoners voelen zich gehoord');
    expect(intentions.ranking.reduce((sum, r) => sum + r.stickers, 0)).toBe(intentions.stickers);
    expect(intentions.withoutStickers.map((c) => c.id)).not.toContain('verbinding');
    expect(intentions.withoutStickers).toHaveLength(18 - 7);
  });

  it("gives each table's top intention, with ties, and its recorded hoofdbedoeling", () => {
    const top = picture.intentions.perTable.map((p) => ({
      title: p.title,
      top: p.top.map((c) => c.id),
      stickers: p.stickers,
      main: p.mainIntention?.id,
    }));
    expect(top).toEqual([
      { title: 'Tafel Noord', top: ['verbinding'], stickers: 6, main: 'verbinding' },
      { title: 'Tafel Zuid', top: ['verbinding', 'minder-eenzaamheid'], stickers: 4, main: undefined },
      { title: 'Tafel West', top: ['beter-geholpen'], stickers: 3, main: 'beter-geholpen' },
    ]);
  });

  it('leaves out the stickers of a table whose voting is still open', () => {
    const open = combineTables([tafelNoord(), tafelZuid(), tafelWest({ closeVoting: false })], 'nl');
    expect(open.intentions.tablesVoted).toBe(2);
    expect(open.intentions.stickers).toBe(30);
    expect(open.intentions.ranking.find((r) => r.key === 'beter-geholpen')).toBeUndefined();
    expect(open.intentions.perTable[2]).toEqual({ table: 3, title: 'Tafel West', voting: 'open', top: [], stickers: 0 });
  });

  it('puts the provisional conclusions side by side', () => {
    expect(picture.conclusions).toEqual([
      {
        table: 1,
        title: 'Tafel Noord',
        conclusions: [
          'We rekenen iets tot de sociale basis als het voor iedereen toegankelijk is, zonder indicatie.',
          'Een plek hoort erbij als er ontmoeting plaatsvindt.',
        ],
      },
      {
        table: 2,
        title: 'Tafel Zuid',
        conclusions: ['Iets hoort bij de sociale basis als inwoners het zelf dragen of er vrij gebruik van maken.'],
      },
      { table: 3, title: 'Tafel West', conclusions: [] },
    ]);
  });

  it('holds no names at all, not even of participants who consented', () => {
    const text = JSON.stringify(picture);
    for (const name of [
      ...HIDDEN_NAMES,
      ANNA.name,
      CARLA.name,
      EVIL.name,
      HENK.name,
      LOES.name,
      MO.name,
      NINA.name,
      'Lea Jansen',
      'Zora Kaya',
      'Wim de Graaf',
    ]) {
      expect(text).not.toContain(name);
    }
    expect(text).not.toMatch(/aad-|29:|guest-/);
  });

  it('is pure: the same tables give the same picture, and the tables are not changed', () => {
    const input = threeTables();
    const before = JSON.stringify(input);
    expect(combineTables(input, 'nl')).toEqual(combineTables(threeTables(), 'nl'));
    expect(JSON.stringify(input)).toBe(before);
  });

  it('gives an empty picture for a session without tables', () => {
    const empty = combineTables([], 'nl');
    expect(empty).toEqual({
      tables: [],
      participants: 0,
      guests: 0,
      cards: [],
      differing: [],
      intentions: { tablesVoted: 0, voters: 0, stickers: 0, ranking: [], withoutStickers: [], perTable: [] },
      conclusions: [],
      round1: { tablesRevealed: 0, pickers: 0, cards: [] },
      insights: [],
    });
  });
});

/** Round 1 counted straight from the stored picks: per card id, how often in each role. */
function countedPicks(tables: TableState[]): Map<string, Record<PickRole, number>> {
  const counts = new Map<string, Record<PickRole, number>>();
  for (const table of tables) {
    const round = table.pickRounds[0];
    if (round?.revealedAt === undefined) continue;
    for (const submitted of Object.values(round.picks)) {
      for (const role of PICK_ROLES) {
        const id = submitted.picks[role].cardId;
        const c = counts.get(id) ?? { in: 0, out: 0, doubt: 0 };
        c[role] += 1;
        counts.set(id, c);
      }
    }
  }
  return counts;
}

describe('combineTables: Round 1 and the slotvraag over the tables', () => {
  it('adds up Round 1 per card over the revealed tables, most picked first', () => {
    const tables = threeTables();
    const { round1 } = combineTables(tables, 'nl');
    expect(round1.tablesRevealed).toBe(3);
    const expected = countedPicks(tables);
    expect(new Map(round1.cards.map((c) => [c.key, c.counts]))).toEqual(expected);
    const totals = round1.cards.map((c) => c.counts.in + c.counts.out + c.counts.doubt);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(round1.pickers).toBe(tables.reduce((n, t) => n + Object.keys(t.pickRounds[0]!.picks).length, 0));
  });

  it('leaves out a table whose Round 1 is not revealed: its picks stay private', () => {
    const [noord, zuid, west] = threeTables();
    const hidden: TableState = { ...zuid!, pickRounds: zuid!.pickRounds.map(({ revealedAt: _r, ...r }) => r) };
    const { round1 } = combineTables([noord!, hidden, west!], 'nl');
    expect(round1.tablesRevealed).toBe(2);
    expect(new Map(round1.cards.map((c) => [c.key, c.counts]))).toEqual(countedPicks([noord!, west!]));
  });

  it('gives each table’s slotvraag answers without names, and skips tables without any', () => {
    const tables = threeTables();
    const { insights } = combineTables(tables, 'nl');
    const learned = (t: TableState) => Object.values(t.closing).flatMap((c) => (c.learned ? [c.learned] : []));
    expect(insights.map((x) => [x.title, [...x.learned].sort()])).toEqual(
      tables.filter((t) => Object.keys(t.closing).length > 0).map((t) => [t.title, learned(t).sort()]),
    );
    const actions = (t: TableState) => Object.values(t.closing).flatMap((c) => (c.action ? [c.action] : []));
    expect(insights.map((x) => [...x.actions].sort())).toEqual(
      tables.filter((t) => Object.keys(t.closing).length > 0).map((t) => actions(t).sort()),
    );
    expect(insights.find((x) => x.title === 'Tafel West')?.actions).toContain('Een picknick in het park organiseren.');
    const json = JSON.stringify(insights);
    for (const name of [ANNA, CARLA, HENK, LOES, MO, NINA].map((p) => p.name)) expect(json).not.toContain(name);
  });
});
