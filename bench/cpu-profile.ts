/**
 * Where a process spent its CPU time, from a V8 `.cpuprofile` (node --cpu-prof): self time per
 * function and per package or source directory, and inclusive time per function. For BENCH_PROFILE=1.
 *
 * A window limits the summary to the samples taken inside it: V8 stamps samples with the monotonic
 * clock that `process.hrtime` reads in every process on the machine, so the bench can cut out one
 * row's measuring window from the bot's profile (see `monotonicMicros`).
 */
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** Microseconds on the clock of V8's profile timestamps (CLOCK_MONOTONIC, shared by all processes). */
export function monotonicMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

export interface ProfileWindow {
  label: string;
  from: number;
  to: number;
}

/** "botbuilder-core", "src/views", "(node internals)", ... */
function areaOf(url: string): string {
  if (!url) return '(V8 / native)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  if (url.startsWith('node:')) return '(node internals)';
  const src = /\/(src\/[^/]+)\//.exec(url);
  if (src) return src[1]!;
  return url
    .replace(/^file:\/\//, '')
    .split('/')
    .slice(-2)
    .join('/');
}

function nameOf(n: ProfileNode): string {
  const where = n.callFrame.url
    ? `${n.callFrame.url.replace(/^file:\/\//, '').replace(/.*\/(node_modules|src|bench)\//, '$1/')}:${n.callFrame.lineNumber + 1}`
    : '';
  return `${n.callFrame.functionName || '(anonymous)'} ${where}`.trim();
}

/** Samples per node: all of them, or those inside the window. */
function hitsOf(profile: Profile, window?: ProfileWindow): Map<number, number> {
  const hits = new Map<number, number>();
  if (!window || !profile.samples || !profile.timeDeltas) {
    for (const n of profile.nodes) if (n.hitCount) hits.set(n.id, n.hitCount);
    return hits;
  }
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (t < window.from || t > window.to) continue;
    const id = profile.samples[i]!;
    hits.set(id, (hits.get(id) ?? 0) + 1);
  }
  return hits;
}

export function summariseProfile(profile: Profile, window?: ProfileWindow, top = 20): string {
  const hits = hitsOf(profile, window);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const isIdle = (id: number) => byId.get(id)?.callFrame.functionName === '(idle)';
  let total = 0;
  let idle = 0;
  for (const [id, h] of hits) {
    total += h;
    if (isIdle(id)) idle += h;
  }
  const busy = total - idle;
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  for (const [id, h] of hits) {
    const n = byId.get(id)!;
    if (isIdle(id)) continue;
    const fn = nameOf(n);
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + h);
    const area = areaOf(n.callFrame.url);
    byArea.set(area, (byArea.get(area) ?? 0) + h);
  }
  const seconds = window ? (window.to - window.from) / 1e6 : (profile.endTime - profile.startTime) / 1e6;
  const pct = (h: number) => `${((100 * h) / Math.max(1, busy)).toFixed(1)}%`.padStart(6);
  const lines = [
    `busy ${((100 * busy) / Math.max(1, total)).toFixed(0)}% of ${seconds.toFixed(0)} s (${busy} samples); shares of busy time:`,
    '',
    'by package / source directory:',
  ];
  for (const [area, h] of [...byArea].sort((a, b) => b[1] - a[1]).slice(0, 15)) lines.push(`  ${pct(h)}  ${area}`);
  lines.push('', 'by function (self time):');
  for (const [fn, h] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(h)}  ${fn}`);
  lines.push('', 'by function (inclusive: itself and what it calls), of this project and its packages:');
  const inclusive = [...inclusiveHits(profile, hits)].filter(([fn]) => /(node_modules|src|bench)\//.test(fn));
  for (const [fn, h] of inclusive.sort((a, b) => b[1] - a[1]).slice(0, 2 * top)) lines.push(`  ${pct(h)}  ${fn}`);
  return lines.join('\n');
}

/** Samples with the function anywhere on the stack, each sample counted once per function (recursion). */
function inclusiveHits(profile: Profile, hits: Map<number, number>): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, ProfileNode>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
  const result = new Map<string, number>();
  for (const [id, h] of hits) {
    const n = byId.get(id)!;
    if (n.callFrame.functionName === '(idle)') continue;
    const seen = new Set<string>();
    for (let at: ProfileNode | undefined = n; at; at = parent.get(at.id)) seen.add(nameOf(at));
    for (const fn of seen) result.set(fn, (result.get(fn) ?? 0) + h);
  }
  return result;
}

/**
 * The summaries of the profile a process wrote into `dir` (node --cpu-prof-dir), if it wrote one:
 * of each window, then of the whole run. The profile itself is kept as `keepAs` (the build directory
 * is removed), to open in a profiler.
 */
export function summariseProfileIn(dir: string, keepAs: string, windows: ProfileWindow[]): string | undefined {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return undefined;
  copyFileSync(join(dir, file), keepAs);
  const profile = JSON.parse(readFileSync(keepAs, 'utf8')) as Profile;
  const parts = windows.map((w) => `### ${w.label} (its measuring window only)\n\n${summariseProfile(profile, w)}`);
  parts.push(`### The whole run (start-up and preparation included)\n\n${summariseProfile(profile)}`);
  return `${parts.join('\n\n')}\n\n(the whole profile: ${keepAs})`;
}
