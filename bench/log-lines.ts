/**
 * What the one log line per turn costs, written to a file as the bench's bot writes its stdout:
 * synchronously (one write(2) per line on the bot's one thread, pino's default and the bot's until
 * issue 14), asynchronously (sonic-boom `sync: false`: each line handed to libuv's thread pool) and
 * as the bot now writes them (logger.ts `bufferedDestination`: asynchronously, 4 KB at a time, at
 * least once a second). The lines are like the turn line and go through the bot's own logger
 * (serializers, redaction); "nowhere" makes them and drops them, which is what making a line costs.
 *
 * - a burst: 50,000 lines one after the other;
 * - paced: 50,000 lines, one per turn of the event loop (`setImmediate` between them);
 * - a line a millisecond: 2,000 lines, about the pace of the bench's bot (one line per request).
 *
 * Figures, per line, less the same loop without logging, medians of 5 runs (the variants take
 * turns, so that the machine's other work falls on all of them alike): the time the event
 * loop was busy (the bot's one thread, which limits its throughput; eventLoopUtilization) and the
 * CPU of the whole process, thread pool included, until the last line is written (cpuUsage).
 *
 *     npx tsx bench/log-lines.ts
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { bufferedDestination, createLogger } from '../src/server/logger';

const LINES = 100_000;
const ROUNDS = 5;

const turn = {
  activityId: 'f3b0c1d2-6a7e-4c1b-9d0e-2a3b4c5d6e7f',
  conversation: '19:table-1-0b8f9a4e-2d3c-4e5f-8a9b-0c1d2e3f4a5b@thread.v2',
  type: 'invoke',
  name: 'adaptiveCard/action',
  verb: 'picks.submit',
  outcome: 'ok',
  ms: 3,
};

type Pace = 'burst' | 'paced' | 'a line a millisecond';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const nextMillisecond = () => new Promise<void>((resolve) => setTimeout(resolve, 1));
const linesOf = (pace: Pace) => (pace === 'a line a millisecond' ? LINES / 50 : LINES / 2);

async function run(pace: Pace, log: pino.Logger | undefined): Promise<{ wallUs: number; cpuUs: number }> {
  const cpu = process.cpuUsage();
  const loop = performance.eventLoopUtilization();
  const lines = linesOf(pace);
  for (let i = 0; i < lines; i++) {
    log?.info({ ...turn, ms: i % 50 }, 'turn');
    if (pace === 'paced') await nextTurn();
    if (pace === 'a line a millisecond') await nextMillisecond();
  }
  if (log) await new Promise<void>((resolve) => log.flush(() => resolve()));
  const wallUs = (performance.eventLoopUtilization(loop).active * 1000) / lines;
  const used = process.cpuUsage(cpu);
  return { wallUs, cpuUs: (used.user + used.system) / lines };
}

const dir = mkdtempSync(join(tmpdir(), 'log-lines-'));

type Destination = (fd: number) => ReturnType<typeof pino.destination>;
type Variant = Destination | 'nowhere' | 'no line';

/** One run of `pace` with this variant, into a file of its own that is checked and removed. */
async function runOnce(pace: Pace, variant: Variant): Promise<{ wallUs: number; cpuUs: number }> {
  if (variant === 'no line') return run(pace, undefined);
  const file = join(dir, `lines-${pace}.log`);
  const fd = openSync(file, 'w');
  const destination = variant === 'nowhere' ? undefined : variant(fd);
  const figures = await run(pace, createLogger('info', destination ?? { write: () => undefined }));
  if (destination) {
    destination.flushSync();
    destination.end();
    await once(destination, 'close');
  } else closeSync(fd);
  const written = readFileSync(file, 'utf8').split('\n').length - 1;
  if (destination && written !== linesOf(pace)) throw new Error(`${written} lines written, not ${linesOf(pace)}`);
  rmSync(file);
  return figures;
}

async function main(): Promise<void> {
  const variants: Array<[string, Variant]> = [
    ['no line (the loop alone)', 'no line'],
    ['nowhere (the line is made, not written)', 'nowhere'],
    ['sync', (fd) => pino.destination({ dest: fd, sync: true })],
    ['async, a write per line', (fd) => pino.destination({ dest: fd, sync: false })],
    ['bufferedDestination (async, 4 KB)', bufferedDestination],
  ];
  // Warm up, so that none pays for the JIT in its figure.
  for (const [, variant] of variants) await runOnce('burst', variant);
  console.log('| destination | lines | event loop busy, per line | CPU of the process, per line |');
  console.log('| --- | --- | --- | --- |');
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  for (const pace of ['burst', 'paced', 'a line a millisecond'] as const) {
    // Round by round, every variant once, so that what else the machine does falls on all of them.
    const figures = variants.map(() => ({ wall: [] as number[], cpu: [] as number[] }));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [k, [, variant]] of variants.entries()) {
        const { wallUs, cpuUs } = await runOnce(pace, variant);
        figures[k]!.wall.push(wallUs);
        figures[k]!.cpu.push(cpuUs);
      }
    }
    const [loopWall, loopCpu] = [median(figures[0]!.wall), median(figures[0]!.cpu)];
    for (const [k, [name]] of variants.entries()) {
      if (k === 0) continue;
      const [wall, cpu] = [median(figures[k]!.wall) - loopWall, median(figures[k]!.cpu) - loopCpu];
      console.log(`| ${name} | ${pace} | ${wall.toFixed(1)} µs | ${cpu.toFixed(1)} µs |`);
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

void main();
