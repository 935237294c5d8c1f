/**
 * Silence as a property. For arbitrary tables (played through `decide` by anyone, in any order), for
 * every viewer — the group, the leider, a co-leider, each participant, a stranger — and at every
 * moment: everything the viewer can reach (every card, their own forms, a leider's guest forms, and
 * for the group the summary, the totaalbeeld and the exports) is built from `viewFor`, and
 *
 * 1. holds none of the unique markers written into the silent input of others that is not yet revealed;
 * 2. does not change at all when that hidden input is changed — other cards, other arguments, other
 *    zones, other stickers (non-interference): so no choice, count or ranking of it shows either.
 *
 * The oracle of who may read what is written out here on its own, not taken from `src`.
 */
import fc from 'fast-check';
import {
  decide,
  defaultDeck,
  groupView,
  viewFor,
  ZONES,
  type Actor,
  type Command,
  type PickSet,
  type TableState,
  type Viewer,
} from '../../src/domain';
import { ANNA, BRAM, CEES, LEAD, T0, actor, startTable } from '../domain/fixtures';
import { session } from '../report/session-fixtures';
import { reachableCards, reports, type Rendered } from './reachable-cards';

const CO = actor('cora');
const STRANGER = actor('zed');
const PARTICIPANTS = [ANNA, BRAM, CEES];
const DECK = defaultDeck();
/** A few cards, so that picks collide and differ. */
const CARDS = DECK.ingredients.slice(0, 7).map((c) => c.id);
const INTENTIONS = DECK.intentions.slice(0, 4).map((c) => c.id);
const GUEST = 'guest-4';

type Move =
  | { type: 'next' }
  | { type: 'reveal' }
  | { type: 'extraRound' }
  | { type: 'pick'; who: number; cards: [number, number, number] }
  | { type: 'openPoll'; card: number }
  | { type: 'vote'; who: number; zone: number }
  | { type: 'closePoll' }
  | { type: 'place'; card: number; zone: number }
  | { type: 'stickers'; who: number; slots: number[] }
  | { type: 'closeVoting' };

/** `who`: 0–2 a participant, 3 the guest (entered by the leider), 4 the leider, 5 a stranger. */
const whoArb = fc.integer({ min: 0, max: 5 });
const pickArb = fc.record({ type: fc.constant('pick' as const), who: whoArb, cards: fc.tuple(fc.nat(6), fc.nat(6), fc.nat(6)) });
const voteArb = fc.record({ type: fc.constant('vote' as const), who: whoArb, zone: fc.nat(4) });
const stickersArb = fc.record({
  type: fc.constant('stickers' as const),
  who: whoArb,
  slots: fc.array(fc.nat(3), { minLength: 0, maxLength: 3 }),
});
const round1Arb: fc.Arbitrary<Move> = fc.oneof(
  { arbitrary: pickArb, weight: 12 },
  { arbitrary: fc.constant({ type: 'reveal' as const }), weight: 1 },
);
const round2Arb: fc.Arbitrary<Move> = fc.oneof(
  { arbitrary: fc.constant({ type: 'extraRound' as const }), weight: 2 },
  { arbitrary: pickArb, weight: 5 },
  { arbitrary: fc.constant({ type: 'reveal' as const }), weight: 1 },
  { arbitrary: fc.record({ type: fc.constant('openPoll' as const), card: fc.nat(6) }), weight: 3 },
  { arbitrary: voteArb, weight: 5 },
  { arbitrary: fc.constant({ type: 'closePoll' as const }), weight: 1 },
  { arbitrary: fc.record({ type: fc.constant('place' as const), card: fc.nat(6), zone: fc.nat(4) }), weight: 2 },
);
const round3Arb: fc.Arbitrary<Move> = fc.oneof(
  { arbitrary: stickersArb, weight: 8 },
  { arbitrary: fc.constant({ type: 'closeVoting' as const }), weight: 1 },
);

/**
 * A table played phase by phase: each phase's moves in any order (refusals simply skipped), and the
 * table stops in Round 1, 2 or 3, or goes on to the slotvraag or the end — so every phase is seen
 * with input still hidden, and after it was revealed.
 */
const scriptArb = fc.record({
  // Round 2 has the most kinds of silence (extra pick rounds, silent placements): it gets the most tables.
  stop: fc.constantFrom(0, 1, 1, 1, 2, 2, 3, 4),
  round1: fc.array(round1Arb, { maxLength: 12 }),
  round2: fc.array(round2Arb, { maxLength: 20 }),
  // What Round 2 has open at its end: a new silent pick round, a silent placement, or both, with input.
  round2Open: fc.constantFrom<Move[]>(
    [],
    [{ type: 'extraRound' }],
    [{ type: 'openPoll', card: 3 }],
    [{ type: 'extraRound' }, { type: 'openPoll', card: 4 }],
  ),
  round2Tail: fc.array(fc.oneof(pickArb, voteArb), { maxLength: 8 }),
  round3: fc.array(round3Arb, { maxLength: 10 }),
});
type Script = { stop: number; round1: Move[]; round2: Move[]; round2Open: Move[]; round2Tail: Move[]; round3: Move[] };

function marker(step: number, role: string): string {
  return `[[stil-${step}-${role}]]`;
}

function actorOf(who: number): { actor: Actor; onBehalfOf?: string } {
  if (who <= 2) return { actor: PARTICIPANTS[who]! };
  if (who === 3) return { actor: LEAD, onBehalfOf: GUEST };
  return { actor: who === 4 ? LEAD : STRANGER };
}

function commandOf(move: Move, step: number, state: TableState): { actor: Actor; command: Command } {
  const lead = { actor: LEAD };
  switch (move.type) {
    case 'next':
      return { ...lead, command: { type: 'next' } };
    case 'reveal':
      return { ...lead, command: { type: 'reveal' } };
    case 'extraRound':
      return { ...lead, command: { type: 'openPickRound' } };
    case 'pick': {
      const { actor, onBehalfOf } = actorOf(move.who);
      const [a, b, c] = move.cards.map((i) => CARDS[i]!);
      const picks: PickSet = {
        in: { cardId: a!, argument: marker(step, 'in') },
        out: { cardId: b!, argument: marker(step, 'out') },
        doubt: { cardId: c!, argument: marker(step, 'doubt') },
      };
      return { actor, command: { type: 'submitPicks', round: state.pickRounds.length, picks, ...(onBehalfOf ? { onBehalfOf } : {}) } };
    }
    case 'openPoll':
      return { ...lead, command: { type: 'openPoll', cardId: CARDS[move.card]! } };
    case 'vote': {
      const { actor, onBehalfOf } = actorOf(move.who);
      return {
        actor,
        command: { type: 'votePoll', poll: state.round2.polls.length, zone: ZONES[move.zone]!, ...(onBehalfOf ? { onBehalfOf } : {}) },
      };
    }
    case 'closePoll':
      return { ...lead, command: { type: 'closePoll' } };
    case 'place':
      return { ...lead, command: { type: 'placeCard', cardId: CARDS[move.card]!, zone: ZONES[move.zone]!, agreement: 'agree' } };
    case 'stickers': {
      const { actor, onBehalfOf } = actorOf(move.who);
      const counts: Record<string, number> = {};
      for (const slot of move.slots) counts[INTENTIONS[slot]!] = (counts[INTENTIONS[slot]!] ?? 0) + 1;
      return { actor, command: { type: 'setStickers', counts, ...(onBehalfOf ? { onBehalfOf } : {}) } };
    }
    case 'closeVoting':
      return { ...lead, command: { type: 'closeVoting' } };
  }
}

/** Three people, a guest and a co-leider in Round 1; then the script. */
function play(script: Script): TableState {
  let state = startTable();
  let now = T0;
  let step = 0;
  const apply = (who: Actor, command: Command) => {
    const r = decide(state, { actor: who, command }, (now += 1000));
    if (r.type === 'ok') state = r.state;
    return r;
  };
  const setup: Array<[Actor, Command]> = [
    ...PARTICIPANTS.map((p): [Actor, Command] => [p, { type: 'join' }]),
    [LEAD, { type: 'addGuest', name: 'Gijs Gast' }],
    [LEAD, { type: 'addCoLead', to: { id: CO.id, channelUserId: CO.channelUserId!, name: CO.name } }],
    [LEAD, { type: 'next' }],
    [LEAD, { type: 'next' }],
  ];
  for (const [who, command] of setup)
    if (apply(who, command).type === 'error') throw new Error(`setup refused: ${JSON.stringify(command)}`);
  const moves = (list: Move[]) => {
    for (const move of list) {
      const { actor, command } = commandOf(move, step++, state);
      apply(actor, command);
    }
  };
  const lead = (...types: Array<'reveal' | 'closePoll' | 'closeVoting' | 'next'>) => {
    for (const type of types) apply(LEAD, { type } as Command);
  };
  moves(script.round1);
  if (script.stop === 0) return state;
  // Round 1 needs someone's picks before its reveal.
  apply(ANNA, {
    type: 'submitPicks',
    round: 1,
    picks: {
      in: { cardId: CARDS[0]!, argument: 'a' },
      out: { cardId: CARDS[1]!, argument: 'b' },
      doubt: { cardId: CARDS[2]!, argument: 'c' },
    },
  });
  lead('reveal', 'next');
  moves(script.round2);
  moves(script.round2Open);
  moves(script.round2Tail);
  if (script.stop === 1) return state;
  lead('reveal', 'closePoll', 'next');
  moves(script.round3);
  if (script.stop === 2) return state;
  lead('closeVoting', 'next');
  if (script.stop === 4) lead('next');
  return state;
}

const VIEWERS: Array<[string, Viewer]> = [
  ['the group', { type: 'group' }],
  ['the leider', { type: 'person', id: LEAD.id, channelUserId: LEAD.channelUserId! }],
  ['a co-leider', { type: 'person', id: CO.id, channelUserId: CO.channelUserId! }],
  ...PARTICIPANTS.map((p): [string, Viewer] => [p.name, { type: 'person', id: p.id, channelUserId: p.channelUserId! }]),
  ['a stranger', { type: 'person', id: STRANGER.id, channelUserId: STRANGER.channelUserId! }],
];

/** The oracle: whose unrevealed input a viewer may read. Their own; a leider's also the guest's. */
function mayRead(viewer: Viewer, owner: string): boolean {
  if (viewer.type === 'group') return false;
  if (owner === viewer.id) return true;
  const leads = [LEAD.id, CO.id];
  return owner === GUEST && leads.includes(viewer.id);
}

/** The same table with every piece of input the viewer may not read yet changed into something else. */
function changeHidden(state: TableState, viewer: Viewer): { changed: TableState; hiddenMarkers: string[] } {
  const hiddenMarkers: string[] = [];
  const pickRounds = state.pickRounds.map((round) => {
    if (round.revealedAt !== undefined) return round;
    const picks = Object.fromEntries(
      Object.entries(round.picks).map(([owner, entry]) => {
        if (mayRead(viewer, owner)) return [owner, entry];
        hiddenMarkers.push(entry.picks.in.argument, entry.picks.out.argument, entry.picks.doubt.argument);
        const others = CARDS.filter((id) => ![entry.picks.in.cardId, entry.picks.out.cardId, entry.picks.doubt.cardId].includes(id));
        const alt = (role: 'in' | 'out' | 'doubt', i: number) => ({ cardId: others[i]!, argument: `[[anders-${owner}-${role}]]` });
        return [
          owner,
          { ...entry, picks: { in: alt('in', 0), out: alt('out', 1), doubt: alt('doubt', 2) }, submittedAt: entry.submittedAt + 7 },
        ];
      }),
    );
    return { ...round, picks };
  });
  const polls = state.round2.polls.map((poll) => {
    if (poll.closedAt !== undefined) return poll;
    const votes = Object.fromEntries(
      Object.entries(poll.votes).map(([owner, vote]) => [
        owner,
        mayRead(viewer, owner) ? vote : { ...vote, zone: ZONES[(ZONES.indexOf(vote.zone) + 1) % ZONES.length]! },
      ]),
    );
    return { ...poll, votes };
  });
  const stickers =
    state.round3.closedAt !== undefined
      ? state.round3.stickers
      : Object.fromEntries(
          Object.entries(state.round3.stickers).map(([owner, set]) => {
            if (mayRead(viewer, owner)) return [owner, set];
            const on = INTENTIONS.find((id) => !Object.hasOwn(set.counts, id))!;
            const total = Object.values(set.counts).reduce((a, b) => a + b, 0);
            return [owner, { ...set, counts: { [on]: total === 3 ? 1 : total + 1 } }];
          }),
        );
  return { changed: { ...state, pickRounds, round2: { ...state.round2, polls }, round3: { ...state.round3, stickers } }, hiddenMarkers };
}

async function everything(state: TableState, viewer: Viewer): Promise<Rendered> {
  const cards = reachableCards(viewFor(state, viewer), 'nl');
  if (viewer.type !== 'group') return cards;
  return { ...cards, ...(await reports(groupView(state), 'nl', session(['t1'], [state]))) };
}

function firstDifference(a: Rendered, b: Rendered): string | undefined {
  for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (JSON.stringify(a[name]) !== JSON.stringify(b[name])) return name;
  }
  return undefined;
}

describe('nobody sees what is not yet revealed', () => {
  it('for any table, viewer and moment: no hidden marker, and nothing changes when hidden input changes', async () => {
    let withHidden = 0;
    await fc.assert(
      fc.asyncProperty(scriptArb, async (script) => {
        const state = play(script);
        for (const [name, viewer] of VIEWERS) {
          const { changed, hiddenMarkers } = changeHidden(state, viewer);
          if (changed !== state && JSON.stringify(changed) !== JSON.stringify(state)) withHidden += 1;
          const seen = await everything(state, viewer);
          const text = JSON.stringify(seen);
          const leaked = hiddenMarkers.filter((m) => text.includes(m));
          if (leaked.length > 0) throw new Error(`${name} sees hidden arguments ${leaked.join(', ')}`);
          const differs = firstDifference(seen, await everything(changed, viewer));
          if (differs) throw new Error(`${name}: "${differs}" changes when input they may not see changes`);
        }
      }),
      { numRuns: 100 },
    );
    // The property is only worth something if the tables it saw held hidden input.
    expect(withHidden).toBeGreaterThan(60);
  });

  it('the oracle can fail: the raw table shown as if it were a view leaks', async () => {
    // A table in Round 2 with an extra silent round in which Anna picked, not yet revealed.
    const state = play({
      stop: 1,
      round1: [],
      round2: [],
      round2Open: [{ type: 'extraRound' }],
      round2Tail: [{ type: 'pick', who: 0, cards: [3, 4, 5] }],
      round3: [],
    });
    const unfiltered = {
      ...state,
      viewer: { type: 'group' } as const,
      pickRounds: state.pickRounds.map((r) => ({ ...r, submitted: Object.keys(r.picks) })),
      round2: { ...state.round2, polls: [] },
      round3: { ...state.round3, voted: [] },
    };
    const { changed } = changeHidden(state, { type: 'group' });
    const changedUnfiltered = { ...unfiltered, pickRounds: changed.pickRounds.map((r) => ({ ...r, submitted: Object.keys(r.picks) })) };
    expect(firstDifference(reachableCards(unfiltered, 'nl'), reachableCards(changedUnfiltered, 'nl'))).toBeDefined();
    expect(firstDifference(reachableCards(groupView(state), 'nl'), reachableCards(groupView(changed), 'nl'))).toBeUndefined();
  });
});
