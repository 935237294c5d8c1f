/**
 * The largest tables the limits allow, played through `decide` as the benchmark plays them over HTTP
 * (bench/workshop.ts): a session deck of 60 or 100 ingredients and intentions with 60-character
 * titles, 8 participants with 80-character names who all consented, every free text at its maximum,
 * two own cards of each kind (while the deck has room), and every ingredient placed on the model.
 */
import {
  AGREEMENTS,
  buildDeck,
  decide,
  defaultDeck,
  LIMITS,
  newTable,
  SESSION_LIMITS,
  ZONES,
  type Actor,
  type Command,
  type Deck,
  type PickSet,
  type TableState,
} from '../../src/domain';

export const T0 = Date.UTC(2025, 2, 12, 13, 30, 0);

/** Readable Dutch of exactly `n` characters (with an accent, so bytes count more than characters). */
export function dutch(n: number, tag = ''): string {
  const base = `${tag}Het café in de wijk is een plek waar iedereen binnenloopt, ook wie geïsoleerd woont. `;
  return base
    .repeat(Math.ceil(n / base.length) + 1)
    .slice(0, n)
    .trimEnd()
    .padEnd(n, '.');
}

const lines = (count: number, prefix: string, length: number) =>
  Array.from({ length: count }, (_, k) => dutch(length, `${prefix} ${k + 1} `)).join('\n');

/** A session deck of `size` ingredients and intentions, each title at the maximum length. */
export function sessionDeck(size: number): Deck {
  const defaults = defaultDeck();
  const ingredients = buildDeck(
    'ingredient',
    { mode: 'replace', text: lines(size, 'Kaartje', SESSION_LIMITS.cardTitle) },
    defaults.ingredients,
  );
  if ('code' in ingredients) throw new Error(ingredients.code);
  const taken = new Set(ingredients.cards.map((c) => c.id));
  const intentions = buildDeck(
    'intention',
    { mode: 'replace', text: lines(size, 'Bedoeling', SESSION_LIMITS.cardTitle) },
    defaults.intentions,
    taken,
  );
  if ('code' in intentions) throw new Error(intentions.code);
  return { ingredients: ingredients.cards, intentions: intentions.cards };
}

export interface MaxTableOptions {
  /** 'default' or the size of a session deck. */
  deck: 'default' | number;
  text: 'typical' | 'max';
  /** Place every ingredient (true) or only the cards picked in Round 1. */
  placeAll?: boolean;
  /** Up to which phase to play; the table is returned as it is then. */
  until?: 'round1' | 'revealed' | 'round2' | 'round3' | 'ended';
  participants?: number;
}

const TYPICAL = {
  title: 25,
  arg: 120,
  role: 30,
  involvement: 120,
  reason: 100,
  conclusion: 150,
  note: 200,
  discussion: 300,
  policyGoal: 60,
  policyGoals: 3,
  closing: 200,
  ownTitle: 30,
  ownDescription: 100,
  goal: 200,
  name: 0,
};
const MAX = {
  title: LIMITS.title,
  arg: LIMITS.argument,
  role: LIMITS.introRole,
  involvement: LIMITS.introInvolvement,
  reason: LIMITS.reason,
  conclusion: LIMITS.conclusion,
  note: LIMITS.note,
  discussion: LIMITS.discussion,
  policyGoal: LIMITS.policyGoal,
  policyGoals: LIMITS.policyGoals,
  closing: LIMITS.closingAnswer,
  ownTitle: LIMITS.ownCardTitle,
  ownDescription: LIMITS.ownCardDescription,
  goal: SESSION_LIMITS.goal,
  name: LIMITS.displayName,
};

const person = (i: number, name: string): Actor => ({ id: `aad-p${i}`, name, channelUserId: `29:p${i}` });

export function maxTable(options: MaxTableOptions): TableState {
  const L = options.text === 'max' ? MAX : TYPICAL;
  const count = options.participants ?? 8;
  const lead = person(0, L.name ? dutch(L.name, 'Gespreksleider ') : 'Lea Jansen');
  const people = Array.from({ length: count }, (_, i) =>
    person(i + 1, L.name ? dutch(L.name, `Deelnemer ${i + 1} van Achternaam `) : `Deelnemer ${i + 1}`),
  );
  const deck = options.deck === 'default' ? defaultDeck() : sessionDeck(options.deck);
  let state = newTable({
    actor: lead,
    title: dutch(L.title, 'Tafel '),
    defaultTitle: 'Tafel',
    settings: {
      maxParticipants: Math.max(8, count),
      language: 'nl',
      goal: dutch(L.goal, 'Doel: '),
      outcomeUse: dutch(L.goal, 'Uitkomsten: '),
      policyGoals: Array.from({ length: L.policyGoals }, (_, k) => dutch(L.policyGoal, `Beleidsdoel ${k + 1} `)),
    },
    deck,
    now: T0,
  });
  const until = options.until ?? 'ended';
  const run = (who: Actor, command: Command, optional = false) => {
    const result = decide(state, { actor: who, command }, state.updatedAt + 1000);
    if (result.type === 'error') {
      if (optional) return;
      throw new Error(`${who.name}: ${JSON.stringify(command).slice(0, 120)} refused: ${result.code}`);
    }
    state = result.state;
  };
  const next = () => run(lead, { type: 'next' });
  const ids = () => state.deck.ingredients.map((c) => c.id);
  const picks = (i: number, variant: number): PickSet => {
    const all = ids();
    const at = (k: number) => all[(i * 3 + k + variant * 5) % all.length]!;
    return {
      in: { cardId: at(0), argument: dutch(L.arg, `[${i}-in-${variant}] `) },
      out: { cardId: at(1), argument: dutch(L.arg, `[${i}-out-${variant}] `) },
      doubt: { cardId: at(2), argument: dutch(L.arg, `[${i}-doubt-${variant}] `) },
    };
  };

  for (const p of people) run(p, { type: 'join' });
  for (const p of people) run(p, { type: 'setNameConsent', consent: true });
  // The leider's name in the summary too, as long as it may be.
  run(lead, { type: 'setLeaderConsent', consent: true });
  next();
  for (const [i, p] of people.entries())
    run(p, { type: 'answerIntro', role: dutch(L.role, `Rol ${i} `), involvement: dutch(L.involvement, `Betrokken ${i} `) });
  next();
  for (const k of [0, 1])
    run(
      people[k]!,
      {
        type: 'addOwnCard',
        kind: 'ingredient',
        title: dutch(L.ownTitle, `Eigen kaartje ${k + 1} `),
        description: dutch(L.ownDescription, 'Omschrijving '),
      },
      true,
    );
  for (const [i, p] of people.entries()) run(p, { type: 'submitPicks', round: 1, picks: picks(i, 0) });
  if (until === 'round1') return state;
  run(lead, { type: 'reveal' });
  if (until === 'revealed') return state;
  next();
  const picked = [...new Set(Object.values(state.pickRounds[0]!.picks).flatMap((s) => Object.values(s.picks).map((p) => p.cardId)))];
  const toPlace = options.placeAll ? ids() : picked;
  for (const [k, cardId] of toPlace.entries()) {
    run(lead, {
      type: 'placeCard',
      cardId,
      zone: ZONES[k % ZONES.length]!,
      agreement: AGREEMENTS[k % AGREEMENTS.length]!,
      purpose: dutch(L.reason, 'Doel '),
      trait: dutch(L.reason, 'Kenmerk '),
    });
  }
  for (const poll of [1, 2]) {
    run(lead, { type: 'openPoll', cardId: ids()[poll + 10]! });
    for (const [i, p] of people.entries()) run(p, { type: 'votePoll', poll, zone: ZONES[i % ZONES.length]! });
    run(lead, { type: 'closePoll', poll });
  }
  for (let k = 0; k < 5; k++) run(lead, { type: 'addConclusion', text: dutch(L.conclusion, `Conclusie ${k + 1} `) });
  for (let k = 0; k < 3; k++) run(lead, { type: 'addNote', text: dutch(L.note, `Notitie ${k + 1} `) });
  run(lead, { type: 'openPickRound' });
  for (const [i, p] of people.entries()) run(p, { type: 'submitPicks', round: 2, picks: picks(i, 1) });
  run(lead, { type: 'reveal' });
  if (until === 'round2') return state;
  next();
  for (const k of [0, 1])
    run(
      people[k]!,
      {
        type: 'addOwnCard',
        kind: 'intention',
        title: dutch(L.ownTitle, `Eigen bedoeling ${k + 1} `),
        description: dutch(L.ownDescription, 'Omschrijving '),
      },
      true,
    );
  const intentions = state.deck.intentions.map((c) => c.id);
  for (const [i, p] of people.entries()) {
    // As the benchmark: two stickers on one intention, one on another; a big table spreads them wider.
    const at = (k: number) => intentions[k % intentions.length]!;
    const picks = count > 8 ? [at(3 * i), at(3 * i + 1), at(3 * i + 2)] : [at(i), at(i), at(i + 3)];
    const counts: Record<string, number> = {};
    for (const id of picks) counts[id] = (counts[id] ?? 0) + 1;
    run(p, { type: 'setStickers', counts });
  }
  run(lead, { type: 'closeVoting' });
  run(lead, {
    type: 'recordDiscussion',
    mainIntention: intentions[0]!,
    agreements: dutch(L.discussion, 'Eens: '),
    disagreements: dutch(L.discussion, 'Oneens: '),
    policyRelation: dutch(L.discussion, 'Beleid: '),
    policyGoals: Array.from({ length: L.policyGoals }, (_, k) => dutch(L.policyGoal, `Doel ${k + 1} `)),
  });
  if (until === 'round3') return state;
  next();
  for (const [i, p] of people.entries())
    run(p, { type: 'answerClosing', learned: dutch(L.closing, `Geleerd ${i} `), action: dutch(L.closing, `Actie ${i} `) });
  next();
  return state;
}
