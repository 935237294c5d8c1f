import type { Logger } from 'pino';
import type { Deck } from '../domain';
import type { ModelPictures } from '../report/picture-ref';
import type { AttemptLimiter, IdempotencyStore, TableStore, UserAllowance } from '../store';
import type { AfterAnswer } from './outbound/after-answer';
import type { SessionChannel } from './publish/session-channel';
import type { SessionRunner } from '../app/session-runner';
import type { SharedCardUpdater } from './publish/shared-card-updater';
import type { TimerRequest } from './outbound/timer-announcer';
import type { TableRunner } from '../app/table-runner';

/** What the handlers need from the outside world; built once by the server. */
export interface BotDeps {
  runner: TableRunner;
  store: TableStore;
  /** Which activities were already handled: Teams re-sends what it got no answer to. */
  idempotency: IdempotencyStore;
  /** What a participant's informational commands may still post (see fair-share.ts). */
  allowance: UserAllowance;
  updater: SharedCardUpdater;
  /** Posts a card action causes, sent after its answer. */
  afterAnswer: Pick<AfterAnswer, 'run'>;
  /**
   * The organiser's sessions: the runner over the stores, the channel for proactive posts, and the
   * count of join codes each person tried that did not work (shared by all bot processes).
   */
  sessions: { runner: SessionRunner; channel: SessionChannel; codeAttempts: AttemptLimiter };
  timers: { schedule(request: TimerRequest): Promise<void> };
  /** Links to the model picture; without them (tests that build their own deps) cards show no picture. */
  pictures?: ModelPictures;
  log: Logger;
  settings: {
    retentionDays: number;
    maxParticipants: number;
    deck: () => Deck;
  };
}
