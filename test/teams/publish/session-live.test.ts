/**
 * Two bot processes share one Redis. When two organisers type the first `totaalbeeld` of a session at
 * the same moment, each on another process, the thread must still get one totaalbeeld: the first
 * post claims the session's ref (compare and set), so only one process posts. A claim of a process
 * that died while posting is taken over after a while, and a post that failed gives the claim back.
 */
import type { CloudAdapter, TurnContext } from 'botbuilder';
import pino from 'pino';
import { postingClaim, SessionRunner, sessionRefs } from '../../../src/app/session-runner';
import { MemoryTableStore, RedisSessionStore } from '../../../src/store';
import { SessionLive } from '../../../src/teams/publish/session-live';
import { aSession } from '../../store/session-store.contract';
import { redisRun } from '../../support/redis-run';

/** Posts that "Teams" got: held until released, so both processes are in the middle at once. */
const posts: Array<{ release: (id: string | undefined) => void }> = [];
let posted = 0;

jest.mock('../../../src/teams/outbound/outbound', () => ({
  post: () =>
    new Promise<string | undefined>((resolve) => {
      posts.push({
        release: (id) => {
          if (id) posted++;
          resolve(id);
        },
      });
    }),
  updateCardOutcome: async () => ({ type: 'sent' }),
  deleteMessage: async () => undefined,
}));

const HOUR = 3_600_000;
const run = redisRun('sblive');
const context = {} as TurnContext;

async function until(probe: () => boolean): Promise<void> {
  for (let i = 0; i < 3000 && !probe(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!probe()) throw new Error('condition not reached');
}

/** One bot process: its own Redis connection on the shared prefix, its own runner and SessionLive. */
async function botProcess(prefix: string, clock?: () => number) {
  const sessions = new RedisSessionStore(await run.client(), { retentionMs: HOUR, prefix });
  const runner = new SessionRunner({ sessions, tables: new MemoryTableStore({ retentionMs: HOUR }), randomInt: () => 0 });
  const live = new SessionLive({
    adapter: {} as CloudAdapter,
    appId: 'app',
    runner,
    log: pino({ level: 'silent' }),
    retentionDays: 30,
    links: () => [],
    postTo: async () => undefined,
    ...(clock ? { clock } : {}),
  });
  lives.push(live);
  return { sessions, runner, live };
}

/** Every SessionLive of the test, so that their background refreshes end before the next test. */
const lives: SessionLive[] = [];
afterEach(async () => {
  await Promise.all(lives.splice(0).map((l) => l.idle()));
});

async function twoProcesses(clock?: () => number) {
  const prefix = run.nextPrefix();
  const a = await botProcess(prefix, clock);
  const b = await botProcess(prefix, clock);
  const session = aSession();
  await a.sessions.create(session);
  await a.runner.setRef(session.code, sessionRefs.conversation, JSON.stringify({ conversation: { id: session.thread } }));
  return { a, b, session };
}

beforeEach(() => {
  posts.length = 0;
  posted = 0;
});

describe('the first totaalbeeld on two bot processes', () => {
  it('two at the same moment post one message; the other asker is told where it is', async () => {
    const { a, b, session } = await twoProcesses();
    const settled: string[] = [];
    const shown = [a, b].map((p) => p.live.showOverview(context, session).then((r) => (settled.push(r), r)));
    // Both are under way: either both reached Teams, or one of them decided not to post.
    await until(() => posts.length === 2 || (posts.length === 1 && settled.length === 1));
    posts.forEach((p, i) => p.release(`message-${i + 1}`));

    expect((await Promise.all(shown)).sort()).toEqual(['posted', 'updated']);
    expect(posted).toBe(1);
    expect(await a.runner.getRef(session.code, sessionRefs.overview)).toBe('message-1');

    // The next one, on either process, updates that message.
    expect(await b.live.showOverview(context, session)).toBe('updated');
    expect(posts).toHaveLength(1);
  });

  it('a claim of a process that died while posting is taken over after two minutes, not before', async () => {
    let now = 1_000_000_000;
    const { a, session } = await twoProcesses(() => now);
    await a.runner.setRef(session.code, sessionRefs.overview, postingClaim.make(now));

    now += 60_000;
    expect(await a.live.showOverview(context, session)).toBe('updated');
    expect(posts).toHaveLength(0);

    now += 61_000;
    const shown = a.live.showOverview(context, session);
    await until(() => posts.length === 1);
    posts[0]!.release('message-9');
    expect(await shown).toBe('posted');
    expect(await a.runner.getRef(session.code, sessionRefs.overview)).toBe('message-9');
  });

  it('a post that failed gives the claim back, so the next totaalbeeld posts', async () => {
    const { a, b, session } = await twoProcesses();
    const first = a.live.showOverview(context, session);
    await until(() => posts.length === 1);
    posts[0]!.release(undefined);
    expect(await first).toBe('failed');
    expect(await a.runner.getRef(session.code, sessionRefs.overview)).toBeUndefined();

    const second = b.live.showOverview(context, session);
    await until(() => posts.length === 2);
    posts[1]!.release('message-2');
    expect(await second).toBe('posted');
  });

  it('a claim is no message: erasing the session does not try to empty it', async () => {
    const { a, session } = await twoProcesses();
    await a.runner.setRef(session.code, sessionRefs.overview, postingClaim.make(Date.now()));
    const erased = await a.runner.eraseSession(session.code, session.organiser);
    expect(erased).toMatchObject({ type: 'erased', threadMessages: [] });
  });
});
