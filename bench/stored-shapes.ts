/**
 * What checking a stored table on read costs (store/schema, issue 11). Every click reads the table,
 * so the check is on the hot path; this prints, per table size, the time of JSON.parse alone (what a
 * read cost before) beside a read as RedisTableStore does it (JSON.parse and the zod check of the
 * state; the deck is parsed and checked once per process, see deck-cache.ts), and the memory store's
 * read (the whole table, deck included).
 *
 *     npx tsx bench/stored-shapes.ts
 *
 * CPU only, one process, no Redis. Medians of 15 rounds; on a busy machine the spread is wide, so
 * compare the columns of one run rather than runs.
 */
import type { TableState } from '../src/domain';
import { DeckCache } from '../src/store/deck-cache';
import { readTableHash, tableHashFields } from '../src/store/redis-table-hash';
import { tableShape } from '../src/store/schema/table-state';
import { readStoredJson } from '../src/store/schema/versioned';
import { bigTable, endedTable, round1Revealed } from '../test/report/fixtures';

const ROUNDS = 15;
const READS_PER_ROUND = 400;

function microsPerCall(fn: () => unknown): number {
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < READS_PER_ROUND; i++) fn();
    rounds.push(Number(process.hrtime.bigint() - started) / 1000 / READS_PER_ROUND);
  }
  return rounds.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!;
}

const tables: Array<[string, TableState]> = [
  ['Round 1 revealed, 7 people', round1Revealed()],
  ['ended workshop', endedTable()],
  ['8 people, 120-character arguments, 30 placements', bigTable({ argument: 120 })],
  ['largest the method allows', bigTable()],
];

const decks = new DeckCache();
const fmt = (n: number) => n.toFixed(1);
console.log('| table | state (without deck) | JSON.parse | Redis read, checked | added | memory read (with deck), checked |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const [name, table] of tables) {
  const fields = tableHashFields(table, decks);
  const whole = JSON.stringify(table);
  if (!readTableHash(fields.state, fields.deck, decks).ok) throw new Error(`${name} does not read back`);
  // Warm up both, so neither pays for the JIT in its figure.
  microsPerCall(() => JSON.parse(fields.state));
  microsPerCall(() => readTableHash(fields.state, fields.deck, decks));
  const parse = microsPerCall(() => JSON.parse(fields.state));
  const checked = microsPerCall(() => readTableHash(fields.state, fields.deck, decks));
  const memory = microsPerCall(() => readStoredJson(tableShape, whole));
  console.log(
    `| ${name} | ${(fields.state.length / 1024).toFixed(1)} KB | ${fmt(parse)} µs | ${fmt(checked)} µs | ${fmt(checked - parse)} µs | ${fmt(memory)} µs |`,
  );
}
