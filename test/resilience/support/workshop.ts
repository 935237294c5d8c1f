/**
 * Drives workshop tables over several bot processes, the way Teams and a load balancer would: every
 * activity is a Teams-shaped HTTP POST to one of the processes (chosen by the seeded generator), a
 * re-sent activity keeps its id and may land on the other process, and what the bot sends to the
 * conversation is read from the connector stand-in running in the test process (the activities'
 * serviceUrl). What is stored is read straight from Redis with the bot's own store code.
 */
import { defaultDeck, type TableState } from '../../../src/domain';
import { t } from '../../../src/i18n';
import { connectRedis, connectRedisCluster, RedisTableStore, whenReady, type TableKey } from '../../../src/store';
import { cardOfCall, cardText, findAll, headingOf, revealGroups, type Card } from '../../support/cards';
import type { ConnectorCall, ConnectorStandIn } from '../../support/connector-stand-in';
import { cardAction, groupChat, message, user, type TeamsChat, type TeamsUser } from '../../support/teams-activity';
import type { BotProcess, Delivery } from './bot-process';

/** Where an activity is posted: a bot process, or a load balancer in front of several. */
export type Sender = Pick<BotProcess, 'name' | 'send'>;
import type { Rng } from './seed';

export const TEXT = {
  picksSaved: t('nl', 'picks.savedTitle'),
  stickersSaved: t('nl', 'stickers.savedTitle'),
  /** error.storeUnavailable: "Het lukt even niet om dit op te slaan. Probeer het zo opnieuw; ..." */
  retry: t('nl', 'error.storeUnavailable'),
  /** The same for a chat command: check with status first (a second `volgende` would skip a phase). */
  retryCommand: t('nl', 'error.storeUnavailableCommand'),
  stillWorking: t('nl', 'error.stillWorking'),
  tooManyStickers: t('nl', 'error.tooManyStickers', { max: 3, count: 4 }),
  progressTitle: t('nl', 'progress.title', { round: 1 }),
  stickersProgressTitle: t('nl', 'stickers.progressTitle'),
  revealTitle: t('nl', 'reveal.title', { round: 1 }),
  rankingTitle: t('nl', 'ranking.title'),
  revealed: t('nl', 'progress.revealed'),
  votingClosed: t('nl', 'stickers.closed'),
};

export const DECK = defaultDeck();
export const INGREDIENT_IDS = DECK.ingredients.map((c) => c.id);
export const INTENTION_IDS = DECK.intentions.map((c) => c.id);
const INTENTION_BY_TITLE = new Map(DECK.intentions.map((c) => [c.title, c.id]));

/** What one delivery of an invoke got, from the user's point of view. */
export type Outcome =
  /** HTTP 200 with the confirmation card: acknowledged. */
  | { kind: 'ack'; card: Card }
  /** HTTP 200 with the Dutch "probeer het zo opnieuw" notice: not acknowledged. */
  | { kind: 'retry'; card: Card }
  /** Any other answer: a refusal card, "nog mee bezig", an error card, a 500. */
  | { kind: 'other'; status: number; text: string }
  /** No answer at all (the process is gone). */
  | { kind: 'network'; error: string };

export function classify(delivery: Delivery, confirmed: (card: Card) => boolean): Outcome {
  if (delivery.kind === 'network') return { kind: 'network', error: `${delivery.error} after ${delivery.ms} ms` };
  const body = delivery.body;
  const card = body?.value;
  // Store trouble is answered as a Universal Actions error, so Teams keeps the card and what was typed.
  if (
    delivery.status === 200 &&
    body?.type === 'application/vnd.microsoft.error' &&
    String(body?.value?.message ?? '').includes(TEXT.retry)
  ) {
    return { kind: 'retry', card: { type: 'AdaptiveCard', body: [] } as unknown as Card };
  }
  const isCard =
    delivery.status === 200 &&
    body?.statusCode === 200 &&
    body?.type === 'application/vnd.microsoft.card.adaptive' &&
    card?.type === 'AdaptiveCard';
  if (!isCard) return { kind: 'other', status: delivery.status, text: JSON.stringify(body) ?? '' };
  if (confirmed(card)) return { kind: 'ack', card };
  const text = cardText(card);
  if (text.includes(TEXT.retry)) return { kind: 'retry', card };
  return { kind: 'other', status: delivery.status, text };
}

export const isPicksSaved = (card: Card) => headingOf(card) === TEXT.picksSaved;
export const isStickersSaved = (card: Card) => headingOf(card) === TEXT.stickersSaved;
export const isJoined = (card: Card) => /Je doet mee als deelnemer \d+/.test(cardText(card));

/** One activity (one click), with every delivery of it. */
export interface Attempt<V = unknown> {
  who: TeamsUser;
  value: V;
  activityId: string;
  /** The activity as sent, to send again as Teams would (same id). */
  activity: { id: string };
  deliveries: Array<{ bot: string; outcome: Outcome; raw: Delivery }>;
}

export const acked = (a: Attempt) => a.deliveries.some((d) => d.outcome.kind === 'ack');
export const gotRetry = (a: Attempt) => a.deliveries.some((d) => d.outcome.kind === 'retry');

export function describeAttempt(a: Attempt): string {
  return `${a.who.name} ${a.activityId}: ${a.deliveries.map((d) => `${d.bot}→${d.outcome.kind}${d.outcome.kind === 'other' ? `(${d.outcome.status}: ${d.outcome.text.slice(0, 300)})` : d.outcome.kind === 'network' ? `(${d.outcome.error})` : ''}`).join(', ')}`;
}

/** Where and when each copy of an activity is delivered: the first at once, re-sent copies a little later or at the same moment. */
export interface Copy {
  bot: Sender;
  delayMs: number;
}

export function copies(rng: Rng, bots: readonly Sender[], max: number): Copy[] {
  const n = 1 + (max > 1 && rng.chance(0.5) ? 1 : 0) + (max > 2 && rng.chance(0.25) ? 1 : 0);
  return Array.from({ length: Math.min(n, max) }, (_, i) => ({
    bot: rng.pick(bots),
    delayMs: i === 0 ? 0 : rng.chance(0.4) ? 0 : rng.int(1, 80),
  }));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function deliver<V>(
  who: TeamsUser,
  value: V,
  activity: { id: string },
  plan: Copy[],
  confirmed: (card: Card) => boolean,
): Promise<Attempt<V>> {
  const deliveries = await Promise.all(
    plan.map(async ({ bot, delayMs }) => {
      if (delayMs) await sleep(delayMs);
      const raw = await bot.send(activity);
      return { bot: bot.name, outcome: classify(raw, confirmed), raw };
    }),
  );
  return { who, value, activityId: activity.id, activity, deliveries };
}

export type PicksValue = Record<'in' | 'out' | 'doubt', [cardId: string, argument: string]>;

/** Three different ingredient cards with arguments unique to this table, person and version. */
export function randomPicks(rng: Rng, tag: string): PicksValue {
  const [a, b, c] = rng.sample(INGREDIENT_IDS, 3) as [string, string, string];
  return { in: [a, `Hoort erbij ${tag}`], out: [b, `Hoort er niet bij ${tag}`], doubt: [c, `Twijfel ${tag}`] };
}

export function picksData(v: PicksValue): Record<string, unknown> {
  return {
    round: 1,
    inCard: v.in[0],
    inArgument: v.in[1],
    outCard: v.out[0],
    outArgument: v.out[1],
    doubtCard: v.doubt[0],
    doubtArgument: v.doubt[1],
  };
}

export type StickersValue = [string, string, string];

export function randomStickers(rng: Rng): StickersValue {
  // Several stickers on one intention are allowed: draw each on its own, from a few favourites, so totals pile up.
  const favourites = rng.sample(INTENTION_IDS, 5);
  return [rng.pick(favourites), rng.pick(favourites), rng.pick(favourites)];
}

export function countsOf(v: StickersValue): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const id of v) counts[id] = (counts[id] ?? 0) + 1;
  return counts;
}

export function sameCounts(a: Record<string, number> | undefined, b: Record<string, number>): boolean {
  if (!a) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] ?? 0) === (b[k] ?? 0));
}

export function storedPicks(state: TableState | undefined, who: TeamsUser) {
  return state?.pickRounds[0]?.picks[who.aadObjectId]?.picks;
}

export function picksEqual(stored: ReturnType<typeof storedPicks>, v: PicksValue): boolean {
  return !!stored && (['in', 'out', 'doubt'] as const).every((r) => stored[r].cardId === v[r][0] && stored[r].argument === v[r][1]);
}

export function storedStickers(state: TableState | undefined, who: TeamsUser): Record<string, number> | undefined {
  return state?.round3.stickers[who.aadObjectId]?.counts;
}

/** One Teams group chat with a leider and `size` participants. */
export class Table {
  readonly chat: TeamsChat;
  readonly leader: TeamsUser;
  readonly people: TeamsUser[];
  welcomeId?: string;
  progressId?: string;
  stickersId?: string;

  constructor(
    readonly n: number,
    size: number,
    readonly connector: ConnectorStandIn,
  ) {
    this.chat = groupChat(n);
    this.leader = user(100_000 + n, `Leider Tafel ${n}`);
    this.people = Array.from({ length: size }, (_, i) => user(n * 100 + i + 1, `Deelnemer T${n} P${i + 1}`));
  }

  get key(): TableKey {
    return { tenantId: this.chat.tenantId, conversationId: this.chat.id };
  }

  calls(): ConnectorCall[] {
    return this.connector.calls.filter((c) => c.conversationId === this.chat.id);
  }

  posts(): ConnectorCall[] {
    return this.calls().filter((c) => c.method === 'POST' && c.body?.type === 'message');
  }

  /** The card of a shared message as it stands now: its last update, else what was posted. */
  currentCard(messageId: string): Card | undefined {
    const calls = this.calls().filter(
      (c) => (c.method === 'PUT' && c.activityId === messageId) || (c.method === 'POST' && c.responseId === messageId),
    );
    return cardOfCall(calls[calls.length - 1]);
  }

  invoke(from: TeamsUser, verb: string, data: Record<string, unknown> = {}) {
    return cardAction(this.connector.url, this.chat, from, verb, data);
  }

  /**
   * A chat message (the leider's command by default) delivered to each of `bots` at the same moment
   * (one copy each: Teams re-sending it, landing on another instance). Resolves with the messages
   * posted to this chat meanwhile; every copy must be answered with a 2xx.
   */
  async say(bots: readonly Sender[], text: string, from: TeamsUser = this.leader): Promise<ConnectorCall[]> {
    const before = this.connector.calls.length;
    const activity = message(this.connector.url, this.chat, from, text, { mentionBot: true });
    const answers = await Promise.all(bots.map((b) => b.send(activity)));
    answers.forEach((a, i) => {
      if (a.kind !== 'http' || a.status >= 300) throw new Error(`"${text}" at table ${this.n} via ${bots[i]!.name}: ${JSON.stringify(a)}`);
    });
    return this.connector.calls
      .slice(before)
      .filter((c) => c.conversationId === this.chat.id && c.method === 'POST' && c.body?.type === 'message');
  }

  async start(bot: Sender): Promise<void> {
    const posted = await this.say([bot], `start Tafel ${this.n}`);
    const welcome = posted.find((p) => headingOf(cardOfCall(p)) === 'Gespreksmodel Sociale Basis');
    if (!welcome?.responseId)
      throw new Error(`table ${this.n}: start posted ${posted.map((p) => headingOf(cardOfCall(p))).join(' | ') || 'nothing'}`);
    this.welcomeId = welcome.responseId;
  }

  /** Everyone presses Doe mee at about the same moment, some presses delivered twice. */
  async joinAll(rng: Rng, bots: readonly Sender[], maxCopies: number): Promise<Attempt[]> {
    return Promise.all(this.people.map((p) => deliver(p, undefined, this.invoke(p, 'join'), copies(rng, bots, maxCopies), isJoined)));
  }

  /** volgende (kennismaking), volgende (Round 1 and its progress card), each through a seeded process. */
  async toRound1(rng: Rng, bots: readonly Sender[]): Promise<void> {
    await this.say([rng.pick(bots)], 'volgende');
    const posted = await this.say([rng.pick(bots)], 'volgende');
    const progress = posted.find((p) => headingOf(cardOfCall(p)) === TEXT.progressTitle);
    if (!progress?.responseId)
      throw new Error(`table ${this.n}: Round 1 posted no progress card: ${posted.map((p) => headingOf(cardOfCall(p))).join(' | ')}`);
    this.progressId = progress.responseId;
  }

  /** volgende twice after the reveal: Round 2, then Round 3 with its sticker progress card. */
  async toRound3(rng: Rng, bots: readonly Sender[]): Promise<void> {
    await this.say([rng.pick(bots)], 'volgende');
    const posted = await this.say([rng.pick(bots)], 'volgende');
    const progress = posted.find((p) => headingOf(cardOfCall(p)) === TEXT.stickersProgressTitle);
    if (!progress?.responseId)
      throw new Error(
        `table ${this.n}: Round 3 posted no sticker progress card: ${posted.map((p) => headingOf(cardOfCall(p))).join(' | ')}`,
      );
    this.stickersId = progress.responseId;
  }

  submitPicks(who: TeamsUser, v: PicksValue, plan: Copy[]): Promise<Attempt<PicksValue>> {
    return deliver(who, v, this.invoke(who, 'picks.submit', picksData(v)), plan, isPicksSaved);
  }

  submitStickers(who: TeamsUser, v: StickersValue, plan: Copy[]): Promise<Attempt<StickersValue>> {
    const [sticker1, sticker2, sticker3] = v;
    return deliver(who, v, this.invoke(who, 'stickers.submit', { sticker1, sticker2, sticker3 }), plan, isStickersSaved);
  }

  /**
   * Waits (bounded) until the shared message has had no update for `quietMs`, then returns its
   * card: the state it settles in, not one it passes through.
   */
  async settledCard(messageId: string, ok: (text: string) => boolean, what: string, timeoutMs = 20_000, quietMs = 700): Promise<Card> {
    const lastAt = () => {
      const calls = this.calls().filter((c) => (c.method === 'PUT' && c.activityId === messageId) || c.responseId === messageId);
      return calls[calls.length - 1]?.at ?? 0;
    };
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const card = this.currentCard(messageId);
      const text = cardText(card);
      if (ok(text) && Date.now() - lastAt() >= quietMs) return card!;
      if (Date.now() > deadline) throw new Error(`table ${this.n}: ${what} not reached within ${timeoutMs} ms; the card shows:\n${text}`);
      await sleep(50);
    }
  }
}

/** Reads tables straight from Redis with the bot's own store code (a fresh connection each time; `cluster`: REDIS_CLUSTER=true). */
export async function readTables(
  url: string,
  prefix: string,
  keys: readonly TableKey[],
  cluster = false,
): Promise<Array<TableState | undefined>> {
  const redis = cluster ? connectRedisCluster(url) : connectRedis(url);
  try {
    await whenReady(redis);
    const store = new RedisTableStore(redis, { prefix, retentionMs: 24 * 3600 * 1000 });
    return await Promise.all(keys.map((k) => store.get(k)));
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
}

/** The reveal card's groups: how many picks it shows in all. */
export function revealEntries(card: Card | undefined): number {
  return revealGroups(card).reduce((n, g) => n + g.entries.length, 0);
}

/** The ranking card's chart as intention id → stickers. */
export function rankingTotals(card: Card | undefined): Record<string, number> {
  const chart = findAll(card ?? {}, (n) => n.type === 'Chart.HorizontalBar')[0];
  const totals: Record<string, number> = {};
  for (const point of (chart?.data ?? []) as Array<{ x: string; y: number }>) {
    const id = INTENTION_BY_TITLE.get(point.x);
    if (!id) throw new Error(`ranking shows an unknown intention: ${point.x}`);
    totals[id] = point.y;
  }
  return totals;
}

/** Stickers per intention summed over the participants' stored sets. */
export function storedTotals(state: TableState | undefined): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const set of Object.values(state?.round3.stickers ?? {}))
    for (const [id, n] of Object.entries(set.counts)) totals[id] = (totals[id] ?? 0) + n;
  return totals;
}

export function sumOf(counts: Record<string, number> | undefined): number {
  return Object.values(counts ?? {}).reduce((a, b) => a + b, 0);
}
