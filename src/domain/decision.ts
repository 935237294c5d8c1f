import type { DomainError } from './errors';
import type { DomainEvent } from './events';
import type { TableState } from './types';

export interface Decision {
  type: 'ok';
  state: TableState;
  events: DomainEvent[];
}

export type DecideResult = Decision | DomainError;

export function ok(state: TableState, ...events: DomainEvent[]): Decision {
  return { type: 'ok', state, events };
}
