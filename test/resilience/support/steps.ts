import { withSeed } from './seed';

/**
 * A scenario as ordered `it` steps that share state: a step after a failed one fails at once
 * ("an earlier step failed") instead of running against a half-played table. Every failure names
 * the seed.
 */
export function scenarioSteps(seed: number, file: string) {
  let broken: string | undefined;
  /** `check: true`: a step that only checks what earlier steps left; its failure does not stop the later ones. */
  return (name: string, fn: () => Promise<void>, opts: { timeoutMs?: number; check?: boolean } = {}) =>
    it(
      name,
      () =>
        withSeed(seed, file, async () => {
          if (broken) throw new Error(`not run: the earlier step "${broken}" failed`);
          try {
            await fn();
          } catch (err) {
            if (!opts.check) broken = name;
            throw err;
          }
        }),
      opts.timeoutMs ?? 120_000,
    );
}

/** Collects what is wrong instead of stopping at the first, so a failure shows the whole picture. */
export class Problems {
  readonly list: string[] = [];
  add(problem: string): void {
    this.list.push(problem);
  }
  check(ok: boolean, problem: () => string): void {
    if (!ok) this.list.push(problem());
  }
  /** Fails with every problem found (at most `max` listed). */
  assertNone(what: string, max = 40): void {
    if (this.list.length === 0) return;
    const shown = this.list.slice(0, max).map((p) => `  - ${p}`);
    if (this.list.length > max) shown.push(`  ... and ${this.list.length - max} more`);
    throw new Error(`${what}: ${this.list.length} problem(s)\n${shown.join('\n')}`);
  }
}

export function report(title: string, figures: Record<string, unknown>): void {
  // One line per scenario step, for the run's record (counts, not timing-sensitive checks).
  process.stdout.write(`[resilience] ${title}: ${JSON.stringify(figures)}\n`);
}
