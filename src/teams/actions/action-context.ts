import type { TurnContext } from 'botbuilder';
import {
  findParticipant,
  isLeader,
  viewFor,
  withDeckIn,
  type Command,
  type Participant,
  type TableState,
  type TableView,
} from '../../domain';
import { refusalMessage, subjectSwitch, type Message, type SubjectSwitch } from '../../views';
import type { RunError, RunResult } from '../../app/table-runner';
import type { BotDeps } from '../deps';
import { publish } from '../publish/publisher';
import { Turn } from '../turn';
import { deferWrite, defersWrites } from '../turn-write';

/**
 * A button pressed at a table: the turn, and the table as it was when the press arrived. The answer
 * to a card action is seen by the acting user alone, so it is built from the table as they may see
 * it (`view`, `see`): never from the raw state, which holds others' silent input.
 */
export class ActionContext extends Turn {
  /** The table as the acting user may see it when the action arrived. */
  readonly view: TableView;

  constructor(
    context: TurnContext,
    deps: BotDeps,
    readonly state: TableState,
  ) {
    super(context, deps);
    this.view = this.see(state);
  }

  /** A table as the acting user may see it, its default cards in the user's own language (the answer is theirs alone). */
  see(state: TableState): TableView {
    const view = viewFor(state, {
      type: 'person',
      id: this.actor.id,
      ...(this.actor.channelUserId ? { channelUserId: this.actor.channelUserId } : {}),
    });
    return withDeckIn(view, this.lang);
  }

  /**
   * Runs a command and, when it succeeded, posts or updates what others must see. In a card action
   * run by bot.ts the decision is written after the handler rendered its answer, in one step with
   * the answer's record (card-action-turn.ts); what others see is published once it has landed.
   */
  async run(command: Command): Promise<RunResult> {
    if (!defersWrites(this.context)) {
      const result = await this.deps.runner.run(this.key, this.actor, command, this.state);
      if (result.type === 'ok') await this.publish(result);
      return result;
    }
    const { result, write } = await this.deps.runner.prepare(this.key, this.actor, command, this.state);
    if (result.type !== 'ok') return result;
    if (write) deferWrite(this.context, { write, publish: () => this.publish(result) });
    else await this.publish(result);
    return result;
  }

  private publish(result: Extract<RunResult, { type: 'ok' }>): Promise<void> {
    return publish(this.context, this.key, result.state, result.events, this.deps);
  }

  error(result: RunError): Message {
    return refusalMessage(result, this.lang, result.state ?? this.state);
  }

  /** The table after a command, as the acting user may see it. */
  viewAfter(result: RunResult): TableView {
    return result.state ? this.see(result.state) : this.view;
  }

  get participant(): Participant | undefined {
    return findParticipant(this.state, this.actor);
  }

  get isLeader(): boolean {
    return isLeader(this.state, this.actor);
  }

  /**
   * Whom a form is for: the actor, or a guest when a leider chose one. The guest id is only a wish
   * from card data; the core refuses it unless the actor is a leider and the id is a guest's.
   */
  subject(
    forId: string | undefined,
    state: TableView = this.view,
  ): { subject?: Participant; onBehalfOf?: string; who: SubjectSwitch & { for?: string } } {
    const guest = forId ? state.participants.find((p) => p.guest && p.id === forId) : undefined;
    const leader = isLeader(state, this.actor);
    const subject = guest && leader ? guest : findParticipant(state, this.actor);
    const who = {
      ...subjectSwitch(state, this.lang, leader, findParticipant(state, this.actor), subject),
      ...(guest && leader ? { for: guest.id } : {}),
    };
    return { ...(subject ? { subject } : {}), ...(forId ? { onBehalfOf: forId } : {}), who };
  }
}
