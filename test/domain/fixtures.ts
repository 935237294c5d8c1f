/**
 * Builders for the domain tests: people, a started table, a way to play a script of commands, and a
 * valid pick set made of real cards from the default deck.
 */
import {
  decide,
  defaultDeck,
  LIMITS,
  newTable,
  type Actor,
  type Command,
  type DecideResult,
  type Decision,
  type RuleError,
  type SessionErrorCode,
  type DomainErrorCode,
  type PickSet,
  type TableState,
} from '../../src/domain';

/** A fixed, readable clock start; each scripted step adds one second so timestamps tell steps apart. */
export const T0 = Date.UTC(2025, 2, 12, 9, 0, 0);

/**
 * A Teams user as the adapter would pass them: an Entra id plus the channel id used by @mentions.
 * `channelUserId: null` models a user for whom Teams gave no channel id.
 */
export function actor(key: string, options: { channelUserId?: string | null; name?: string } = {}): Actor {
  const name = options.name ?? key.charAt(0).toUpperCase() + key.slice(1);
  const channelUserId = options.channelUserId === undefined ? `29:${key}` : options.channelUserId;
  return channelUserId === null ? { id: `aad-${key}`, name } : { id: `aad-${key}`, name, channelUserId };
}

/** The gespreksleider who starts every fixture table. */
export const LEAD = actor('lea');
export const ANNA = actor('anna');
export const BRAM = actor('bram');
export const CEES = actor('cees');
export const DINA = actor('dina');

/** The method's rule: a table holds at most 8 participants. */
export const METHOD_MAX_PARTICIPANTS = 8;

export function startTable(options: { maxParticipants?: number; lead?: Actor; now?: number; title?: string } = {}): TableState {
  return newTable({
    actor: options.lead ?? LEAD,
    defaultTitle: 'Tafel 1',
    ...(options.title !== undefined ? { title: options.title } : {}),
    settings: { maxParticipants: options.maxParticipants ?? METHOD_MAX_PARTICIPANTS, language: 'nl' },
    deck: defaultDeck(),
    now: options.now ?? T0,
  });
}

export type Step = readonly [Actor, Command];

/**
 * Plays a script of commands. Any refusal throws with the step and the code, so a broken setup is
 * reported where it happens instead of as a confusing assertion further down.
 * Step i runs at `start + (i + 1) * 1000`.
 */
export function play(state: TableState, steps: ReadonlyArray<Step>, start = state.updatedAt): TableState {
  return steps.reduce((current, [who, command], i) => {
    const result = decide(current, { actor: who, command }, start + (i + 1) * 1000);
    if (result.type === 'error') {
      throw new Error(`setup step ${i} (${who.id}: ${JSON.stringify(command)}) was refused with ${result.code}`);
    }
    return result.state;
  }, state);
}

export function expectOk(result: DecideResult): Decision {
  if (result.type === 'error') throw new Error(`expected success, got ${result.code} ${JSON.stringify(result.params ?? {})}`);
  return result;
}

export function expectError(result: DecideResult, code: DomainErrorCode | SessionErrorCode): RuleError {
  if (result.type !== 'error') throw new Error(`expected ${code}, got success with events ${JSON.stringify(result.events)}`);
  expect(result.code).toBe(code);
  return result;
}

const INGREDIENT_IDS = new Set(defaultDeck().ingredients.map((c) => c.id));
const INTENTION_IDS = new Set(defaultDeck().intentions.map((c) => c.id));

/** A card id that must exist in the default ingredient deck; fails loudly if the deck drops it. */
export function ingredient(id: string): string {
  if (!INGREDIENT_IDS.has(id)) throw new Error(`fixture card ${id} is not in the default ingredient deck`);
  return id;
}

/** A card id that must exist in the default intention deck. */
export function intention(id: string): string {
  if (!INTENTION_IDS.has(id)) throw new Error(`fixture card ${id} is not in the default intention deck`);
  return id;
}

/** Three different real ingredient cards, each with a short argument, as a participant would pick them. */
export function validPicks(overrides: Partial<PickSet> = {}): PickSet {
  return {
    in: { cardId: ingredient('buurthuis'), argument: 'Iedereen kan er binnenlopen' },
    out: { cardId: ingredient('individuele-ondersteuning'), argument: 'Met indicatie, dus niet vrij toegankelijk' },
    doubt: { cardId: ingredient('koffietafel-buurtsuper'), argument: 'Een winkel, maar mensen ontmoeten elkaar er' },
    ...overrides,
  };
}

/** Another valid set with other cards, for "changing your picks". */
export function otherPicks(): PickSet {
  return {
    in: { cardId: ingredient('mantelzorger'), argument: 'Zorgt voor een naaste' },
    out: { cardId: ingredient('huisarts'), argument: 'Eerstelijnszorg' },
    doubt: { cardId: ingredient('woningcorporatie'), argument: 'Bouwt, maar heeft ook een buurtrol' },
  };
}

const join = (who: Actor): Step => [who, { type: 'join' }];
const next: Command = { type: 'next' };

/** Tables at the points the tests start from. Participants are Anna, Bram, ... in that order. */
export const tables = {
  withParticipants(people: ReadonlyArray<Actor> = [ANNA, BRAM], options: { maxParticipants?: number } = {}): TableState {
    return play(startTable(options), people.map(join));
  },
  intro(people: ReadonlyArray<Actor> = [ANNA, BRAM]): TableState {
    return play(tables.withParticipants(people), [[LEAD, next]]);
  },
  /** Round 1 with its pick round open and nobody having picked yet. */
  round1(people: ReadonlyArray<Actor> = [ANNA, BRAM]): TableState {
    return play(tables.intro(people), [[LEAD, next]]);
  },
  /** Round 1 with Anna's picks in, not revealed. */
  round1WithPicks(): TableState {
    return play(tables.round1(), [[ANNA, { type: 'submitPicks', round: 1, picks: validPicks() }]]);
  },
  /** Round 1 after the reveal. */
  revealed(): TableState {
    return play(tables.round1WithPicks(), [[LEAD, { type: 'reveal' }]]);
  },
  round2(): TableState {
    return play(tables.revealed(), [[LEAD, next]]);
  },
  stopped(): TableState {
    return play(tables.round1WithPicks(), [[LEAD, { type: 'stop' }]]);
  },
  /** Round 2 with a silent placement poll open on the Buurthuis card, nobody having voted. */
  round2WithPoll(): TableState {
    return play(tables.round2(), [[LEAD, { type: 'openPoll', cardId: ingredient('buurthuis') }]]);
  },
  /** Round 2 whose ingredient deck is full: own cards up to LIMITS.deckSize. */
  round2WithFullDeck(): TableState {
    const s = tables.round2();
    const room = LIMITS.deckSize - s.deck.ingredients.length;
    return play(
      s,
      Array.from({ length: room }, (_, i): Step => [ANNA, { type: 'addOwnCard', kind: 'ingredient', title: `Eigen kaartje ${i + 1}` }]),
    );
  },
  /** Round 3, voting open, no stickers yet. */
  round3(): TableState {
    return play(tables.round2(), [[LEAD, next]]);
  },
  /** Round 3 with Anna's three stickers in: two on Verbinding, one on Meedoen. */
  round3WithStickers(): TableState {
    return play(tables.round3(), [[ANNA, { type: 'setStickers', counts: ANNA_STICKERS }]]);
  },
  /** Round 3 after the leider closed the voting. */
  round3Closed(): TableState {
    return play(tables.round3WithStickers(), [[LEAD, { type: 'closeVoting' }]]);
  },
  /** The slotvraag, after a closed Round 3. */
  closing(): TableState {
    return play(tables.round3Closed(), [[LEAD, next]]);
  },
};

/** Anna's stickers in `tables.round3WithStickers`. */
export const ANNA_STICKERS: Readonly<Record<string, number>> = { [intention('verbinding')]: 2, [intention('meedoen')]: 1 };

/** The name of the guest the fixtures add; `withGuest` returns the id the table gave them. */
export const GUEST_NAME = 'Gijs';

/** Adds a guest (someone in the room without a device) to any table, as the leider. */
export function withGuest(state: TableState, name = GUEST_NAME): { state: TableState; guest: string } {
  const after = play(state, [[LEAD, { type: 'addGuest', name }]]);
  const guest = after.participants[after.participants.length - 1]!;
  if (!guest.guest) throw new Error('fixture: addGuest did not add a guest');
  return { state: after, guest: guest.id };
}

/** `decide` must leave its input alone when it refuses: the store keeps the old state. */
export function decideUnchanged(state: TableState, who: Actor, command: Command, now = T0 + 3_600_000): DecideResult {
  const before = structuredClone(state);
  const result = decide(state, { actor: who, command }, now);
  expect(state).toStrictEqual(before);
  return result;
}

/**
 * Deep equality of plain data (objects, arrays, primitives), fast enough to run on every step of a
 * property. Not util.isDeepStrictEqual: structuredClone builds its objects in Node's realm, not Jest's
 * sandbox, so their prototypes differ. Keys whose value is undefined count, and NaN equals NaN.
 */
export function sameData(a: unknown, b: unknown): boolean {
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
  let keys = 0;
  for (const k in ra) {
    keys++;
    if (!Object.prototype.hasOwnProperty.call(rb, k) || !sameData(ra[k], rb[k])) return false;
  }
  for (const _ in rb) keys--;
  return keys === 0;
}
