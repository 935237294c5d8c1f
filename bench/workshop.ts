/**
 * A whole workshop played by one table over HTTP, start to summary, with every form opened and
 * every shared card posted and updated, with the default deck or a session deck of its own, and
 * typical or maximal text. Part 3b plays these to find the largest card the bot sends; each invoke
 * answer's card is kept with its size.
 */
import { AGREEMENTS, ZONES, type TableState } from '../src/domain';
import type { RedisTableStore } from '../src/store';
import { requesterHash } from '../src/teams/commands/session-commands';
import { channelConversation } from '../test/support/channel-conversation';
import { BenchTable, dutch, SAVED, stickersFor, type BenchTarget, type InvokeCard } from './teams';

export interface FlowSpec {
  name: string;
  /** 'default': the bot's own deck (58 ingredients, 18 intentions); a number: a session deck of that many ingredients and intentions, each title 60 characters. */
  deck: 'default' | number;
  text: 'typical' | 'max';
  /** Place every ingredient of the deck on the board (instead of the cards picked in Round 1). */
  placeAll?: boolean;
}

interface Lengths {
  name?: number;
  title: number;
  arg: number;
  role: number;
  involvement: number;
  reason: number;
  conclusion: number;
  note: number;
  discussion: number;
  policyGoal: number;
  policyGoals: number;
  closing: number;
  ownTitle: number;
  ownDescription: number;
  goal: number;
}

/** Typical: what a table types. Max: every free text at its limit (src/domain/limits.ts, session-types.ts). */
const LENGTHS: Record<FlowSpec['text'], Lengths> = {
  typical: {
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
  },
  max: {
    name: 80,
    title: 100,
    arg: 500,
    role: 100,
    involvement: 300,
    reason: 300,
    conclusion: 500,
    note: 1000,
    discussion: 1000,
    policyGoal: 200,
    policyGoals: 12,
    closing: 1000,
    ownTitle: 60,
    ownDescription: 300,
    goal: 1000,
  },
};

export interface SentCard {
  /** For invoke answers when kept: the card itself. */
  card?: Record<string, unknown>;
  /** 'post' / 'update' at the connector, or 'invoke <verb>' for an invoke response. */
  how: string;
  heading: string;
  /** UTF-8 bytes of the attachment's JSON (connector) or of the card's JSON (invoke response). */
  bytes: number;
  /** UTF-8 bytes of the whole activity (connector) or of the whole HTTP answer (invoke). */
  totalBytes: number;
}

export interface FlowResult {
  spec: FlowSpec;
  conversations: string[];
  invokes: SentCard[];
  /** Set when the flow did not get through, or the table did not end up as played. */
  problem?: string;
  stateBytes: number;
}

export interface WorkshopOptions {
  target: BenchTarget;
  /** To read the table's state as the flow needs it (the deck's ids, what was picked). */
  store: RedisTableStore;
  /** The table's number; the organiser's channel, when there is one, gets n + 50. */
  n: number;
}

/** One workshop being played. */
interface Play {
  spec: FlowSpec;
  L: Lengths;
  table: BenchTable;
  /** The organiser's channel, when the deck is a session's. */
  channel?: BenchTable;
  state(): Promise<TableState>;
}

const SESSION_CODE = /([ACDEFHJKMNPRTWXY3479]{3}-[ACDEFHJKMNPRTWXY3479]{3})/;

export async function playWorkshop(spec: FlowSpec, opts: WorkshopOptions): Promise<FlowResult> {
  const L = LENGTHS[spec.text];
  const names = L.name ? Array.from({ length: 8 }, (_, i) => dutch(L.name!, `Deelnemer ${i + 1} van Achternaam `)) : undefined;
  const table = new BenchTable(opts.target, { n: opts.n, ...(names ? { names, leaderName: dutch(L.name!, 'Gespreksleider ') } : {}) });
  const result: FlowResult = { spec, conversations: [table.chat.id], invokes: [], stateBytes: 0 };
  table.onInvoke = (verb, card) => result.invokes.push(sentCard(verb, card));
  const key = { tenantId: table.chat.tenantId, conversationId: table.chat.id };
  const play: Play = {
    spec,
    L,
    table,
    state: async () => {
      const s = await opts.store.get(key);
      if (!s) throw new Error('the table is not in Redis');
      return s;
    },
  };

  try {
    if (spec.deck === 'default') await table.lead(`start ${title(play)}`);
    else {
      play.channel = organiserChannel(opts, table.onInvoke);
      result.conversations.push(play.channel.chat.id);
      await startWithSessionDeck(play, play.channel, spec.deck);
    }
    await welcomeAndIntro(play);
    await round1(play);
    const placed = await round2(play);
    await round3(play);
    await closing(play);
    const end = await play.state();
    result.stateBytes = Buffer.byteLength(JSON.stringify(end), 'utf8');
    const problems = problemsOf(end, { spec, placed });
    if (problems.length) result.problem = problems.join(', ');
  } catch (err) {
    result.problem = err instanceof Error ? err.message : String(err);
  }
  return result;
}

function sentCard(verb: string, card: InvokeCard): SentCard {
  return { how: `invoke ${verb}`, heading: card.heading, bytes: card.cardBytes, totalBytes: card.responseBytes, card: card.card };
}

function title(play: Play): string {
  return dutch(play.L.title, `Tafel ${play.spec.name} `);
}

function lines(count: number, prefix: string, length: number): string {
  return Array.from({ length: count }, (_, k) => dutch(length, `${prefix} ${k + 1} `)).join('\n');
}

function organiserChannel(opts: WorkshopOptions, onInvoke: BenchTable['onInvoke']): BenchTable {
  const channel = new BenchTable(opts.target, { n: opts.n + 50, people: 0, chat: channelConversation(), leaderName: 'Olga Organisator' });
  channel.onInvoke = onInvoke;
  return channel;
}

/** The organiser's session with its own deck of `size` cards, then the table starts with the session's code. */
async function startWithSessionDeck(play: Play, channel: BenchTable, size: number): Promise<void> {
  const { L } = play;
  await channel.lead(`sessie nieuw ${dutch(L.title, 'Sessie ')}`);
  const created = await channel.press(channel.leader, 'session.create', {
    by: requesterHash(channel.leader.aadObjectId),
    title: dutch(L.title, 'Sessie '),
    goal: dutch(L.goal, 'Doel: '),
    outcomeUse: dutch(L.goal, 'Uitkomsten: '),
    policyGoals: lines(L.policyGoals, 'Beleidsdoel', L.policyGoal),
    maxParticipants: '8',
    ingredientsMode: 'replace',
    ingredientCards: lines(size, 'Kaartje', 60),
    intentionsMode: 'replace',
    intentionCards: lines(size, 'Bedoeling', 60),
  });
  const code = SESSION_CODE.exec(JSON.stringify(created.card))?.[1];
  if (!code) throw new Error(`session.create answered: ${created.heading}`);
  await play.table.lead(`start ${code} ${title(play)}`);
}

async function welcomeAndIntro({ table, L }: Play): Promise<void> {
  const P = table.people;
  await table.joinAll();
  for (const p of P) await table.press(p, 'consent.set', { consent: true });
  await table.press(P[0]!, 'welcome.view');

  await table.lead('volgende');
  await table.press(P[0]!, 'intro.open');
  for (const [i, p] of P.entries())
    await table.press(p, 'intro.submit', { role: dutch(L.role, `Rol ${i} `), involvement: dutch(L.involvement, `Betrokken ${i} `) });
}

async function round1({ table, L, state }: Play): Promise<void> {
  const P = table.people;
  await table.lead('volgende');
  await table.press(P[0]!, 'picks.open', { round: 1 });
  await table.press(P[0]!, 'picks.info', { round: 1 });
  await table.press(P[0]!, 'owncard.open', { kind: 'ingredient' });
  for (const k of [0, 1])
    await table.press(P[k]!, 'owncard.add', {
      kind: 'ingredient',
      title: dutch(L.ownTitle, `Eigen kaartje ${k + 1} `),
      description: dutch(L.ownDescription, 'Omschrijving '),
    });
  const ids = (await state()).deck.ingredients.map((c) => c.id);
  for (const i of P.keys()) await table.submitPicks(i, { round: 1, ids, argLength: L.arg });
  await table.lead('status');
  await table.lead('help');
  await table.lead('onthul');
}

/** Round 2: the board, two polls, conclusions and notes, the silent round. Returns how many cards were placed. */
async function round2({ spec, table, L, state }: Play): Promise<number> {
  const P = table.people;
  const L0 = table.leader;
  await table.lead('volgende');
  await table.press(L0, 'board.place.open');
  const s = await state();
  const ingredients = s.deck.ingredients.map((c) => c.id);
  const picked = [...new Set(Object.values(s.pickRounds[0]?.picks ?? {}).flatMap((sub) => Object.values(sub.picks).map((p) => p.cardId)))];
  const toPlace = spec.placeAll ? ingredients : picked;
  for (const [k, card] of toPlace.entries()) {
    await table.press(L0, 'board.place', {
      card,
      zone: ZONES[k % ZONES.length],
      agreement: AGREEMENTS[k % AGREEMENTS.length],
      purpose: dutch(L.reason, 'Doel '),
      trait: dutch(L.reason, 'Kenmerk '),
    });
  }
  for (const poll of [1, 2]) {
    await table.press(L0, 'poll.open', { card: ingredients[poll + 10] });
    await table.press(P[0]!, 'poll.vote.open', { poll });
    for (const [i, p] of P.entries()) await table.press(p, 'poll.vote', { poll, zone: ZONES[i % ZONES.length] });
    await table.press(L0, 'poll.close', { poll });
  }
  for (let k = 0; k < 5; k++) await table.lead(`conclusie ${dutch(L.conclusion, `Conclusie ${k + 1} `)}`);
  for (let k = 0; k < 3; k++) await table.lead(`notitie ${dutch(L.note, `Notitie ${k + 1} `)}`);
  await table.lead('stille ronde');
  for (const i of P.keys()) await table.submitPicks(i, { variant: 1, round: 2, ids: ingredients, argLength: L.arg });
  await table.lead('onthul');
  await table.lead('model');
  return toPlace.length;
}

async function round3({ table, L, state }: Play): Promise<void> {
  const P = table.people;
  const L0 = table.leader;
  await table.lead('volgende');
  for (const k of [0, 1])
    await table.press(P[k]!, 'owncard.add', {
      kind: 'intention',
      title: dutch(L.ownTitle, `Eigen bedoeling ${k + 1} `),
      description: dutch(L.ownDescription, 'Omschrijving '),
    });
  const intentions = (await state()).deck.intentions.map((c) => c.id);
  await table.press(P[0]!, 'stickers.open');
  for (const [i, p] of P.entries()) await table.pressExpect(p, 'stickers.submit', stickersFor(i, { ids: intentions }), SAVED.stickers);
  await table.lead('sluit');
  await table.press(L0, 'discussion.open');
  await table.press(L0, 'discussion.save', {
    mainIntention: intentions[0],
    agreements: dutch(L.discussion, 'Eens: '),
    disagreements: dutch(L.discussion, 'Oneens: '),
    policyRelation: dutch(L.discussion, 'Beleid: '),
    policyGoals: lines(L.policyGoals, 'Doel', L.policyGoal),
  });
}

async function closing({ table, L, channel }: Play): Promise<void> {
  const P = table.people;
  await table.lead('volgende');
  await table.press(P[0]!, 'closing.open');
  for (const [i, p] of P.entries())
    await table.press(p, 'closing.submit', { learned: dutch(L.closing, `Geleerd ${i} `), action: dutch(L.closing, `Actie ${i} `) });
  await table.lead('status');
  await table.lead('volgende');
  await table.lead('samenvatting');
  if (channel) {
    await channel.lead('totaalbeeld');
    await channel.lead('sessie');
  }
}

/** What is not as the workshop was played: an empty list when the table ended as expected. */
function problemsOf(end: TableState, played: { spec: FlowSpec; placed: number }): string[] {
  const { spec, placed } = played;
  const problems: string[] = [];
  if (end.phase !== 'ended') problems.push(`phase ${end.phase}`);
  if (end.participants.length !== 8) problems.push(`${end.participants.length} participants`);
  if (Object.keys(end.pickRounds[0]?.picks ?? {}).length !== 8) problems.push('Round 1 picks missing');
  if (Object.keys(end.round2.placements).length !== placed)
    problems.push(`${Object.keys(end.round2.placements).length} of ${placed} placements`);
  if (Object.keys(end.round3.stickers).length !== 8) problems.push('stickers missing');
  if (Object.keys(end.closing).length !== 8) problems.push('closing answers missing');
  // Two own cards join the deck, up to the deck limit of 100.
  if (spec.deck !== 'default' && end.deck.ingredients.length !== Math.min(100, spec.deck + 2))
    problems.push(`deck of ${end.deck.ingredients.length} ingredients`);
  return problems;
}
