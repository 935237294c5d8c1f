/**
 * Where a process spent its CPU time, from a V8 `.cpuprofile` (node --cpu-prof): self time per
 * function and per package or source directory. For BENCH_PROFILE=1.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
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

export function summariseProfile(file: string, top = 20): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const total = profile.nodes.reduce((sum, n) => sum + (n.hitCount ?? 0), 0);
  const idle = profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').reduce((sum, n) => sum + (n.hitCount ?? 0), 0);
  const busy = total - idle;
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  for (const n of profile.nodes) {
    const hits = n.hitCount ?? 0;
    if (!hits || n.callFrame.functionName === '(idle)') continue;
    const where = n.callFrame.url
      ? `${n.callFrame.url.replace(/^file:\/\//, '').replace(/.*\/(node_modules|src)\//, '$1/')}:${n.callFrame.lineNumber + 1}`
      : '';
    const fn = `${n.callFrame.functionName || '(anonymous)'} ${where}`.trim();
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + hits);
    const area = areaOf(n.callFrame.url);
    byArea.set(area, (byArea.get(area) ?? 0) + hits);
  }
  const pct = (hits: number) => `${((100 * hits) / Math.max(1, busy)).toFixed(1)}%`.padStart(6);
  const lines = [
    `busy ${((100 * busy) / Math.max(1, total)).toFixed(0)}% of ${((profile.endTime - profile.startTime) / 1e6).toFixed(0)} s; shares of busy time:`,
    '',
    'by package / source directory:',
  ];
  for (const [area, hits] of [...byArea].sort((a, b) => b[1] - a[1]).slice(0, 15)) lines.push(`  ${pct(hits)}  ${area}`);
  lines.push('', 'by function (self time):');
  for (const [fn, hits] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(hits)}  ${fn}`);
  return lines.join('\n');
}

/** The summary of the profile a process wrote into `dir` (node --cpu-prof-dir), if it wrote one. */
export function summariseProfileIn(dir: string): string | undefined {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  return file ? summariseProfile(join(dir, file)) : undefined;
}
