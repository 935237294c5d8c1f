import {
  decide,
  fail,
  newTable,
  type Actor,
  type Command,
  type Decision,
  type Deck,
  type RuleError,
  type Language,
  type TableState,
} from '../domain';
import type { AnswerRecord, CommitOutcome, Mutation, PendingWrite, Prepared, TableKey, TableStore } from '../store';

export interface StartOptions {
  title?: string;
  defaultTitle: string;
  maxParticipants: number;
  language: Language;
  deck: () => Deck;
}

export type StartResult = { type: 'ok'; state: TableState } | { type: 'exists'; state: TableState };

/**
 * Runs commands against a stored table: load, decide, write, with the store retrying on a
 * concurrent write so that `decide` always sees the latest table.
 */
export class TableRunner {
  constructor(
    private readonly store: TableStore,
    private readonly clock: () => number = Date.now,
  ) {}

  /** On a refusal, `state` is the table as it was, so the message can name the leider or the phase. */
  run(key: TableKey, actor: Actor, command: Command, readThisTurn?: TableState): Promise<RunResult> {
    return this.store.update<RunResult>(key, this.deciding(actor, command), readThisTurn);
  }

  /**
   * Decides without writing, for a turn that renders its answer first and then writes the table and
   * records the answer in one step (`commit`). When the commit finds the table changed meanwhile,
   * the turn prepares, and renders, again.
   */
  prepare(key: TableKey, actor: Actor, command: Command, readThisTurn?: TableState): Promise<Prepared<RunResult>> {
    return this.store.prepare<RunResult>(key, this.deciding(actor, command), readThisTurn);
  }

  commit(write: PendingWrite, answer?: AnswerRecord): Promise<CommitOutcome> {
    return this.store.commit(write, answer);
  }

  private deciding(actor: Actor, command: Command) {
    return (current: TableState | undefined): Mutation<RunResult> => {
      if (!current) return { result: fail('noTable') };
      const result = decide(current, { actor, command }, this.clock());
      if (result.type === 'error') return { result: { ...result, state: current } };
      return { state: result.state, result };
    };
  }

  /** A new table, unless one is running here; a table that ended may be replaced by a new one. */
  start(key: TableKey, actor: Actor, options: StartOptions): Promise<StartResult> {
    return this.store.update<StartResult>(key, (current) => {
      if (current && current.phase !== 'ended') return { result: { type: 'exists', state: current } };
      const state = newTable({
        actor,
        ...(options.title ? { title: options.title } : {}),
        defaultTitle: options.defaultTitle,
        settings: { maxParticipants: options.maxParticipants, language: options.language },
        deck: options.deck(),
        now: this.clock(),
      });
      return { state, result: { type: 'ok', state } };
    });
  }

  get(key: TableKey): Promise<TableState | undefined> {
    return this.store.get(key);
  }
}

export type RunError = RuleError & { state?: TableState };
export type RunResult = Decision | RunError;
