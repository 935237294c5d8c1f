/**
 * Issue 14: a card action costs two Redis round trips (the claim of the activity, which reads the
 * table, then one script that writes the table and records the answer for Teams' re-sends); a
 * command at most three (claim + read, write, record). Counted at the client: every command the
 * app's ioredis connections send for this table (its keys all carry the table's hash tag). The app
 * awaits each command before the next (no pipelining, no auto-pipelining), so a command is a round
 * trip. The posts a command makes go through the conversation's send window, counted apart.
 */
import Redis from 'ioredis';
import { tableToken } from '../../src/store';
import { DECK, LEIDER, otherPicksFor, person, picksFor, runTag } from '../fixtures/round1-people';
import { E2ETable, pickData, REDIS_URL, uniqueRedisPrefix, useBot } from '../support/e2e-table';
import { cardAction } from '../support/teams-activity';

interface Sent {
  name: string;
  args: string[];
}

/** What a command was for, by its first key (see src/store for the key names). */
function purposeOf({ name, args }: Sent): string {
  const script = name === 'evalsha' || name === 'eval';
  const keys = script ? args.slice(2, 2 + Number(args[1])) : args.slice(0, 1);
  const first = keys[0] ?? '';
  // The table store's read is a script of the table's key alone (it leaves out a shared part the process knows).
  if (first.endsWith(':table') && script && keys.length === 1) return 'read';
  if (first.endsWith(':table') && script) return keys.some((k) => k.includes(':activity:')) ? 'write + record' : 'write';
  if (first.includes(':activity:')) return script && keys.some((k) => k.endsWith(':table')) ? 'claim + read' : 'record';
  if (first.endsWith(':sends') || first.endsWith(':sends-hold')) return 'send window';
  return `${name} ${first.replace(/^.*\}:/, '')}`;
}

const sent: Sent[] = [];
const original = Redis.prototype.sendCommand;

beforeAll(() => {
  jest.spyOn(Redis.prototype, 'sendCommand').mockImplementation(function (this: Redis, ...call: Parameters<Redis['sendCommand']>) {
    const [command] = call;
    sent.push({ name: command.name.toLowerCase(), args: command.args.map((a) => (Buffer.isBuffer(a) ? a.toString() : String(a))) });
    return original.apply(this, call);
  });
});
afterAll(() => jest.restoreAllMocks());

describe('Redis round trips per action (issue 14)', () => {
  // Shared-card updates wait a minute, so that the upkeep of one action never runs while the next is counted; flushed in between.
  const bot = useBot({ REDIS_URL, REDIS_KEY_PREFIX: uniqueRedisPrefix(), SHARED_CARD_UPDATE_MS: '60000' });
  const tag = runTag();

  /** The purposes of the commands for table `t` that `act` sends, in order. */
  async function tripsOf(t: E2ETable, act: () => Promise<unknown>): Promise<string[]> {
    await bot.h.app.afterAnswer.idle();
    await bot.h.app.updater.flush();
    const from = sent.length;
    await act();
    const mark = `{${tableToken({ tenantId: t.chat.tenantId, conversationId: t.chat.id })}}`;
    return sent
      .slice(from)
      .filter((c) => c.args.some((a) => a.includes(mark)))
      .map(purposeOf);
  }

  async function tableInRound1(): Promise<E2ETable> {
    const t = new E2ETable(bot.h, LEIDER);
    await t.start('Tafel Rondritten');
    await t.join(person(0), person(1));
    await t.toRound1();
    await t.submit(person(0), picksFor(tag, 0));
    await t.submit(person(1), picksFor(tag, 1));
    return t;
  }

  it('a changed pick is two: claim + read, then write + record', async () => {
    const t = await tableInRound1();
    const trips = await tripsOf(t, () => t.submit(person(0), otherPicksFor(tag, 0)));
    expect(trips).toEqual(['claim + read', 'write + record']);
  });

  it('a changed sticker vote is two: claim + read, then write + record', async () => {
    const t = await tableInRound1();
    await t.say(LEIDER, 'onthul');
    await t.say(LEIDER, 'volgende');
    await t.say(LEIDER, 'volgende');
    const [first, second] = DECK.intentions;
    await t.press(person(0), 'stickers.submit', { sticker1: first!.id, sticker2: first!.id, sticker3: second!.id });
    const trips = await tripsOf(t, () => t.press(person(0), 'stickers.submit', { sticker1: second!.id, sticker2: second!.id }));
    expect(trips).toEqual(['claim + read', 'write + record']);
  });

  it('a pick the rules refuse is two: claim + read, then the record of the refusal', async () => {
    const t = await tableInRound1();
    const incomplete = { ...otherPicksFor(tag, 1), in: ['', ''] as [string, string] };
    const trips = await tripsOf(t, () => t.submit(person(1), incomplete));
    expect(trips).toEqual(['claim + read', 'record']);
  });

  it('a re-sent press is one: the claim finds the answer, and nothing is written', async () => {
    const t = await tableInRound1();
    const press = cardAction(bot.h.connector.url, t.chat, person(0), 'picks.submit', pickData(otherPicksFor(tag, 0)), { locale: 'nl-NL' });
    const first = await bot.h.send(press);
    let again: unknown;
    const trips = await tripsOf(t, async () => (again = await bot.h.send(press)));
    expect(again).toEqual(first);
    expect(trips).toEqual(['claim + read']);
  });

  it('a command that changes the table is three, the posts it makes aside', async () => {
    const t = await tableInRound1();
    const trips = await tripsOf(t, () => t.say(LEIDER, 'onthul'));
    const own = trips.filter((p) => p !== 'send window' && !p.endsWith(' refs'));
    expect(own).toEqual(['claim + read', 'write', 'record']);
  });
});
