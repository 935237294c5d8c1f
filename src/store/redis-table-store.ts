import type Redis from 'ioredis';
import type { Cluster } from 'ioredis';
import type { TableState, UserId } from '../domain';
import { tableToken, type TableKey } from './table-key';
import {
  ConflictError,
  type AnswerRecord,
  type CommitOutcome,
  type Mutation,
  type PendingWrite,
  type Prepared,
  type StoreOptions,
  type TableStore,
} from './table-store';
import { redisCall, redisAnswers } from './redis-call';
import type { AnswerKeys, TableReadAlong } from './redis-idempotency-store';
import { DeckCache } from './deck-cache';
import { readTableHash, sharedPartCache } from './redis-table-hash';
import { sameJson } from './same-json';
import { ParsedCache } from './parsed-cache';
import { uniqueId } from './unique-id';
import { orAbsent } from './schema/versioned';
import { assembleTable, inputContent, sameParts, splitTable, type ParticipantInput } from './participant-input';
import { readInputField, storedInputText } from './participant-fields';
import { KnownSharedParts, pairs, restoreShared } from './known-shared-parts';
import { withTableScripts, type RedisClient } from './redis-table-scripts';

/** Keys per UNLINK: a bounded command, however much is under one tag. */
const BATCH = 500;

const MAX_ATTEMPTS = 50;

/** Keys matching a pattern, with SCAN (never KEYS); on a Redis Cluster on every master. */
export async function scanKeys(redis: Redis | Cluster, pattern: string): Promise<string[]> {
  const nodes = 'nodes' in redis && typeof redis.nodes === 'function' ? (redis as Cluster).nodes('master') : [redis as Redis];
  const found: string[] = [];
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      found.push(...keys);
    } while (cursor !== '0');
  }
  return found;
}

/** What the next write compares against: the revisions read, and the parts as read. */
interface Read {
  rev: string;
  /** Participant writes counted; '' for a table stored before participants had fields of their own. */
  pw: string;
  deckJson: string | undefined;
  /** The shared part as read (its deck included), to see whether a decision changed it. */
  shared: TableState | undefined;
  /**
   * Each participant field read: its revision, its content (its JSON as stored, see storedInputText;
   * '' when it did not parse) and the input parsed from it.
   */
  fields: Map<UserId, { rev: string; content: string; input?: ParticipantInput }>;
}

/**
 * How a table is written. `fields` (the default): the shared part in `state`, each participant's
 * input in `u:<id>`. `document`: the whole table in `state` and no participant fields (those read are
 * removed), which a release from before the fields reads whole: the first step of a rolling deploy
 * onto one (docs/deploy.md). Both shapes are read either way.
 */
export type TableStoreShape = 'fields' | 'document';

/** A prepared write: WRITE_SCRIPT's arguments but the answer's two. */
interface RedisWrite extends PendingWrite {
  token: string;
  args: Array<string | number>;
  /** The deck's text as read: what the table holds after a mode `s` write that leaves the deck field alone. */
  deckRead: string | undefined;
}

const FIELD = 'u:';
/** The deck is compared by its JSON, apart; `updatedAt` changes with every write, also of participants' input alone. */
const NOT_COMPARED: ReadonlySet<string> = new Set(['deck', 'updatedAt']);
/** A table read along with a claim serves the turn's first read only this soon after: a turn reads at once. */
const PRIMED_MS = 500;
const PRIMED_MAX = 1000;
const REV_LENGTH = 16;
const SHARED_PARTS_KEPT = 256;
const SHARED_TEXTS_KEPT = 256;
const INPUT_FIELDS_KEPT = 2048;
const newRev = uniqueId;

export class RedisTableStore implements TableStore {
  private readonly redis: RedisClient;
  private readonly decks = new DeckCache();
  /**
   * Every click reads the whole table, and usually only the clicker's field changed since this
   * process last read it: each text is parsed and checked once. Sized for memory (the bench's peak
   * RSS is a target): a shared part kept takes 6 KiB (a 1.5 KB state in Round 1) to 48 KiB (22 KB,
   * the largest table of the report tests), a field 1.6 to 5.8 KiB (every text at its maximum); full,
   * they hold 5 MiB when every table is in Round 1 and 24 MiB when every table is that largest one.
   */
  private readonly sharedParts = sharedPartCache(SHARED_PARTS_KEPT);
  private readonly inputFields = new ParsedCache(readInputField, INPUT_FIELDS_KEPT);
  /** The shared part's texts last read or written, by token: a read of an unchanged one leaves them in Redis. */
  private readonly known = new KnownSharedParts(SHARED_TEXTS_KEPT);
  /** How each state this store handed out was read, so that `update` can start from it (see there). */
  private readonly reads = new WeakMap<TableState, Read>();
  /** Tables read along with an activity's claim, by token, waiting for the turn's first read (see readAlong). */
  private readonly primed = new Map<string, { hash: Record<string, string>; at: number }>();

  constructor(
    redis: Redis | Cluster,
    private readonly options: StoreOptions & {
      prefix?: string;
      /** Where `commit` records a turn's answer with its write (the idempotency store's keys, as createStores wires them). */
      answers?: AnswerKeys;
      /** How tables are written (both are read): see TableStoreShape. */
      shape?: TableStoreShape;
    },
  ) {
    this.redis = withTableScripts(redis);
  }

  /** All keys of a table share the `{token}` hash tag, so scripts over them work on Redis Cluster. */
  private keys(key: TableKey) {
    return this.keysOf(tableToken(key));
  }

  private keysOf(token: string) {
    const base = `${this.options.prefix ?? 'sb'}:{${token}}`;
    return { table: `${base}:table`, refs: `${base}:refs`, all: `${base}:*` };
  }

  async get(key: TableKey): Promise<TableState | undefined> {
    return this.getByToken(tableToken(key));
  }

  async getByToken(token: string): Promise<TableState | undefined> {
    // A token is 27 base64url characters; anything else (a forged link) must not become a key pattern.
    if (!/^[A-Za-z0-9_-]{27}$/.test(token)) return undefined;
    const primed = this.primed.get(token);
    if (primed) {
      this.primed.delete(token);
      if (performance.now() - primed.at <= PRIMED_MS) return this.parse(token, primed.hash).state;
    }
    return (await this.read(token)).state;
  }

  /**
   * Reading the table along with the claim of an activity (RedisIdempotencyStore): the turn's next
   * read of that table takes the hash read then instead of asking Redis again. It is the table as it
   * was when the request arrived, which a turn may decide on (see `update`: a write checks the
   * revisions, so a decision on an older read is never written over a newer table).
   */
  readAlong(): TableReadAlong {
    return {
      tableHashKey: (token) => this.keysOf(token).table,
      known: (token) => this.known.get(token),
      prime: (token, hash, omitted) => {
        // A revision other than the one sent cannot come with the texts left out; if it did, the turn reads.
        if (omitted && !restoreShared(hash, omitted)) {
          this.primed.delete(token);
          return;
        }
        // Bounded: a turn that never reads its table leaves its entry until the next sweep.
        if (this.primed.size >= PRIMED_MAX) this.sweepPrimed();
        this.primed.set(token, { hash, at: performance.now() });
      },
    };
  }

  private sweepPrimed(): void {
    const now = performance.now();
    for (const [token, entry] of this.primed) if (now - entry.at > PRIMED_MS) this.primed.delete(token);
    if (this.primed.size >= PRIMED_MAX) this.primed.clear();
  }

  /**
   * A table that does not parse is logged and read as absent, with its revision: a write (a new
   * `start`) may replace it, where a turn would otherwise fail on it every time until it expires. A
   * participant field that does not parse is logged and left out; its participant's next write
   * replaces it.
   */
  private async read(token: string): Promise<Read & { state: TableState | undefined }> {
    const key = this.keysOf(token).table;
    // Captured now: the entry may be replaced (or let go) before the reply arrives.
    const known = this.known.get(token);
    const [flat, omitted] = await redisCall(() => this.redis.sbReadTable(key, known?.rev ?? ''));
    const hash = pairs(flat);
    if (omitted === 1 && !(known && restoreShared(hash, known))) {
      // The script leaves the texts out only for the revision sent: not reached, but never a table without them.
      return this.parse(token, await redisCall(() => this.redis.hgetall(key)));
    }
    return this.parse(token, hash);
  }

  private parse(token: string, hash: Record<string, string>): Read & { state: TableState | undefined } {
    this.remember(token, hash);
    const read: Read = { rev: hash.rev ?? '0', pw: hash.pw ?? '', deckJson: hash.deck, shared: undefined, fields: new Map() };
    const inputs = new Map<UserId, ParticipantInput>();
    for (const [name, value] of Object.entries(hash)) {
      if (!name.startsWith(FIELD)) continue;
      const id = name.slice(FIELD.length);
      // Keyed by the whole field: it starts with a revision no other write uses.
      const input = hash.state ? orAbsent(this.inputFields.parse(value), this.options.log, 'participant input', token) : undefined;
      // Read also beside a table that is not, so that a write replacing it removes them.
      read.fields.set(id, { rev: value.slice(0, REV_LENGTH), content: input ? storedInputText(value) : '', input });
      if (input) inputs.set(id, input);
    }
    if (!hash.state) return { ...read, state: undefined };
    const shared = orAbsent(readTableHash(hash.state, hash.deck ?? null, this.decks, this.sharedParts), this.options.log, 'table', token);
    if (!shared) return { ...read, state: undefined };
    read.shared = shared;
    const assembled = assembleTable(shared, inputs);
    // Each read its own top-level object: `reads` is keyed by it, and a turn writing from another
    // turn's read would write with that read's revisions (a lost update).
    const state = assembled === shared ? { ...shared } : assembled;
    this.reads.set(state, read);
    return { ...read, state };
  }

  /** The shared part's texts as read, for the next read to leave in Redis while they stay. */
  private remember(token: string, hash: Record<string, string>): void {
    if (hash.rev === undefined || hash.state === undefined) {
      this.known.delete(token);
      return;
    }
    const known = this.known.get(token);
    if (known?.rev === hash.rev) {
      // The texts given back from it, or equal ones (read whole, as when the claim was sent before the entry was kept).
      this.known.set(token, known);
      return;
    }
    // The deck as the deck cache keeps it: one text for every table on that deck, kept once.
    const deck = hash.deck === undefined ? undefined : this.decks.parse(hash.deck);
    if (deck?.ok) hash.deck = this.decks.stringify(deck.value);
    this.known.set(token, { rev: hash.rev, state: hash.state, deck: hash.deck });
  }

  /**
   * `startFrom`: a state this store returned from `get` moments ago (the turn read it to render its
   * answer). The first attempt decides on it without reading again; if another write came in between,
   * the revision check refuses the write and the next attempt reads the latest. A refusal decided on
   * it stands: the table was read after the request arrived, as if the request had come a moment sooner.
   *
   * A decision that changes only participants' own input is written into their fields alone (see
   * WRITE_SCRIPT); one that changes anything else rewrites the shared part, and any fields that changed.
   */
  async update<R>(key: TableKey, fn: (current: TableState | undefined) => Mutation<R>, startFrom?: TableState): Promise<R> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const { result, write } = await this.prepare(key, fn, attempt === 1 ? startFrom : undefined);
      if (!write || (await this.commit(write)) !== 'conflict') return result;
      // Someone else wrote first: back off a little, with jitter, so concurrent clicks settle quickly.
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, attempt * 5)));
    }
    throw new ConflictError(MAX_ATTEMPTS);
  }

  async prepare<R>(key: TableKey, fn: (current: TableState | undefined) => Mutation<R>, startFrom?: TableState): Promise<Prepared<R>> {
    const token = tableToken(key);
    const known = startFrom ? this.reads.get(startFrom) : undefined;
    const read = known ? { ...known, state: startFrom } : await this.read(token);
    const current = read.state;
    const { state, result } = fn(current);
    if (state === undefined || state === current) return { result };
    const write: RedisWrite = { key, token, args: this.writeArgs(read, state), deckRead: read.deckJson };
    return { result, write };
  }

  async commit(pending: PendingWrite, answer?: AnswerRecord): Promise<CommitOutcome> {
    const { key, token, args, deckRead } = pending as RedisWrite;
    const k = this.keysOf(token);
    const answers = answer && this.options.answers;
    const record = answers ? [answers.valueOf(answer.response), answers.doneMs] : ['', ''];
    const keys = answers ? [k.table, k.refs, answers.keyOf(key, answer.activityId)] : [k.table, k.refs];
    const [mode, rev, next, pw, retention, shared, deck, ...fields] = args;
    const written = await redisCall(() =>
      this.redis.sbWrite(keys.length, ...keys, mode!, rev!, next!, pw!, retention!, shared!, deck!, ...record, ...fields),
    );
    if (written !== 1) return 'conflict';
    this.primed.delete(token);
    // The texts just written are the table's at its new revision; a participants' write leaves the known ones right.
    if (mode === 's') this.known.set(token, { rev: String(next), state: String(shared), deck: deck === '' ? deckRead : String(deck) });
    return answers ? 'recorded' : 'written';
  }

  /** The arguments of WRITE_SCRIPT that take `read` to `state`: its participant fields alone when only they changed. */
  private writeArgs(read: Read, state: TableState): Array<string | number> {
    if (this.options.shape === 'document') return this.documentArgs(read, state);
    const next = splitTable(state);
    const fields: string[] = [];
    const rev = newRev();
    const ids = new Set([...read.fields.keys(), ...next.inputs.keys()]);
    for (const id of ids) {
      const before = read.fields.get(id);
      const input = next.inputs.get(id);
      // Usually only the clicker's input changed: the others' are the objects read, not stringified again.
      if (before?.input && input && sameParts(before.input, input)) continue;
      const content = input ? inputContent(input) : undefined;
      if (before && before.content !== '' && before.content === content) continue;
      if (!before && !input) continue;
      fields.push(FIELD + id, before?.rev ?? '', input ? `${rev}|${input.at}|${content}` : '');
    }
    const { deck, ...rest } = next.shared;
    const deckJson = this.decks.stringify(deck);
    // A table stored before participants had fields (no `pw`), or whole (input in `state`: compares unequal), is rewritten split.
    // Compared as data, not as JSON text: the new shared part is mostly the very objects read.
    const onlyInput =
      fields.length > 0 && deckJson === read.deckJson && read.pw !== '' && read.shared && sameJson(rest, read.shared, NOT_COMPARED);
    if (onlyInput) {
      return ['p', read.rev, rev, '', this.options.retentionMs, '', '', ...fields];
    }
    const sharedJson = JSON.stringify(rest);
    return ['s', read.rev, rev, read.pw, this.options.retentionMs, sharedJson, deckJson === read.deckJson ? '' : deckJson, ...fields];
  }

  /** The whole table in `state`, and the participant fields read removed: mode `s`, which checks that none was written since. */
  private documentArgs(read: Read, state: TableState): Array<string | number> {
    const { deck, ...rest } = state;
    const deckJson = this.decks.stringify(deck);
    const fields = [...read.fields].flatMap(([id, field]) => [FIELD + id, field.rev, '']);
    const changedDeck = deckJson === read.deckJson ? '' : deckJson;
    return ['s', read.rev, newRev(), read.pw, this.options.retentionMs, JSON.stringify(rest), changedDeck, ...fields];
  }

  /**
   * The table, its refs, and every other key under the table's hash tag: what other stores keep per
   * table beside it (answers remembered for Teams' re-sends, send counters) goes with it, so that an
   * erased table leaves nothing of a participant behind, also not for the minutes those keys live.
   */
  async delete(key: TableKey): Promise<void> {
    const k = this.keys(key);
    this.primed.delete(tableToken(key));
    this.known.delete(tableToken(key));
    await redisCall(() => this.redis.del(k.table, k.refs));
    const beside = await redisCall(() => scanKeys(this.redis, k.all));
    for (let i = 0; i < beside.length; i += BATCH) {
      const batch = beside.slice(i, i + BATCH);
      await redisCall(() => this.redis.unlink(...batch));
    }
  }

  async deleteLeftovers(key: TableKey): Promise<void> {
    const k = this.keys(key);
    const left = (await redisCall(() => scanKeys(this.redis, k.all))).filter((name) => name !== k.table);
    for (let i = 0; i < left.length; i += BATCH) {
      const batch = left.slice(i, i + BATCH);
      // Checked per batch in the script: a table started in between keeps its keys.
      await redisCall(() => this.redis.sbDeleteLeftovers(batch.length + 1, k.table, ...batch));
    }
  }

  async getRef(key: TableKey, name: string): Promise<string | undefined> {
    const value = await redisCall(() => this.redis.hget(this.keys(key).refs, name));
    return value ?? undefined;
  }

  async setRef(key: TableKey, name: string, value: string): Promise<void> {
    const k = this.keys(key);
    await redisCall(() => this.redis.sbSetRef(k.refs, k.table, name, value, this.options.retentionMs));
  }

  ping(): Promise<boolean> {
    return redisAnswers(this.redis);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}
