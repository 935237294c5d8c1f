/** Peak memory (VmHWM) of the bot and the floor bot, read from /proc while they run. */
import { readFileSync } from 'node:fs';
import type { Harness } from './harness';
import { num, verdict } from './markdown';

export interface PeakRss {
  botMiB: number;
  floorMiB: number;
}

export function measurePeakRss(h: Harness): PeakRss {
  return { botMiB: peakRssMiB(h.bot.pid), floorMiB: peakRssMiB(h.floor.pid) };
}

export function peakRssLine(rss: { afterPart1: PeakRss; end: PeakRss }): string {
  const { afterPart1: a, end: e } = rss;
  const ratio = e.botMiB / e.floorMiB;
  return `Peak RSS (VmHWM) after part 1: bot ${num(a.botMiB, 1)} MiB, floor ${num(a.floorMiB, 1)} MiB; at the end of the run: bot ${num(e.botMiB, 1)} MiB, floor ${num(e.floorMiB, 1)} MiB (${num(ratio, 2)}× the floor, target ≤ 1.1×: ${verdict(ratio <= 1.1)}).`;
}

/** Peak resident set size (VmHWM) of a running process, in MiB. */
function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
  return m ? Number(m[1]) / 1024 : Number.NaN;
}
