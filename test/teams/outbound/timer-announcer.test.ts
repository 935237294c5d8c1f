/**
 * `takeDue` removes the batch it returns, so whatever the announcer does with one payload must not
 * cost the others: a payload that does not parse (another release's, a damaged one) or whose
 * delivery fails is logged, and the rest of the batch is still delivered. On both timer queues.
 */
import type { Activity, CloudAdapter, ConversationReference } from 'botbuilder';
import { newTable, type TableState } from '../../../src/domain';
import { t } from '../../../src/i18n';
import { MemoryTimerQueue, RedisTimerQueue, timerPayloadJson, type TimerQueue } from '../../../src/store';
import type { SharedCardReminder } from '../../../src/teams/publish/shared-card-updater';
import { TimerAnnouncer } from '../../../src/teams/outbound/timer-announcer';
import { STORED_BY_MAIN } from '../../store/fixtures/stored-by-main';
import { captureLog } from '../../support/log-capture';
import { redisRun } from '../../support/redis-run';

/** What reached "Teams": the conversation and the summary of each message sent. */
const sent: string[] = [];

jest.mock('../../../src/teams/outbound/outbound', () => ({
  cardMessage: (_card: unknown, summary?: string) => ({ summary }),
  sendMessage: async (context: { activity: { conversation: { id: string } } }, message: { summary?: string }) => {
    sent.push(`${context.activity.conversation.id}: ${message.summary}`);
    return 'message-id';
  },
}));

/** An adapter that runs the proactive turn at once; a conversation in `failing` throws as Teams' 403 would. */
function fakeAdapter(failing: string[] = []): CloudAdapter {
  return {
    continueConversationAsync: async (
      _appId: string,
      reference: Partial<ConversationReference>,
      logic: (context: unknown) => Promise<void>,
    ) => {
      const id = reference.conversation?.id ?? '';
      if (failing.includes(id)) throw new Error('Forbidden');
      await logic({ activity: { conversation: { id } } });
    },
  } as unknown as CloudAdapter;
}

const key = (n: number) => ({ tenantId: 'tenant-1', conversationId: `19:table-${n}@thread.v2` });
const activity = (n: number) =>
  ({ channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/emea/', conversation: { id: key(n).conversationId } }) as Activity;
const done = (lang: 'nl' | 'en', minutes: number) => t(lang, 'timer.done', { minutes });
const reminderOf = (n: number, kind: 'welcome' | 'progress') =>
  timerPayloadJson({ type: 'card', key: key(n), kind, reference: { conversation: { id: key(n).conversationId } } });

/** Every table here runs the timer that ends at its `dueAt` (each test's tables have one timer each). */
const runningTimers = new Map<string, number>();
/** Each table's language now: the one its timer was set in, unless a test changes it (`taal`). */
const languages = new Map<string, 'nl' | 'en'>();
const tables = {
  get: async (k: { conversationId: string }): Promise<TableState> => {
    const now = 0;
    const table = newTable({
      actor: { id: 'leider', name: 'Leider' },
      defaultTitle: 'Tafel',
      settings: { maxParticipants: 8, language: languages.get(k.conversationId) ?? 'nl' },
      deck: { ingredients: [], intentions: [] },
      now,
    });
    const endsAt = runningTimers.get(k.conversationId) ?? 0;
    return { ...table, phase: 'round1', timer: { minutes: 1, startedAt: now, endsAt } };
  },
};

const run = redisRun('sbtimers');
const queues: Array<[string, () => Promise<TimerQueue>]> = [
  ['MemoryTimerQueue', async () => new MemoryTimerQueue()],
  ['RedisTimerQueue', async () => new RedisTimerQueue(await run.client(), run.nextPrefix())],
];

beforeEach(() => {
  sent.length = 0;
});

describe.each(queues)('on a %s', (_name, makeQueue) => {
  async function announcer(options: { failing?: string[]; onCardReminder?: (r: SharedCardReminder) => void } = {}) {
    const queue = await makeQueue();
    const log = captureLog('warn');
    const reminders: SharedCardReminder[] = [];
    const onCardReminder = options.onCardReminder ?? ((r: SharedCardReminder) => void reminders.push(r));
    const announcer = new TimerAnnouncer({
      adapter: fakeAdapter(options.failing),
      appId: 'app-id',
      queue,
      tables,
      log: log.log,
      onCardReminder,
    });
    const timers = {
      schedule: async (request: Parameters<TimerAnnouncer['schedule']>[0]) => {
        runningTimers.set(request.key.conversationId, request.dueAt);
        languages.set(request.key.conversationId, request.lang);
        await announcer.schedule(request);
      },
      tick: (now: number) => announcer.tick(now),
      setLanguage: (n: number, lang: 'nl' | 'en') => languages.set(key(n).conversationId, lang),
    };
    return { queue, log, timers, reminders };
  }

  test('payloads that do not parse are logged without their text and skipped; every other one of the batch is delivered', async () => {
    const { queue, log, timers, reminders } = await announcer();
    await timers.schedule({ key: key(1), activity: activity(1), minutes: 5, dueAt: 1000, lang: 'nl' });
    await queue.add(1001, '{"schemaVersion":1,"type":"timer","note":"Geheim');
    await queue.add(1002, STORED_BY_MAIN.timerPayload); // as main queued it: no version, no type
    await queue.add(
      1003,
      JSON.stringify({
        schemaVersion: 1,
        type: 'timer',
        id: 'x',
        key: key(3),
        minutes: 'Geheim',
        lang: 'nl',
        reference: { conversation: { id: 'c' } },
      }),
    );
    await queue.add(1004, STORED_BY_MAIN.cardReminderPayload);
    await queue.add(1005, reminderOf(4, 'welcome'));
    await timers.schedule({ key: key(5), activity: activity(5), minutes: 10, dueAt: 1006, lang: 'en' });

    await timers.tick(2000);

    expect(sent).toEqual([
      `19:table-1@thread.v2: ${done('nl', 5)}`,
      `19:meeting_N2Q0@thread.v2: ${done('nl', 5)}`,
      `19:table-5@thread.v2: ${done('en', 10)}`,
    ]);
    expect(reminders.map((r) => `${r.reference.conversation?.id} ${r.kind}`)).toEqual([
      '19:meeting_N2Q0@thread.v2 progress',
      '19:table-4@thread.v2 welcome',
    ]);
    // main's reminder keeps the whole reference it was queued with (the tenant, for the proactive send)
    expect(reminders[0]?.reference.conversation).toMatchObject({ tenantId: 'c1a2b3c4-0000-4000-8000-000000000001', isGroup: true });
    expect(log.records()).toEqual([
      expect.objectContaining({ stored: 'timer', reason: 'notJson', msg: 'a due timer does not parse and is skipped' }),
      expect.objectContaining({ stored: 'timer', reason: 'shape', version: 1, issues: ['invalid_type at minutes'] }),
    ]);
    expect(log.text()).not.toContain('Geheim');
    expect(await queue.takeDue(10_000)).toEqual([]);
  });

  test('a delivery that fails, a timer or a reminder, is logged and the rest still go', async () => {
    const { queue, log, timers } = await announcer({
      failing: [key(1).conversationId],
      onCardReminder: (r) => {
        if (r.kind === 'welcome') throw new Error('updater gone');
        sent.push(`${r.reference.conversation?.id}: reminder ${r.kind}`);
      },
    });
    await timers.schedule({ key: key(1), activity: activity(1), minutes: 5, dueAt: 1000, lang: 'nl' });
    await queue.add(1001, reminderOf(2, 'welcome'));
    await queue.add(1002, reminderOf(3, 'progress'));
    await timers.schedule({ key: key(4), activity: activity(4), minutes: 5, dueAt: 1003, lang: 'nl' });

    await timers.tick(2000);

    expect(sent).toEqual(['19:table-3@thread.v2: reminder progress', `19:table-4@thread.v2: ${done('nl', 5)}`]);
    expect(log.records().map((r) => [r.msg, r.type, r.conversation])).toEqual([
      ['timer announcement failed', 'timer', key(1).conversationId],
      ['timer announcement failed', 'card', key(2).conversationId],
    ]);
  });

  test('a timer announces in the language the table has when it is due, after a `taal` since it was set', async () => {
    const { timers } = await announcer();
    await timers.schedule({ key: key(6), activity: activity(6), minutes: 5, dueAt: 1000, lang: 'nl' });
    await timers.schedule({ key: key(7), activity: activity(7), minutes: 3, dueAt: 1001, lang: 'en' });
    timers.setLanguage(6, 'en');
    timers.setLanguage(7, 'nl');

    await timers.tick(2000);

    expect(sent).toEqual([`19:table-6@thread.v2: ${done('en', 5)}`, `19:table-7@thread.v2: ${done('nl', 3)}`]);
  });
});
