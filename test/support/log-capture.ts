import pino, { type Logger } from 'pino';

export interface CapturedLog {
  log: Logger;
  /** Every line written so far, as written (JSON). */
  text(): string;
  records(): Array<Record<string, any>>;
  /** The one-line-per-turn records. */
  turns(): Array<Record<string, any>>;
}

/** A pino logger that writes into memory, for tests that read what the bot logs. */
export function captureLog(level = 'debug'): CapturedLog {
  const lines: string[] = [];
  const log = pino({ level }, { write: (line: string) => void lines.push(line) });
  const records = () => lines.map((l) => JSON.parse(l) as Record<string, any>);
  return { log, text: () => lines.join(''), records, turns: () => records().filter((r) => r.msg === 'turn') };
}
