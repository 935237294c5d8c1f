import type { TurnContext } from 'botbuilder';
import type { PendingWrite } from '../store';

const DEFERS = Symbol('defersWrite');
const DEFERRED = Symbol('deferredWrite');

/** A card action's decision, not yet written: bot.ts writes it together with the answer rendered from it. */
export interface DeferredWrite {
  write: PendingWrite;
  /** What others must see of it (posts, shared-card updates); run once the write has landed. */
  publish(): Promise<void>;
}

/**
 * Says that whoever runs this turn writes its decision after the answer is rendered
 * (card-action-turn.ts). A handler run any other way writes at once, so nothing is left unwritten.
 */
export function deferWrites(context: TurnContext): void {
  context.turnState.set(DEFERS, true);
}

export function defersWrites(context: TurnContext): boolean {
  return context.turnState.get(DEFERS) === true;
}

/** One decision per card action: a second would be recorded with an answer that does not show it. */
export function deferWrite(context: TurnContext, deferred: DeferredWrite): void {
  if (context.turnState.get(DEFERRED)) throw new Error('a card action writes one decision');
  context.turnState.set(DEFERRED, deferred);
}

export function takeDeferredWrite(context: TurnContext): DeferredWrite | undefined {
  const deferred = context.turnState.get(DEFERRED) as DeferredWrite | undefined;
  context.turnState.delete(DEFERRED);
  return deferred;
}
