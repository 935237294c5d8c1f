/**
 * The outbound queue on virtual time: whole minutes of windows, holds and retries run in
 * milliseconds, and every send time the tests read is exact.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { MemoryRateWindow, TEAMS_CONVERSATION_LIMITS, TEAMS_TENANT_LIMITS, type RateLimit, type RateWindow } from '../../../src/store';
import {
  OutboundQueue,
  type OutboundLane,
  type OutboundOp,
  type OutboundOutcome,
  type OutboundQueueOptions,
} from '../../../src/teams/outbound/outbound-queue';
import type { SendKind } from '../../../src/teams/outbound/send-failure';
import { restError } from '../../support/rest-error';
import { VirtualClock } from '../../support/virtual-clock';

const CARD_TEXT = 'Hier ontmoeten buren elkaar [geheim-argument-7]';

function aKey(n = 1): string {
  return `19:table-${n}@thread.v2`;
}

/** The most sends in any window of `ms` (times sorted or not). */
function maxIn(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return Math.max(0, ...sorted.map((t, i) => sorted.slice(i).filter((u) => u < t + ms).length));
}

function setup(options: OutboundQueueOptions & { limits?: readonly RateLimit[]; window?: RateWindow } = {}) {
  const clock = new VirtualClock();
  const lines: Array<Record<string, unknown>> = [];
  const raw: string[] = [];
  const log = pino(
    { level: 'debug' },
    new Writable({
      write(chunk, _enc, done) {
        raw.push(String(chunk));
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    }),
  );
  const window = options.window ?? new MemoryRateWindow({ limits: options.limits ?? TEAMS_CONVERSATION_LIMITS, now: clock.now });
  const queue = new OutboundQueue(window, log, { sleep: clock.sleep, now: clock.now, random: () => 0.5, ...options });
  /** Every attempt: which op, when, and how it ended. */
  const attempts: Array<{ op: string; at: number; ok: boolean }> = [];
  /** An op whose attempts fail with `failures` in turn, then succeed with `value`. */
  const op = (
    name: string,
    opts: { key?: string; kind?: SendKind; messageId?: string; failures?: unknown[]; lane?: OutboundLane } = {},
  ): OutboundOp<string> => {
    const failures = [...(opts.failures ?? [])];
    return {
      conversationId: opts.key ?? aKey(),
      kind: opts.kind ?? 'post',
      causeId: `activity-${name}`,
      ...(opts.messageId ? { messageId: opts.messageId } : {}),
      ...(opts.lane ? { lane: opts.lane } : {}),
      send: async () => {
        const failure = failures.shift();
        attempts.push({ op: name, at: clock.now(), ok: failure === undefined });
        if (failure !== undefined) throw failure;
        return `msg-${name}`;
      },
    };
  };
  const runAll = <T>(outcomes: Array<Promise<OutboundOutcome<T>>>) => clock.run(Promise.all(outcomes));
  const sentAt = (name: string) => attempts.filter((a) => a.op === name).map((a) => a.at);
  return { clock, queue, window, log: lines, raw, attempts, op, runAll, sentAt, T0: clock.now() };
}

const throttled = (retryAfter: string) => restError(429, { headers: { 'retry-after': retryAfter }, body: CARD_TEXT });

describe('order', () => {
  it('sends the operations of one conversation one at a time, in the order they were queued', async () => {
    const s = setup();
    let inFlight = 0;
    let most = 0;
    const names = Array.from({ length: 12 }, (_, i) => `op${i}`);
    const outcomes = await s.runAll(
      names.map((name) => {
        const o = s.op(name);
        const send = o.send;
        return s.queue.run({
          ...o,
          send: async () => {
            most = Math.max(most, ++inFlight);
            await s.clock.sleep(30); // each request takes 30 ms
            inFlight--;
            return send();
          },
        });
      }),
    );
    expect(outcomes.map((o) => o.type)).toEqual(names.map(() => 'sent'));
    expect(s.attempts.map((a) => a.op)).toEqual(names);
    expect(most).toBe(1);
  });

  it('the Round 1 card is posted before its progress card, also when the Round 1 card is throttled', async () => {
    const s = setup();
    const [round1, progress] = await s.runAll([s.queue.run(s.op('round1', { failures: [throttled('1')] })), s.queue.run(s.op('progress'))]);
    expect(round1).toMatchObject({ type: 'sent', value: 'msg-round1', attempts: 2 });
    expect(progress).toMatchObject({ type: 'sent', attempts: 1 });
    expect(s.attempts.filter((a) => a.ok).map((a) => a.op)).toEqual(['round1', 'progress']);
  });

  it('a throttled conversation does not hold up another conversation', async () => {
    const s = setup();
    await s.runAll([s.queue.run(s.op('a', { key: aKey(1), failures: [throttled('5')] })), s.queue.run(s.op('b', { key: aKey(2) }))]);
    expect(s.sentAt('b')).toEqual([s.T0]);
    expect(s.sentAt('a')[1]).toBeGreaterThanOrEqual(s.T0 + 5000);
  });
});

describe('lanes: steering before informational', () => {
  const informational = (s: ReturnType<typeof setup>, n: number, opts: { key?: string } = {}) =>
    Array.from({ length: n }, (_, i) => s.queue.run(s.op(`help${i}`, { ...opts, lane: 'informational' })));

  it('a leider’s post queued behind 40 help cards goes out right after the one already on its way', async () => {
    const s = setup();
    const flood = informational(s, 40);
    // 1.5 s later: 7 went out in the first second, the 8th at 1 s; the 9th waits for its slot at 2 s.
    const leider = s.clock.sleep(1500).then(() => s.queue.run(s.op('volgende')));
    const outcomes = await s.runAll([...flood, leider]);
    expect(outcomes.every((o) => o.type === 'sent')).toBe(true);
    const order = s.attempts.map((a) => a.op);
    expect(order.indexOf('volgende')).toBe(9);
    expect(order.filter((o) => o.startsWith('help'))).toEqual(Array.from({ length: 40 }, (_, i) => `help${i}`));
    expect(s.sentAt('volgende')[0]).toBeGreaterThanOrEqual(s.T0 + 2000);
    expect(s.sentAt('help39')[0]).toBeGreaterThan(s.sentAt('volgende')[0]!);
  });

  it('each lane keeps its own order; whatever is in flight finishes first', async () => {
    const s = setup();
    const ops = [
      s.queue.run(s.op('i1', { lane: 'informational' })),
      s.queue.run(s.op('i2', { lane: 'informational' })),
      s.queue.run(s.op('s1')),
      s.queue.run(s.op('i3', { lane: 'informational' })),
      s.queue.run(s.op('s2', { lane: 'steering' })),
      s.queue.run(s.op('s3')),
    ];
    await s.runAll(ops);
    expect(s.attempts.map((a) => a.op)).toEqual(['i1', 's1', 's2', 's3', 'i2', 'i3']);
  });

  it('a steering post that is retried after a 429 still goes before the waiting help cards', async () => {
    const s = setup();
    const ops = [s.queue.run(s.op('round1', { failures: [throttled('1')] })), ...informational(s, 5), s.queue.run(s.op('progress'))];
    await s.runAll(ops);
    expect(s.attempts.filter((a) => a.ok).map((a) => a.op)).toEqual(['round1', 'progress', 'help0', 'help1', 'help2', 'help3', 'help4']);
  });

  it('the lanes share one window: 100 posts of both lanes keep 7 per 1 s, 8 per 2 s, 60 per 30 s', async () => {
    const s = setup();
    const outcomes = await s.runAll(
      Array.from({ length: 100 }, (_, i) => s.queue.run(s.op(`p${i}`, { lane: i % 3 === 0 ? 'steering' : 'informational' }))),
    );
    expect(outcomes.every((o) => o.type === 'sent')).toBe(true);
    const times = s.attempts.map((a) => a.at);
    expect(maxIn(times, 1000)).toBe(7);
    expect(maxIn(times, 2000)).toBe(8);
    expect(maxIn(times, 30_000)).toBe(60);
  });

  it('another conversation’s help cards hold nothing here', async () => {
    const s = setup();
    const flood = informational(s, 30, { key: aKey(2) });
    const [mine] = await s.runAll([s.queue.run(s.op('volgende', { key: aKey(1) })), ...flood]);
    expect(mine?.type).toBe('sent');
    expect(s.sentAt('volgende')).toEqual([s.T0]);
  });
});

describe("Teams' limits", () => {
  it('100 posts at once to one conversation: never more than 7 per 1 s, 8 per 2 s, 60 per 30 s', async () => {
    const s = setup();
    const outcomes = await s.runAll(Array.from({ length: 100 }, (_, i) => s.queue.run(s.op(`p${i}`))));
    expect(outcomes.every((o) => o.type === 'sent')).toBe(true);
    const times = s.attempts.map((a) => a.at);
    expect(maxIn(times, 1000)).toBe(7);
    expect(maxIn(times, 2000)).toBe(8);
    expect(maxIn(times, 30_000)).toBe(60);
    expect(s.queue.stats()).toMatchObject({ sent: 100, failed: 0 });
    expect(s.queue.stats().slotWaits).toBeGreaterThan(0);
  });

  it('the hour: 1800 per hour, then it waits (only as long as maxWaitMs allows)', async () => {
    const s = setup({ maxWaitMs: 4_000_000 });
    await s.runAll(Array.from({ length: 1801 }, (_, i) => s.queue.run(s.op(`p${i}`))));
    const times = s.attempts.map((a) => a.at);
    expect(maxIn(times, 3_600_000)).toBe(1800);
    expect(times[1800]! - times[0]!).toBeGreaterThanOrEqual(3_600_000);
  }, 60_000);

  it('120 tables of one tenant posting at once: never more than 50 per second for the tenant; another tenant is not held up', async () => {
    const clockless = setup();
    const tenantWindow = new MemoryRateWindow({ limits: TEAMS_TENANT_LIMITS, now: clockless.clock.now });
    const s = {
      ...clockless,
      queue: new OutboundQueue(clockless.window, pino({ level: 'silent' }), {
        sleep: clockless.clock.sleep,
        now: clockless.clock.now,
        random: () => 0.5,
        tenantWindow,
      }),
    };
    const ops = Array.from({ length: 120 }, (_, i) => ({ ...s.op(`a${i}`, { key: aKey(i) }), tenantId: 'gemeente-a' }));
    const others = Array.from({ length: 10 }, (_, i) => ({ ...s.op(`b${i}`, { key: aKey(1000 + i) }), tenantId: 'gemeente-b' }));
    const outcomes = await s.runAll([...ops, ...others].map((op) => s.queue.run(op)));
    expect(outcomes.every((o) => o.type === 'sent')).toBe(true);
    const tenantA = s.attempts.filter((a) => a.op.startsWith('a')).map((a) => a.at);
    expect(tenantA).toHaveLength(120);
    expect(maxIn(tenantA, 1000)).toBe(50);
    expect(Math.max(...tenantA) - Math.min(...tenantA)).toBeGreaterThanOrEqual(2000);
    // Tenant B's ten went out at once, whatever A's queue looked like.
    const tenantB = s.attempts.filter((a) => a.op.startsWith('b')).map((a) => a.at);
    expect(Math.max(...tenantB)).toBe(s.T0);
  });

  it('two bot processes over one window keep the limits together', async () => {
    const s = setup();
    const other = new OutboundQueue(s.window, pino({ level: 'silent' }), { sleep: s.clock.sleep, now: s.clock.now, random: () => 0.25 });
    const outcomes = await s.runAll(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? s.queue : other).run(s.op(`p${i}`))));
    expect(outcomes.every((o) => o.type === 'sent')).toBe(true);
    const times = s.attempts.map((a) => a.at);
    expect(maxIn(times, 1000)).toBeLessThanOrEqual(7);
    expect(maxIn(times, 2000)).toBeLessThanOrEqual(8);
  });

  it('gives up on an operation when the window has no room within maxWaitMs, without sending it', async () => {
    const s = setup({ limits: [{ max: 1, windowMs: 60_000 }], maxWaitMs: 30_000 });
    const [first, second] = await s.runAll([s.queue.run(s.op('first')), s.queue.run(s.op('second'))]);
    expect(first?.type).toBe('sent');
    expect(second).toMatchObject({ type: 'failed', failure: { type: 'windowFull', waitMs: 60_000 }, attempts: 0 });
    expect(s.sentAt('second')).toEqual([]);
    expect(s.log.find((l) => l.activityId === 'activity-second')).toMatchObject({ level: 50, conversation: aKey() });
  });
});

describe('429 and Retry-After', () => {
  it('waits Retry-After (seconds) plus jittered backoff, and holds the whole conversation meanwhile', async () => {
    const s = setup();
    const other = new OutboundQueue(s.window, pino({ level: 'silent' }), { sleep: s.clock.sleep, now: s.clock.now, random: () => 0 });
    const [a, b] = await s.runAll([
      s.queue.run(s.op('a', { failures: [throttled('2')] })),
      // Another process, a moment later, same conversation: it must not send during the hold.
      s.clock.sleep(10).then(() => other.run(s.op('b'))),
    ]);
    expect(a).toMatchObject({ type: 'sent', attempts: 2 });
    expect(b).toMatchObject({ type: 'sent', attempts: 1 });
    // Backoff step 500 ms, half of it jitter (random 0.5): 375 ms on top of Retry-After.
    expect(s.sentAt('a')).toEqual([s.T0, s.T0 + 2000 + 375]);
    expect(s.sentAt('b')[0]).toBeGreaterThanOrEqual(s.T0 + 2000);
    expect(s.queue.stats()).toMatchObject({ throttled: 1, retries: 1, sent: 1 });
  });

  it('understands Retry-After as an HTTP date', async () => {
    const s = setup();
    const date = new Date(s.T0 + 3000).toUTCString();
    const [a] = await s.runAll([s.queue.run(s.op('a', { failures: [throttled(date)] }))]);
    expect(a).toMatchObject({ type: 'sent', attempts: 2 });
    expect(s.sentAt('a')).toEqual([s.T0, s.T0 + 3000 + 375]);
  });

  it('backs off exponentially while Teams keeps answering 429, and gives up after maxAttempts', async () => {
    const s = setup({ maxAttempts: 4 });
    const [a] = await s.runAll([s.queue.run(s.op('a', { failures: [throttled('1'), throttled('1'), throttled('1'), throttled('1')] }))]);
    expect(a).toMatchObject({ type: 'failed', failure: { type: 'throttled', status: 429 }, attempts: 4 });
    const t = s.sentAt('a').map((x) => x - s.T0);
    // Retry-After 1 s + 375, 750, 1500 ms (steps of 500, 1000, 2000 ms, each half jitter).
    expect(t).toEqual([0, 1375, 1375 + 1750, 1375 + 1750 + 2500]);
  });

  it('a Retry-After longer than maxWaitMs is not waited for: the operation fails at once', async () => {
    const s = setup({ maxWaitMs: 30_000 });
    const [a] = await s.runAll([s.queue.run(s.op('a', { failures: [throttled('120')] }))]);
    expect(a).toMatchObject({ type: 'failed', attempts: 1 });
    expect(s.clock.now()).toBe(s.T0);
  });
});

describe('which failures are retried', () => {
  const cases: Array<[string, number, 'sent' | 'failed', SendKind, unknown]> = [
    ['a post after a reset (may have been posted)', 1, 'failed', 'post', restError(undefined, { code: 'ECONNRESET' })],
    ['an update after a reset (idempotent)', 2, 'sent', 'update', restError(undefined, { code: 'ECONNRESET' })],
    ['a post that never connected', 2, 'sent', 'post', restError(undefined, { code: 'ECONNREFUSED' })],
    ['a post after 500', 1, 'failed', 'post', restError(500)],
    ['an update after 500', 2, 'sent', 'update', restError(500)],
    ['a post after 502 (the gateway may have passed it on)', 1, 'failed', 'post', restError(502)],
    ['a post after 503', 2, 'sent', 'post', restError(503)],
    ['a post after 412', 2, 'sent', 'post', restError(412)],
    ['a post after 400', 1, 'failed', 'post', restError(400)],
    ['an update after 404 (message gone)', 1, 'failed', 'update', restError(404)],
    ['a bug in the send', 1, 'failed', 'post', new TypeError('oops')],
  ];
  it.each(cases)('%s: %d attempt(s), %s', async (_, attempts, outcome, kind, failure) => {
    const s = setup();
    const [o] = await s.runAll([s.queue.run(s.op('x', { kind, failures: [failure] }))]);
    expect(o?.type).toBe(outcome);
    expect(s.attempts).toHaveLength(attempts);
  });

  it('an attempt without an answer times out: an update is retried, a post is not', async () => {
    const s = setup({ attemptTimeoutMs: 20 });
    const hanging = (kind: SendKind, messageId?: string): OutboundOp<string> => ({
      conversationId: aKey(),
      kind,
      ...(messageId ? { messageId } : {}),
      send: () => {
        s.attempts.push({ op: kind, at: s.clock.now(), ok: false });
        return new Promise<string>(() => undefined);
      },
    });
    const [post, update] = await s.runAll([s.queue.run(hanging('post')), s.queue.run(hanging('update', 'm1'))]);
    expect(post).toMatchObject({ type: 'failed', failure: { type: 'ambiguous', code: 'TIMEOUT' }, attempts: 1 });
    expect(update).toMatchObject({ type: 'failed', attempts: 4 });
  });

  it('never rejects, whatever the send throws', async () => {
    const s = setup();
    const outcomes = await s.runAll([s.queue.run(s.op('a', { failures: ['a string'] })), s.queue.run(s.op('b', { failures: [null] }))]);
    expect(outcomes).toEqual([
      expect.objectContaining({ type: 'failed', attempts: 1 }),
      expect.objectContaining({ type: 'failed', attempts: 1 }),
    ]);
  });
});

describe('updates of one message: the latest state wins', () => {
  it('a waiting update is replaced by a newer one of the same message; other messages keep theirs', async () => {
    const s = setup();
    const outcomes = await s.runAll([
      s.queue.run(s.op('post', { failures: [throttled('1')] })),
      s.queue.run(s.op('progress-v1', { kind: 'update', messageId: 'm-progress' })),
      s.queue.run(s.op('welcome-v1', { kind: 'update', messageId: 'm-welcome' })),
      s.queue.run(s.op('progress-v2', { kind: 'update', messageId: 'm-progress' })),
      s.queue.run(s.op('progress-v3', { kind: 'update', messageId: 'm-progress' })),
    ]);
    expect(outcomes.map((o) => o.type)).toEqual(['sent', 'superseded', 'sent', 'superseded', 'sent']);
    // v3 took v1's place in the line, before the welcome update.
    expect(s.attempts.filter((a) => a.ok).map((a) => a.op)).toEqual(['post', 'progress-v3', 'welcome-v1']);
    expect(s.queue.stats().superseded).toBe(2);
  });
});

describe('when the shared window is unreachable (Redis down)', () => {
  it('keeps sending within this process’ own window, and says so in the log', async () => {
    const broken: RateWindow = {
      acquire: async () => {
        throw new Error('Store unavailable: Connection is closed.');
      },
      settle: async () => {
        throw new Error('down');
      },
      holdOff: async () => {
        throw new Error('down');
      },
    };
    const s = setup({ window: broken });
    const local = new MemoryRateWindow({ now: s.clock.now });
    const queue = new OutboundQueue(broken, pino({ level: 'silent' }), {
      sleep: s.clock.sleep,
      now: s.clock.now,
      random: () => 0.5,
      localWindow: local,
    });
    const outcomes = await s.runAll(
      Array.from({ length: 10 }, (_, i) => queue.run(s.op(`p${i}`, { failures: i === 0 ? [throttled('1')] : [] }))),
    );
    expect(outcomes.every((o) => o.type === 'sent')).toBe(true);
    expect(
      maxIn(
        s.attempts.map((a) => a.at),
        1000,
      ),
    ).toBeLessThanOrEqual(7);
    expect(queue.stats().windowErrors).toBeGreaterThan(0);
  });
});

describe('logs', () => {
  it('a final failure is one error line with the activity id, conversation, status and attempts — never the card', async () => {
    const s = setup({ maxAttempts: 2 });
    await s.runAll([s.queue.run(s.op('a', { failures: [throttled('1'), restError(400, { code: 'BadArgument', body: CARD_TEXT })] }))]);
    const errors = s.log.filter((l) => l.level === 50);
    expect(errors).toEqual([
      expect.objectContaining({
        msg: 'outbound send failed',
        activityId: 'activity-a',
        conversation: aKey(),
        kind: 'post',
        attempts: 2,
        failure: 'rejected',
        status: 400,
        code: 'BadArgument',
      }),
    ]);
    expect(s.log.filter((l) => l.level === 40)).toEqual([
      expect.objectContaining({ msg: 'outbound send will be retried', status: 429, retryAfterMs: 1000, waitMs: 1375, attempt: 1 }),
    ]);
    const everything = s.raw.join('');
    expect(everything).not.toContain('geheim-argument');
    expect(everything).not.toContain('ontmoeten');
  });

  it('idle() resolves once everything queued is done', async () => {
    const s = setup();
    const pending = [s.queue.run(s.op('a', { failures: [throttled('1')] })), s.queue.run(s.op('b', { key: aKey(2) }))];
    await s.clock.run(s.queue.idle());
    expect(s.attempts.filter((a) => a.ok)).toHaveLength(2);
    await Promise.all(pending);
  });
});
