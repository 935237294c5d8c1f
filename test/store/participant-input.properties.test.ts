/**
 * Each participant's own input in a field of its own: as properties. Taking a table apart and putting
 * it back gives the same table, for tables played through the rules; and through the real Redis store,
 * many participants of one table writing at the same moment (from two bot processes, while the leider
 * writes the shared part) lose nothing and never retry against each other.
 */
import fc from 'fast-check';
import { decide, defaultDeck, type Actor, type Command, type PickSet, type TableState } from '../../src/domain';
import { RedisTableStore, type TableKey } from '../../src/store';
import { assembleTable, splitTable } from '../../src/store/participant-input';
import { LEAD, actor, play, startTable, T0 } from '../domain/fixtures';
import { redisRun } from '../support/redis-run';
import { aTableKey } from './table-store.contract';

const PEOPLE = Array.from({ length: 8 }, (_, i) => actor(`p${i}`));
const CARDS = defaultDeck().ingredients.map((c) => c.id);
const INTENTIONS = defaultDeck().intentions.map((c) => c.id);
const ZONES = ['personal', 'community', 'institutional', 'outside', 'border'];

function picksOf(cards: readonly [number, number, number], text: string): PickSet {
  const [a, b, c] = cards.map((n) => CARDS[n % CARDS.length]!) as [string, string, string];
  return {
    in: { cardId: a, argument: `${text} in` },
    out: { cardId: b, argument: `${text} uit` },
    doubt: { cardId: c, argument: `${text} twijfel` },
  };
}

/** Any command by anyone; refused ones are skipped, so the tables reach every phase with every kind of input. */
const moveArb = fc.record({
  who: fc.integer({ min: -3, max: PEOPLE.length - 1 }),
  guest: fc.boolean(),
  kind: fc.constantFrom(
    'join',
    'join',
    'next',
    'intro',
    'picks',
    'picks',
    'reveal',
    'pickRound',
    'openPoll',
    'openPoll',
    'vote',
    'vote',
    'vote',
    'closePoll',
    'stickers',
    'stickers',
    'closeVoting',
    'closing',
    'addGuest',
    'note',
  ),
  n: fc.nat(40),
  text: fc.string({ maxLength: 12 }),
});
type Move = typeof moveArb extends fc.Arbitrary<infer M> ? M : never;

function commandOf(move: Move, state: TableState): { actor: Actor; command: Command } {
  const who = move.who < 0 ? LEAD : PEOPLE[move.who]!;
  const guest = state.participants.find((p) => p.guest);
  const onBehalfOf = move.guest && guest && move.who < 0 ? { onBehalfOf: guest.id } : {};
  const round = state.pickRounds.at(-1)?.number ?? 1;
  const poll = state.round2.polls.at(-1)?.number ?? 1;
  const command = ((): Command => {
    switch (move.kind) {
      case 'join':
        return { type: 'join' };
      case 'next':
        return { type: 'next' };
      case 'intro':
        return { type: 'answerIntro', role: move.text || 'rol', involvement: 'betrokken', ...onBehalfOf };
      case 'picks':
        return { type: 'submitPicks', round, picks: picksOf([move.n, move.n + 1, move.n + 2], move.text || 'x'), ...onBehalfOf };
      case 'reveal':
        return { type: 'reveal' };
      case 'pickRound':
        return { type: 'openPickRound' };
      case 'openPoll':
        return { type: 'openPoll', cardId: CARDS[move.n % CARDS.length]! };
      case 'vote':
        return { type: 'votePoll', poll, zone: ZONES[move.n % ZONES.length]!, ...onBehalfOf };
      case 'closePoll':
        return { type: 'closePoll' };
      case 'stickers':
        return { type: 'setStickers', counts: { [INTENTIONS[move.n % INTENTIONS.length]!]: 1 + (move.n % 3) }, ...onBehalfOf };
      case 'closeVoting':
        return { type: 'closeVoting' };
      case 'closing':
        return { type: 'answerClosing', learned: move.text || 'geleerd', action: 'actie', ...onBehalfOf };
      case 'addGuest':
        return { type: 'addGuest', name: `Gast ${move.n}` };
      default:
        return { type: 'addNote', text: move.text || 'notitie' };
    }
  })();
  return { actor: who, command };
}

/** People join, a guest is added, then each phase gets its moves (any kind: the refused ones are skipped). */
const scriptArb = fc.record({
  people: fc.integer({ min: 1, max: 8 }),
  guests: fc.integer({ min: 0, max: 2 }),
  phases: fc.array(fc.array(moveArb, { maxLength: 30 }), { minLength: 1, maxLength: 6 }),
});

function played({ people, guests, phases }: { people: number; guests: number; phases: Move[][] }): TableState {
  const setup: Array<[Actor, Command]> = [
    ...PEOPLE.slice(0, people).map((p): [Actor, Command] => [p, { type: 'join' }]),
    ...Array.from({ length: guests }, (_, i): [Actor, Command] => [LEAD, { type: 'addGuest', name: `Gast ${i}` }]),
  ];
  let state = play(startTable({ maxParticipants: 12 }), setup);
  let step = setup.length;
  const apply = (move: Move) => {
    const result = decide(state, commandOf(move, state), T0 + ++step * 1000);
    if (result.type !== 'error') state = result.state;
  };
  for (const moves of phases) {
    // What a leider closes before moving on, the next phase, and a poll when that is Round 2.
    for (const kind of ['reveal', 'closePoll', 'closeVoting', 'next', 'openPoll'] as const)
      apply({ who: -1, guest: false, kind, n: step, text: '' });
    for (const move of moves) apply({ ...move, who: move.who < 0 ? -1 : move.who % people });
  }
  return state;
}

describe('a table taken apart into its shared part and each participant’s input', () => {
  test('put back together it is the same table, and the shared part holds nobody’s input', () => {
    fc.assert(
      fc.property(scriptArb, (script) => {
        const state = played(script);
        const { shared, inputs } = splitTable(state);
        expect(assembleTable(shared, inputs)).toEqual(state);
        const sharedJson = JSON.stringify(shared);
        for (const [id] of inputs) expect(sharedJson).not.toContain(`"${id}":{`);
      }),
      { numRuns: 300 },
    );
  });
});

describe('many participants of one table writing at once through the real Redis store', () => {
  const run = redisRun('sbprops');
  const DAY = 24 * 60 * 60 * 1000;

  /** What each participant does, one after the other: their picks in Round 1, changed a few times. */
  const scheduleArb = fc.record({
    people: fc.integer({ min: 2, max: 8 }),
    submissions: fc.array(fc.array(fc.tuple(fc.nat(40), fc.stringMatching(/^[a-z0-9]{0,20}$/)), { minLength: 1, maxLength: 3 }), {
      minLength: 8,
      maxLength: 8,
    }),
    notes: fc.integer({ min: 0, max: 4 }),
  });

  test('every participant’s last input and every shared write is there, and participants never retry against each other', async () => {
    const prefix = run.nextPrefix();
    const a = new RedisTableStore(await run.client(), { retentionMs: DAY, prefix });
    const b = new RedisTableStore(await run.client(), { retentionMs: DAY, prefix });
    try {
      await fc.assert(
        fc.asyncProperty(scheduleArb, async ({ people, submissions, notes }) => {
          const key: TableKey = aTableKey();
          const present = PEOPLE.slice(0, people);
          const round1 = play(startTable(), [
            ...present.map((p): [Actor, Command] => [p, { type: 'join' }]),
            [LEAD, { type: 'next' }],
            [LEAD, { type: 'next' }],
          ]);
          await a.update(key, () => ({ state: round1, result: undefined }));
          let pickRuns = 0;
          const act = (store: RedisTableStore, who: Actor, command: Command, count: () => void) =>
            store.update(key, (current) => {
              count();
              const result = decide(current!, { actor: who, command }, Date.now());
              if (result.type === 'error') throw new Error(`refused: ${result.code}`);
              return { state: result.state, result: undefined };
            });
          const participants = present.map(async (who, i) => {
            for (const [n, text] of submissions[i]!) {
              await act(
                i % 2 ? a : b,
                who,
                { type: 'submitPicks', round: 1, picks: picksOf([n, n + 1, n + 2], text || 'x') },
                () => pickRuns++,
              );
            }
          });
          const leider = (async () => {
            for (let i = 0; i < notes; i++) await act(i % 2 ? b : a, LEAD, { type: 'addNote', text: `notitie ${i}` }, () => undefined);
          })();
          await Promise.all([...participants, leider]);

          const after = (await b.get(key))!;
          present.forEach((who, i) => {
            const [n, text] = submissions[i]!.at(-1)!;
            expect(after.pickRounds[0]!.picks[who.id]?.picks).toEqual(picksOf([n, n + 1, n + 2], text || 'x'));
          });
          expect(Object.keys(after.pickRounds[0]!.picks)).toHaveLength(people);
          expect(after.notes.map((note) => note.text).sort()).toEqual(Array.from({ length: notes }, (_, i) => `notitie ${i}`));
          // A participant's write retries only when the leider's shared write came in between.
          const picksDone = submissions.slice(0, people).reduce((sum, s) => sum + s.length, 0);
          if (notes === 0) expect(pickRuns).toBe(picksDone);
        }),
        { numRuns: 25 },
      );
    } finally {
      await run.removeKeysUnder(prefix);
      await Promise.all([a.close(), b.close()]);
    }
  }, 120_000);
});
