/**
 * Counts the commands the bot sends to Redis, with MONITOR on a connection of its own. Every command
 * of the bot is one round trip (the bot awaits each before the next; no pipelining, no
 * auto-pipelining). Commands run inside Lua scripts are reported by MONITOR with source `lua`: they
 * are counted apart, as work inside Redis, not as round trips.
 */
import type Redis from 'ioredis';
import { connectRedis, tableToken, whenReady, type TableKey } from '../src/store';

export interface Command {
  /** Seconds since the epoch, as Redis reports it. */
  time: number;
  args: string[];
  source: string;
}

/** What a command was for, from the key it touches (see src/store/*.ts for the key names). */
export type Purpose =
  | 'claim + table read'
  | 'idempotency'
  | 'table read'
  | 'table write'
  | 'table write + record'
  | 'ref read'
  | 'ref write'
  | 'send window'
  | 'timers'
  | 'other';

export const PURPOSES: readonly Purpose[] = [
  'claim + table read',
  'idempotency',
  'table read',
  'table write',
  'table write + record',
  'ref read',
  'ref write',
  'send window',
  'timers',
  'other',
];

function firstKey(args: string[]): string {
  const name = (args[0] ?? '').toLowerCase();
  if (name === 'evalsha' || name === 'eval') return args[3] ?? '';
  return args[1] ?? '';
}

export function purposeOf(args: string[]): Purpose {
  const key = firstKey(args);
  const name = (args[0] ?? '').toLowerCase();
  const script = name === 'evalsha' || name === 'eval';
  // The claim that reads the table in the same script (RedisIdempotencyStore with readTable).
  if (key.includes(':activity:') && script && (args[4] ?? '').endsWith(':table')) return 'claim + table read';
  if (key.includes(':activity:')) return 'idempotency';
  // A card action's write that records its answer in the same script (the activity's key third).
  if (key.endsWith(':table') && script && (args[5] ?? '').includes(':activity:')) return 'table write + record';
  // The table store's read is a script of the table's key alone (it leaves out a shared part the process knows).
  if (key.endsWith(':table') && script && args[2] === '1') return 'table read';
  if (key.endsWith(':table')) return script ? 'table write' : 'table read';
  if (key.endsWith(':refs')) return script || name === 'hset' ? 'ref write' : 'ref read';
  if (key.endsWith(':sends') || key.endsWith(':sends-hold')) return 'send window';
  if (key.endsWith(':timers')) return 'timers';
  return 'other';
}

/** A MONITOR connection that keeps every command under the run's key prefix. */
export class RedisMonitor {
  readonly commands: Command[] = [];
  /** Commands run by Lua scripts under the prefix. */
  readonly inLua: Command[] = [];
  /** Date.now() of the last command under the prefix other than the timer poll. */
  private lastActivity = Date.now();

  private constructor(private readonly monitor: Redis) {}

  static async start(url: string, prefix: string): Promise<RedisMonitor> {
    const redis = connectRedis(url, { commandTimeout: 10_000 });
    await whenReady(redis);
    const monitor = await redis.monitor();
    const m = new RedisMonitor(monitor);
    const marker = `${prefix}:`;
    monitor.on('monitor', (time: string, args: string[], source: string) => {
      if (!args.some((a) => typeof a === 'string' && a.startsWith(marker))) return;
      const command = { time: Number(time), args, source };
      (source === 'lua' ? m.inLua : m.commands).push(command);
      if (purposeOf(args) !== 'timers') m.lastActivity = Date.now();
    });
    // MONITOR starts with the next command after OK: give it a moment.
    await new Promise((r) => setTimeout(r, 100));
    await redis.quit().catch(() => undefined);
    return m;
  }

  get length(): number {
    return this.commands.length;
  }

  /** Commands since `from` (an index into `commands`) that touch this table or its conversation's send window (under the table's tag). */
  forTable(from: number, key: TableKey): Command[] {
    const mark = `{${tableToken(key)}}`;
    return this.commands.slice(from).filter((c) => c.args.some((a) => a.includes(mark)));
  }

  luaForTable(fromTime: number, key: TableKey): Command[] {
    const mark = `{${tableToken(key)}}`;
    return this.inLua.filter((c) => c.time >= fromTime && c.args.some((a) => a.includes(mark)));
  }

  /** Resolves once no command under the prefix (the timer poll aside) has arrived for `quietMs`. */
  async quiet(quietMs: number, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() - this.lastActivity < quietMs && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  }

  stop(): void {
    this.monitor.disconnect();
  }
}

export interface TripCount {
  perAction: number;
  byPurpose: Partial<Record<Purpose, number>>;
  /** Commands inside Lua scripts, per action. */
  luaPerAction: number;
}

export function countTrips(commands: Command[], lua: Command[], actions: number): TripCount {
  const byPurpose: Partial<Record<Purpose, number>> = {};
  for (const c of commands) {
    const p = purposeOf(c.args);
    byPurpose[p] = (byPurpose[p] ?? 0) + 1;
  }
  for (const p of Object.keys(byPurpose) as Purpose[]) byPurpose[p] = byPurpose[p]! / actions;
  return { perAction: commands.length / actions, byPurpose, luaPerAction: lua.length / actions };
}
