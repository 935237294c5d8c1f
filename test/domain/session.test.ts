/**
 * The organiser's session as pure rules: the form (goal, results, policy goals, table size, decks
 * pasted one per line), join codes, linking a table (at most 50, one tenant, only before Round 1 has
 * picks) and the organiser's rights. Refusals are values with a code, and leave their input alone.
 */
import {
  addCoOrganiser,
  applySessionToTable,
  buildDeck,
  createSession,
  defaultDeck,
  formatCode,
  generateCode,
  isOrganiser,
  isSessionError,
  LIMITS,
  linkTable,
  MAX_TABLES_PER_SESSION,
  MAX_LINKED_TABLES,
  markTableStopped,
  runningTables,
  parseCode,
  pastedLines,
  SESSION_LIMITS,
  unlinkTable,
  type Actor,
  type NewSessionInput,
  type SessionErrorCode,
  type SessionForm,
  type SessionState,
  type TableState,
} from '../../src/domain';
import { ANNA, BRAM, CEES, DINA, LEAD, T0, actor, play, tables, validPicks } from './fixtures';

const ORGANISER = actor('olga', { name: 'Olga Organisator' });
const TENANT = 'tenant-gemeente';
const THREAD = '19:kanaal@thread.tacv2;messageid=1732531200000';
const DEFAULTS = defaultDeck();

function input(form: SessionForm, overrides: Partial<NewSessionInput> = {}): NewSessionInput {
  return {
    code: 'KX7M4P',
    actor: ORGANISER,
    tenantId: TENANT,
    thread: THREAD,
    language: 'nl',
    form,
    defaultTitle: 'Sessie sociale basis',
    defaultDeck: defaultDeck(),
    now: T0,
    ...overrides,
  };
}

function created(form: SessionForm = {}, overrides: Partial<NewSessionInput> = {}) {
  const result = createSession(input(form, overrides));
  if (result.type === 'error') throw new Error(`expected a session, got ${result.code} ${JSON.stringify(result.params ?? {})}`);
  return result;
}

function session(form: SessionForm = {}): SessionState {
  return created(form).session;
}

function refused(form: SessionForm): { code: string; params?: Record<string, string | number> } {
  const result = createSession(input(form));
  if (result.type !== 'error') throw new Error('expected a refusal');
  return result;
}

const lines = (n: number, prefix = 'Kaartje') => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`).join('\n');

describe('creating a session from the form', () => {
  it('with nothing filled in: the default title, decks and table size, no goal (the tables show the default text)', () => {
    const { session: s, merged } = created();
    expect(s).toMatchObject({
      schemaVersion: 1,
      code: 'KX7M4P',
      title: 'Sessie sociale basis',
      organiser: { id: ORGANISER.id, name: 'Olga Organisator', channelUserId: ORGANISER.channelUserId },
      coOrganisers: [],
      tenantId: TENANT,
      thread: THREAD,
      policyGoals: [],
      maxParticipants: 8,
      deck: DEFAULTS,
      deckChoice: { ingredients: 'default', intentions: 'default' },
      tables: [],
      createdAt: T0,
    });
    expect(s).not.toHaveProperty('goal');
    expect(s).not.toHaveProperty('outcomeUse');
    expect(merged).toEqual({ ingredients: [], intentions: [] });
  });

  it('takes the texts as typed, trimmed; policy goals one per line, bullets and empty lines left out', () => {
    const s = session({
      title: '  Wijkgesprek   Noord ',
      goal: ' Scherp krijgen wat de sociale basis in Noord is. ',
      outcomeUse: 'Bouwsteen voor de nota sociale basis 2026.',
      policyGoals: '- Minder eenzaamheid\r\n\n• Meer vrijwillige inzet\n3. Gezond opgroeien\n   ',
      maxParticipants: ' 10 ',
    });
    expect(s).toMatchObject({
      title: 'Wijkgesprek Noord',
      goal: 'Scherp krijgen wat de sociale basis in Noord is.',
      outcomeUse: 'Bouwsteen voor de nota sociale basis 2026.',
      policyGoals: ['Minder eenzaamheid', 'Meer vrijwillige inzet', 'Gezond opgroeien'],
      maxParticipants: 10,
    });
  });

  const tableSizes: Array<[string | number | undefined, number | SessionErrorCode]> = [
    [undefined, 8],
    ['', 8],
    ['1', 1],
    ['60', 60],
    [12, 12],
    ['0', 'invalidTableSize'],
    ['61', 'invalidTableSize'],
    [-1, 'invalidTableSize'],
    ['8.5', 'invalidTableSize'],
    [8.5, 'invalidTableSize'],
    ['acht', 'invalidTableSize'],
    ['1e1', 'invalidTableSize'],
  ];
  it.each(tableSizes)('table size %p → %p', (raw, expected) => {
    const result = createSession(input({ maxParticipants: raw }));
    if (typeof expected === 'number') expect(result).toMatchObject({ type: 'ok', session: { maxParticipants: expected } });
    else expect(result).toEqual({ type: 'error', family: 'session', code: expected, params: { min: 1, max: 60 } });
  });

  const limits: Array<[string, SessionForm, SessionErrorCode, Record<string, string | number>]> = [
    ['a title of 101 characters', { title: 'x'.repeat(101) }, 'titleTooLong', { max: 100 }],
    ['a goal of 1001 characters', { goal: 'x'.repeat(1001) }, 'fieldTooLong', { field: 'goal', max: 1000 }],
    ['a results text of 1001 characters', { outcomeUse: 'x'.repeat(1001) }, 'fieldTooLong', { field: 'outcomeUse', max: 1000 }],
    ['13 policy goals', { policyGoals: lines(13, 'Doel') }, 'tooManyPolicyGoals', { max: LIMITS.policyGoals, count: 13 }],
    [
      'a policy goal of 201 characters',
      { policyGoals: `Kort\n${'x'.repeat(201)}` },
      'fieldTooLong',
      { field: 'policyGoal', max: LIMITS.policyGoal },
    ],
    [
      'a pasted card of 61 characters',
      { ingredients: { mode: 'extend', text: `Buurtbus\n${'y'.repeat(61)}` } },
      'cardTooLong',
      { deck: 'ingredients', title: `${'y'.repeat(40)}…`, max: 60 },
    ],
    [
      'only two own ingredients',
      { ingredients: { mode: 'replace', text: 'Buurthuis\nPark' } },
      'deckTooSmall',
      { deck: 'ingredients', min: 3, count: 2 },
    ],
    [
      'own ingredients that merge down to two',
      { ingredients: { mode: 'replace', text: 'Buurthuis\nbuurt huis\nPark\nPARK' } },
      'deckTooSmall',
      { deck: 'ingredients', min: 3, count: 2 },
    ],
    [
      'no own intentions at all',
      { intentions: { mode: 'replace', text: '\n  \n' } },
      'deckTooSmall',
      { deck: 'intentions', min: 2, count: 0 },
    ],
    [
      '101 own ingredients',
      { ingredients: { mode: 'replace', text: lines(101) } },
      'deckTooLarge',
      { deck: 'ingredients', max: 100, count: 101 },
    ],
    [
      'the default deck plus 43 more',
      { ingredients: { mode: 'extend', text: lines(100 - DEFAULTS.ingredients.length + 1) } },
      'deckTooLarge',
      { deck: 'ingredients', max: 100, count: 101 },
    ],
  ];
  it.each(limits)('refuses %s', (_name, form, code, params) => {
    const before = structuredClone(form);
    expect(refused(form)).toEqual({ type: 'error', family: 'session', code, params });
    expect(form).toEqual(before);
  });

  it('a limit is a limit, not one less: 100 characters of title, 12 goals, 60-character cards and 100 cards are fine', () => {
    const s = session({
      title: 't'.repeat(100),
      policyGoals: lines(12, 'Doel'),
      ingredients: { mode: 'replace', text: [...lines(99).split('\n'), 'z'.repeat(60)].join('\n') },
    });
    expect(s.title).toHaveLength(100);
    expect(s.policyGoals).toHaveLength(12);
    expect(s.deck.ingredients).toHaveLength(100);
  });

  it('own cards extend the default deck; duplicates (case, spaces, also against the default deck) are merged and reported', () => {
    const { session: s, merged } = created({
      ingredients: {
        mode: 'extend',
        text: '- Speeltuin aan de Dorpsstraat\nbuurt huis\nDe  Buurtkroeg\nSpeeltuin aan de dorpsstraat\nRepair Café',
      },
      intentions: { mode: 'extend', text: 'Meer verbinding tussen inwoners\nTrots op de wijk' },
    });
    expect(s.deck.ingredients.slice(0, DEFAULTS.ingredients.length)).toEqual(DEFAULTS.ingredients);
    expect(s.deck.ingredients.slice(DEFAULTS.ingredients.length)).toEqual([
      { id: 'org-speeltuin-aan-de-dorpsst', title: 'Speeltuin aan de Dorpsstraat', kind: 'ingredient' },
    ]);
    expect(merged.ingredients).toEqual(['buurt huis', 'De Buurtkroeg', 'Speeltuin aan de dorpsstraat', 'Repair Café']);
    expect(s.deck.intentions.map((c) => c.title).slice(-1)).toEqual(['Trots op de wijk']);
    expect(merged.intentions).toEqual(['Meer verbinding tussen inwoners']);
    expect(s.deckChoice).toEqual({ ingredients: 'extended', intentions: 'extended' });
  });

  it('own cards replace a deck: only the pasted cards, in the pasted order, with readable ids that are unique over both decks', () => {
    const s = session({
      ingredients: { mode: 'replace', text: 'Het Buurtcafé\nHet buurtcafé!\nSportclub\n🌳\n🌷' },
      intentions: { mode: 'replace', text: 'Sportclub\nBetrokken buurt' },
    });
    expect(s.deck.ingredients).toEqual([
      { id: 'org-het-buurtcafe', title: 'Het Buurtcafé', kind: 'ingredient' },
      { id: 'org-het-buurtcafe-2', title: 'Het buurtcafé!', kind: 'ingredient' },
      { id: 'org-sportclub', title: 'Sportclub', kind: 'ingredient' },
      { id: 'org-kaartje', title: '🌳', kind: 'ingredient' },
      { id: 'org-kaartje-2', title: '🌷', kind: 'ingredient' },
    ]);
    expect(s.deck.intentions).toEqual([
      { id: 'org-sportclub-2', title: 'Sportclub', kind: 'intention' },
      { id: 'org-betrokken-buurt', title: 'Betrokken buurt', kind: 'intention' },
    ]);
    expect(s.deckChoice).toEqual({ ingredients: 'own', intentions: 'own' });
  });

  it('ids are stable: the same form gives the same ids, and adding a card does not renumber the others', () => {
    const text = 'Speeltuin\nBuurtbus\nKinderboerderij';
    const a = session({ ingredients: { mode: 'replace', text } }).deck.ingredients.map((c) => c.id);
    const b = session({ ingredients: { mode: 'replace', text: `Wijkfeest\n${text}` } }).deck.ingredients.map((c) => c.id);
    expect(b.slice(1)).toEqual(a);
  });

  it('pastedLines: Windows line ends, bullets, numbering and runs of spaces', () => {
    expect(pastedLines('1) Een\r\n2. Twee\r\n  * Drie  drie \n\n–  Vier\n10 Tien')).toEqual([
      'Een',
      'Twee',
      'Drie drie',
      'Vier',
      '10 Tien',
    ]);
  });

  it('buildDeck without pasted cards is the default deck, as a copy', () => {
    const built = buildDeck('ingredient', undefined, DEFAULTS.ingredients);
    if (isSessionError(built)) throw new Error('expected a deck');
    expect(built).toEqual({ cards: DEFAULTS.ingredients, origin: 'default', merged: [] });
    expect(built.cards[0]).not.toBe(DEFAULTS.ingredients[0]);
  });
});

describe('join codes', () => {
  const cases: Array<[string, string | undefined]> = [
    ['KX7M4P', 'KX7M4P'],
    ['KX7-M4P', 'KX7M4P'],
    ['kx7-m4p', 'KX7M4P'],
    [' kx7 m4p ', 'KX7M4P'],
    ['Kx7–M4p', 'KX7M4P'],
    ['k x 7 m 4 p', 'KX7M4P'],
    ['ＫＸ７－Ｍ４Ｐ', 'KX7M4P'],
    ['KX7-M4', undefined],
    ['KX7-M4PP', undefined],
    ['KX7-M40', undefined],
    ['KX7-M4O', undefined],
    ['KX7-M41', undefined],
    ['KXI-M4P', undefined],
    ['KX5-M4P', undefined],
    ['KXS-M4P', undefined],
    ['KX2-M4P', undefined],
    ['KXZ-M4P', undefined],
    ['KX8-M4P', undefined],
    ['KXB-M4P', undefined],
    ['KXTMNP', undefined],
    ['347-967', undefined],
    ['', undefined],
    ['Tafel Noord', undefined],
  ];
  it.each(cases)('parseCode(%p) → %p', (typed, expected) => {
    expect(parseCode(typed)).toBe(expected);
  });

  it('formatCode shows two groups of three', () => {
    expect(formatCode('KX7M4P')).toBe('KX7-M4P');
  });

  it('generateCode uses the injected random source: the same numbers, the same code', () => {
    const seq = (values: number[]) => {
      let i = 0;
      return () => values[i++ % values.length]!;
    };
    expect(generateCode(seq([7, 12, 18, 8, 15, 3]))).toBe(generateCode(seq([7, 12, 18, 8, 15, 3])));
    // All letters: one place becomes a digit, without asking for more than a few numbers.
    expect(parseCode(generateCode(() => 0))).toBeDefined();
    // A broken source (out of range, NaN) still gives a valid code.
    expect(parseCode(generateCode(() => 1e9))).toBeDefined();
    expect(parseCode(generateCode(() => Number.NaN))).toBeDefined();
  });
});

describe('linking a table', () => {
  const link = (i: number, overrides: Partial<{ tenantId: string; conversationId: string }> = {}) => ({
    token: `token-${i}`,
    title: `Tafel ${i}`,
    tenantId: TENANT,
    conversationId: `19:tafel-${i}@thread.v2`,
    ...overrides,
  });

  function withTables(n: number): SessionState {
    let s = session();
    for (let i = 1; i <= n; i++) {
      const r = linkTable(s, link(i), T0 + i);
      if (r.type !== 'ok') throw new Error(r.code);
      s = r.session;
    }
    return s;
  }

  it('adds the table in link order; the same table again changes nothing', () => {
    const s = withTables(2);
    expect(s.tables).toEqual([
      { token: 'token-1', title: 'Tafel 1', linkedAt: T0 + 1, conversationId: '19:tafel-1@thread.v2' },
      { token: 'token-2', title: 'Tafel 2', linkedAt: T0 + 2, conversationId: '19:tafel-2@thread.v2' },
    ]);
    const again = linkTable(s, link(1), T0 + 99);
    expect(again).toEqual({ type: 'ok', session: s, alreadyLinked: true });
    if (again.type === 'ok') expect(again.session).toBe(s);
  });

  it(`takes ${MAX_TABLES_PER_SESSION} tables and refuses the next; a linked one may still link again`, () => {
    const full = withTables(MAX_TABLES_PER_SESSION);
    expect(full.tables).toHaveLength(50);
    expect(linkTable(full, link(51), T0)).toEqual({ type: 'error', family: 'session', code: 'sessionFull', params: { max: 50 } });
    expect(linkTable(full, link(50), T0)).toMatchObject({ type: 'ok', alreadyLinked: true });
    expect(linkTable(unlinkTable(full, 'token-3', T0), link(51), T0)).toMatchObject({ type: 'ok', alreadyLinked: false });
  });

  it('an ended table frees its place but stays linked; so many tables in all and the session takes no more', () => {
    const full = withTables(MAX_TABLES_PER_SESSION);
    const stopped = markTableStopped(full, 'token-7', T0 + 5);
    expect(stopped.tables.find((t) => t.token === 'token-7')?.stoppedAt).toBe(T0 + 5);
    expect(stopped.tables).toHaveLength(50);
    expect(runningTables(stopped)).toHaveLength(49);
    expect(markTableStopped(stopped, 'token-7', T0 + 9)).toBe(stopped);
    expect(markTableStopped(stopped, 'token-99', T0 + 9)).toBe(stopped);
    const linked = linkTable(stopped, link(51), T0);
    expect(linked).toMatchObject({ type: 'ok', alreadyLinked: false });
    if (linked.type !== 'ok') return;
    expect(linkTable(linked.session, link(52), T0)).toMatchObject({ code: 'sessionFull' });
    // A new table in the chat of the ended one runs again: it takes a place, and the session is full.
    const relinked = linkTable(stopped, { ...link(7), title: 'Tafel 7, opnieuw' }, T0 + 6);
    expect(relinked).toMatchObject({ type: 'ok', alreadyLinked: false });
    if (relinked.type !== 'ok') return;
    expect(runningTables(relinked.session)).toHaveLength(50);
    expect(relinked.session.tables.filter((t) => t.token === 'token-7')).toEqual([
      { token: 'token-7', title: 'Tafel 7, opnieuw', linkedAt: T0 + 6, conversationId: '19:tafel-7@thread.v2' },
    ]);

    let many = session();
    for (let i = 1; i <= MAX_LINKED_TABLES; i++) {
      const r = linkTable(many, link(i), T0 + i);
      if (r.type !== 'ok') throw new Error(`table ${i}: ${r.code}`);
      many = markTableStopped(r.session, `token-${i}`, T0 + i);
    }
    expect(runningTables(many)).toHaveLength(0);
    expect(linkTable(many, link(MAX_LINKED_TABLES + 1), T0)).toEqual({
      type: 'error',
      family: 'session',
      code: 'sessionExhausted',
      params: { max: MAX_LINKED_TABLES },
    });
  });

  it('refuses a table from another tenant and the session thread itself', () => {
    const s = session();
    expect(linkTable(s, link(1, { tenantId: 'tenant-buurgemeente' }), T0)).toEqual({
      type: 'error',
      family: 'session',
      code: 'otherTenant',
    });
    expect(linkTable(s, link(1, { conversationId: THREAD }), T0)).toEqual({ type: 'error', family: 'session', code: 'sessionThread' });
  });

  it('unlinkTable removes the table; an unknown table leaves the same session', () => {
    const s = withTables(3);
    expect(unlinkTable(s, 'token-2', T0).tables.map((t) => t.token)).toEqual(['token-1', 'token-3']);
    expect(unlinkTable(s, 'token-9', T0)).toBe(s);
  });
});

describe('the table takes the session', () => {
  const s = session({
    goal: 'Doel van de gemeente',
    outcomeUse: 'Input voor de nota',
    policyGoals: 'Minder eenzaamheid\nMeer vrijwillige inzet',
    maxParticipants: '6',
    ingredients: { mode: 'replace', text: 'Buurthuis\nSpeeltuin\nBuurtbus\nWijkteam' },
    intentions: { mode: 'replace', text: 'Verbinding\nPreventie' },
  });

  function applied(table: TableState, who: Actor = LEAD): TableState {
    const r = applySessionToTable(table, s, who, T0 + 5000);
    if ('type' in r) throw new Error(`expected a linked table, got ${r.code}`);
    return r;
  }

  it.each([
    ['opzet', () => tables.withParticipants()],
    ['kennismaking', () => tables.intro()],
    ['ronde 1 before anyone picked', () => tables.round1()],
  ])('in %s: goal, outcome text, policy goals, table size and decks of the session; own cards stay', (_phase, make) => {
    const table = make();
    const linked = applied(table);
    expect(linked.sessionCode).toBe('KX7M4P');
    expect(linked.settings).toEqual({
      maxParticipants: 6,
      language: 'nl',
      goal: 'Doel van de gemeente',
      outcomeUse: 'Input voor de nota',
      policyGoals: ['Minder eenzaamheid', 'Meer vrijwillige inzet'],
    });
    expect(linked.deck).toEqual(s.deck);
    expect(linked.participants).toEqual(table.participants);
    expect(linked.updatedAt).toBe(T0 + 5000);
  });

  it('an own card the table already added stays (unless the session has it), after the session deck', () => {
    const table = play(tables.round1(), [
      [ANNA, { type: 'addOwnCard', kind: 'ingredient', title: 'Moestuin' }],
      [BRAM, { type: 'addOwnCard', kind: 'ingredient', title: 'Buurt bus' }],
    ]);
    const titles = applied(table).deck.ingredients.map((c) => c.title);
    expect(titles).toEqual(['Buurthuis', 'Speeltuin', 'Buurtbus', 'Wijkteam', 'Moestuin']);
  });

  it('a session without goal texts leaves the table on the default texts', () => {
    const plain = session();
    const table = { ...tables.intro(), settings: { maxParticipants: 8, language: 'nl' as const, goal: 'oud doel', policyGoals: ['oud'] } };
    const r = applySessionToTable(table, plain, LEAD, T0);
    expect(r).toMatchObject({ settings: { maxParticipants: 8, language: 'nl' } });
    expect((r as TableState).settings).not.toHaveProperty('goal');
    expect((r as TableState).settings).not.toHaveProperty('policyGoals');
  });

  it('linked to this session already: the same table, unchanged (idempotent)', () => {
    const linked = applied(tables.intro());
    expect(applySessionToTable(linked, s, LEAD, T0 + 9000)).toBe(linked);
  });

  const refusals: Array<[string, () => TableState, Actor, string]> = [
    ['a participant who is not a leider', () => tables.intro(), ANNA, 'notLeader'],
    ['a table that ended', () => tables.stopped(), LEAD, 'tableStopped'],
    ['Round 1 with picks in', () => tables.round1WithPicks(), LEAD, 'picksMade'],
    ['Round 2', () => tables.round2(), LEAD, 'picksMade'],
    ['Round 3', () => tables.round3(), LEAD, 'picksMade'],
    ['the slotvraag', () => tables.closing(), LEAD, 'picksMade'],
    [
      'seven at a table the session allows six',
      () => tables.withParticipants([ANNA, BRAM, CEES, DINA, actor('eva'), actor('fien'), actor('gijs')]),
      LEAD,
      'tableTooBig',
    ],
  ];
  it.each(refusals)('refuses %s, leaving the table as it was', (_name, make, who, code) => {
    const table = make();
    const before = structuredClone(table);
    const r = applySessionToTable(table, s, who, T0);
    expect(r).toMatchObject({ type: 'error', code });
    expect(table).toStrictEqual(before);
  });

  it('a co-leider may link', () => {
    const table = play(tables.intro(), [[LEAD, { type: 'addCoLead', to: { id: BRAM.id, name: BRAM.name } }]]);
    expect(applied(table, BRAM).sessionCode).toBe('KX7M4P');
  });

  it('the picks fixture really has picks (guards the refusal above)', () => {
    expect(tables.round1WithPicks().pickRounds[0]?.picks[ANNA.id]?.picks).toEqual(validPicks());
  });
});

describe("the organiser's rights", () => {
  const s = session();
  const HELPER = actor('hans', { name: 'Hans Helper' });

  it('the organiser, recognised by Entra id or by channel id, has them; others do not', () => {
    expect(isOrganiser(s, ORGANISER)).toBe(true);
    expect(isOrganiser(s, { id: 'other-login', channelUserId: ORGANISER.channelUserId! })).toBe(true);
    expect(isOrganiser(s, ANNA)).toBe(false);
  });

  it('a co-organiser added by @mention gets them too', () => {
    const r = addCoOrganiser(s, ORGANISER, { channelUserId: HELPER.channelUserId!, name: 'Hans Helper' }, T0 + 1);
    if ('type' in r) throw new Error(r.code);
    expect(r.coOrganisers).toEqual([{ id: HELPER.channelUserId, name: 'Hans Helper', channelUserId: HELPER.channelUserId }]);
    expect(isOrganiser(r, HELPER)).toBe(true);
    expect(addCoOrganiser(r, HELPER, { channelUserId: ANNA.channelUserId!, name: 'Anna' }, T0 + 2)).toMatchObject({
      coOrganisers: [{ name: 'Hans Helper' }, { name: 'Anna' }],
    });
  });

  it.each([
    ['someone who is not an organiser', ANNA, { channelUserId: '29:x', name: 'X' }, 'notOrganiser'],
    ['without a mention', ORGANISER, undefined, 'noMention'],
    ['a mention without an id', ORGANISER, { name: 'Niemand' }, 'noMention'],
    ['the organiser themselves', ORGANISER, { channelUserId: ORGANISER.channelUserId!, name: 'Olga' }, 'alreadyOrganiser'],
  ] as const)('refuses %s', (_name, who, to, code) => {
    expect(addCoOrganiser(s, who, to, T0)).toMatchObject({ type: 'error', code });
  });

  it(`at most ${SESSION_LIMITS.coOrganisers} co-organisers`, () => {
    let r: SessionState = s;
    for (let i = 0; i < SESSION_LIMITS.coOrganisers; i++) {
      const next = addCoOrganiser(r, ORGANISER, { channelUserId: `29:co-${i}`, name: `Co ${i}` }, T0);
      if ('type' in next) throw new Error(next.code);
      r = next;
    }
    expect(addCoOrganiser(r, ORGANISER, { channelUserId: '29:one-more', name: 'Eén te veel' }, T0)).toEqual({
      type: 'error',
      family: 'session',
      code: 'tooManyCoOrganisers',
      params: { max: 10 },
    });
  });
});
