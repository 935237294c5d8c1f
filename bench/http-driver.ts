/**
 * A small load driver: HTTP/1.1 with keep-alive (node:http Agent), a fixed number of requests in
 * flight, a warm-up, then a fixed measuring time. Each request's latency is the time from writing it
 * to reading the whole answer. Only requests that complete inside the measuring window count.
 */
import http from 'node:http';

export interface Answer {
  status: number;
  text: string;
  /** Milliseconds from writing the request to the end of the answer. */
  ms: number;
}

export class HttpClient {
  readonly agent: http.Agent;

  constructor(maxSockets: number) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets, keepAliveMsecs: 10_000 });
  }

  post(url: URL, body: string, timeoutMs = 60_000): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const req = http.request(
        {
          agent: this.agent,
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }),
          );
          res.on('error', reject);
        },
      );
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** What one request of a load run is: the body to post and how to tell a good answer from an error. */
export interface RequestSpec {
  body: string;
  /** Returns an error description, or undefined when the answer is what the scenario expects. */
  check(answer: Answer): string | undefined;
}

export interface LoadOptions {
  url: URL;
  concurrency: number;
  warmupMs: number;
  measureMs: number;
  /** The next request of worker `worker` (0 ≤ worker < concurrency); `n` counts that worker's requests. */
  next(worker: number, n: number): RequestSpec;
  /** Called when the measuring window opens and when it closes (e.g. to read CPU counters). */
  onWindow?(edge: 'open' | 'close'): void;
}

export interface LoadResult {
  /** Requests completed inside the measuring window, good and bad. */
  completed: number;
  errors: number;
  /** Up to five distinct error descriptions. */
  errorSamples: string[];
  requestsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** Date.now() bounds of the measuring window. */
  window: { from: number; to: number };
}

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function sortedCopy(values: number[]): Float64Array {
  return Float64Array.from(values).sort();
}

export async function runLoad(client: HttpClient, opts: LoadOptions): Promise<LoadResult> {
  const startedAt = performance.now();
  const wallStart = Date.now();
  const measureFrom = startedAt + opts.warmupMs;
  const measureTo = measureFrom + opts.measureMs;
  const latencies: number[] = [];
  const errorSamples = new Set<string>();
  let errors = 0;
  let completed = 0;

  const record = (ms: number, error: string | undefined) => {
    const ended = performance.now();
    // What completed inside the window counts (throughput by completions, as load tools do).
    if (ended < measureFrom || ended > measureTo) return;
    completed++;
    latencies.push(ms);
    if (error) {
      errors++;
      if (errorSamples.size < 5) errorSamples.add(error);
    }
  };

  const worker = async (w: number) => {
    for (let n = 0; performance.now() < measureTo; n++) {
      const spec = opts.next(w, n);
      const began = performance.now();
      try {
        const answer = await client.post(opts.url, spec.body);
        record(answer.ms, spec.check(answer));
      } catch (err) {
        record(performance.now() - began, err instanceof Error ? err.message : String(err));
      }
    }
  };

  const open = setTimeout(() => opts.onWindow?.('open'), opts.warmupMs);
  const close = setTimeout(() => opts.onWindow?.('close'), opts.warmupMs + opts.measureMs);
  await Promise.all(Array.from({ length: opts.concurrency }, (_, w) => worker(w)));
  clearTimeout(open);
  clearTimeout(close);
  const sorted = sortedCopy(latencies);
  const seconds = opts.measureMs / 1000;
  return {
    completed,
    errors,
    errorSamples: [...errorSamples],
    requestsPerSecond: completed / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    window: { from: wallStart + opts.warmupMs, to: wallStart + opts.warmupMs + opts.measureMs },
  };
}
