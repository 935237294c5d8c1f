import type { TurnContext } from 'botbuilder';
import { findParticipant, isLeader, type Actor, type Command, type Language, type Participant, type TableState } from '../../domain';
import type { TableKey } from '../../store';
import { errorMessage, subjectSwitch, type Message, type SubjectSwitch } from '../../views';
import type { BotDeps } from '../deps';
import { publish } from '../effects';
import type { RunError, RunResult } from '../table-runner';

/** Everything a card action needs: who acts, at which table, in which language, and how to run a command. */
export class ActionContext {
  constructor(
    readonly context: TurnContext,
    readonly deps: BotDeps,
    readonly key: TableKey,
    readonly lang: Language,
    readonly actor: Actor,
    readonly state: TableState,
  ) {}

  /** Runs a command and, when it succeeded, posts or updates what others must see. */
  async run(command: Command): Promise<RunResult> {
    const result = await this.deps.runner.run(this.key, this.actor, command, this.state);
    if (result.type === 'ok') await publish(this.context, this.key, result.state, result.events, this.deps);
    return result;
  }

  error(result: RunError): Message {
    return errorMessage(result, this.lang, result.state ?? this.state);
  }

  stateAfter(result: RunResult): TableState {
    return result.state ?? this.state;
  }

  get viewer(): Participant | undefined {
    return findParticipant(this.state, this.actor);
  }

  get isLeader(): boolean {
    return isLeader(this.state, this.actor);
  }

  /**
   * Whom a form is for: the actor, or a guest when a leider chose one. The guest id is only a wish
   * from card data; the core refuses it unless the actor is a leider and the id is a guest's.
   */
  subject(forId: string | undefined, state = this.state): { subject?: Participant; onBehalfOf?: string; who: SubjectSwitch & { for?: string } } {
    const guest = forId ? state.participants.find((p) => p.guest && p.id === forId) : undefined;
    const leader = isLeader(state, this.actor);
    const subject = guest && leader ? guest : findParticipant(state, this.actor);
    const who = { ...subjectSwitch(state, this.lang, leader, findParticipant(state, this.actor), subject), ...(guest && leader ? { for: guest.id } : {}) };
    return { ...(subject ? { subject } : {}), ...(forId ? { onBehalfOf: forId } : {}), who };
  }
}
