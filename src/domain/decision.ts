import type { RuleError } from './session-errors';
import type { DomainEvent } from './events';
import type { TableState } from './types';

export interface Decision {
  type: 'ok';
  state: TableState;
  events: DomainEvent[];
}

/** A refusal is a table's rule, or (when a table links to a session) a session's. */
export type DecideResult = Decision | RuleError;

export function ok(state: TableState, ...events: DomainEvent[]): Decision {
  return { type: 'ok', state, events };
}
