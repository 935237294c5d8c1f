import {
  createSession,
  decide,
  decideSession,
  fail,
  generateCode,
  isLeader,
  isOrganiser,
  isRuleError,
  linkRefusal,
  parseCode,
  sessionFail,
  type Actor,
  type Command,
  type LinkedTable,
  type NewSessionInput,
  type RandomInt,
  type RuleError,
  type SessionCommand,
  type SessionDecision,
  type SessionError,
  type SessionState,
  type TableState,
  type UserRefInput,
} from '../domain';
import { tableToken, type SessionStore, type TableKey, type TableStore, type TimerQueue } from '../store';

export type CreateResult =
  | { type: 'created'; session: SessionState; merged: { ingredients: string[]; intentions: string[] } }
  /** The thread already holds a session (a second submit of the form, or a form in an old thread). */
  | { type: 'exists'; session: SessionState }
  | { type: 'error'; error: RuleError };

export type LinkResult =
  | {
      type: 'linked';
      session: SessionState;
      table: TableState;
      alreadyLinked: boolean;
      /** The title of the session the table was moved from, and its code. */
      previous?: string;
      previousCode?: string;
    }
  | { type: 'error'; error: RuleError; table?: TableState };

export type EraseTableResult =
  | { type: 'erased'; table: TableState; session?: SessionState; summaryId?: string }
  | { type: 'stale' }
  | { type: 'error'; error: RuleError; table?: TableState };

export interface ErasedTable {
  linked: LinkedTable;
  /** The table conversation's stored reference (JSON), to tell the table; absent when it was gone. */
  reference?: string;
  /** The table's summary message in the session thread, if one was posted. */
  summaryId?: string;
}

export type EraseSessionResult =
  | {
      type: 'erased';
      session: SessionState;
      tables: ErasedTable[];
      threadReference?: string;
      /** The session's own messages in the thread (its live card, the totaalbeeld), to empty them. */
      threadMessages: string[];
    }
  | { type: 'error'; error: RuleError };

/** Ref names beside a session. */
export const sessionRefs = {
  /** The thread's conversation reference (JSON), for proactive posts. */
  conversation: 'conversation',
  /** The activity id of a table's summary in the thread, so a second posting updates it. */
  summary: (token: string) => `summary:${token}`,
  /** The activity id of the one totaalbeeld in the thread, updated as the tables go on. */
  overview: 'overview',
  /** The activity id of the session's card in the thread, updated as tables link, end or are erased. */
  card: 'card',
} as const;

/**
 * What a session's message ref holds while one bot process posts that message (the first
 * totaalbeeld): claimed with replaceRef, so another process that sees it posts none. Not a message
 * id; its time lets a claim of a process that died while posting be taken over.
 */
export const postingClaim = {
  make: (now: number): string => `posting:${now}`,
  /** When the claim was made, or undefined when `value` is a message id. */
  since(value: string): number | undefined {
    const m = /^posting:(\d+)$/.exec(value);
    return m ? Number(m[1]) : undefined;
  },
};

/** The conversation reference a table stores when it starts (see message-handler). */
export const TABLE_CONVERSATION_REF = 'conversation';

const CODE_ATTEMPTS = 10;

/** Who unlinks a table that was erased or moved: the bot itself, on its leider's or organiser's word. */
const SYSTEM: Actor = { id: 'sociale-basis-bot', name: 'Sociale Basis' };

/** Whether a stored reminder (see timer-announcer.ts: `{ key, reference, ... }`) belongs to this table. */
function timerOf(key: TableKey): (payload: string) => boolean {
  return (payload) => {
    try {
      const p = JSON.parse(payload) as { key?: Partial<TableKey> };
      return p.key?.tenantId === key.tenantId && p.key?.conversationId === key.conversationId;
    } catch {
      return false;
    }
  };
}

export interface SessionRunnerOptions {
  sessions: SessionStore;
  tables: TableStore;
  /** Draws join codes; injectable so tests can make two sessions draw the same one. */
  randomInt: RandomInt;
  clock?: () => number;
  /** Pending "time is up" reminders hold the table's conversation reference: erased with it. */
  timers?: Pick<TimerQueue, 'remove'>;
}

/**
 * The organiser's session over the two stores: creating it with a unique code, linking tables,
 * erasing. The rules are the pure functions of domain/session*.ts; this class only loads, decides
 * and writes, in an order that leaves nothing half done that matters (see each method).
 */
export class SessionRunner {
  private readonly sessions: SessionStore;
  private readonly tables: TableStore;
  private readonly randomInt: RandomInt;
  private readonly clock: () => number;
  private readonly timers?: Pick<TimerQueue, 'remove'>;

  constructor(options: SessionRunnerOptions) {
    this.sessions = options.sessions;
    this.tables = options.tables;
    this.randomInt = options.randomInt;
    this.clock = options.clock ?? Date.now;
    if (options.timers) this.timers = options.timers;
  }

  /** Everything of one table: its state, refs, the keys other stores keep beside it, its reminders. */
  private async eraseTableData(key: TableKey): Promise<void> {
    await this.tables.delete(key);
    await this.timers?.remove(timerOf(key));
  }

  get(code: string): Promise<SessionState | undefined> {
    return this.sessions.get(code);
  }

  /** The session a thread holds, if it still exists. */
  async inThread(thread: TableKey): Promise<SessionState | undefined> {
    const code = await this.sessions.findByThread(thread);
    return code ? this.sessions.get(code) : undefined;
  }

  getRef(code: string, name: string): Promise<string | undefined> {
    return this.sessions.getRef(code, name);
  }

  setRef(code: string, name: string, value: string): Promise<void> {
    return this.sessions.setRef(code, name, value);
  }

  /** See SessionStore.replaceRef. */
  replaceRef(code: string, name: string, expected: string | undefined, value: string | undefined): Promise<boolean> {
    return this.sessions.replaceRef(code, name, expected, value);
  }

  /**
   * A new session in a thread. A thread holds one session: when it has one, that one is the answer,
   * so pressing the form's button twice (or Teams re-sending the invoke) never makes two sessions.
   * A drawn code that is taken is simply drawn again.
   */
  async create(thread: TableKey, input: Omit<NewSessionInput, 'code' | 'now' | 'thread' | 'tenantId'>): Promise<CreateResult> {
    const existing = await this.inThread(thread);
    if (existing) return { type: 'exists', session: existing };
    for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
      const made = createSession({
        ...input,
        code: generateCode(this.randomInt),
        thread: thread.conversationId,
        tenantId: thread.tenantId,
        now: this.clock(),
      });
      if (made.type === 'error') return { type: 'error', error: made };
      if (!(await this.sessions.create(made.session))) continue;
      const holder = await this.sessions.claimThread(thread, made.session.code);
      if (holder !== made.session.code) {
        const other = await this.sessions.get(holder);
        if (other) {
          // Another submit of the same form won the thread a moment earlier: keep that session.
          await this.sessions.delete(made.session.code);
          return { type: 'exists', session: other };
        }
      }
      return { type: 'created', session: made.session, merged: made.merged };
    }
    throw new Error(`No free join code after ${CODE_ATTEMPTS} attempts`);
  }

  /**
   * Links the table of this conversation to a session. Order: check both sides, add the table to the
   * session (where the 50-table limit holds under concurrency), then change the table; if the table
   * refuses after all (someone picked in between), the session's new link is taken back.
   */
  async link(key: TableKey, actor: Actor, typedCode: string): Promise<LinkResult> {
    // Who may not link at all learns nothing about the code: the table is checked before the code.
    const table = await this.tables.get(key);
    const refused = linkRefusal(table, actor);
    if (refused || !table) return { type: 'error', error: refused ?? fail('noTable'), ...(table ? { table } : {}) };
    const code = parseCode(typedCode);
    const found = code ? await this.sessions.get(code) : undefined;
    // Another organisation's code is answered as an unknown one: it is not theirs to find out about.
    const session = found?.tenantId === key.tenantId ? found : undefined;
    if (!session) return { type: 'error', error: sessionFail('codeUnknown', { code: typedCode.trim().toUpperCase() }) };
    const linkTo = (to: SessionState): Command => ({ type: 'linkSession', session: to });
    const check = decide(table, { actor, command: linkTo(session) }, this.clock());
    if (check.type === 'error') return { type: 'error', error: check, table };

    const token = tableToken(key);
    const linkInfo = { token, title: table.title, tenantId: key.tenantId, conversationId: key.conversationId };
    const sessionSide = await this.decideSession(session.code, actor, { type: 'linkTable', table: linkInfo });
    if (sessionSide.type === 'error') return { type: 'error', error: sessionSide, table };
    const alreadyLinked = sessionSide.events.some((e) => e.type === 'tableLinked' && e.alreadyLinked);

    let previous: string | undefined;
    const tableSide = await this.tables.update(key, (current): { state?: TableState; result: TableState | RuleError } => {
      if (!current) return { result: fail('noTable') };
      previous = current.sessionCode && current.sessionCode !== session.code ? current.sessionCode : undefined;
      const r = decide(current, { actor, command: linkTo(sessionSide.session) }, this.clock());
      return r.type === 'error' ? { result: r } : { state: r.state, result: r.state };
    });
    if (isRuleError(tableSide)) {
      if (!alreadyLinked) await this.unlink(session.code, token);
      return { type: 'error', error: tableSide, table };
    }
    let previousTitle: string | undefined;
    if (previous) {
      // Moved from another session (before any picks): that session no longer counts this table.
      previousTitle = (await this.sessions.get(previous))?.title;
      await this.unlink(previous, token);
      await this.sessions.deleteRef(previous, sessionRefs.summary(token));
    }
    return {
      type: 'linked',
      session: sessionSide.session,
      table: tableSide,
      alreadyLinked: alreadyLinked && !previous,
      ...(previousTitle ? { previous: previousTitle } : {}),
      ...(previous ? { previousCode: previous } : {}),
    };
  }

  /**
   * A linked table ended (afsluiting or `stop`): it frees its place in the session's limit. Nothing
   * when the session is gone or does not list the table; the session as it is now, if it exists.
   */
  async markStopped(code: string, token: string): Promise<SessionState | undefined> {
    const r = await this.decideSession(code, SYSTEM, { type: 'tableStopped', token });
    return r.type === 'error' ? undefined : r.session;
  }

  private async unlink(code: string, token: string): Promise<void> {
    // The session is gone already (erased, expired): nothing to unlink, nothing to say.
    await this.decideSession(code, SYSTEM, { type: 'unlinkTable', token });
  }

  /** Runs a session command against the stored session; absent, it is `noSession`. */
  private decideSession(code: string, actor: Actor, command: SessionCommand): Promise<SessionDecision | SessionError> {
    return this.sessions.update<SessionDecision | SessionError>(code, (current) => {
      if (!current) return { result: sessionFail('noSession') };
      const r = decideSession(current, { actor, command }, this.clock());
      return r.type === 'error' ? { result: r } : { state: r.session, result: r };
    });
  }

  /**
   * The tables that count for the session now: linked, still stored, and still linked to it (a
   * conversation whose table ended may have started a new, unlinked one under the same key).
   */
  async tablesOf(session: SessionState): Promise<TableState[]> {
    const found = await Promise.all(session.tables.map((t) => this.tables.getByToken(t.token)));
    return found.filter((t): t is TableState => t !== undefined && t.sessionCode === session.code);
  }

  async addCoOrganiser(
    code: string,
    actor: Actor,
    to: UserRefInput | undefined,
  ): Promise<{ type: 'ok'; session: SessionState } | { type: 'error'; error: RuleError }> {
    const r = await this.decideSession(code, actor, { type: 'addCoOrganiser', ...(to ? { to } : {}) });
    return r.type === 'error' ? { type: 'error', error: r } : { type: 'ok', session: r.session };
  }

  /**
   * `wis` at a table, after the leider confirmed: the table and everything beside it, and its link in
   * the session. `createdAt` ties the confirmation to the table it was asked for: a table started
   * later in the same chat is not erased by an old confirmation card.
   */
  async eraseTable(key: TableKey, actor: Actor, createdAt: number | undefined): Promise<EraseTableResult> {
    const table = await this.tables.get(key);
    if (!table) return { type: 'error', error: fail('noTable') };
    if (!isLeader(table, actor)) return { type: 'error', error: fail('notLeader'), table };
    if (createdAt !== undefined && createdAt !== table.createdAt) return { type: 'stale' };
    const token = tableToken(key);
    // The data goes first: whatever fails after this, nothing of the table is left to leak.
    await this.eraseTableData(key);
    if (!table.sessionCode) return { type: 'erased', table };
    const summaryId = await this.sessions.getRef(table.sessionCode, sessionRefs.summary(token));
    await this.sessions.deleteRef(table.sessionCode, sessionRefs.summary(token));
    await this.unlink(table.sessionCode, token);
    const session = await this.sessions.get(table.sessionCode);
    return { type: 'erased', table, ...(session ? { session } : {}), ...(summaryId ? { summaryId } : {}) };
  }

  /**
   * After the notices that follow `sessie wis` (one in each table, the last ones in the thread):
   * what sending them wrote under the erased tables' and the thread's keys (their send windows), so
   * that nothing keyed by an erased table is left. A table started in one of those chats since keeps
   * everything.
   */
  async clearAfterNotices(session: SessionState, tables: ErasedTable[]): Promise<void> {
    const keys = [...tables.map((t) => t.linked.conversationId), session.thread].map((conversationId) => ({
      tenantId: session.tenantId,
      conversationId,
    }));
    for (const key of keys) await this.tables.deleteLeftovers(key);
  }

  /** `sessie wis`, after the organiser confirmed: every linked table, then the session itself. */
  async eraseSession(code: string, actor: Actor): Promise<EraseSessionResult> {
    const session = await this.sessions.get(code);
    // One answer for a code that is gone and one that is not theirs: the button's code may be forged.
    if (!session || !isOrganiser(session, actor)) return { type: 'error', error: sessionFail('codeRefused') };
    const erased: ErasedTable[] = [];
    for (const linked of session.tables) {
      const key = { tenantId: session.tenantId, conversationId: linked.conversationId };
      const table = await this.tables.get(key);
      const summaryId = await this.sessions.getRef(code, sessionRefs.summary(linked.token));
      let reference: string | undefined;
      // Only the table that is linked to this session: a newer, unlinked table in that chat stays.
      if (table?.sessionCode === code) {
        reference = await this.tables.getRef(key, TABLE_CONVERSATION_REF);
        await this.eraseTableData(key);
      }
      erased.push({ linked, ...(reference ? { reference } : {}), ...(summaryId ? { summaryId } : {}) });
    }
    const threadReference = await this.sessions.getRef(code, sessionRefs.conversation);
    const threadMessages: string[] = [];
    for (const ref of [sessionRefs.card, sessionRefs.overview]) {
      const id = await this.sessions.getRef(code, ref);
      if (id && postingClaim.since(id) === undefined) threadMessages.push(id);
    }
    await this.sessions.delete(code);
    // What the thread's own turns left beside it (remembered answers to the organiser's form).
    await this.tables.delete({ tenantId: session.tenantId, conversationId: session.thread });
    return { type: 'erased', session, tables: erased, threadMessages, ...(threadReference ? { threadReference } : {}) };
  }
}
