/**
 * Invariants of the workshop rules that must hold after any sequence of commands, from anyone, with
 * any input the adapter could let through its schema. fast-check builds the sequences and shrinks a
 * failure to a short script, printed with the seed to replay it.
 */
import fc from 'fast-check';
import {
  decide,
  defaultDeck,
  isLeader,
  LIMITS,
  PHASES,
  PICK_ROLES,
  type Actor,
  type Command,
  type DecideResult,
  type Pick,
  type PickSet,
  type TableState,
  type UserRefInput,
} from '../../src/domain';
import { ANNA, BRAM, CEES, DINA, LEAD, T0, actor, play, startTable } from './fixtures';

/** The snapshot properties clone the state on every step; the others are cheap enough for more runs. */
const RUNS_WITH_SNAPSHOT = 300;
const RUNS = 1000;

// --- who acts ----------------------------------------------------------------------------------

/**
 * A small pool so that people meet again: the leider, four colleagues, one without a channel id,
 * and Anna seen under another id (same channel id), which must count as Anna.
 */
const EVA_NO_CHANNEL = actor('eva', { channelUserId: null });
const ANNA_OTHER_ID: Actor = { id: 'aad-anna-second-login', name: 'Anna', channelUserId: ANNA.channelUserId! };
const POOL: Actor[] = [LEAD, ANNA, BRAM, CEES, DINA, EVA_NO_CHANNEL, ANNA_OTHER_ID];

/** Anyone from the pool, the leider included: every command may come from anyone. */
const anyoneArb = fc.constantFrom(...POOL);
/** Mostly the leider, for the commands that drive the table, so that tables actually move on. */
const mostlyLeaderArb = fc.oneof({ arbitrary: fc.constant(LEAD), weight: 3 }, { arbitrary: anyoneArb, weight: 1 });

const mentionArb: fc.Arbitrary<UserRefInput> = fc.oneof(
  fc.constantFrom(...POOL).map((a) => ({ id: a.id, name: a.name })),
  fc.constantFrom(...POOL.filter((a) => a.channelUserId)).map((a) => ({ channelUserId: a.channelUserId!, name: `@${a.name}` })),
  fc.constant({ id: 'aad-zoe', name: 'Zoë (not at the table)' }),
  fc.constant({ name: 'Iemand zonder id' }),
);

// --- what they pick ----------------------------------------------------------------------------

const INGREDIENT_IDS = defaultDeck().ingredients.map((c) => c.id);
const INGREDIENTS = new Set(INGREDIENT_IDS);
/** A handful of real cards, so that random picks often collide (duplicates) and often do not. */
const SOME_INGREDIENTS = INGREDIENT_IDS.slice(0, 6);
const JUNK_CARD_IDS = ['', ' ', 'Buurthuis', 'zwembad', '__proto__', 'verbinding' /* an intention */];

const cardIdArb = fc.oneof(
  { arbitrary: fc.constantFrom(...SOME_INGREDIENTS), weight: 6 },
  { arbitrary: fc.constantFrom(...INGREDIENT_IDS), weight: 2 },
  { arbitrary: fc.constantFrom(...JUNK_CARD_IDS), weight: 1 },
  { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
);

const argumentArb = fc.oneof(
  { arbitrary: fc.string({ minLength: 1, maxLength: 40 }), weight: 6 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ maxLength: 20 }).map((s) => ` \r\n\t${s}\u200b  `), weight: 1 },
  { arbitrary: fc.constantFrom('', '   ', '\n\t', '\u200b\u200b', '\u0007'), weight: 1 },
  {
    arbitrary: fc.constantFrom(
      'a'.repeat(LIMITS.argument),
      'a'.repeat(LIMITS.argument + 1),
      '😀'.repeat(LIMITS.argument),
      '😀'.repeat(LIMITS.argument + 1),
      `  ${'b'.repeat(LIMITS.argument)}  `,
    ),
    weight: 1,
  },
  { arbitrary: fc.string({ minLength: LIMITS.argument - 3, maxLength: LIMITS.argument + 3 }), weight: 1 },
);

const pickArb: fc.Arbitrary<Pick> = fc.record({ cardId: cardIdArb, argument: argumentArb });

/** Anything the schema at the edge would let through: three picks of any card and any text. */
const anyPicksArb: fc.Arbitrary<PickSet> = fc.record({ in: pickArb, out: pickArb, doubt: pickArb });

/** Mostly-valid picks, so that pick rounds actually fill up and get revealed. */
const plausiblePicksArb: fc.Arbitrary<PickSet> = fc
  .tuple(
    fc.shuffledSubarray(SOME_INGREDIENTS, { minLength: 3, maxLength: 3 }),
    fc.array(fc.string({ minLength: 1, maxLength: 30 }), { minLength: 3, maxLength: 3 }),
  )
  .map(([[a, b, c], [x, y, z]]) => ({
    in: { cardId: a!, argument: `waarom ${x!}` },
    out: { cardId: b!, argument: `waarom niet ${y!}` },
    doubt: { cardId: c!, argument: z! },
  }));

// --- commands ----------------------------------------------------------------------------------

/** Valid picks but for one card used twice, so duplicateCards is met as often as the other refusals. */
const duplicatedPicksArb: fc.Arbitrary<PickSet> = plausiblePicksArb.map((p) => ({ ...p, doubt: { ...p.doubt, cardId: p.in.cardId } }));

const picksArb = fc.oneof(
  { arbitrary: plausiblePicksArb, weight: 4 },
  { arbitrary: anyPicksArb, weight: 2 },
  { arbitrary: duplicatedPicksArb, weight: 1 },
);

/** Mostly round 1 (the only pick round so far), sometimes any small number. */
const roundNumberArb = fc.oneof({ arbitrary: fc.constant(1), weight: 5 }, { arbitrary: fc.integer({ min: -1, max: 3 }), weight: 1 });

/** What participants do. Joins and picks are common so pick rounds fill up. */
const memberCommandArb: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: fc.constant<Command>({ type: 'join' }), weight: 5 },
  { arbitrary: fc.boolean().map((consent): Command => ({ type: 'setNameConsent', consent })), weight: 1 },
  {
    arbitrary: fc
      .record({ role: fc.option(argumentArb, { nil: undefined }), involvement: fc.option(argumentArb, { nil: undefined }) })
      .map((answer): Command => ({ type: 'answerIntro', ...answer })),
    weight: 1,
  },
  { arbitrary: fc.tuple(roundNumberArb, picksArb).map(([round, picks]): Command => ({ type: 'submitPicks', round, picks })), weight: 9 },
);

/**
 * What leiders do. `stop` and `handOver` (which can hand the table to someone outside the pool,
 * leaving nobody to lead) are rare so most scenarios stay alive long enough to reach a reveal.
 */
const leaderCommandArb: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: mentionArb.map((to): Command => ({ type: 'handOver', to })), weight: 2 },
  { arbitrary: mentionArb.map((to): Command => ({ type: 'addCoLead', to })), weight: 4 },
  { arbitrary: fc.constant<Command>({ type: 'next' }), weight: 8 },
  { arbitrary: fc.constantFrom(1, 2, 3).map((round): Command => ({ type: 'goToRound', round })), weight: 4 },
  { arbitrary: fc.constant<Command>({ type: 'reveal' }), weight: 10 },
  { arbitrary: fc.constant<Command>({ type: 'stop' }), weight: 1 },
  { arbitrary: fc.boolean().map((consent): Command => ({ type: 'setLeaderConsent', consent })), weight: 1 },
);

const stepArb = fc.oneof(
  { arbitrary: fc.record({ actor: anyoneArb, command: memberCommandArb }), weight: 3 },
  { arbitrary: fc.record({ actor: mostlyLeaderArb, command: leaderCommandArb }), weight: 1 },
);

interface Scenario {
  start: TableState;
  steps: Array<{ actor: Actor; command: Command }>;
}

/**
 * Half the scenarios start from a fresh table, half from Round 1 with people joined, so that long
 * runs inside the pick round are common without relying on luck to get there.
 */
const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    maxParticipants: fc.integer({ min: 1, max: 6 }),
    inRound1: fc.boolean(),
    steps: fc.array(stepArb, { maxLength: 60, size: 'max' }),
  })
  .map(({ maxParticipants, inRound1, steps }) => {
    const fresh = startTable({ maxParticipants });
    const start = inRound1
      ? play(fresh, [
          ...[ANNA, BRAM, CEES].slice(0, maxParticipants).map((who): [Actor, Command] => [who, { type: 'join' }]),
          [LEAD, { type: 'next' }],
          [LEAD, { type: 'next' }],
        ])
      : fresh;
    return { start, steps };
  });

interface StepView {
  index: number;
  actor: Actor;
  command: Command;
  before: TableState;
  /** A deep copy of `before`, taken before decide ran; only for checks that ask for it (it is costly). */
  snapshot: TableState | undefined;
  result: DecideResult;
  /** The state after the step: the new one, or `before` after a refusal. */
  after: TableState;
  now: number;
}

/**
 * Plays a scenario and collects what `check` finds wrong at each step. Checks return problems
 * instead of calling expect, which would be far too slow over ~20 000 steps per property; one
 * expect at the end prints every problem with its step.
 */
function problemsIn(scenario: Scenario, check: Check, options: { snapshot?: boolean } = {}): string[] {
  const problems: string[] = [];
  let state = scenario.start;
  scenario.steps.forEach(({ actor: who, command }, index) => {
    const now = T0 + 86_400_000 + index * 1000;
    const snapshot = options.snapshot ? structuredClone(state) : undefined;
    const result = decide(state, { actor: who, command }, now);
    const after = result.type === 'ok' ? result.state : state;
    for (const problem of check({ index, actor: who, command, before: state, snapshot, result, after, now })) {
      if (problem) problems.push(`step ${index} (${who.id}: ${command.type}): ${problem}`);
    }
    state = after;
  });
  return problems;
}

type Check = (step: StepView) => Array<string | false>;

/** Runs a check that keeps memory across the steps of one scenario: a fresh one per scenario. */
function holdsPerScenario(newCheck: () => Check, options: { snapshot?: boolean } = {}): void {
  fc.assert(
    fc.property(scenarioArb, (scenario) => {
      expect(problemsIn(scenario, newCheck(), options)).toEqual([]);
    }),
    { numRuns: options.snapshot ? RUNS_WITH_SNAPSHOT : RUNS },
  );
}

const holds = (check: Check, options: { snapshot?: boolean } = {}) => holdsPerScenario(() => check, options);

/**
 * Deep equality of plain data (objects, arrays, primitives). Not util.isDeepStrictEqual: structuredClone
 * builds its objects in Node's realm, not Jest's sandbox, so their prototypes always differ. Not
 * toStrictEqual: ten times slower, and this runs on every step. Keys whose value is undefined count,
 * so a mutation that adds `revealedAt: undefined` is still seen.
 */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => sameData(x, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  // for...in instead of Object.keys: no arrays to allocate on this hot path.
  let keys = 0;
  for (const k in ra) {
    keys++;
    if (!Object.prototype.hasOwnProperty.call(rb, k) || !sameData(ra[k], rb[k])) return false;
  }
  for (const _ in rb) keys--;
  return keys === 0;
}

const textLength = (s: string) => [...s].length;
const show = (x: unknown) => JSON.stringify(x);

// --- the invariants ----------------------------------------------------------------------------

describe('invariants over any sequence of commands', () => {
  it('sameData tells plain data apart (guards the helper the properties rely on)', () => {
    const base = { a: [1, { b: 'x' }], c: undefined };
    expect(sameData(base, structuredClone(base))).toBe(true);
    expect(sameData(base, { a: [1, { b: 'y' }], c: undefined })).toBe(false);
    expect(sameData(base, { a: [1, { b: 'x' }] })).toBe(false);
    expect(sameData({ a: [1] }, { a: { 0: 1 } })).toBe(false);
    expect(sameData({ a: 1 }, { b: 1 })).toBe(false);
    expect(sameData({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameData([1, 2], [1, 2, 3])).toBe(false);
    expect(sameData({ n: Number.NaN }, { n: Number.NaN })).toBe(true);
  });

  it('(a) stored picks are always exactly three different known ingredient cards with a clean argument each', () => {
    holds(({ after }) => {
      const problems: Array<string | false> = [];
      const participantIds = new Set(after.participants.map((p) => p.id));
      for (const round of after.pickRounds) {
        for (const [userId, submitted] of Object.entries(round.picks)) {
          const where = `round ${round.number}, ${userId}`;
          // Only people at the table pick (a guest's picks, once added, are stored under the guest).
          problems.push(!participantIds.has(userId) && `${where}: picks from someone who is not a participant`);
          const roles = Object.keys(submitted.picks).sort();
          problems.push(show(roles) !== show([...PICK_ROLES].sort()) && `${where}: roles ${show(roles)}`);
          const cards = PICK_ROLES.map((role) => submitted.picks[role]?.cardId);
          problems.push(new Set(cards).size !== 3 && `${where}: cards not three different ones ${show(cards)}`);
          for (const role of PICK_ROLES) {
            const pick = submitted.picks[role];
            if (!pick) continue; // reported by the roles check
            const { cardId, argument } = pick;
            problems.push(
              !INGREDIENTS.has(cardId) && `${where} ${role}: not a known ingredient card ${show(cardId)}`,
              typeof argument !== 'string' && `${where} ${role}: argument is not text`,
              argument.length === 0 && `${where} ${role}: empty argument`,
              argument !== argument.trim() && `${where} ${role}: argument not trimmed ${show(argument)}`,
              textLength(argument) > LIMITS.argument && `${where} ${role}: argument of ${textLength(argument)} characters`,
            );
          }
        }
      }
      return problems;
    });
  });

  it('(b) a refusal leaves the input state exactly as it was', () => {
    holds(
      ({ before, snapshot, result }) => {
        if (result.type !== 'error') return [];
        return [
          // A refusal carries no state the adapter could store by mistake.
          Object.keys(result).some((k) => !['type', 'family', 'code', 'params'].includes(k)) &&
            `refusal has extra fields ${show(Object.keys(result))}`,
          !sameData(before, snapshot) && `${result.code} changed the input state`,
        ];
      },
      { snapshot: true },
    );
  });

  // Not asked by (b) but the same promise of purity: the store may still hold the old state.
  it('(b′) a success does not mutate the input state either', () => {
    holds(({ before, snapshot, result }) => [result.type === 'ok' && !sameData(before, snapshot) && 'the input state was mutated'], {
      snapshot: true,
    });
  });

  it('(c) participants never exceed maxParticipants and their numbers and ids are unique', () => {
    holds(({ after: { participants, settings } }) => {
      const numbers = participants.map((p) => p.number);
      // Two entries for one Teams user (same channel id) would count them twice.
      const channelIds = participants.flatMap((p) => (p.channelUserId ? [p.channelUserId] : []));
      return [
        participants.length > settings.maxParticipants && `${participants.length} participants, max ${settings.maxParticipants}`,
        new Set(numbers).size !== numbers.length && `numbers not unique ${show(numbers)}`,
        numbers.some((n) => !Number.isInteger(n) || n < 1) && `numbers not 1, 2, ... ${show(numbers)}`,
        new Set(participants.map((p) => p.id)).size !== participants.length && 'ids not unique',
        new Set(channelIds).size !== channelIds.length && `channel ids not unique ${show(channelIds)}`,
      ];
    });
  });

  it('(d) once a pick round is revealed, its picks and reveal time never change', () => {
    holdsPerScenario(() => {
      // One memory per scenario: what each revealed round looked like when first seen revealed.
      const revealed = new Map<number, { revealedAt: number; picks: unknown }>();
      return ({ after }) => {
        const problems: Array<string | false> = [];
        for (const [number, frozen] of revealed) {
          const round = after.pickRounds.find((r) => r.number === number);
          problems.push(
            round?.revealedAt !== frozen.revealedAt && `round ${number} revealedAt ${frozen.revealedAt} became ${round?.revealedAt}`,
            !sameData(round?.picks, frozen.picks) && `round ${number} picks changed after the reveal`,
          );
        }
        for (const round of after.pickRounds) {
          if (round.revealedAt !== undefined && !revealed.has(round.number)) {
            revealed.set(round.number, { revealedAt: round.revealedAt, picks: structuredClone(round.picks) });
          }
        }
        return problems;
      };
    });
  });

  it('(e) updatedAt moves to now exactly when the state changes', () => {
    holds(({ before, result, after, now }) => {
      if (result.type === 'error' || after === before) {
        return [after.updatedAt !== before.updatedAt && 'updatedAt moved without a change'];
      }
      return [
        after.updatedAt !== now && `updatedAt ${after.updatedAt}, expected ${now}`,
        // A new state object must carry a real change, or the adapter would re-post cards for nothing.
        sameData({ ...after, updatedAt: 0 }, { ...before, updatedAt: 0 }) && 'a new state object without any change',
      ];
    });
  });

  it('(f) only a leider moves the phase: one step on, to a round, or to the end', () => {
    holds(({ actor: who, command, before, result, after }) => {
      if (before.phase === 'ended') {
        return [(result.type !== 'error' || result.code !== 'tableStopped') && 'an ended table accepted a command'];
      }
      if (after.phase === before.phase) return [];
      const nextInOrder = PHASES[PHASES.indexOf(before.phase) + 1];
      const allowed =
        command.type === 'next'
          ? [nextInOrder]
          : command.type === 'goToRound'
            ? [`round${command.round}`]
            : command.type === 'stop'
              ? ['ended']
              : [];
      return [
        !isLeader(before, who) && `${who.id} is no leider but moved ${before.phase} → ${after.phase}`,
        !allowed.includes(after.phase) && `${command.type} moved ${before.phase} → ${after.phase}`,
        // Round 1 is the silent pick round: being in it without one would leave nothing to pick in.
        after.phase === 'round1' && after.pickRounds.length === 0 && 'round1 without a pick round',
        after.phase === 'ended' && after.stoppedAt === undefined && 'ended without stoppedAt',
      ];
    });
  });

  // Guards the generators: if they stop reaching reveals, the properties above test little.
  it('reaches revealed pick rounds in a fair share of scenarios', () => {
    const samples = fc.sample(scenarioArb, { numRuns: 200, seed: 42 });
    const withReveal = samples.filter((scenario) => {
      let sawReveal = false;
      problemsIn(scenario, ({ result }) => {
        if (result.type === 'ok' && result.events.some((e) => e.type === 'picksRevealed')) sawReveal = true;
        return [];
      });
      return sawReveal;
    }).length;
    expect(withReveal).toBeGreaterThanOrEqual(40);
  });
});
