/**
 * Part 3a: Redis round trips per action. With a MONITOR on the run's prefix, eight actions of a kind
 * one after the other on one table, the shared-card updates they cause included; and the timer
 * queue's poll, which every bot process makes in the background.
 */
import { keyOf, type Harness } from './harness';
import { num, print, table } from './markdown';
import { countTrips, PURPOSES, RedisMonitor, type TripCount } from './redis-monitor';
import { progress } from './settings';
import type { BenchTable } from './teams';

const ACTIONS = 8;
const QUIET_MS = 1500;

export interface ActionTrips {
  action: string;
  count: TripCount;
  connectorCalls: number;
}

export interface RoundTrips {
  actions: ActionTrips[];
  /** Commands on the timer queue per second, while the actions ran. */
  timerPollsPerSecond: number;
}

/** The purposes shown as columns: the timer poll and unrecognised keys are not the action's. */
const COLUMNS = PURPOSES.filter((p) => p !== 'timers' && p !== 'other');

export async function measureRoundTrips(h: Harness): Promise<RoundTrips> {
  progress('part 3: Redis round trips per action (MONITOR on the run’s prefix)');
  const monitor = await RedisMonitor.start(h.settings.redisUrl, h.prefix);
  try {
    const started = await startedTables(h);
    const since = { at: Date.now(), index: monitor.length };
    const { join, round, vote } = started;
    const actions: ActionTrips[] = [];
    for (const batch of [
      {
        action: 'join (card action)',
        table: join,
        step: (i: number) => join.pressExpect(join.people[i]!, 'join', {}, /Je doet mee als deelnemer/),
      },
      { action: 'pick submission, first', table: round, step: (i: number) => round.submitPicks(i) },
      { action: 'pick submission, changed', table: round, step: (i: number) => round.submitPicks(i, { variant: 1 }) },
      { action: 'sticker vote, first', table: vote, step: (i: number) => vote.vote(i) },
      { action: 'sticker vote, changed', table: vote, step: (i: number) => vote.vote(i, { variant: 1 }) },
      { action: 'status (command message)', table: round, step: () => round.lead('status') },
    ]) {
      actions.push(await countBatch(h, monitor, batch));
    }
    const timerCommands = monitor.commands.slice(since.index).filter((c) => c.args.some((a) => a.endsWith(':timers'))).length;
    return { actions, timerPollsPerSecond: timerCommands / ((Date.now() - since.at) / 1000) };
  } finally {
    monitor.stop();
  }
}

/** A table to join, one in Round 1 and one in Round 3, each waiting for the actions measured on it. */
async function startedTables(h: Harness): Promise<{ join: BenchTable; round: BenchTable; vote: BenchTable }> {
  const join = h.newTable();
  const round = h.newTable();
  const vote = h.newTable();
  await join.lead('start Tafel Redis');
  await round.toRound1();
  await vote.toRound1();
  for (let i = 0; i < ACTIONS; i++) await vote.submitPicks(i);
  await vote.round1ToRound3();
  await h.connector.quiet(QUIET_MS);
  return { join, round, vote };
}

interface Batch {
  action: string;
  table: BenchTable;
  /** The action of participant `i`. */
  step(i: number): Promise<unknown>;
}

/** Waits until Redis and the connector are quiet, runs the eight actions, waits again, and counts. */
async function countBatch(h: Harness, monitor: RedisMonitor, batch: Batch): Promise<ActionTrips> {
  await monitor.quiet(QUIET_MS);
  await h.connector.quiet(QUIET_MS);
  const mark = monitor.length;
  const from = Date.now() / 1000;
  const callMark = await h.connector.count();
  for (let i = 0; i < ACTIONS; i++) await batch.step(i);
  await h.connector.quiet(QUIET_MS);
  await monitor.quiet(QUIET_MS);
  const key = keyOf(batch.table);
  const calls = (await h.connector.calls(callMark)).filter((c) => c.conversationId === batch.table.chat.id);
  return {
    action: batch.action,
    count: countTrips(monitor.forTable(mark, key), monitor.luaForTable(from, key), ACTIONS),
    connectorCalls: calls.length / ACTIONS,
  };
}

export function reportRoundTrips(r: RoundTrips): void {
  print('## 3a. Redis round trips per action (MONITOR, commands on the table’s and its conversation’s keys)');
  print(
    table(
      ['action', 'round trips / action', ...COLUMNS, 'inside Lua', 'connector calls / action'],
      r.actions.map((a) => [
        a.action,
        num(a.count.perAction, 2),
        ...COLUMNS.map((p) => num(a.count.byPurpose[p] ?? 0, 2)),
        num(a.count.luaPerAction, 1),
        num(a.connectorCalls, 2),
      ]),
    ),
  );
  print(
    `Each figure is the mean over 8 actions done one after the other, including the shared-card updates they cause (each update is a connector call). Floor: 0. In the background each bot process also polls the timer queue: ${num(r.timerPollsPerSecond, 1)} round trips/s.`,
  );
  print();
}
