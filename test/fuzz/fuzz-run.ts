/**
 * Running fast-check against the live server: a fixed seed, printed in the test's name and, on
 * failure, with the shrunk counterexample and the command that replays it. Settings:
 * - FUZZ_SEED=<n> another seed; FUZZ_SEED=random a new one each run (printed);
 * - FUZZ_RUNS_FACTOR=10 ten times the runs, for a longer hunt by hand;
 * - FUZZ_NO_SHRINK=1 report the first failing case as found (fast);
 * - FUZZ_DEBUG=1 print how many cases of each verb or command changed the table (2: every chat text).
 */
import fc from 'fast-check';

export function fuzzSeed(fallback: number): number {
  const raw = process.env.FUZZ_SEED;
  if (raw === 'random') return (Date.now() ^ (process.pid << 8)) | 0;
  if (raw && /^-?\d+$/.test(raw)) return Number(raw);
  return fallback;
}

/** FUZZ_RUNS_FACTOR=10 for a longer run by hand; the default keeps the folder well under a minute. */
export function runs(n: number): number {
  const factor = Number(process.env.FUZZ_RUNS_FACTOR ?? '1');
  return Math.max(1, Math.round(n * (Number.isFinite(factor) && factor > 0 ? factor : 1)));
}

/**
 * fc.assert with the seed, and a report that says how to replay: fast-check's own message carries
 * the seed, the path and the shrunk counterexample; shrinking is capped so a failure stays quick.
 */
export async function assertProperty<T>(
  property: fc.IAsyncPropertyWithHooks<T>,
  seed: number,
  numRuns: number,
  replay: string,
  examples: T[] = [],
): Promise<void> {
  const details = await fc.check(property, {
    seed,
    numRuns,
    examples,
    endOnFailure: process.env.FUZZ_NO_SHRINK === '1',
    interruptAfterTimeLimit: 15_000,
    markInterruptAsFailure: false,
    maxSkipsPerRun: 10,
  });
  if (process.env.FUZZ_DEBUG) console.log(`runs ${details.numRuns}, shrinks ${details.numShrinks}, skipped ${details.numSkips}`);
  if (details.failed) {
    const message = fc.defaultReportMessage(details) ?? 'property failed';
    const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    // The counterexample as JSON as well: fast-check prints strings with escapes that are hard to paste.
    const json = details.counterexample ? safeJson(details.counterexample) : '';
    throw new Error(
      `${error}\n\n${message}\n\nseed ${seed}, path ${details.counterexamplePath}; replay: ${replay}\ncounterexample as JSON: ${json.slice(0, 4000)}`,
    );
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
