/** What the bot logged during the run: line counts by level, and the first messages above info. */
import { readFileSync } from 'node:fs';

export interface LogLevels {
  /** By pino level: 30 info, 40 warn, 50 error, 60 fatal. */
  counts: Record<number, number>;
  samples: string[];
}

const LEVEL_NAMES: Record<string, string> = { 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

export function logLevels(file: string): LogLevels {
  const counts: Record<number, number> = {};
  const samples: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { type?: string; message?: string } | string };
      const level = entry.level ?? 0;
      counts[level] = (counts[level] ?? 0) + 1;
      // An error's own message says what failed; the log line's message only where.
      const err = typeof entry.err === 'string' ? entry.err : entry.err?.message;
      const sample = entry.msg && (level >= 50 && err ? `${entry.msg} (${err.slice(0, 160)})` : entry.msg);
      if (level >= 40 && samples.length < 8 && sample && !samples.includes(sample)) samples.push(sample);
    } catch {
      // not a log line
    }
  }
  return { counts, samples };
}

export function botLogLine(levels: LogLevels): string {
  const counts = Object.entries(levels.counts).map(([level, count]) => `${LEVEL_NAMES[level] ?? level} ${count}`);
  return `Bot log: ${counts.join(', ')}${levels.samples.length ? `; above info: ${levels.samples.join(' | ')}` : ''}.`;
}
