/**
 * Round 3 (bedoeling), table-driven: own intentions, the three stickers per participant, closing the
 * voting, the ranking with ties, the discussion with the municipality's policy goals, and what must be
 * closed before the table may leave Round 3. Expected values come from the method
 * (shared/design/method.md) and issue 4, not from the code.
 */
import {
  decide,
  defaultDeck,
  LIMITS,
  rankIntentions,
  stickersUsed,
  type Actor,
  type Command,
  type DomainErrorCode,
  type TableState,
} from '../../src/domain';
import {
  ANNA,
  ANNA_STICKERS,
  BRAM,
  CEES,
  DINA,
  LEAD,
  T0,
  decideUnchanged,
  expectError,
  expectOk,
  ingredient,
  intention,
  play,
  tables,
  validPicks,
  withGuest,
} from './fixtures';

const NOW = T0 + 3_600_000;
const next: Command = { type: 'next' };
const close: Command = { type: 'closeVoting' };
const mention = (who: Actor) => ({ id: who.id, name: who.name });
const stickers = (counts: Record<string, number>, onBehalfOf?: string): Command => ({
  type: 'setStickers',
  counts,
  ...(onBehalfOf ? { onBehalfOf } : {}),
});
const ownIntention = (title: string, description?: string): Command => ({
  type: 'addOwnCard',
  kind: 'intention',
  title,
  ...(description !== undefined ? { description } : {}),
});

const V = intention('verbinding');
const M = intention('meedoen');
const E = intention('minder-eenzaamheid');
const B = intention('beter-geholpen');
const G = intention('goedkoper-nuldelijn');

/** Round 3 with Anna, Bram, Cees and Dina at the table, voting open, no stickers. */
function round3WithFour(): TableState {
  return play(tables.round1([ANNA, BRAM, CEES, DINA]), [
    [ANNA, { type: 'submitPicks', round: 1, picks: validPicks() }],
    [LEAD, { type: 'reveal' }],
    [LEAD, next],
    [LEAD, next],
  ]);
}

const intentionIds = defaultDeck().intentions.map((c) => c.id);

// ---------------------------------------------------------------------------------------------

describe('own intentions', () => {
  it('adds an intention to the intention deck, marked with who added it, during the voting', () => {
    const s = tables.round3WithStickers();
    const result = expectOk(
      decide(s, { actor: BRAM, command: ownIntention('  Trots  op de wijk ', 'Mensen zijn trots op hun buurt') }, NOW),
    );
    const added = result.state.deck.intentions.slice(defaultDeck().intentions.length);
    expect(added).toEqual([
      {
        id: expect.any(String),
        title: 'Trots op de wijk',
        description: 'Mensen zijn trots op hun buurt',
        kind: 'intention',
        addedBy: BRAM.id,
      },
    ]);
    expect(result.state.deck.ingredients).toEqual(s.deck.ingredients);
    expect(result.events).toEqual([{ type: 'ownCardAdded', cardId: added[0]!.id, kind: 'intention' }]);
    // It takes stickers like any other intention.
    const after = play(result.state, [
      [CEES, { type: 'join' }],
      [CEES, stickers({ [added[0]!.id]: 3 })],
    ]);
    expect(after.round3.stickers[CEES.id]?.counts).toEqual({ [added[0]!.id]: 3 });
  });

  it('gives own intentions ids unlike any card in either deck', () => {
    const s = play(tables.round3(), [
      [ANNA, ownIntention('Trots op de wijk')],
      [BRAM, ownIntention('Ontmoeting tussen generaties')],
    ]);
    const ids = [...s.deck.ingredients, ...s.deck.intentions].map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each([
    ['the same title', 'Meer verbinding tussen inwoners'],
    ['another case', 'MEER VERBINDING TUSSEN INWONERS'],
    ['other spaces', ' Meer verbinding  tussen\tinwoners '],
    ['no spaces at all', 'meerverbindingtusseninwoners'],
  ])('refuses an intention that matches an existing one but for %s, naming it', (_label, title) => {
    const error = expectError(decideUnchanged(tables.round3(), ANNA, ownIntention(title)), 'duplicateCard');
    expect(error.params).toEqual({ title: 'Meer verbinding tussen inwoners' });
  });

  it.each([
    ['a title of 61 characters', 'a'.repeat(LIMITS.ownCardTitle + 1), undefined, 'textTooLong'],
    ['a title of 10,000 characters', 'x'.repeat(10_000), undefined, 'textTooLong'],
    ['a description of 301 characters', 'Trots op de wijk', 'd'.repeat(LIMITS.ownCardDescription + 1), 'textTooLong'],
    ['an empty title', '  ', undefined, 'emptyText'],
  ] as const)('refuses %s with %s', (_label, title, description, code) => {
    expectError(decideUnchanged(tables.round3(), ANNA, ownIntention(title, description)), code);
  });

  it.each([
    ['Round 1', tables.round1],
    ['Round 2', tables.round2],
    ['the slotvraag', tables.closing],
  ] as const)('refuses an own intention in %s', (_label, state) => {
    expectError(decideUnchanged(state(), ANNA, ownIntention('Trots op de wijk')), 'wrongPhase');
  });

  it('refuses an own intention once the voting is closed: the ranking is final', () => {
    const s = tables.round3Closed();
    expectError(decideUnchanged(s, ANNA, ownIntention('Trots op de wijk')), 'votingClosed');
    expect(rankIntentions(s)).toHaveLength(defaultDeck().intentions.length);
  });
});

// ---------------------------------------------------------------------------------------------

describe('setStickers', () => {
  it('stores the stickers with the time and reports them as the first', () => {
    const result = expectOk(decide(tables.round3(), { actor: ANNA, command: stickers({ [V]: 2, [M]: 1 }) }, NOW));
    expect(result.state.round3.stickers).toEqual({ [ANNA.id]: { counts: { [V]: 2, [M]: 1 }, at: NOW } });
    expect(result.events).toEqual([{ type: 'stickersSet', userId: ANNA.id, first: true }]);
    expect(result.state.updatedAt).toBe(NOW);
  });

  it.each([
    ['three on one intention', { [V]: 3 }],
    ['two and one', { [V]: 2, [M]: 1 }],
    ['one each on three', { [V]: 1, [M]: 1, [E]: 1 }],
    ['fewer than three, until the close', { [V]: 1 }],
  ])('accepts %s', (_label, counts) => {
    const result = expectOk(decide(tables.round3(), { actor: ANNA, command: stickers(counts) }, NOW));
    expect(result.state.round3.stickers[ANNA.id]?.counts).toEqual(counts);
  });

  it('keeps no entry for an empty set: taking every sticker back means "not placed"', () => {
    const fresh = expectOk(decide(tables.round3(), { actor: ANNA, command: stickers({}) }, NOW));
    expect(fresh.state.round3.stickers).toEqual({});
    expect(fresh.events).toEqual([]);
    const taken = expectOk(decide(tables.round3WithStickers(), { actor: ANNA, command: stickers({}) }, NOW));
    expect(Object.hasOwn(taken.state.round3.stickers, ANNA.id)).toBe(false);
  });

  it('drops intentions set to zero, so the stored set has only real stickers', () => {
    const result = expectOk(decide(tables.round3(), { actor: ANNA, command: stickers({ [V]: 0, [M]: 3, [E]: -0 }) }, NOW));
    expect(result.state.round3.stickers[ANNA.id]?.counts).toEqual({ [M]: 3 });
    expect(Object.keys(result.state.round3.stickers[ANNA.id]!.counts)).toEqual([M]);
  });

  it('replaces the whole set: an intention left out loses its stickers', () => {
    const s = tables.round3WithStickers(); // Anna: verbinding 2, meedoen 1
    const result = expectOk(decide(s, { actor: ANNA, command: stickers({ [E]: 3 }) }, NOW));
    expect(result.state.round3.stickers[ANNA.id]).toEqual({ counts: { [E]: 3 }, at: NOW });
    expect(result.events).toEqual([{ type: 'stickersSet', userId: ANNA.id, first: false }]);
  });

  it('can move a sticker when all three are in use, because the set is replaced, not added to', () => {
    const s = play(tables.round3(), [[ANNA, stickers({ [V]: 3 })]]);
    const result = expectOk(decide(s, { actor: ANNA, command: stickers({ [V]: 2, [M]: 1 }) }, NOW));
    expect(stickersUsed(result.state.round3.stickers[ANNA.id]!.counts)).toBe(3);
  });

  it('returns the same state for the same stickers again, in any key order, with zeros or without', () => {
    const s = tables.round3WithStickers();
    for (const counts of [{ ...ANNA_STICKERS }, { [M]: 1, [V]: 2 }, { [V]: 2, [E]: 0, [M]: 1 }]) {
      const result = expectOk(decide(s, { actor: ANNA, command: stickers(counts) }, NOW));
      expect(result.state).toBe(s);
      expect(result.events).toEqual([]);
    }
  });

  it('keeps each participant’s stickers apart', () => {
    const s = play(tables.round3WithStickers(), [[BRAM, stickers({ [V]: 1, [B]: 2 })]]);
    expect(s.round3.stickers[ANNA.id]?.counts).toEqual(ANNA_STICKERS);
    expect(s.round3.stickers[BRAM.id]?.counts).toEqual({ [V]: 1, [B]: 2 });
  });

  it('stores stickers under the participant when they act with their channel id only', () => {
    const annaByChannel: Actor = { id: 'another-id', name: 'Anna', channelUserId: ANNA.channelUserId! };
    const result = expectOk(decide(tables.round3(), { actor: annaByChannel, command: stickers({ [V]: 1 }) }, NOW));
    expect(Object.keys(result.state.round3.stickers)).toEqual([ANNA.id]);
  });

  interface StickerRefusal {
    name: string;
    counts: Record<string, unknown>;
    code: DomainErrorCode;
    params?: Record<string, string | number>;
  }

  const REFUSED: StickerRefusal[] = [
    { name: 'four on one intention', counts: { [V]: 4 }, code: 'tooManyStickers', params: { max: 3, count: 4 } },
    { name: 'four spread over two', counts: { [V]: 2, [M]: 2 }, code: 'tooManyStickers', params: { max: 3, count: 4 } },
    { name: 'four single stickers', counts: { [V]: 1, [M]: 1, [E]: 1, [B]: 1 }, code: 'tooManyStickers', params: { max: 3, count: 4 } },
    { name: 'a huge count', counts: { [V]: Number.MAX_SAFE_INTEGER }, code: 'tooManyStickers' },
    { name: 'a negative count', counts: { [V]: -1 }, code: 'invalidStickers' },
    // A negative count must not pay for extra stickers elsewhere: 4 + (-1) is still four stickers.
    { name: 'a negative count that would make room for a fourth', counts: { [V]: 4, [M]: -1 }, code: 'invalidStickers' },
    { name: 'a fractional count', counts: { [V]: 1.5 }, code: 'invalidStickers' },
    { name: 'fractions that add up to three', counts: { [V]: 1.5, [M]: 1.5 }, code: 'invalidStickers' },
    { name: 'NaN', counts: { [V]: Number.NaN }, code: 'invalidStickers' },
    { name: 'Infinity', counts: { [V]: Number.POSITIVE_INFINITY }, code: 'invalidStickers' },
    { name: 'minus Infinity', counts: { [V]: Number.NEGATIVE_INFINITY }, code: 'invalidStickers' },
    { name: 'a count as text', counts: { [V]: '2' }, code: 'invalidStickers' },
    { name: 'a count of null', counts: { [V]: null }, code: 'invalidStickers' },
    { name: 'a count of true', counts: { [V]: true }, code: 'invalidStickers' },
    { name: 'a count that is an object', counts: { [V]: { valueOf: () => 1 } }, code: 'invalidStickers' },
    { name: 'an unknown intention', counts: { zwembad: 1 }, code: 'unknownIntention' },
    { name: 'an ingredient card', counts: { [ingredient('buurthuis')]: 1 }, code: 'unknownIntention' },
    { name: 'an intention id in another case', counts: { Verbinding: 1 }, code: 'unknownIntention' },
    { name: 'an id named like an Object member', counts: { constructor: 1 }, code: 'unknownIntention' },
    { name: 'a known and an unknown intention', counts: { [V]: 1, zwembad: 1 }, code: 'unknownIntention' },
    // The card does not offer an unknown intention; a zero on one is still not from our form.
    { name: 'zero on an unknown intention', counts: { zwembad: 0 }, code: 'unknownIntention' },
  ];

  it.each(REFUSED)('refuses $name with $code and changes nothing', ({ counts, code, params }) => {
    const error = expectError(decideUnchanged(tables.round3WithStickers(), ANNA, stickers(counts as Record<string, number>)), code);
    if (params) expect(error.params).toEqual(params);
  });

  it('refuses an own key __proto__ as an unknown intention', () => {
    const counts = JSON.parse(`{"__proto__": 1, "${V}": 1}`) as Record<string, number>;
    expectError(decideUnchanged(tables.round3(), ANNA, stickers(counts)), 'unknownIntention');
  });

  it.each([
    ['Round 2', tables.round2, ANNA, 'wrongPhase'],
    ['the slotvraag', tables.closing, ANNA, 'wrongPhase'],
    ['Round 3 after the close, for someone who had not voted', tables.round3Closed, BRAM, 'votingClosed'],
    ['Round 3 after the close, changing one’s stickers', tables.round3Closed, ANNA, 'votingClosed'],
    ['Round 3 from someone who did not join', tables.round3, DINA, 'notParticipant'],
    ['Round 3 from the leider who did not join', tables.round3, LEAD, 'notParticipant'],
  ] as const)('refuses stickers in %s with %s', (_label, state, who, code) => {
    expectError(decideUnchanged(state(), who, stickers({ [V]: 1 })), code);
  });

  it('keeps voting closed when the table goes back to Round 3', () => {
    const s = play(tables.round3Closed(), [
      [LEAD, { type: 'goToRound', round: 2 }],
      [LEAD, { type: 'goToRound', round: 3 }],
    ]);
    expectError(decideUnchanged(s, BRAM, stickers({ [V]: 1 })), 'votingClosed');
    expect(s.round3).toEqual(tables.round3Closed().round3);
  });

  describe('for a guest', () => {
    it('lets a leider enter a guest’s stickers, stored under the guest and marked as entered by the leider', () => {
      const { state, guest } = withGuest(tables.round3());
      const result = expectOk(decide(state, { actor: LEAD, command: stickers({ [V]: 1, [E]: 2 }, guest) }, NOW));
      expect(result.state.round3.stickers).toEqual({ [guest]: { counts: { [V]: 1, [E]: 2 }, at: NOW, enteredBy: LEAD.id } });
      expect(result.events).toEqual([{ type: 'stickersSet', userId: guest, first: true }]);
    });

    it('gives the guest their own three stickers, apart from the leider’s', () => {
      const { state, guest } = withGuest(play(tables.round3(), [[LEAD, { type: 'join' }]]));
      const s = play(state, [
        [LEAD, stickers({ [V]: 3 })],
        [LEAD, stickers({ [M]: 3 }, guest)],
      ]);
      expect(s.round3.stickers[LEAD.id]).toEqual({ counts: { [V]: 3 }, at: expect.any(Number) });
      expect(s.round3.stickers[guest]).toEqual({ counts: { [M]: 3 }, at: expect.any(Number), enteredBy: LEAD.id });
    });

    it('holds a guest to three stickers too', () => {
      const { state, guest } = withGuest(tables.round3());
      expectError(decideUnchanged(state, LEAD, stickers({ [V]: 2, [M]: 2 }, guest)), 'tooManyStickers');
    });

    it('lets a co-leider enter them, marked with the co-leider', () => {
      const { state, guest } = withGuest(play(tables.round3(), [[LEAD, { type: 'addCoLead', to: mention(CEES) }]]));
      expect(play(state, [[CEES, stickers({ [V]: 1 }, guest)]]).round3.stickers[guest]?.enteredBy).toBe(CEES.id);
    });

    it.each([
      ['a participant', () => ANNA, 'notLeader'],
      ['the notulist', () => BRAM, 'notLeader'],
      ['someone who did not join', () => DINA, 'notLeader'],
    ] as const)('refuses %s entering stickers for the guest', (_label, who, code) => {
      const { state, guest } = withGuest(play(tables.round3(), [[LEAD, { type: 'setNotetaker', to: mention(BRAM) }]]));
      expectError(decideUnchanged(state, who(), stickers({ [V]: 1 }, guest)), code);
    });

    it.each([
      ['a member with a device', ANNA.id],
      ['the leider’s own id', LEAD.id],
      ['someone not at the table', 'guest-99'],
      ['an empty id', ''],
    ])('refuses a leider entering stickers for %s with notGuest', (_label, onBehalfOf) => {
      const { state } = withGuest(play(tables.round3(), [[LEAD, { type: 'join' }]]));
      const result = decideUnchanged(state, LEAD, { type: 'setStickers', counts: { [V]: 1 }, onBehalfOf });
      expectError(result, 'notGuest');
    });

    it('refuses stickers for a guest after the close', () => {
      const { state, guest } = withGuest(tables.round3Closed());
      expectError(decideUnchanged(state, LEAD, stickers({ [V]: 1 }, guest)), 'votingClosed');
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe('closeVoting', () => {
  it('closes the voting at the given time', () => {
    const s = tables.round3WithStickers();
    const result = expectOk(decide(s, { actor: LEAD, command: close }, NOW));
    expect(result.state.round3).toEqual({ ...s.round3, closedAt: NOW });
    expect(result.events).toEqual([{ type: 'votingClosed' }]);
  });

  it('closes when only a guest’s stickers are in', () => {
    const { state, guest } = withGuest(tables.round3());
    const s = play(state, [[LEAD, stickers({ [V]: 1 }, guest)]]);
    expect(play(s, [[LEAD, close]]).round3.closedAt).toBeDefined();
  });

  it.each([
    ['nobody placed a sticker', tables.round3, LEAD, 'noStickers'],
    [
      'the only participant who voted took their stickers back',
      () => play(tables.round3WithStickers(), [[ANNA, stickers({})]]),
      LEAD,
      'noStickers',
    ],
    ['it is already closed', tables.round3Closed, LEAD, 'votingClosed'],
    ['a participant asks', tables.round3WithStickers, ANNA, 'notLeader'],
    ['the table is in Round 2', tables.round2, LEAD, 'wrongPhase'],
    ['the table is in the slotvraag', tables.closing, LEAD, 'wrongPhase'],
  ] as const)('refuses when %s: %s', (_label, state, who, code) => {
    expectError(decideUnchanged(state(), who, close), code);
  });
});

// ---------------------------------------------------------------------------------------------

describe('rankIntentions', () => {
  /** Plays the given sticker sets (person → counts) and returns the ranking as [id, rank, total, tied]. */
  function ranking(sets: ReadonlyArray<readonly [Actor, Record<string, number>]>, state = round3WithFour()) {
    const s = play(
      state,
      sets.map(([who, counts]) => [who, stickers(counts)] as const),
    );
    return rankIntentions(s).map((r) => [r.card.id, r.rank, r.total, r.tied] as const);
  }

  it('ranks by stickers, most first, counting every participant', () => {
    const rows = ranking([
      [ANNA, { [V]: 3 }],
      [BRAM, { [V]: 1, [M]: 2 }],
      [CEES, { [E]: 1 }],
    ]);
    expect(rows.slice(0, 3)).toEqual([
      [V, 1, 4, false],
      [M, 2, 2, false],
      [E, 3, 1, false],
    ]);
  });

  it('gives ties one rank and skips the ranks they take: 1, 2, 2, 4', () => {
    const rows = ranking([
      [ANNA, { [V]: 3 }],
      [BRAM, { [G]: 2, [M]: 1 }],
      [CEES, { [B]: 2, [E]: 1 }],
    ]);
    // Within a tie the deck's order decides: beter-geholpen, goedkoper-nuldelijn, ..., minder-eenzaamheid, meedoen.
    expect(rows.slice(0, 6)).toEqual([
      [V, 1, 3, false],
      [B, 2, 2, true],
      [G, 2, 2, true],
      [E, 4, 1, true],
      [M, 4, 1, true],
      [expect.any(String), 6, 0, true],
    ]);
  });

  it('keeps the deck’s order within a tie, whatever order the stickers came in', () => {
    const deckOrder = intentionIds.filter((id) => [V, M, E].includes(id));
    const forwards = ranking([[ANNA, { [V]: 1, [M]: 1, [E]: 1 }]]);
    const backwards = ranking([[ANNA, { [E]: 1, [M]: 1, [V]: 1 }]]);
    const spread = ranking([
      [CEES, { [E]: 1 }],
      [BRAM, { [M]: 1 }],
      [ANNA, { [V]: 1 }],
    ]);
    for (const rows of [forwards, backwards, spread]) expect(rows.slice(0, 3).map((r) => r[0])).toEqual(deckOrder);
    expect(backwards).toEqual(forwards);
    expect(spread).toEqual(forwards);
  });

  it('lists intentions without stickers last, in the deck’s order, as one shared rank', () => {
    const rows = ranking([[ANNA, { [G]: 1, [E]: 2 }]]);
    const unvoted = rows.slice(2);
    expect(unvoted.map((r) => r[0])).toEqual(intentionIds.filter((id) => id !== G && id !== E));
    expect(unvoted.every(([, rank, total, tied]) => rank === 3 && total === 0 && tied)).toBe(true);
  });

  it('lists every intention exactly once, own intentions included', () => {
    const s = play(round3WithFour(), [
      [ANNA, ownIntention('Trots op de wijk')],
      [BRAM, stickers({ [V]: 1 })],
    ]);
    const own = s.deck.intentions[s.deck.intentions.length - 1]!.id;
    const s2 = play(s, [[CEES, stickers({ [own]: 3 })]]);
    const rows = rankIntentions(s2);
    expect(rows.map((r) => r.card.id).sort()).toEqual(s2.deck.intentions.map((c) => c.id).sort());
    expect(rows[0]).toMatchObject({ rank: 1, total: 3, tied: false, card: { id: own, title: 'Trots op de wijk', addedBy: ANNA.id } });
  });

  it('has everything at rank 1, tied, when nobody placed a sticker', () => {
    const rows = rankIntentions(tables.round3());
    expect(rows.map((r) => r.card.id)).toEqual(intentionIds);
    expect(rows.every((r) => r.rank === 1 && r.total === 0 && r.tied)).toBe(true);
  });

  it('counts a guest’s stickers like anyone’s', () => {
    const { state, guest } = withGuest(round3WithFour());
    const s = play(state, [
      [ANNA, stickers({ [M]: 3 })],
      [LEAD, stickers({ [V]: 3 }, guest)],
      [BRAM, stickers({ [V]: 1 })],
    ]);
    expect(
      rankIntentions(s)
        .slice(0, 2)
        .map((r) => [r.card.id, r.total]),
    ).toEqual([
      [V, 4],
      [M, 3],
    ]);
  });

  it('counts only the current set of someone who changed their stickers', () => {
    const rows = ranking([
      [ANNA, { [V]: 3 }],
      [ANNA, { [M]: 3 }],
    ]);
    expect(rows[0]).toEqual([M, 1, 3, false]);
    expect(rows.find((r) => r[0] === V)?.[2]).toBe(0);
  });

  it('does not change the table it ranks', () => {
    const s = tables.round3Closed();
    const before = structuredClone(s);
    rankIntentions(s);
    expect(s).toStrictEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------

describe('recordDiscussion', () => {
  const record = (input: Omit<Extract<Command, { type: 'recordDiscussion' }>, 'type'>): Command => ({ type: 'recordDiscussion', ...input });

  it('records the hoofdbedoeling, agreements, disagreements and the relation to policy, trimmed', () => {
    const result = expectOk(
      decide(
        tables.round3Closed(),
        {
          actor: LEAD,
          command: record({
            mainIntention: V,
            agreements: '  Iedereen wil meer ontmoeting \r\n',
            disagreements: '\tOf het goedkoper wordt',
            policyRelation: ' Past bij doel 2 van de beleidsvisie ',
            policyGoals: ['  Iedereen doet mee ', '', ' \n ', 'Eenzaamheid halveren'],
          }),
        },
        NOW,
      ),
    );
    expect(result.state.round3.discussion).toEqual({
      mainIntention: V,
      agreements: 'Iedereen wil meer ontmoeting',
      disagreements: 'Of het goedkoper wordt',
      policyRelation: 'Past bij doel 2 van de beleidsvisie',
    });
    // Blank lines are no goals.
    expect(result.state.settings.policyGoals).toEqual(['Iedereen doet mee', 'Eenzaamheid halveren']);
    expect(result.events).toEqual([{ type: 'discussionRecorded' }]);
  });

  it('allows a discussion without a clear hoofdbedoeling: disagreement is a result too', () => {
    const s = play(tables.round3Closed(), [[LEAD, record({ disagreements: 'Geen duidelijke hoofdbedoeling' })]]);
    expect(s.round3.discussion).toEqual({ disagreements: 'Geen duidelijke hoofdbedoeling' });
  });

  it('replaces the earlier discussion as a whole (the form sends every field)', () => {
    const s = play(tables.round3Closed(), [
      [LEAD, record({ mainIntention: V, agreements: 'Eerst' })],
      [LEAD, record({ agreements: 'Later' })],
    ]);
    expect(s.round3.discussion).toEqual({ agreements: 'Later' });
  });

  it('keeps the organiser’s policy goals when none are sent, and clears them when an empty list is sent', () => {
    const withGoals = play(tables.round3Closed(), [[LEAD, record({ policyGoals: ['Iedereen doet mee'] })]]);
    expect(play(withGoals, [[LEAD, record({ agreements: 'x' })]]).settings.policyGoals).toEqual(['Iedereen doet mee']);
    expect(play(withGoals, [[LEAD, record({ policyGoals: [] })]]).settings.policyGoals).toEqual([]);
  });

  it('can still be recorded in the slotvraag', () => {
    expect(play(tables.closing(), [[LEAD, record({ mainIntention: M })]]).round3.discussion).toEqual({ mainIntention: M });
  });

  it('lets a co-leider record it', () => {
    const s = play(tables.round3Closed(), [
      [LEAD, { type: 'addCoLead', to: mention(CEES) }],
      [CEES, record({ agreements: 'x' })],
    ]);
    expect(s.round3.discussion.agreements).toBe('x');
  });

  it.each([
    ['agreements', LIMITS.discussion],
    ['disagreements', LIMITS.discussion],
    ['policyRelation', LIMITS.discussion],
  ] as const)('accepts %s of exactly the limit and refuses one more', (field, max) => {
    expect(play(tables.round3Closed(), [[LEAD, record({ [field]: '😀'.repeat(max) })]]).round3.discussion[field]).toBe('😀'.repeat(max));
    const error = expectError(decideUnchanged(tables.round3Closed(), LEAD, record({ [field]: 'a'.repeat(max + 1) })), 'textTooLong');
    expect(error.params).toEqual({ field, max });
  });

  it(`accepts ${LIMITS.policyGoals} policy goals of ${LIMITS.policyGoal} characters`, () => {
    const goals = Array.from({ length: LIMITS.policyGoals }, (_, i) => `${i}`.padEnd(LIMITS.policyGoal, 'x'));
    expect(play(tables.round3Closed(), [[LEAD, record({ policyGoals: goals })]]).settings.policyGoals).toEqual(goals);
  });

  it.each([
    ['one policy goal too many', Array.from({ length: LIMITS.policyGoals + 1 }, (_, i) => `Doel ${i}`), 'tooManyGoals'],
    ['a policy goal one character too long', ['Kort', 'g'.repeat(LIMITS.policyGoal + 1)], 'textTooLong'],
    ['a policy goal of 10,000 characters', ['g'.repeat(10_000)], 'textTooLong'],
  ] as const)('refuses %s', (_label, policyGoals, code) => {
    expectError(decideUnchanged(tables.round3Closed(), LEAD, record({ policyGoals: [...policyGoals] })), code);
  });

  it('counts only goals with text towards the maximum', () => {
    const goals = [...Array.from({ length: LIMITS.policyGoals }, (_, i) => `Doel ${i}`), '', '   '];
    expect(play(tables.round3Closed(), [[LEAD, record({ policyGoals: goals })]]).settings.policyGoals).toHaveLength(LIMITS.policyGoals);
  });

  it.each([
    ['before the voting closed', tables.round3WithStickers, LEAD, record({ agreements: 'x' }), 'votingOpen'],
    ['by a participant', tables.round3Closed, ANNA, record({ agreements: 'x' }), 'notLeader'],
    [
      'by the notulist',
      () => play(tables.round3Closed(), [[LEAD, { type: 'setNotetaker', to: mention(ANNA) }]]),
      ANNA,
      record({ agreements: 'x' }),
      'notLeader',
    ],
    ['in Round 2', tables.round2, LEAD, record({ agreements: 'x' }), 'wrongPhase'],
    ['with a hoofdbedoeling that is not an intention', tables.round3Closed, LEAD, record({ mainIntention: 'zwembad' }), 'unknownIntention'],
    [
      'with an ingredient card as hoofdbedoeling',
      tables.round3Closed,
      LEAD,
      record({ mainIntention: ingredient('buurthuis') }),
      'unknownIntention',
    ],
  ] as const)('refuses a discussion %s with %s', (_label, state, who, command, code) => {
    expectError(decideUnchanged(state(), who, command), code);
  });
});

// ---------------------------------------------------------------------------------------------

describe('leaving Round 3', () => {
  const LEAVES: ReadonlyArray<readonly [string, Command]> = [
    ['next', next],
    ['goToRound 2', { type: 'goToRound', round: 2 }],
    ['goToRound 1', { type: 'goToRound', round: 1 }],
  ];

  it.each(LEAVES)('refuses %s with stickers in and the voting open', (_label, leave) => {
    expectError(decideUnchanged(tables.round3WithStickers(), LEAD, leave), 'votingOpen');
  });

  it.each(LEAVES)('refuses %s with only a guest’s stickers in and the voting open', (_label, leave) => {
    const { state, guest } = withGuest(tables.round3());
    expectError(decideUnchanged(play(state, [[LEAD, stickers({ [V]: 1 }, guest)]]), LEAD, leave), 'votingOpen');
  });

  it.each(LEAVES)('allows %s after the close', (_label, leave) => {
    expect(expectOk(decide(tables.round3Closed(), { actor: LEAD, command: leave }, NOW)).state.phase).not.toBe('round3');
  });

  it.each(LEAVES)('allows %s when nobody placed a sticker', (_label, leave) => {
    expect(expectOk(decide(tables.round3(), { actor: LEAD, command: leave }, NOW)).state.phase).not.toBe('round3');
  });

  it('still lets the leider stop the table with the voting open', () => {
    expect(expectOk(decide(tables.round3WithStickers(), { actor: LEAD, command: { type: 'stop' } }, NOW)).state.phase).toBe('ended');
  });

  // Source bug: a participant who took all their stickers back (or sent an empty set) leaves an entry
  // with no stickers. closeVoting then says nothingToReveal, and leaving says votingOpen: the leider
  // can neither close nor move on, and the table is stuck in Round 3 until someone places a sticker.
  it.each([
    ['took all their stickers back', () => play(tables.round3WithStickers(), [[ANNA, stickers({})]])],
    ['sent an empty set', () => play(tables.round3(), [[BRAM, stickers({})]])],
    ['set every intention to zero', () => play(tables.round3(), [[BRAM, stickers({ [V]: 0, [M]: 0 })]])],
  ])('lets the leider move on when the only participant who voted %s', (_label, state) => {
    const s = state();
    expect(Object.values(s.round3.stickers).every((set) => stickersUsed(set.counts) === 0)).toBe(true);
    const result = decide(s, { actor: LEAD, command: next }, NOW);
    expect(result.type === 'ok' ? result.state.phase : result.code).toBe('closing');
  });
});
