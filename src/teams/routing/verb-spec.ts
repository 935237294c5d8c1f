import type { z } from 'zod';
import type { Actor, Command, Phase } from '../../domain';
import type { AdaptiveCard, Message, VerbName } from '../../views';
import type { ActionContext } from '../actions/action-context';
import type { Turn } from '../turn';
import type { Who } from './who';

/** Where a verb or command makes sense: the phases of a table, or anywhere (`any`). */
export type Phases = ReadonlyArray<Phase> | 'any';

interface VerbBase<V extends VerbName, S extends z.ZodTypeAny, C extends Command | undefined> {
  verb: V;
  /** The button's data, checked at the edge; unknown fields are dropped. Never who acts. */
  data: S;
  who: Who;
  phases: Phases;
  /**
   * The domain command the button stands for, from its data and who pressed it; absent for a button
   * that only shows a card. The handler gets it to run: the mapping lives here and nowhere else.
   */
  command?(data: z.output<S>, actor: Actor): C;
}

/** A button of a table's cards: answered only where a table runs, with the table as the presser may see it. */
export interface TableVerb<
  V extends VerbName = VerbName,
  S extends z.ZodTypeAny = z.ZodTypeAny,
  C extends Command | undefined = Command | undefined,
> extends VerbBase<V, S, C> {
  scope: 'table';
  handle(a: ActionContext, data: z.output<S>, command: C): Promise<AdaptiveCard> | AdaptiveCard;
  /**
   * A form a leider may fill in for a guest (its data's `for`): given to a leider for a guest, it gets
   * the guest's consent toggle and a way back to the guest's own message (guest-form.ts).
   */
  guestForm?: true;
  /** The answer when `who` refuses the presser (default: a notice); lets a form say why it stays shut. */
  refused?(a: ActionContext, message: Message, data: z.output<S>): AdaptiveCard;
}

/** A button of the organiser's cards, which work where no table is: in a team channel. */
export interface SessionVerb<V extends VerbName = VerbName, S extends z.ZodTypeAny = z.ZodTypeAny> extends VerbBase<V, S, undefined> {
  scope: 'session';
  handle(turn: Turn, data: z.output<S>): Promise<AdaptiveCard> | AdaptiveCard;
}

export type VerbSpec = TableVerb | SessionVerb;

/** Declares a table's button; the types of `handle` and `command` follow from `data` and `command`. */
export function tableVerb<V extends VerbName, S extends z.ZodTypeAny, C extends Command | undefined = undefined>(
  spec: Omit<TableVerb<V, S, C>, 'scope'>,
): TableVerb<V, S, C> {
  return { ...spec, scope: 'table' };
}

export function sessionVerb<V extends VerbName, S extends z.ZodTypeAny>(spec: Omit<SessionVerb<V, S>, 'scope'>): SessionVerb<V, S> {
  return { ...spec, scope: 'session' };
}
