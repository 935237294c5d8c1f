/**
 * What a benchmark run reads from its environment, read once, and its progress lines on stderr.
 *
 * BENCH_REDIS_URL (else REDIS_URL, else redis://127.0.0.1:6379), BENCH_CONCURRENCY (32),
 * BENCH_WARMUP_S (3), BENCH_MEASURE_S (10), BENCH_STATUS_TABLES (512), BENCH_BOT_LOG_LEVEL (info),
 * BENCH_PROFILE=1 (run the bot with --cpu-prof and print where its CPU time went), BENCH_CARDS_DIR
 * (write the biggest card of each kind per workshop there, to look at), BENCH_PARTS (which parts to
 * run: `1,2,3,cluster`, all by default) and BENCH_ACTIONS (which actions part 1 measures:
 * `pick,sticker,status`, all by default), to shorten a run while profiling.
 */
export const PARTS = ['1', '2', '3', 'cluster'] as const;
export type Part = (typeof PARTS)[number];
export const ACTIONS = ['pick', 'sticker', 'status'] as const;
export type Action = (typeof ACTIONS)[number];

export interface Settings {
  redisUrl: string;
  /** Requests in flight in part 1. */
  concurrency: number;
  warmupMs: number;
  measureMs: number;
  /** Conversations that `status` goes round in part 1. */
  statusTables: number;
  /** The bot's LOG_LEVEL (its log goes to a file). */
  botLogLevel: string;
  profile: boolean;
  cardsDir: string | undefined;
  parts: ReadonlySet<Part>;
  actions: ReadonlySet<Action>;
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const positive = (name: string, fallback: number) => {
    const v = Number(env[name] ?? fallback);
    if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} must be a positive number`);
    return v;
  };
  return {
    redisUrl: env.BENCH_REDIS_URL ?? env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    concurrency: Math.round(positive('BENCH_CONCURRENCY', 32)),
    warmupMs: positive('BENCH_WARMUP_S', 3) * 1000,
    measureMs: positive('BENCH_MEASURE_S', 10) * 1000,
    statusTables: Math.round(positive('BENCH_STATUS_TABLES', 512)),
    botLogLevel: env.BENCH_BOT_LOG_LEVEL ?? 'info',
    profile: env.BENCH_PROFILE === '1',
    cardsDir: env.BENCH_CARDS_DIR || undefined,
    parts: listOf('BENCH_PARTS', env.BENCH_PARTS, PARTS),
    actions: listOf('BENCH_ACTIONS', env.BENCH_ACTIONS, ACTIONS),
  };
}

/** A comma-separated subset of `all`; all of it when unset. */
function listOf<T extends string>(name: string, value: string | undefined, all: readonly T[]): ReadonlySet<T> {
  if (!value) return new Set(all);
  const chosen = value.split(',').map((v) => v.trim());
  const unknown = chosen.filter((v) => !(all as readonly string[]).includes(v));
  if (unknown.length) throw new Error(`${name}: unknown ${unknown.join(', ')} (choose from ${all.join(',')})`);
  return new Set(chosen as T[]);
}

/** The Redis URL with its password hidden, for printing. */
export function redactedUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

const startedAt = Date.now();

export function secondsSinceStart(): number {
  return (Date.now() - startedAt) / 1000;
}

export function progress(text: string): void {
  process.stderr.write(`[bench ${secondsSinceStart().toFixed(1).padStart(6)} s] ${text}\n`);
}
