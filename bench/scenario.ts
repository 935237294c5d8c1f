/**
 * One load run of a scenario against the bot or the floor bot: throughput and latency (http-driver),
 * and, inside the measuring window, the process's CPU time, its calls to the connector, and how busy
 * the rest of the machine was.
 */
import { monotonicMicros } from './cpu-profile';
import { cpuMs, cpuMsOrZero, machineBusyMs } from './cpu-time';
import type { Harness } from './harness';
import { runLoad, type LoadResult, type RequestSpec } from './http-driver';
import { progress } from './settings';

export interface Measured {
  load: LoadResult;
  connectorCalls: number;
  /** CPU time (user + system) of the measured process inside the measuring window, per completed request. */
  cpuMsPerRequest: number;
  /** CPUs kept busy, on average over the window, by processes other than this benchmark's (and Redis). */
  otherCpus: number;
  /** The measuring window on the monotonic clock (µs), to cut it out of the bot's CPU profile. */
  monotonic: { from: number; to: number };
}

/** Processes of the run's own besides the bot and the floor (the cluster row's), measured together. */
export interface OtherTarget {
  name: string;
  url: URL;
  /** Whose CPU time is the target's (summed). */
  pids: number[];
  /** Also ours, not other work on the machine (the cluster's Redis servers). */
  alsoOurs: number[];
}

/** What one load run sends, and to which bot. */
export interface Scenario {
  name: string;
  target: 'bot' | 'floor' | OtherTarget;
  next(worker: number, n: number): RequestSpec;
}

export async function measure(h: Harness, scenario: Scenario): Promise<Measured> {
  const s = h.settings;
  const target = scenario.target;
  const proc =
    target === 'bot' || target === 'floor'
      ? { name: target, url: h[target].url, pids: [h[target].pid], alsoOurs: [] as number[] }
      : { ...target, alsoOurs: [...target.pids, ...target.alsoOurs] };
  progress(
    `${scenario.name} on the ${proc.name} (${s.warmupMs / 1000} s warm-up, ${s.measureMs / 1000} s measured, ${s.concurrency} in flight)`,
  );
  const mark = await h.connector.count();
  const cpu = { open: 0, close: 0 };
  const others = { open: 0, close: 0 };
  const monotonic = { from: 0, to: 0 };
  const ours = [...h.ourPids(), ...proc.alsoOurs];
  const otherBusy = () => machineBusyMs() - ours.reduce<number>((sum, pid) => sum + cpuMsOrZero(pid), 0);
  const procCpu = () => proc.pids.reduce((sum, pid) => sum + cpuMs(pid), 0);
  const load = await runLoad(h.client, {
    url: proc.url,
    concurrency: s.concurrency,
    warmupMs: s.warmupMs,
    measureMs: s.measureMs,
    next: scenario.next,
    onWindow: (edge) => {
      cpu[edge] = procCpu();
      others[edge] = otherBusy();
      monotonic[edge === 'open' ? 'from' : 'to'] = monotonicMicros();
    },
  });
  await h.connector.quiet(1200);
  const calls = (await h.connector.calls(mark)).filter((c) => c.t >= load.window.from && c.t <= load.window.to);
  return {
    load,
    connectorCalls: calls.length,
    cpuMsPerRequest: (cpu.close - cpu.open) / Math.max(1, load.completed),
    otherCpus: Math.max(0, others.close - others.open) / s.measureMs,
    monotonic,
  };
}

/** Two runs of the same scenario as one: means of the rates and percentiles, sums of the counts. */
export function meanOf(a: Measured, b: Measured): Measured {
  const mean = (x: number, y: number) => (x + y) / 2;
  return {
    load: {
      completed: a.load.completed + b.load.completed,
      errors: a.load.errors + b.load.errors,
      errorSamples: [...new Set([...a.load.errorSamples, ...b.load.errorSamples])].slice(0, 5),
      requestsPerSecond: mean(a.load.requestsPerSecond, b.load.requestsPerSecond),
      p50: mean(a.load.p50, b.load.p50),
      p99: mean(a.load.p99, b.load.p99),
      max: Math.max(a.load.max, b.load.max),
      window: a.load.window,
    },
    connectorCalls: a.connectorCalls + b.connectorCalls,
    cpuMsPerRequest: mean(a.cpuMsPerRequest, b.cpuMsPerRequest),
    otherCpus: mean(a.otherCpus, b.otherCpus),
    monotonic: a.monotonic,
  };
}
