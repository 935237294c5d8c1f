/**
 * What a click costs RedisTableStore in CPU, without Redis: a table of 8 participants who all picked
 * in Round 1, and each click one of them submitting their picks again, as the bench's pick row does.
 * Per click: the read (the hash as the claim reads it along, into the table: without `state` and
 * `deck` when their revision is the one the store knows, as the claim script does) and the prepare
 * (the decision's write: which fields changed, whether the shared part did, the script's arguments).
 *
 *     npx tsx bench/table-store-cpu.ts
 *
 * The Redis client is a stand-in that applies each write to the hash in memory, so the figures are
 * the store's own. Each read gets fresh strings, as from a Redis reply. CPU only, one process; on a
 * busy machine the spread is wide, so compare figures of one run (or runs close together).
 */
import type Redis from 'ioredis';
import { decide, defaultDeck, newTable, type Actor, type Command, type PickSet, type TableState } from '../src/domain';
import { RedisTableStore } from '../src/store/redis-table-store';
import { tableToken } from '../src/store/table-key';

const CLICKS = 20_000;
const WARM_UP = 2_000;

const actor = (i: number): Actor => ({
  id: `00000000-0000-4000-8000-00000000000${i}`,
  name: `Deelnemer Naam ${i}`,
  channelUserId: `29:user-${i}`,
});
const LEADER = actor(0);
const PEOPLE = Array.from({ length: 8 }, (_, i) => actor(i + 1));
const CARDS = defaultDeck().ingredients.map((c) => c.id);
const argument = (text: string) => `${text}: `.padEnd(120, 'een argument van honderdtwintig tekens over de sociale basis ');
const picks = (i: number, n: number): PickSet => ({
  in: { cardId: CARDS[i * 3]!, argument: argument(`erbij ${n}`) },
  out: { cardId: CARDS[i * 3 + 1]!, argument: argument(`niet ${n}`) },
  doubt: { cardId: CARDS[i * 3 + 2]!, argument: argument(`twijfel ${n}`) },
});

function play(state: TableState, steps: Array<[Actor, Command]>): TableState {
  return steps.reduce((current, [who, command]) => {
    const result = decide(current, { actor: who, command }, current.updatedAt + 60_000);
    if (result.type === 'error') throw new Error(`${command.type} refused: ${result.code}`);
    return result.state;
  }, state);
}

const settings = { maxParticipants: 8, language: 'nl' as const };
const table = play(
  newTable({ actor: LEADER, title: 'Tafel', defaultTitle: 'Tafel', settings, deck: defaultDeck(), now: Date.UTC(2026, 0, 1) }),
  [
    ...PEOPLE.map((p): [Actor, Command] => [p, { type: 'join' }]),
    [LEADER, { type: 'next' }],
    [LEADER, { type: 'next' }],
    ...PEOPLE.map((p, i): [Actor, Command] => [p, { type: 'submitPicks', round: 1, picks: picks(i, 0) }]),
  ],
);

/** Fresh strings, as from a Redis reply; without the shared part when `omit` (the revision was known). */
function reply(hash: Record<string, string>, omit: boolean): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const [k, v] of Object.entries(hash)) if (!omit || (k !== 'state' && k !== 'deck')) copy[k] = Buffer.from(v).toString();
  return copy;
}

/** WRITE_SCRIPT's effect for one writer: no revision to check against. */
function standIn(hash: Record<string, string>): Redis {
  const apply = (keys: number, ...keysAndArgs: Array<string | number>) => {
    const [mode, , next, pw, , shared, deck, , , ...fields] = keysAndArgs.slice(keys).map(String);
    if (mode === 's') Object.assign(hash, { rev: next, state: shared, pw: pw || '0' });
    else hash.pw = String(Number(hash.pw) + 1);
    if (deck) hash.deck = deck;
    for (let i = 0; i < fields.length; i += 3) {
      if (fields[i + 2]) hash[fields[i]!] = fields[i + 2]!;
      else delete hash[fields[i]!];
    }
    return Promise.resolve(1);
  };
  const read = (_key: string, knownRev: string) => {
    const omit = knownRev !== '' && knownRev === hash.rev;
    return Promise.resolve([Object.entries(reply(hash, omit)).flat(), omit ? 1 : 0]);
  };
  return {
    defineCommand: () => undefined,
    hgetall: () => Promise.resolve({ ...hash }),
    sbReadTable: read,
    sbWrite: apply,
  } as unknown as Redis;
}

async function main(): Promise<void> {
  const hash: Record<string, string> = {};
  const store = new RedisTableStore(standIn(hash), { retentionMs: 60_000 });
  const key = { tenantId: 'tenant', conversationId: '19:bench-table@thread.v2' };
  const token = tableToken(key);
  await store.update(key, () => ({ state: table, result: undefined }));
  let readNs = 0n;
  let prepareNs = 0n;
  for (let click = 0; click < WARM_UP + CLICKS; click++) {
    const i = click % PEOPLE.length;
    const who = PEOPLE[i]!;
    const along = store.readAlong();
    const known = along.known(token);
    const omitted = known !== undefined && known.rev === hash.rev;
    along.prime(token, reply(hash, omitted), omitted ? known : undefined);
    const started = process.hrtime.bigint();
    const state = await store.getByToken(token);
    const read = process.hrtime.bigint();
    const { write } = await store.prepare(
      key,
      (current) => {
        const at = current!.updatedAt + 1000;
        const pickRounds = current!.pickRounds.map((r) => ({
          ...r,
          picks: { ...r.picks, [who.id]: { picks: picks(i, click), submittedAt: at } },
        }));
        return { state: { ...current!, updatedAt: at, pickRounds }, result: undefined };
      },
      state,
    );
    const prepared = process.hrtime.bigint();
    if (click >= WARM_UP) {
      readNs += read - started;
      prepareNs += prepared - read;
    }
    await store.commit(write!);
  }
  const micros = (ns: bigint) => (Number(ns) / CLICKS / 1000).toFixed(1);
  const fields = Object.keys(hash).filter((f) => f.startsWith('u:'));
  console.log(`state ${hash.state!.length} B, ${fields.length} fields of ${hash[fields[0]!]!.length} B, pw ${hash.pw}`);
  console.log(`per click: read ${micros(readNs)} µs, prepare ${micros(prepareNs)} µs (${CLICKS} clicks)`);
}

void main();
