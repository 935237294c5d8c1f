/**
 * Part 3b: the largest card the bot sends. One table per profile plays the whole workshop
 * (workshop.ts), while the connector stand-in records the size of every attachment it receives and
 * the driver the size of every invoke response card.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CallRecord } from './connector';
import type { Harness } from './harness';
import { HttpClient } from './http-driver';
import { kb, print, table, verdict } from './markdown';
import { progress } from './settings';
import { playWorkshop, type FlowResult, type FlowSpec, type SentCard } from './workshop';

/** Teams refuses a message bigger than this. */
const CARD_LIMIT = 28 * 1024;

const FLOWS: FlowSpec[] = [
  { name: 'default deck, typical text', deck: 'default', text: 'typical' },
  { name: 'default deck, every text at its maximum', deck: 'default', text: 'max' },
  { name: '60-card deck, every text at its maximum', deck: 60, text: 'max' },
  { name: '60-card deck, max text, all 62 cards placed', deck: 60, text: 'max', placeAll: true },
  { name: '100-card deck (the limit), max text', deck: 100, text: 'max' },
];

export interface CardSizes {
  flows: FlowResult[];
  /** The connector's records while the workshops were played (inspected: with sizes and headings). */
  calls: CallRecord[];
}

export async function measureCardSizes(h: Harness): Promise<CardSizes> {
  progress('part 3: card sizes, whole workshops with the default deck and with 60- and 100-card decks');
  h.connector.inspect(true);
  const mark = await h.connector.count();
  const client = new HttpClient(16);
  try {
    const target = { client, botUrl: h.bot.url, serviceUrl: h.connector.url };
    const flows = await Promise.all(FLOWS.map((spec, k) => playWorkshop(spec, { target, store: h.store, n: 9000 + k * 100 })));
    await h.connector.quiet(2500);
    const calls = await h.connector.calls(mark);
    if (h.settings.cardsDir) await keepCards(h.settings.cardsDir, flows, await h.connector.biggest());
    return { flows, calls };
  } finally {
    h.connector.inspect(false);
    client.close();
  }
}

/** BENCH_CARDS_DIR: the biggest card of each kind per workshop, as JSON files to look at. */
async function keepCards(
  dir: string,
  flows: FlowResult[],
  sent: Array<{ conversationId: string; heading: string; body: string }>,
): Promise<void> {
  const slug = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, 40)
      .replace(/^-|-$/g, '');
  for (const [k, flow] of flows.entries()) {
    const folder = join(dir, `${k + 1}-${slug(flow.spec.name)}`);
    mkdirSync(folder, { recursive: true });
    for (const b of sent.filter((x) => flow.conversations.includes(x.conversationId)))
      writeFileSync(join(folder, `sent-${slug(b.heading) || 'text'}-${b.body.length}.json`), b.body);
    for (const c of biggestByHeading(flow.invokes, 100))
      if (c.card) writeFileSync(join(folder, `invoke-${slug(c.heading)}-${c.bytes}.json`), JSON.stringify(c.card, null, 1));
  }
  progress(`kept the biggest cards in ${dir}`);
}

export function reportCardSizes(r: CardSizes): void {
  print(`## 3b. Largest card the bot sends (bytes of the JSON; target < ${kb(CARD_LIMIT)} = ${CARD_LIMIT} bytes)`);
  const flows = r.flows.map((flow) => ({ flow, sent: sentAtConnector(r.calls, flow.conversations) }));
  print(
    table(
      ['workshop played', 'complete', 'biggest attachment at the connector', 'biggest activity', 'biggest invoke response card', '< 28 KB'],
      flows.map(({ flow, sent }) => flowRow(flow, sent)),
    ),
  );
  print();
  print('Biggest cards by kind:');
  for (const { flow, sent } of flows) print(`- ${biggestByKind(flow, sent)}`);
  print();
}

function flowRow(flow: FlowResult, sent: SentCard[]): string[] {
  const sentBiggest = largest(sent);
  const invokeBiggest = largest(flow.invokes);
  const biggestActivity = sent.reduce((m, c) => Math.max(m, c.totalBytes), 0);
  const worst = Math.max(sentBiggest?.bytes ?? 0, invokeBiggest?.bytes ?? 0);
  return [
    flow.spec.name,
    flow.problem ? `NOT COMPLETE: ${flow.problem}` : `yes (${sent.length} sent, ${flow.invokes.length} invokes)`,
    describeCard(sentBiggest),
    kb(biggestActivity),
    describeCard(invokeBiggest),
    verdict(worst < CARD_LIMIT),
  ];
}

function biggestByKind(flow: FlowResult, sent: SentCard[]): string {
  const cards = biggestByHeading([...sent, ...flow.invokes], 6).map(
    (c) => `${c.how === 'post' || c.how === 'update' ? 'sent' : 'invoke'} “${c.heading.slice(0, 40)}” ${c.bytes} B`,
  );
  return `${flow.spec.name}: ${cards.join('; ')}; table JSON ${kb(flow.stateBytes)}`;
}

function describeCard(card: SentCard | undefined): string {
  if (!card) return '-';
  return `${kb(card.bytes)} (${card.bytes} B, ${card.how.replace(/^invoke /, '')}: “${card.heading.slice(0, 36)}”)`;
}

/** The connector's records for a flow's conversations, as sent cards. */
function sentAtConnector(calls: CallRecord[], conversations: string[]): SentCard[] {
  const wanted = new Set(conversations);
  return calls
    .filter((c) => wanted.has(c.conversationId) && (c.method === 'POST' || c.method === 'PUT'))
    .map((c) => ({
      how: c.method === 'PUT' ? 'update' : 'post',
      heading: c.heading ?? '',
      bytes: Math.max(0, c.attachmentBytes),
      totalBytes: c.bodyBytes,
    }));
}

function largest(cards: SentCard[]): SentCard | undefined {
  return cards.reduce<SentCard | undefined>((best, c) => (!best || c.bytes > best.bytes ? c : best), undefined);
}

/** The biggest card of each distinct heading, biggest first. */
function biggestByHeading(cards: SentCard[], count: number): SentCard[] {
  const best = new Map<string, SentCard>();
  for (const c of cards) {
    const k = `${c.how.startsWith('invoke') ? 'invoke' : 'sent'}|${c.heading.slice(0, 40)}`;
    const b = best.get(k);
    if (!b || c.bytes > b.bytes) best.set(k, c);
  }
  return [...best.values()].sort((a, b) => b.bytes - a.bytes).slice(0, count);
}
