/**
 * Virtual time for code that waits through an injected `sleep` and reads an injected `now`: a
 * test runs a whole minute of retries and windows in milliseconds, and every time it sees is exact.
 * `run(work)` lets all pending promise work happen, then jumps to the earliest sleeper, until
 * `work` settles. Real timers (a timeout of a few ms) still fire: when no sleeper is due, it waits
 * a real millisecond before it calls the work stuck.
 */
export class VirtualClock {
  private sleepers: Array<{ at: number; seq: number; wake: () => void }> = [];
  private seq = 0;

  constructor(public current = Date.UTC(2025, 10, 25, 9, 0, 0)) {}

  readonly now = (): number => this.current;

  readonly sleep = (ms: number): Promise<void> =>
    new Promise((wake) => {
      this.sleepers.push({ at: this.current + Math.max(0, ms), seq: this.seq++, wake });
    });

  async run<T>(work: Promise<T>, stuckAfterRealMs = 2000): Promise<T> {
    let settled = false;
    work.then(
      () => (settled = true),
      () => (settled = true),
    );
    let idleSince = Date.now();
    for (;;) {
      await new Promise((r) => setImmediate(r));
      if (settled) return work;
      const next = this.sleepers.sort((a, b) => a.at - b.at || a.seq - b.seq).shift();
      if (next) {
        this.current = Math.max(this.current, next.at);
        next.wake();
        idleSince = Date.now();
        continue;
      }
      if (Date.now() - idleSince > stuckAfterRealMs) throw new Error('virtual clock: the work is stuck (nothing sleeps, nothing settles)');
      await new Promise((r) => setTimeout(r, 1));
    }
  }
}
