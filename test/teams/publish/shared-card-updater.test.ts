/**
 * Two bot processes keep one shared card current. Each sends its update through its own queue, so
 * an older version can land after a newer one (it waited out a Retry-After, or its request was
 * slower). The card must still end on the latest state.
 */
import type { Activity, CloudAdapter } from 'botbuilder';
import pino from 'pino';
import type { TableState } from '../../../src/domain';
import { conversationLane, MemoryRateWindow, MemoryTableStore, MemoryTimerQueue } from '../../../src/store';
import { isSharedCardReminder, SharedCardUpdater, type SharedCardRenderer } from '../../../src/teams/publish/shared-card-updater';
import type { AdaptiveCard } from '../../../src/views';
import { aTable, aTableKey } from '../../store/table-store.contract';

/** Each update the fake connector got, and when it "landed" (resolved), in landing order. */
const sent: Array<{ text: string; land: () => void }> = [];
const landed: string[] = [];
let holdUpdates = true;

jest.mock('../../../src/teams/outbound/outbound', () => ({
  updateCard: (_adapter: unknown, _appId: string, _ref: unknown, _id: string, card: { body: Array<{ text: string }> }) =>
    new Promise<boolean>((resolve) => {
      const text = card.body[0]!.text;
      const land = () => {
        landed.push(text);
        resolve(true);
      };
      sent.push({ text, land });
      if (!holdUpdates) land();
    }),
}));

const render: SharedCardRenderer = (_kind, state: TableState) => ({
  refName: 'welcome',
  card: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: `${state.participants.length} doen mee` }] } as AdaptiveCard,
});

async function until(probe: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !probe(); i++) await new Promise((r) => setTimeout(r, 2));
  if (!probe()) throw new Error('condition not reached');
}

beforeEach(() => {
  sent.length = 0;
  landed.length = 0;
  holdUpdates = true;
});

const silent = pino({ level: 'silent' });
const join = (s: TableState, id: string): TableState => ({
  ...s,
  participants: [...s.participants, { id, name: id, number: s.participants.length + 1, nameConsent: false, joinedAt: 1, guest: false }],
});

test('an update still waiting in a process that dies is sent by another process when its reminder comes due', async () => {
  const store = new MemoryTableStore({ retentionMs: 60_000 });
  const timers = new MemoryTimerQueue();
  const key = aTableKey();
  await store.update(key, () => ({ state: aTable(), result: undefined }));
  await store.setRef(key, 'welcome', 'msg-welcome');
  const activity = {
    conversation: { id: key.conversationId, tenantId: key.tenantId },
    serviceUrl: 'http://127.0.0.1:1/',
    channelId: 'msteams',
    locale: 'nl-NL',
  } as Activity;
  const reminders = { queue: timers, afterMs: 3000 };
  // A's interval is long: its update for the second click waits in memory, and A dies before it goes.
  const processA = new SharedCardUpdater({
    adapter: {} as CloudAdapter,
    appId: '',
    store,
    render,
    log: silent,
    intervalMs: 60_000,
    reminders,
  });
  const processB = new SharedCardUpdater({ adapter: {} as CloudAdapter, appId: '', store, render, log: silent, intervalMs: 0, reminders });
  holdUpdates = false;

  await store.update(key, (s) => ({ state: join(s!, 'u1'), result: undefined }));
  await processA.schedule(key, activity, 'welcome');
  await until(() => landed.length === 1);
  await store.update(key, (s) => ({ state: join(s!, 'u2'), result: undefined }));
  await processA.schedule(key, { ...activity, locale: 'en-US' } as Activity, 'welcome');
  expect(landed).toEqual(['1 doen mee']); // the second is pending in A, which now "dies"

  // One reminder for the table's card, however many clicks and locales: the same member moved on.
  expect(await timers.takeDue(Date.now() + 1000)).toEqual([]);
  const due = (await timers.takeDue(Date.now() + 10 * 60_000)).map((raw) => JSON.parse(raw) as unknown);
  expect(due).toHaveLength(1);
  const [reminder] = due;
  if (!isSharedCardReminder(reminder)) throw new Error('not a shared card reminder');
  processB.remind(reminder);
  await processB.flush();
  expect(landed).toEqual(['1 doen mee', '2 doen mee']);

  // A reminder for a card that already shows the latest state sends nothing.
  processB.remind(reminder);
  await processB.flush();
  expect(landed).toEqual(['1 doen mee', '2 doen mee']);
  await processA.flush(); // only to clear A's timer
});

test('an older update that lands after a newer one (from another process) is followed by the latest', async () => {
  const store = new MemoryTableStore({ retentionMs: 60_000 });
  const key = aTableKey();
  await store.update(key, () => ({ state: aTable(), result: undefined }));
  await store.setRef(key, 'welcome', 'msg-welcome');
  const activity = {
    conversation: { id: key.conversationId, tenantId: key.tenantId },
    serviceUrl: 'http://127.0.0.1:1/',
    channelId: 'msteams',
  } as Activity;
  const processA = new SharedCardUpdater({
    adapter: {} as CloudAdapter,
    appId: '',
    store,
    render,
    log: pino({ level: 'silent' }),
    intervalMs: 0,
  });
  const processB = new SharedCardUpdater({
    adapter: {} as CloudAdapter,
    appId: '',
    store,
    render,
    log: pino({ level: 'silent' }),
    intervalMs: 0,
  });

  void processA.schedule(key, activity, 'welcome');
  await until(() => sent.length === 1); // A read 0 participants; its update waits (Retry-After)
  await store.update(key, (s) => ({
    state: {
      ...s!,
      participants: [...s!.participants, { id: 'u1', name: 'Anna', number: 1, nameConsent: false, joinedAt: 1, guest: false }],
    },
    result: undefined,
  }));
  void processB.schedule(key, activity, 'welcome');
  await until(() => sent.length === 2);

  holdUpdates = false;
  sent[1]!.land(); // B's "1 doen mee" lands first...
  sent[0]!.land(); // ...A's older "0 doen mee" after it
  await Promise.all([processA.flush(), processB.flush()]);

  expect(landed.slice(0, 2)).toEqual(['1 doen mee', '0 doen mee']);
  expect(landed.at(-1)).toBe('1 doen mee');
});

test('an update on its way when the table is erased brings nothing of it back: no ref, no send window', async () => {
  // The send window as the outbound queue uses it: the update's send takes a slot in the table's lane.
  const window = new MemoryRateWindow({ limits: [{ max: 1, windowMs: 60_000 }] });
  const store = new MemoryTableStore({ retentionMs: 60_000, beside: [window] });
  const key = aTableKey();
  await store.update(key, () => ({ state: aTable(), result: undefined }));
  await store.setRef(key, 'welcome', 'msg-welcome');
  const activity = {
    conversation: { id: key.conversationId, tenantId: key.tenantId },
    serviceUrl: 'http://127.0.0.1:1/',
    channelId: 'msteams',
  } as Activity;
  const updater = new SharedCardUpdater({ adapter: {} as CloudAdapter, appId: '', store, render, log: silent, intervalMs: 0 });

  void updater.schedule(key, activity, 'welcome');
  await until(() => sent.length === 1); // read before the erase, waiting in the queue
  await store.delete(key); // `wis`
  expect((await window.acquire(conversationLane(key))).type).toBe('granted'); // the send goes out after all
  sent[0]!.land();
  await updater.flush();

  // The fingerprint of what was sent is not stored, and the slot the send took is gone with the table.
  expect(await store.getRef(key, 'sent:welcome')).toBeUndefined();
  expect(await store.get(key)).toBeUndefined();
  expect((await window.acquire(conversationLane(key))).type).toBe('granted');
});
