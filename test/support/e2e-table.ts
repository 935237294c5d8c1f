/**
 * Drives one table (one Teams group chat) of the running bot over HTTP, as Teams would: chat
 * messages from the leider, card button presses (Universal Actions invokes) from participants. Every
 * call goes through the real server; what the bot sends back is read from the connector stand-in.
 */
import { randomBytes } from 'node:crypto';
import { connectRedis, scanKeys, whenReady } from '../../src/store';
import type { Harness } from './bot-under-test';
import { startHarness } from './bot-under-test';
import { cardOfCall, cardText, headingOf, rowsOf, type Card } from './cards';
import type { ConnectorCall } from './connector-stand-in';
import { cardAction, groupChat, message, type TeamsChat, type TeamsUser } from './teams-activity';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** `REDIS_KEY_PREFIX` allows lowercase letters, digits and dashes, at most 20: `e2e-` + 8 hex + pid. */
export function uniqueRedisPrefix(): string {
  return `e2e-${randomBytes(4).toString('hex')}-${process.pid % 100000}`.slice(0, 20);
}

/**
 * The two stores every scenario runs against, for `describe.each`. The Redis prefix is new for each
 * test file (each file has its own module registry), so parallel files never share keys.
 */
export function storeVariants(): Array<[string, Record<string, string>]> {
  return [
    ['memory', {}],
    ['redis', { REDIS_URL, REDIS_KEY_PREFIX: uniqueRedisPrefix() }],
  ];
}

/** Every key under `prefix:` (found with SCAN, never KEYS). */
export async function redisKeysUnder(url: string, prefix: string): Promise<string[]> {
  const redis = connectRedis(url);
  try {
    await whenReady(redis);
    return await scanKeys(redis, `${prefix}:*`);
  } finally {
    await redis.quit().catch(() => undefined);
  }
}

export async function removeRedisKeys(url: string, prefix: string): Promise<number> {
  const keys = await redisKeysUnder(url, prefix);
  if (keys.length === 0) return 0;
  const redis = connectRedis(url);
  try {
    await whenReady(redis);
    await redis.unlink(...keys);
  } finally {
    await redis.quit().catch(() => undefined);
  }
  return keys.length;
}

/**
 * Starts the bot before the tests of the enclosing `describe` and stops it after; on Redis it
 * removes every key of the run's prefix afterwards.
 */
export function useBot(env: Record<string, string>): { readonly h: Harness } {
  const ref: { h?: Harness } = {};
  beforeAll(async () => {
    ref.h = await startHarness(env);
  });
  afterAll(async () => {
    await ref.h?.close();
    if (env.REDIS_URL && env.REDIS_KEY_PREFIX) {
      await removeRedisKeys(env.REDIS_URL, env.REDIS_KEY_PREFIX);
      const left = await redisKeysUnder(env.REDIS_URL, env.REDIS_KEY_PREFIX);
      if (left.length > 0) throw new Error(`Redis keys left behind under ${env.REDIS_KEY_PREFIX}: ${left.join(', ')}`);
    }
  });
  return {
    get h() {
      if (!ref.h) throw new Error('the bot is not running (beforeAll failed?)');
      return ref.h;
    },
  };
}

export type PickSpec = Record<'in' | 'out' | 'doubt', [cardId: string, argument: string]>;

/** The data of the pick form's submit button, with the three inputs filled in as Teams merges them. */
export function pickData(picks: PickSpec, round: number | string = 1): Record<string, unknown> {
  return {
    round,
    inCard: picks.in[0],
    inArgument: picks.in[1],
    outCard: picks.out[0],
    outArgument: picks.out[1],
    doubtCard: picks.doubt[0],
    doubtArgument: picks.doubt[1],
  };
}

export interface InvokeAnswer {
  status: number;
  body: any;
  /** The card this user now sees in place of the one they pressed. */
  card: Card;
}

export class E2ETable {
  readonly chat: TeamsChat;
  /** The locale of every activity this driver sends, unless a call says otherwise. */
  private readonly locale: string;
  /** Message ids of the shared cards, as the stand-in gave them: the bot updates these. */
  welcomeId?: string;
  progressId?: string;
  /** The question to the leider whether their name may appear in the report, posted after the welcome card. */
  consentCard?: Card;

  constructor(
    readonly h: Harness,
    readonly leader: TeamsUser,
    opts: { chat?: TeamsChat; locale?: string } = {},
  ) {
    this.chat = opts.chat ?? groupChat();
    this.locale = opts.locale ?? 'nl-NL';
  }

  get connector() {
    return this.h.connector;
  }

  /** Every call the bot made to this conversation. */
  calls(): ConnectorCall[] {
    return this.connector.calls.filter((c) => c.conversationId === this.chat.id);
  }

  /**
   * What people in the conversation can see of the given calls (default: all so far): the text, the
   * notification summary and the cards. Addressing metadata (`from`, `recipient`) is left out.
   */
  visibleSent(calls: ConnectorCall[] = this.calls()): string {
    return calls.map((c) => JSON.stringify({ text: c.body?.text, summary: c.body?.summary, attachments: c.body?.attachments })).join('\n');
  }

  /** New messages posted to this conversation, in order. */
  posts(): ConnectorCall[] {
    return this.connector.posts(this.chat.id);
  }

  /** Updates (PUT) of one shared message. */
  updatesOf(messageId: string): ConnectorCall[] {
    return this.connector.updates(this.chat.id).filter((c) => c.activityId === messageId);
  }

  /** The card of a shared message as it stands now: its last update, else what was posted. */
  currentCard(messageId: string): Card | undefined {
    const updates = this.updatesOf(messageId);
    if (updates.length > 0) return cardOfCall(updates[updates.length - 1]);
    return cardOfCall(this.posts().find((c) => c.responseId === messageId));
  }

  /**
   * A chat message from `from`; resolves with the messages the bot posted to this conversation while
   * handling it (the turn completes before the HTTP answer, so nothing of this turn comes later).
   */
  async say(
    from: TeamsUser,
    text: string,
    opts: { mentionBot?: boolean; mentions?: TeamsUser[]; locale?: string } = {},
  ): Promise<ConnectorCall[]> {
    return this.resend(this.messageActivity(from, text, opts));
  }

  /** Like `say`, for a command that must answer with exactly one card: returns that card. */
  async sayOne(from: TeamsUser, text: string, opts: { mentionBot?: boolean; mentions?: TeamsUser[]; locale?: string } = {}): Promise<Card> {
    const posted = await this.say(from, text, opts);
    if (posted.length !== 1)
      throw new Error(`"${text}" posted ${posted.length} messages, expected 1: ${posted.map((p) => headingOf(cardOfCall(p))).join(' | ')}`);
    return cardOfCall(posted[0])!;
  }

  /** Sends a prepared activity as it is (same id each time: how Teams re-sends one it got no answer to). */
  async resend(activity: object): Promise<ConnectorCall[]> {
    const before = this.connector.calls.length;
    const res = await this.h.send(activity);
    if (res.status >= 300) throw new Error(`POST /api/messages answered ${res.status}: ${JSON.stringify(res.body)}`);
    return this.connector.calls
      .slice(before)
      .filter((c) => c.conversationId === this.chat.id && c.method === 'POST' && c.body?.type === 'message');
  }

  /** A chat message activity from `from`, built but not sent. */
  messageActivity(from: TeamsUser, text: string, opts: { mentionBot?: boolean; mentions?: TeamsUser[]; locale?: string } = {}) {
    return message(this.connector.url, this.chat, from, text, { mentionBot: true, locale: this.locale, ...opts });
  }

  /** A raw invoke with any `value`, for card data that does not parse. */
  async invokeRaw(from: TeamsUser, value: unknown, opts: { locale?: string } = {}): Promise<{ status: number; body: any }> {
    const activity = { ...cardAction(this.connector.url, this.chat, from, 'x', {}, { locale: opts.locale ?? this.locale }), value };
    return this.h.send(activity);
  }

  /** A button press (`Action.Execute`) by `from`; resolves with the card the invoke response carries. */
  /** `on`: the message the button is on (Teams sends it as `replyToId`); the answer replaces that card for `from`. */
  async press(
    from: TeamsUser,
    verb: string,
    data: Record<string, unknown> = {},
    opts: { locale?: string; on?: string } = {},
  ): Promise<InvokeAnswer> {
    const res = await this.h.send(
      cardAction(this.connector.url, this.chat, from, verb, data, {
        locale: opts.locale ?? this.locale,
        ...(opts.on ? { replyToId: opts.on } : {}),
      }),
    );
    return toAnswer(res, verb);
  }

  /** `start`: the welcome card, then the question to the leider about their name; returns the welcome card. */
  async start(title?: string): Promise<Card> {
    const posted = await this.say(this.leader, title ? `start ${title}` : 'start');
    const headings = posted.map((p) => headingOf(cardOfCall(p)));
    if (posted.length !== 2 || !/naam in het verslag|name appear in the report/.test(headings[1] ?? ''))
      throw new Error(`start posted ${posted.length} messages: ${headings.join(' | ')}`);
    this.welcomeId = idOf(posted[0]!);
    this.consentCard = cardOfCall(posted[1]);
    return cardOfCall(posted[0])!;
  }

  /** Joins each user (one after the other); returns each user's participant number. */
  async join(...users: TeamsUser[]): Promise<number[]> {
    const numbers: number[] = [];
    for (const u of users) numbers.push(participantNumber((await this.press(u, 'join')).card));
    return numbers;
  }

  /** `volgende` twice: kennismaking, then Round 1 with its shared progress card. */
  async toRound1(): Promise<void> {
    await this.say(this.leader, 'volgende');
    const posted = await this.say(this.leader, 'volgende');
    const progress = posted.find((p) => /stille keuze|silent picks/.test(headingOf(cardOfCall(p))));
    if (!progress) throw new Error(`Round 1 posted no progress card: ${posted.map((p) => headingOf(cardOfCall(p))).join(' | ')}`);
    this.progressId = idOf(progress);
  }

  async submit(from: TeamsUser, picks: PickSpec, round: number | string = 1): Promise<InvokeAnswer> {
    return this.press(from, 'picks.submit', pickData(picks, round));
  }

  /** The status card's rows, asked for in the chat. */
  async status(from: TeamsUser = this.leader): Promise<Record<string, string>> {
    return rowsOf(await this.sayOne(from, 'status'));
  }

  /** Waits until the shared message's latest update satisfies `ok`, then lets pending updates settle. */
  async waitForCard(messageId: string, ok: (text: string, card: Card) => boolean, what: string): Promise<Card> {
    await this.connector
      .waitFor(() => {
        const card = this.currentCard(messageId);
        return card !== undefined && ok(cardText(card), card);
      }, what)
      .catch((err: Error) => {
        throw new Error(`${err.message}; the card shows:\n${cardText(this.currentCard(messageId))}`);
      });
    // A later coalesced update may still be on its way: flush it, then read the final state.
    await this.h.app.updater.flush();
    const card = this.currentCard(messageId)!;
    if (!ok(cardText(card), card)) throw new Error(`${what}: a later update changed it to:\n${cardText(card)}`);
    return card;
  }
}

/** The id the stand-in gave a posted message: the bot stores it to update the card later. */
export function idOf(call: ConnectorCall): string {
  if (!call.responseId) throw new Error(`no message id for ${call.method} ${call.path}`);
  return call.responseId;
}

export function toAnswer(res: { status: number; body: any }, what: string): InvokeAnswer {
  const card = res.body?.value;
  if (
    res.status !== 200 ||
    res.body?.statusCode !== 200 ||
    res.body?.type !== 'application/vnd.microsoft.card.adaptive' ||
    card?.type !== 'AdaptiveCard'
  ) {
    throw new Error(`invoke ${what} answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
  return { status: res.status, body: res.body, card };
}

/** "Je doet mee als deelnemer 3" / "You have joined as participant 3" → 3. */
export function participantNumber(card: Card): number {
  const m = /(?:Je doet mee als deelnemer|You have joined as participant) (\d+)/.exec(cardText(card));
  if (!m) throw new Error(`not a joined participant's view:\n${cardText(card)}`);
  return Number(m[1]);
}
