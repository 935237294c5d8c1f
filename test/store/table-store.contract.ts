import { randomUUID } from 'node:crypto';
// Straight from the modules, not the domain barrel: the store contract needs a table, not the rules.
import { defaultDeck } from '../../src/domain/decks';
import { newTable } from '../../src/domain/new-table';
import type { Actor, Card, Participant, TableState } from '../../src/domain/types';
import { tableToken, type IdempotencyStore, type Mutation, type StoreLog, type TableKey, type TableStore } from '../../src/store';
import { captureLog } from '../support/log-capture';

/** What a store implementation hands the contract for one test. */
export interface StoreFixture {
  store: TableStore;
  /** Removes everything the fixture wrote and closes what it opened (peers included). */
  cleanup(): Promise<void>;
  /**
   * Another handle on the same data, as a second bot process behind the load balancer has (for
   * Redis: a second connection). Without it the contract uses `store` for both.
   */
  openPeer?(): Promise<TableStore>;
  /**
   * `injected` (default): the store expires data by the `now` passed to `make`, and the contract moves
   * that clock. `real`: the store expires in wall-clock time, and the contract waits.
   */
  clock?: 'injected' | 'real';
  /**
   * Another store that keeps something per table beside this one, as the app wires them: answers
   * remembered for Teams' re-sends (Redis: keys under the table's hash tag; memory: handed to the
   * table store). A table's delete must take them too.
   */
  beside: IdempotencyStore;
}

/** `log`: where the store reports what it cannot read; the contract looks at it. */
export type MakeStore = (opts: { retentionMs: number; now?: () => number; log: StoreLog }) => Promise<StoreFixture>;

const HOUR = 60 * 60 * 1000;
/** Short enough to wait for in real time, long enough that the margins (0.4 × this) absorb timer jitter. */
const SHORT_RETENTION_MS = 500;
const T0 = Date.UTC(2025, 10, 25, 9, 0, 0);

const lead: Actor = { id: '6f1c2a9e-lead-4b1e-9d51-000000000001', name: 'Sanne de Vries', channelUserId: '29:1lead-channel-id' };

function person(i: number): Actor {
  return { id: `6f1c2a9e-user-4b1e-9d51-${String(i).padStart(12, '0')}`, name: `Deelnemer ${i}`, channelUserId: `29:1user-${i}` };
}

/** A fresh table key with real-shaped Teams ids, so tests never share a table. */
export function aTableKey(tenantId: string = randomUUID()): TableKey {
  return { tenantId, conversationId: `19:meeting_${randomUUID().replace(/-/g, '')}@thread.v2;messageid=1732531200000` };
}

export function aTable(overrides: { title?: string; maxParticipants?: number } = {}): TableState {
  return newTable({
    actor: lead,
    title: overrides.title ?? 'Sociale basis Noord',
    defaultTitle: 'Tafelgesprek',
    settings: { maxParticipants: overrides.maxParticipants ?? 60, language: 'nl' },
    deck: defaultDeck(),
    now: T0,
  });
}

const create =
  (state: TableState): ((current: TableState | undefined) => Mutation<'created'>) =>
  () => ({ state, result: 'created' });

/**
 * A join as the workshop does it (next number, table limit), written out here so that the store
 * contract does not change with the rules in `decide`. The result is the number or the refusal.
 */
function joinAs(actor: Actor) {
  return (current: TableState | undefined): Mutation<number | 'alreadyJoined' | 'tableFull'> => {
    if (!current) throw new Error('join on a table that does not exist');
    if (current.participants.some((p) => p.id === actor.id)) return { result: 'alreadyJoined' };
    if (current.participants.length >= current.settings.maxParticipants) return { result: 'tableFull' };
    const number = Math.max(0, ...current.participants.map((p) => p.number)) + 1;
    const participant: Participant = { id: actor.id, name: actor.name, number, nameConsent: false, joinedAt: T0 + 1000, guest: false };
    return { state: { ...current, participants: [...current.participants, participant] }, result: number };
  };
}

/** A rule over the whole table, checked and applied in one step: at most three blank cards per person. */
const MAX_OWN_CARDS = 3;
function addOwnCard(actor: Actor, attempt: number) {
  return (current: TableState | undefined): Mutation<boolean> => {
    if (!current) throw new Error('add on a table that does not exist');
    const own = current.deck.ingredients.filter((c) => c.addedBy === actor.id).length;
    if (own >= MAX_OWN_CARDS) return { result: false };
    const card: Card = { id: `blank-${actor.id}-${attempt}`, title: `Eigen kaart ${attempt}`, kind: 'ingredient', addedBy: actor.id };
    return { state: { ...current, deck: { ...current.deck, ingredients: [...current.deck.ingredients, card] } }, result: true };
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The behaviour every `TableStore` must have (see the doc comment on `TableStore`). Run it from a
 * `*.test.ts` with a `make` that opens a store on a clean slate.
 */
export function tableStoreContract(name: string, make: MakeStore): void {
  const contractTest = (title: string, fn: () => Promise<void>, timeoutMs?: number) => it(title, fn, timeoutMs);

  describe(`TableStore contract: ${name}`, () => {
    let fixtures: StoreFixture[] = [];
    let fakeNow = T0;

    /** Opens a store; `advance` lets time pass the way this store measures it. */
    async function open(retentionMs = HOUR) {
      const log = captureLog('warn');
      const fx = await make({ retentionMs, now: () => fakeNow, log: log.log });
      fixtures.push(fx);
      const peer = fx.openPeer ? await fx.openPeer() : fx.store;
      const advance = async (ms: number) => {
        fakeNow += ms;
        if (fx.clock === 'real') await sleep(ms);
      };
      return { store: fx.store, peer, advance, beside: fx.beside, log };
    }

    beforeEach(() => {
      fakeNow = T0;
    });

    afterEach(async () => {
      const done = fixtures;
      fixtures = [];
      await Promise.all(done.map((fx) => fx.cleanup()));
    });

    describe('reading and writing', () => {
      contractTest('get of an unknown table is undefined, and so is any ref of it', async () => {
        const { store } = await open();
        const key = aTableKey();
        expect(await store.get(key)).toBeUndefined();
        expect(await store.getRef(key, 'conversationReference')).toBeUndefined();
      });

      contractTest('update on an unknown table gives fn undefined, stores the state fn returns and returns its result', async () => {
        const { store } = await open();
        const key = aTableKey();
        const table = aTable();
        const seen: Array<TableState | undefined> = [];
        const result = await store.update(key, (current) => {
          seen.push(current);
          return { state: table, result: { created: true } };
        });
        expect(result).toEqual({ created: true });
        expect(seen).toEqual([undefined]);
        expect(await store.get(key)).toEqual(table);
      });

      contractTest('update gives fn the stored state and replaces it with the new one', async () => {
        const { store } = await open();
        const key = aTableKey();
        await store.update(key, create(aTable({ title: 'Eerste titel' })));
        const titleSeen = await store.update(key, (current) => {
          if (!current) throw new Error('expected the stored table');
          return { state: { ...current, title: 'Tweede titel', phase: 'intro' }, result: current.title };
        });
        expect(titleSeen).toBe('Eerste titel');
        expect(await store.get(key)).toMatchObject({ title: 'Tweede titel', phase: 'intro' });
      });

      contractTest('update that returns no state writes nothing, and still returns its result', async () => {
        const { store } = await open();
        const fresh = aTableKey();
        expect(await store.update(fresh, () => ({ result: 'nothing to do' }))).toBe('nothing to do');
        expect(await store.get(fresh)).toBeUndefined();

        const existing = aTableKey();
        const table = aTable();
        await store.update(existing, create(table));
        expect(await store.update(existing, () => ({ result: 'refused' }))).toBe('refused');
        expect(await store.get(existing)).toEqual(table);
      });

      contractTest('update that returns the same object writes nothing, even when fn changed that object in place', async () => {
        const { store } = await open();
        const key = aTableKey();
        const table = aTable({ title: 'Ongewijzigd' });
        await store.update(key, create(table));
        const result = await store.update(key, (current) => {
          if (!current) throw new Error('expected the stored table');
          // Only the table object itself is the reader's own: its parts may be shared and frozen (see TableStore).
          current.title = 'In place gewijzigd';
          current.participants = [
            ...current.participants,
            { id: 'x', name: 'X', number: 1, nameConsent: false, joinedAt: T0, guest: false },
          ];
          return { state: current, result: 'same object' };
        });
        expect(result).toBe('same object');
        expect(await store.get(key)).toEqual(table);
      });

      contractTest('an error thrown by fn reaches the caller unchanged and writes nothing', async () => {
        const { store } = await open();
        const key = aTableKey();
        const table = aTable();
        await store.update(key, create(table));
        const boom = new RangeError('rule broken unexpectedly');
        await expect(
          store.update(key, () => {
            throw boom;
          }),
        ).rejects.toBe(boom);
        expect(await store.get(key)).toEqual(table);
      });

      contractTest('stored state is a copy: changing an object after writing or reading it does not change the store', async () => {
        const { store } = await open();
        const key = aTableKey();
        const table = aTable({ title: 'Origineel' });
        const returned = await store.update(key, () => ({ state: table, result: table }));
        table.title = 'Na het schrijven gewijzigd';
        returned.participants.push({ id: 'y', name: 'Y', number: 1, nameConsent: false, joinedAt: T0, guest: false });

        const read = await store.get(key);
        if (!read) throw new Error('expected the stored table');
        expect(read.title).toBe('Origineel');
        expect(read.participants).toEqual([]);
        read.title = 'Na het lezen gewijzigd';
        try {
          read.deck.ingredients.length = 0;
        } catch {
          // A store may hand out a frozen deck it shares between reads; refusing the change is fine too.
        }

        let given: TableState | undefined;
        await store.update(key, (current) => {
          given = current;
          return { result: undefined };
        });
        expect(given?.title).toBe('Origineel');
        expect(given?.deck.ingredients.length).toBe(aTable().deck.ingredients.length);
        expect(await store.get(key)).toEqual(aTable({ title: 'Origineel' }));
      });
    });

    describe('a stored table this release cannot read', () => {
      // Written through the store, which checks on read only: as a table of another release, or a bug, would be.
      const refused = (): TableState => ({ ...aTable({ title: 'Geheime titel 7f3a' }), phase: 'round9' }) as unknown as TableState;

      contractTest(
        'is absent to get and to update, and logged once per read by its token, with codes and field names, never its text',
        async () => {
          const { store, log } = await open();
          const key = aTableKey();
          await store.update(key, () => ({ state: refused(), result: undefined }));
          expect(await store.get(key)).toBeUndefined();
          expect(await store.getByToken(tableToken(key))).toBeUndefined();
          expect(await store.update(key, (current) => ({ result: current }))).toBeUndefined();
          const lines = log.records();
          expect(lines).toHaveLength(3);
          for (const line of lines) {
            expect(line).toMatchObject({
              level: 40,
              stored: 'table',
              id: tableToken(key),
              reason: 'shape',
              version: 1,
              issues: [expect.stringMatching(/ at phase$/)],
            });
          }
          expect(log.text()).not.toContain('7f3a');
          expect(log.text()).not.toContain('round9');
        },
      );

      contractTest('a new table may take its place, and then reads', async () => {
        const { store, peer } = await open();
        const key = aTableKey();
        await store.update(key, () => ({ state: refused(), result: undefined }));
        const seen = await store.update(key, (current) => ({ state: aTable({ title: 'Opnieuw begonnen' }), result: current }));
        expect(seen).toBeUndefined();
        expect((await peer.get(key))?.title).toBe('Opnieuw begonnen');
      });
    });

    describe('tables and refs', () => {
      contractTest('tables are isolated, also the same conversation id in another tenant', async () => {
        const { store } = await open();
        const a = aTableKey();
        const sameTenant = { tenantId: a.tenantId, conversationId: `${a.conversationId}-2` };
        const otherTenant = { tenantId: randomUUID(), conversationId: a.conversationId };
        await store.update(a, create(aTable({ title: 'A' })));
        await store.update(sameTenant, create(aTable({ title: 'B' })));
        await store.update(otherTenant, create(aTable({ title: 'C' })));
        await store.setRef(a, 'welcomeCardId', 'activity-a');
        await store.setRef(otherTenant, 'welcomeCardId', 'activity-c');

        expect((await store.get(a))?.title).toBe('A');
        expect((await store.get(sameTenant))?.title).toBe('B');
        expect((await store.get(otherTenant))?.title).toBe('C');
        expect(await store.getRef(a, 'welcomeCardId')).toBe('activity-a');
        expect(await store.getRef(sameTenant, 'welcomeCardId')).toBeUndefined();
        expect(await store.getRef(otherTenant, 'welcomeCardId')).toBe('activity-c');

        await store.update(otherTenant, (current) => ({ state: { ...current!, title: 'C2' }, result: undefined }));
        expect((await store.get(a))?.title).toBe('A');
      });

      contractTest('refs are stored per table and name, and can be overwritten', async () => {
        const { store } = await open();
        const key = aTableKey();
        await store.update(key, create(aTable()));
        const reference = JSON.stringify({
          bot: { id: '28:bot-app-id', name: 'Sociale Basis' },
          conversation: { id: key.conversationId, tenantId: key.tenantId, conversationType: 'channel' },
          serviceUrl: 'https://smba.trafficmanager.net/emea/',
        });
        await store.setRef(key, 'conversationReference', reference);
        await store.setRef(key, 'statusCardId', '1732531200001');
        expect(await store.getRef(key, 'conversationReference')).toBe(reference);
        expect(await store.getRef(key, 'statusCardId')).toBe('1732531200001');
        expect(await store.getRef(key, 'unknownName')).toBeUndefined();

        await store.setRef(key, 'statusCardId', '1732531299999');
        expect(await store.getRef(key, 'statusCardId')).toBe('1732531299999');
        expect(await store.getRef(key, 'conversationReference')).toBe(reference);
      });

      contractTest('a ref for a table that does not exist is not stored: a late write after an erase makes nothing again', async () => {
        const { store } = await open();
        const key = aTableKey();
        await store.setRef(key, 'conversationReference', '{}');
        expect(await store.getRef(key, 'conversationReference')).toBeUndefined();
        expect(await store.get(key)).toBeUndefined();

        await store.update(key, create(aTable()));
        await store.setRef(key, 'statusCardId', 'card-1');
        await store.delete(key);
        // A shared card update that was on its way records what it sent.
        await store.setRef(key, 'sent:statusCardId', 'fingerprint');
        expect(await store.getRef(key, 'sent:statusCardId')).toBeUndefined();
        expect(await store.getRef(key, 'statusCardId')).toBeUndefined();
        let given: TableState | undefined | 'not called' = 'not called';
        await store.update(key, (current) => {
          given = current;
          return { result: undefined };
        });
        expect(given).toBeUndefined();
      });

      contractTest('delete removes the table and its refs, and nothing else', async () => {
        const { store } = await open();
        const key = aTableKey();
        const other = { tenantId: randomUUID(), conversationId: key.conversationId };
        await store.update(key, create(aTable({ title: 'Weg' })));
        await store.setRef(key, 'statusCardId', 'a1');
        await store.update(other, create(aTable({ title: 'Blijft' })));
        await store.setRef(other, 'statusCardId', 'b1');

        await store.delete(key);
        expect(await store.get(key)).toBeUndefined();
        expect(await store.getRef(key, 'statusCardId')).toBeUndefined();
        expect((await store.get(other))?.title).toBe('Blijft');
        expect(await store.getRef(other, 'statusCardId')).toBe('b1');

        let given: TableState | undefined | 'not called' = 'not called';
        await store.update(key, (current) => {
          given = current;
          return { result: undefined };
        });
        expect(given).toBeUndefined();
        await expect(store.delete(aTableKey())).resolves.toBeUndefined();
      });

      /** Records an answer beside the table, as the bot does for each card press; true when it is still there. */
      async function remembered(beside: IdempotencyStore, key: TableKey, activityId: string, answer?: string): Promise<boolean> {
        const claim = await beside.begin(key, activityId);
        if (claim.type === 'first' && answer !== undefined) await beside.finish(key, activityId, claim.claim, answer);
        else if (claim.type === 'first') await beside.release(key, activityId, claim.claim);
        return claim.type === 'done';
      }

      contractTest('delete also takes what other stores keep beside the table, and nothing of another table', async () => {
        const { store, beside } = await open();
        const key = aTableKey();
        const other = aTableKey(key.tenantId);
        for (const k of [key, other]) {
          await store.update(k, create(aTable()));
          await remembered(beside, k, 'f:press-1', '{"card":"Je keuzes: Sociale basis Noord"}');
        }
        await store.delete(key);
        expect(await remembered(beside, key, 'f:press-1')).toBe(false);
        expect(await remembered(beside, other, 'f:press-1')).toBe(true);
      });

      contractTest(
        'deleteLeftovers takes what was written beside a key after its table was erased, and nothing while a table is there',
        async () => {
          const { store, beside } = await open();
          const key = aTableKey();
          await store.update(key, create(aTable({ title: 'Blijft' })));
          await store.setRef(key, 'statusCardId', 'card-1');
          await remembered(beside, key, 'f:press-1', 'answer');
          await store.deleteLeftovers(key);
          expect((await store.get(key))?.title).toBe('Blijft');
          expect(await store.getRef(key, 'statusCardId')).toBe('card-1');
          expect(await remembered(beside, key, 'f:press-1')).toBe(true);

          await store.delete(key);
          await remembered(beside, key, 'f:after-erase', 'answer');
          await store.deleteLeftovers(key);
          expect(await remembered(beside, key, 'f:after-erase')).toBe(false);
          await expect(store.deleteLeftovers(aTableKey())).resolves.toBeUndefined();
        },
      );
    });

    describe('concurrency', () => {
      it.each([8, 50])('%i concurrent joins all land, each with its own number', async (n) => {
        const { store } = await open();
        const key = aTableKey();
        await store.update(key, create(aTable()));
        const people = Array.from({ length: n }, (_, i) => person(i + 1));
        let runs = 0;
        const numbers = await Promise.all(
          people.map((p) =>
            store.update(key, (current) => {
              runs++;
              return joinAs(p)(current);
            }),
          ),
        );

        const table = await store.get(key);
        expect(table?.participants).toHaveLength(n);
        expect(new Set(table?.participants.map((p) => p.id))).toEqual(new Set(people.map((p) => p.id)));
        // Each caller got the result of the run that was written, so numbers are unique and match.
        expect([...numbers].sort((a, b) => Number(a) - Number(b))).toEqual(people.map((_, i) => i + 1));
        people.forEach((p, i) => expect(table?.participants.find((q) => q.id === p.id)?.number).toBe(numbers[i]));
        expect(runs).toBeGreaterThanOrEqual(n);
      });

      contractTest('a rule over the whole table holds under concurrent check-then-add: never a fourth own card', async () => {
        const { store } = await open();
        const key = aTableKey();
        await store.update(key, create(aTable()));
        const people = [person(1), person(2)];
        const attempts = people.flatMap((p) => Array.from({ length: 10 }, (_, i) => ({ p, i })));
        const accepted = await Promise.all(attempts.map(({ p, i }) => store.update(key, addOwnCard(p, i))));

        const table = await store.get(key);
        for (const p of people) {
          expect(table?.deck.ingredients.filter((c) => c.addedBy === p.id)).toHaveLength(MAX_OWN_CARDS);
          expect(accepted.filter((ok, j) => ok && attempts[j]?.p === p)).toHaveLength(MAX_OWN_CARDS);
        }
      });

      contractTest('the table limit holds under concurrent joins: the table never gets more people than it allows', async () => {
        const { store } = await open();
        const key = aTableKey();
        await store.update(key, create(aTable({ maxParticipants: 5 })));
        const results = await Promise.all(Array.from({ length: 12 }, (_, i) => store.update(key, joinAs(person(i + 1)))));
        expect((await store.get(key))?.participants).toHaveLength(5);
        expect(results.filter((r) => r === 'tableFull')).toHaveLength(7);
        expect(results.filter((r) => typeof r === 'number').sort()).toEqual([1, 2, 3, 4, 5]);
      });
    });

    describe('two bot processes over the same data', () => {
      contractTest('what one writes the other reads; a delete by one is seen by the other', async () => {
        const { store, peer } = await open();
        const key = aTableKey();
        await store.update(key, create(aTable({ title: 'Gedeeld' })));
        await store.setRef(key, 'statusCardId', 'card-1');
        expect((await peer.get(key))?.title).toBe('Gedeeld');
        expect(await peer.getRef(key, 'statusCardId')).toBe('card-1');

        await peer.update(key, (current) => ({ state: { ...current!, phase: 'intro' }, result: undefined }));
        expect((await store.get(key))?.phase).toBe('intro');

        await peer.delete(key);
        expect(await store.get(key)).toBeUndefined();
        expect(await store.getRef(key, 'statusCardId')).toBeUndefined();
      });

      contractTest('50 picks submitted at once through two processes all land', async () => {
        const { store, peer } = await open();
        const key = aTableKey();
        const start = aTable();
        await store.update(key, create({ ...start, phase: 'round1', pickRounds: [{ number: 1, openedAt: T0, picks: {} }] }));
        const cards = start.deck.ingredients.map((c) => c.id);
        const people = Array.from({ length: 50 }, (_, i) => person(i + 1));
        const pickOf = (i: number) => ({
          in: { cardId: cards[i % cards.length]!, argument: `Hoort erbij volgens ${i}` },
          out: { cardId: cards[(i + 1) % cards.length]!, argument: `Hoort er niet bij volgens ${i}` },
          doubt: { cardId: cards[(i + 2) % cards.length]!, argument: `Twijfel van ${i}` },
        });
        await Promise.all(
          people.map((p, i) =>
            (i % 2 === 0 ? store : peer).update(key, (current) => {
              const round = current?.pickRounds[0];
              if (!current || !round) throw new Error('expected an open round');
              const picks = { ...round.picks, [p.id]: { picks: pickOf(i), submittedAt: T0 + i } };
              return { state: { ...current, pickRounds: [{ ...round, picks }] }, result: undefined };
            }),
          ),
        );

        const picks = (await peer.get(key))?.pickRounds[0]?.picks ?? {};
        expect(Object.keys(picks).sort()).toEqual(people.map((p) => p.id).sort());
        people.forEach((p, i) => expect(picks[p.id]?.picks).toEqual(pickOf(i)));
      });

      contractTest('a fourth own card is never accepted, also when the clicks land on two processes at once', async () => {
        const { store, peer } = await open();
        const key = aTableKey();
        await store.update(key, create(aTable()));
        const people = [person(1), person(2), person(3)];
        const attempts = people.flatMap((p) => Array.from({ length: 8 }, (_, i) => ({ p, i })));
        const accepted = await Promise.all(attempts.map(({ p, i }, j) => (j % 2 === 0 ? store : peer).update(key, addOwnCard(p, i))));

        const table = await store.get(key);
        for (const p of people) {
          expect(table?.deck.ingredients.filter((c) => c.addedBy === p.id)).toHaveLength(MAX_OWN_CARDS);
          expect(accepted.filter((ok, j) => ok && attempts[j]?.p === p)).toHaveLength(MAX_OWN_CARDS);
        }
      });
    });

    describe('retention', () => {
      const R = SHORT_RETENTION_MS;
      const present = (store: TableStore, key: TableKey) => Promise.all([store.get(key), store.getRef(key, 'statusCardId')]);

      contractTest('a table and its refs expire retentionMs after the last write, and then start afresh', async () => {
        const { store, advance } = await open(R);
        const key = aTableKey();
        await store.update(key, create(aTable()));
        await store.setRef(key, 'statusCardId', 'card-1');
        await advance(R * 0.6);
        const [table, ref] = await present(store, key);
        expect(table).toBeDefined();
        expect(ref).toBe('card-1');

        await advance(R * 0.6);
        expect(await present(store, key)).toEqual([undefined, undefined]);
        let given: TableState | undefined | 'not called' = 'not called';
        await store.update(key, (current) => {
          given = current;
          return { result: undefined };
        });
        expect(given).toBeUndefined();
      });

      contractTest('each write renews the expiry', async () => {
        const { store, advance } = await open(R);
        const key = aTableKey();
        await store.update(key, create(aTable({ title: 'Een' })));
        await advance(R * 0.6);
        await store.update(key, (current) => ({ state: { ...current!, title: 'Twee' }, result: undefined }));
        await advance(R * 0.6); // past the first write's expiry, not the second's
        expect((await store.get(key))?.title).toBe('Twee');
        await advance(R * 0.6);
        expect(await store.get(key)).toBeUndefined();
      });

      contractTest('a table write also renews the refs stored before it', async () => {
        const { store, advance } = await open(R);
        const key = aTableKey();
        await store.update(key, create(aTable()));
        await store.setRef(key, 'statusCardId', 'card-1');
        await advance(R * 0.6);
        await store.update(key, (current) => ({ state: { ...current!, phase: 'intro' }, result: undefined }));
        await advance(R * 0.6);
        expect(await present(store, key)).toEqual([expect.objectContaining({ phase: 'intro' }), 'card-1']);
        await advance(R * 0.6);
        expect(await present(store, key)).toEqual([undefined, undefined]);
      });

      contractTest('a table and its refs expire together, also when a ref was written after the table', async () => {
        const { store, advance } = await open(R);
        const key = aTableKey();
        await store.update(key, create(aTable()));
        await advance(R * 0.6);
        await store.setRef(key, 'statusCardId', 'card-1');
        await advance(R * 0.6);
        // Whichever way a store renews, it must not keep refs (a conversation reference: personal
        // data) of a table that is gone, nor a table without the refs needed to update its cards.
        const [table, ref] = await present(store, key);
        const stored = { table: table !== undefined, ref: ref !== undefined };
        expect([
          { table: true, ref: true },
          { table: false, ref: false },
        ]).toContainEqual(stored);
        await advance(R * 1.2);
        expect(await present(store, key)).toEqual([undefined, undefined]);
      });
    });

    describe('health', () => {
      contractTest('ping returns true', async () => {
        const { store } = await open();
        expect(await store.ping()).toBe(true);
      });
    });
  });
}
