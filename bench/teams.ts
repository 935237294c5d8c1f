/**
 * Teams as the benchmark plays it: activities as Teams sends them (test/support/teams-activity.ts)
 * posted over keep-alive HTTP, and a table driver that takes a group chat through the workshop.
 */
import { defaultDeck } from '../src/domain';
import { cardAction, groupChat, message, user, type TeamsChat, type TeamsUser } from '../test/support/teams-activity';
import { headingOf } from './connector';
import type { Answer, HttpClient } from './http-driver';
import { progress } from './settings';

export const DECK = defaultDeck();
export const INGREDIENT_IDS = DECK.ingredients.map((c) => c.id);
export const INTENTION_IDS = DECK.intentions.map((c) => c.id);

/** Headings of the invoke answers that mean "done" (Dutch, the tables' language). */
export const SAVED = { picks: 'Je keuzes zijn ingeleverd', stickers: 'Je stickers zijn geplakt' } as const;

/** An invoke answer as the benchmark reads it: the card this user sees, and its size. */
export interface InvokeCard {
  card: Record<string, unknown>;
  heading: string;
  /** UTF-8 bytes of the card's JSON (the `value` of the invoke response). */
  cardBytes: number;
  /** UTF-8 bytes of the whole HTTP answer. */
  responseBytes: number;
}

/** Reads an `adaptiveCard/action` answer; undefined when it is not a 200 with an Adaptive Card. */
export function invokeCardOf(answer: Answer): InvokeCard | undefined {
  if (answer.status !== 200) return undefined;
  try {
    const body = JSON.parse(answer.text) as { statusCode?: number; type?: string; value?: Record<string, unknown> };
    if (body.statusCode !== 200 || body.type !== 'application/vnd.microsoft.card.adaptive' || body.value?.type !== 'AdaptiveCard')
      return undefined;
    return {
      card: body.value,
      heading: headingOf(body.value) ?? '',
      cardBytes: Buffer.byteLength(JSON.stringify(body.value), 'utf8'),
      responseBytes: Buffer.byteLength(answer.text, 'utf8'),
    };
  } catch {
    return undefined;
  }
}

/**
 * Check for load runs, an error description or undefined: a 200 invoke response whose card has the
 * expected heading. Reads the answer as text (the full parse only for a bad one), so that the
 * driver, which shares the machine with the bots, spends little CPU on it.
 */
export function expectHeading(expected: string): (answer: Answer) => string | undefined {
  const heading = `"text":${JSON.stringify(expected)}`;
  return (answer) => {
    if (
      answer.status === 200 &&
      answer.text.startsWith('{"statusCode":200,"type":"application/vnd.microsoft.card.adaptive"') &&
      answer.text.includes(heading)
    )
      return undefined;
    const card = invokeCardOf(answer);
    if (!card) return `HTTP ${answer.status}: ${answer.text.slice(0, 120)}`;
    return card.heading === expected ? undefined : `answered "${card.heading.slice(0, 80)}"`;
  };
}

export function expectAnyCard(answer: Answer): string | undefined {
  if (
    answer.status === 200 &&
    answer.text.startsWith('{"statusCode":200,"type":"application/vnd.microsoft.card.adaptive","value":{"type":"AdaptiveCard"')
  )
    return undefined;
  return invokeCardOf(answer) ? undefined : `HTTP ${answer.status}: ${answer.text.slice(0, 120)}`;
}

export function expect2xx(answer: Answer): string | undefined {
  return answer.status >= 200 && answer.status < 300 ? undefined : `HTTP ${answer.status}: ${answer.text.slice(0, 120)}`;
}

/** A sentence of ordinary Dutch (with the accents Dutch uses), cut to exactly `n` characters. */
export function dutch(n: number, tag = ''): string {
  const base = `${tag}Het café in de wijk is een plek waar iedereen binnenloopt, ook wie geïsoleerd woont. `;
  return base
    .repeat(Math.ceil(n / base.length) + 1)
    .slice(0, n)
    .trimEnd()
    .padEnd(n, '.');
}

export type PickRole = 'in' | 'out' | 'doubt';

export interface PickOptions {
  /** 0 or 1: a participant who changes their picks sends the other variant. Default 0. */
  variant?: number;
  /** Default 1. */
  round?: number;
  /** The deck's ingredient ids. Default: the default deck's. */
  ids?: readonly string[];
  /** Characters of each argument. Default 120. */
  argLength?: number;
}

/**
 * The data of participant `i`'s pick form submit button, with the inputs filled in as Teams merges
 * them: three different ingredients and an argument for each.
 */
export function picksFor(i: number, opts: PickOptions = {}): Record<string, unknown> {
  const { variant = 0, round = 1, ids = INGREDIENT_IDS, argLength = 120 } = opts;
  const card = (k: number) => ids[(i * 3 + variant * 7 + k) % ids.length]!;
  const argument = (role: PickRole) => dutch(argLength, `[${i}-${role}-${variant}] `);
  return {
    round,
    inCard: card(0),
    inArgument: argument('in'),
    outCard: card(1),
    outArgument: argument('out'),
    doubtCard: card(2),
    doubtArgument: argument('doubt'),
  };
}

export interface StickerOptions {
  /** 0 or 1: a participant who changes their vote sends the other variant. Default 0. */
  variant?: number;
  /** The deck's intention ids. Default: the default deck's. */
  ids?: readonly string[];
}

/** Participant `i`'s three stickers: two on one intention, one on another. */
export function stickersFor(i: number, opts: StickerOptions = {}): Record<string, unknown> {
  const { variant = 0, ids = INTENTION_IDS } = opts;
  const a = ids[(i + variant) % ids.length]!;
  const b = ids[(i + variant + 3) % ids.length]!;
  return { sticker1: a, sticker2: a, sticker3: b };
}

/** Where a table's activities go: the bot (or the floor bot), and the connector its answers go to. */
export interface BenchTarget {
  client: HttpClient;
  botUrl: URL;
  serviceUrl: string;
}

export interface TableOptions {
  /** Number used to make this table's users unique. */
  n: number;
  people?: number;
  /** Display names, for the participants in order; default "Deelnemer Naam <id>". */
  names?: string[];
  leaderName?: string;
  chat?: TeamsChat;
}

/** One Teams group chat with a leider and participants, driven over HTTP. */
export class BenchTable {
  readonly chat: TeamsChat;
  readonly leader: TeamsUser;
  readonly people: TeamsUser[];
  /** Every invoke answer's card, for the card-size part (when `onInvoke` is set). */
  onInvoke?: (verb: string, card: InvokeCard) => void;

  readonly client: HttpClient;
  readonly botUrl: URL;
  readonly serviceUrl: string;

  constructor(target: BenchTarget, opts: TableOptions) {
    this.client = target.client;
    this.botUrl = target.botUrl;
    this.serviceUrl = target.serviceUrl;
    this.chat = opts.chat ?? groupChat(opts.n);
    this.leader = user(opts.n * 100, opts.leaderName ?? `Leider Tafel ${opts.n}`);
    this.people = Array.from({ length: opts.people ?? 8 }, (_, i) => user(opts.n * 100 + i + 1, opts.names?.[i]));
  }

  messageBody(from: TeamsUser, text: string): string {
    return JSON.stringify(message(this.serviceUrl, this.chat, from, text, { mentionBot: true }));
  }

  invokeBody(from: TeamsUser, verb: string, data: Record<string, unknown> = {}): string {
    return JSON.stringify(cardAction(this.serviceUrl, this.chat, from, verb, data));
  }

  async say(from: TeamsUser, text: string): Promise<void> {
    const answer = await this.client.post(this.botUrl, this.messageBody(from, text));
    const error = expect2xx(answer);
    if (error) throw new Error(`"${text.slice(0, 40)}": ${error}`);
  }

  async lead(text: string): Promise<void> {
    return this.say(this.leader, text);
  }

  async press(from: TeamsUser, verb: string, data: Record<string, unknown> = {}): Promise<InvokeCard> {
    const answer = await this.client.post(this.botUrl, this.invokeBody(from, verb, data));
    const card = invokeCardOf(answer);
    if (!card) throw new Error(`${verb}: HTTP ${answer.status} ${answer.text.slice(0, 200)}`);
    this.onInvoke?.(verb, card);
    return card;
  }

  /** Presses and checks the answer's heading. */
  async pressExpect(from: TeamsUser, verb: string, data: Record<string, unknown>, heading: string | RegExp): Promise<InvokeCard> {
    const card = await this.press(from, verb, data);
    const ok = typeof heading === 'string' ? card.heading === heading : heading.test(JSON.stringify(card.card));
    if (!ok) throw new Error(`${verb} answered "${card.heading}", expected ${String(heading)}`);
    return card;
  }

  async joinAll(): Promise<void> {
    for (const p of this.people) await this.pressExpect(p, 'join', {}, /Je doet mee als deelnemer/);
  }

  /** start, everyone joins, `volgende` twice: Round 1 with its progress card. */
  async toRound1(title = `Tafel ${this.chat.id.slice(9, 17)}`): Promise<void> {
    await this.lead(`start ${title}`);
    await this.joinAll();
    await this.lead('volgende');
    await this.lead('volgende');
  }

  async submitPicks(i: number, opts: PickOptions = {}): Promise<InvokeCard> {
    return this.pressExpect(this.people[i]!, 'picks.submit', picksFor(i, opts), SAVED.picks);
  }

  async vote(i: number, opts: StickerOptions = {}): Promise<InvokeCard> {
    return this.pressExpect(this.people[i]!, 'stickers.submit', stickersFor(i, opts), SAVED.stickers);
  }

  /** From Round 1 (everyone picked) to Round 3: reveal, Round 2, Round 3. */
  async round1ToRound3(): Promise<void> {
    await this.lead('onthul');
    await this.lead('volgende');
    await this.lead('volgende');
  }
}

export interface Preparation {
  /** What the tables are, for the progress line. */
  label: string;
  count: number;
  make(i: number): BenchTable;
  /** Takes one table to where the measurement needs it. */
  play(t: BenchTable): Promise<void>;
}

/** Makes `count` tables and plays each to where it is needed, 32 at a time. */
export async function prepareTables(p: Preparation): Promise<BenchTable[]> {
  const tables = Array.from({ length: p.count }, (_, i) => p.make(i));
  const started = Date.now();
  await pool(tables, 32, async (t) => p.play(t));
  progress(`prepared ${p.count} ${p.label} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return tables;
}

/** Runs `task` for every item, at most `limit` at a time. */
export async function pool<T>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) await task(items[i]!, i);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
