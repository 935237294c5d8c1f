/**
 * Two bot processes keep one shared card current. Each sends its update through its own queue, so
 * an older version can land after a newer one (it waited out a Retry-After, or its request was
 * slower). The card must still end on the latest state.
 */
import type { Activity, CloudAdapter } from 'botbuilder';
import pino from 'pino';
import type { TableState } from '../../src/domain';
import { MemoryTableStore } from '../../src/store';
import { SharedCardUpdater, type SharedCardRenderer } from '../../src/teams/shared-card-updater';
import type { AdaptiveCard } from '../../src/views';
import { aTable, aTableKey } from '../store/table-store.contract';

/** Each update the fake connector got, and when it "landed" (resolved), in landing order. */
const sent: Array<{ text: string; land: () => void }> = [];
const landed: string[] = [];
let holdUpdates = true;

jest.mock('../../src/teams/outbound', () => ({
  updateCard: (_adapter: unknown, _appId: string, _ref: unknown, _id: string, card: { body: Array<{ text: string }> }) =>
    new Promise<void>((resolve) => {
      const text = card.body[0]!.text;
      const land = () => {
        landed.push(text);
        resolve();
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

test('an older update that lands after a newer one (from another process) is followed by the latest', async () => {
  const store = new MemoryTableStore({ retentionMs: 60_000 });
  const key = aTableKey();
  await store.update(key, () => ({ state: aTable(), result: undefined }));
  await store.setRef(key, 'welcome', 'msg-welcome');
  const activity = { conversation: { id: key.conversationId, tenantId: key.tenantId }, serviceUrl: 'http://127.0.0.1:1/', channelId: 'msteams' } as Activity;
  const processA = new SharedCardUpdater({} as CloudAdapter, '', store, render, pino({ level: 'silent' }), 0);
  const processB = new SharedCardUpdater({} as CloudAdapter, '', store, render, pino({ level: 'silent' }), 0);

  processA.schedule(key, activity, 'welcome');
  await until(() => sent.length === 1); // A read 0 participants; its update waits (Retry-After)
  await store.update(key, (s) => ({ state: { ...s!, participants: [...s!.participants, { id: 'u1', name: 'Anna', number: 1, nameConsent: false, joinedAt: 1, guest: false }] }, result: undefined }));
  processB.schedule(key, activity, 'welcome');
  await until(() => sent.length === 2);

  holdUpdates = false;
  sent[1]!.land(); // B's "1 doen mee" lands first...
  sent[0]!.land(); // ...A's older "0 doen mee" after it
  await Promise.all([processA.flush(), processB.flush()]);

  expect(landed.slice(0, 2)).toEqual(['1 doen mee', '0 doen mee']);
  expect(landed.at(-1)).toBe('1 doen mee');
});
