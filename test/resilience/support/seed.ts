/**
 * Seeded randomness for the resilience tests: every choice (which process gets a delivery, how many
 * copies, who submits when, which cards) comes from one seed, printed when a test fails, so a
 * failing run can be repeated with `RESILIENCE_SEED=<seed>`. Timing itself is never seeded (the
 * machine decides it); no assertion depends on it.
 */
export interface Rng {
  readonly seed: number;
  /** [0, 1) */
  next(): number;
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  shuffle<T>(items: readonly T[]): T[];
  /** `count` different items. */
  sample<T>(items: readonly T[], count: number): T[];
  /** An independent stream derived from this one (so adding a choice in one place does not shift every other). */
  fork(label: string): Rng;
}

/** RESILIENCE_SEED when set, else a new one per test file run. */
export function seedFromEnv(): number {
  const raw = process.env.RESILIENCE_SEED;
  if (raw !== undefined && raw !== '') {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new Error(`RESILIENCE_SEED must be an integer 0..4294967295, got ${raw}`);
    return n;
  }
  return (Date.now() ^ (process.pid << 16)) >>> 0;
}

function hash(text: string, seed: number): number {
  let h = seed ^ 0x9e3779b9;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x85ebca6b) >>> 0;
  return (h ^ (h >>> 15)) >>> 0;
}

/** mulberry32: small, fast, good enough to spread test choices. */
export function seeded(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    seed,
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from nothing');
      return items[Math.floor(next() * items.length)]!;
    },
    shuffle: (items) => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
    sample: (items, count) => rng.shuffle(items).slice(0, count),
    fork: (label) => seeded(hash(label, seed)),
  };
  return rng;
}

/**
 * Runs a test step; if it fails, the error says which seed to rerun with. Use for every `it` of a
 * seeded scenario.
 */
export async function withSeed<T>(seed: number, file: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    const hint = `[seed ${seed}: rerun with RESILIENCE_SEED=${seed} npx jest ${file}]`;
    if (err instanceof Error) {
      err.message = `${hint}\n${err.message}`;
      throw err;
    }
    throw new Error(`${hint}\n${String(err)}`);
  }
}
