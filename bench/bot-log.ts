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
      const entry = JSON.parse(line) as { level?: number; msg?: string };
      const level = entry.level ?? 0;
      counts[level] = (counts[level] ?? 0) + 1;
      if (level >= 40 && samples.length < 5 && entry.msg && !samples.includes(entry.msg)) samples.push(entry.msg);
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
