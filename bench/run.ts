/**
 * `npm run bench` (tsx bench/run.ts): the benchmarks of issue 5, in one run, on this machine, against
 * a real Redis. See bench/README.md for what is measured, how, and the figures of the last run; the
 * settings are in settings.ts.
 *
 * Figures go to stdout, progress to stderr. Nothing here fails on a number: a figure that misses its
 * target is printed with "below target". The run fails only when it cannot run (no Redis, a bot that
 * does not start, a table that cannot be prepared).
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type Redis from 'ioredis';
import { measureAgainstFloor, reportAgainstFloor, type AgainstFloor } from './against-floor';
import { botLogLine, logLevels } from './bot-log';
import { measureBurst, reportBurst } from './burst';
import { measureCardSizes, reportCardSizes } from './card-sizes';
import { measureCluster, reportCluster } from './cluster';
import { summariseProfileIn, type ProfileWindow } from './cpu-profile';
import { withHarness, type Harness } from './harness';
import { print } from './markdown';
import { measurePeakRss } from './peak-rss';
import { measureRoundTrips, reportRoundTrips } from './round-trips';
import { readSettings, redactedUrl, secondsSinceStart } from './settings';

async function main(): Promise<void> {
  await withHarness(readSettings(), async (h) => {
    const parts = h.settings.parts;
    // 1. Throughput and latency against the floor, and peak memory.
    const againstFloor = parts.has('1') ? await measureAgainstFloor(h) : undefined;
    const rssAfterPart1 = measurePeakRss(h);
    // 2. 400 pick submissions at once, at the bot and at the floor.
    const burst = parts.has('2') ? await measureBurst(h) : undefined;
    // 3. Redis round trips per action, and the largest card the bot sends.
    const roundTrips = parts.has('3') ? await measureRoundTrips(h) : undefined;
    const cardSizes = parts.has('3') ? await measureCardSizes(h) : undefined;
    const rssEnd = measurePeakRss(h);
    // 4. Three bot processes on a Redis Cluster, beside one on one Redis (after the peak RSS: its processes are others).
    const cluster = parts.has('cluster') ? await measureCluster(h) : undefined;

    await printHeader(h);
    if (againstFloor) reportAgainstFloor(againstFloor, { afterPart1: rssAfterPart1, end: rssEnd });
    if (burst) reportBurst(burst);
    if (roundTrips) reportRoundTrips(roundTrips);
    if (cardSizes) reportCardSizes(cardSizes);
    if (cluster) reportCluster(cluster);
    // After the stop: the bot writes its log 4 KB at a time and flushes the rest on exit.
    await h.stopBots();
    print(botLogLine(logLevels(h.bot.logFile)));
    if (h.cpuProfileDir) printCpuProfile(h.cpuProfileDir, againstFloor);
    print();
    print(`Whole benchmark: ${secondsSinceStart().toFixed(0)} s.`);
  });
}

async function printHeader(h: Harness): Promise<void> {
  const s = h.settings;
  print(`# Benchmark, ${new Date().toISOString()}`);
  print(`Node ${process.version}, ${machine()}; Redis ${await redisVersion(h.redis)} at ${redactedUrl(s.redisUrl)}`);
  print(
    `Bot: NODE_ENV=production, Teams send limits on, shared-card updates at most 1/s, LOG_LEVEL=${s.botLogLevel} (to a file), no app id.`,
  );
  print(
    `Driver: keep-alive HTTP, ${s.concurrency} requests in flight, ${s.warmupMs / 1000} s warm-up, ${s.measureMs / 1000} s measured per row.`,
  );
  print();
}

function printCpuProfile(dir: string, part1: AgainstFloor | undefined): void {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const bot: ProfileWindow[] = [];
  if (part1?.pick) bot.push({ label: 'pick submission', ...part1.pick.monotonic });
  if (part1?.sticker) bot.push({ label: 'sticker vote', ...part1.sticker.monotonic });
  if (part1?.status) bot.push({ label: '`status`', ...part1.status.monotonic });
  const summary = summariseProfileIn(dir, join(os.tmpdir(), `bench-bot-${stamp}.cpuprofile`), bot);
  if (summary) {
    print();
    print('## CPU profile of the bot');
    print(summary);
  }
  // The floor's, for the same kind of request: what of the bot's profile any botbuilder bot has.
  const floor: ProfileWindow[] = [];
  if (part1?.floorCard) floor.push({ label: 'card action (the run before the bot)', ...part1.floorCard.before.monotonic });
  if (part1?.floorMessage) floor.push({ label: 'message (the run before the bot)', ...part1.floorMessage.before.monotonic });
  const floorSummary = existsSync(`${dir}-floor`)
    ? summariseProfileIn(`${dir}-floor`, join(os.tmpdir(), `bench-floor-${stamp}.cpuprofile`), floor)
    : undefined;
  if (floorSummary) {
    print();
    print('## CPU profile of the floor bot');
    print(floorSummary);
  }
}

function machine(): string {
  const cpus = os.cpus();
  return `${os.platform()} ${os.release()}, ${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`;
}

async function redisVersion(redis: Redis): Promise<string> {
  const info = await redis.info('server');
  return /redis_version:(\S+)/.exec(info)?.[1] ?? '?';
}

// Exit explicitly: a keep-alive socket or a child's pipe must not keep a finished run waiting.
main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
