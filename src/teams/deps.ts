import type { Logger } from 'pino';
import type { Deck } from '../domain';
import type { TableStore } from '../store';
import type { SharedCardUpdater } from './shared-card-updater';
import type { TimerRequest } from './timer-announcer';
import type { TableRunner } from './table-runner';

/** What the handlers need from the outside world; built once by the server. */
export interface BotDeps {
  runner: TableRunner;
  store: TableStore;
  updater: SharedCardUpdater;
  timers: { schedule(request: TimerRequest): Promise<void> };
  log: Logger;
  settings: {
    retentionDays: number;
    maxParticipants: number;
    deck: () => Deck;
  };
}
