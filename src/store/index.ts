export * from './table-key';
export * from './table-store';
export { MemoryTableStore } from './memory-table-store';
export { RedisTableStore, scanKeys, type TableStoreShape } from './redis-table-store';
export { connectRedis, isCluster, whenReady, type RedisClient } from './redis-connection';
export { connectRedisCluster, parseClusterSeeds } from './redis-cluster-connection';
export { MemoryTimerQueue, RedisTimerQueue, type RedisTimerQueueOptions, type TimerQueue } from './timer-queue';
export {
  claimOrWait,
  MemoryIdempotencyStore,
  type ActivityClaim,
  type AnswerBook,
  type IdempotencyOptions,
  type IdempotencyStore,
} from './idempotency-store';
export { answerKeys, RedisIdempotencyStore, type AnswerKeys } from './redis-idempotency-store';
export {
  conversationLane,
  MemoryRateWindow,
  tenantLane,
  TEAMS_CONVERSATION_LIMITS,
  TEAMS_TENANT_LIMITS,
  type RateLimit,
  type RateWindow,
  type RateWindowOptions,
  type SlotDecision,
} from './rate-window';
export {
  INFO_ANSWER_LIMIT,
  MemoryUserAllowance,
  userToken,
  type AllowanceDecision,
  type AllowanceLimit,
  type UserAllowance,
  type UserAllowanceOptions,
} from './user-allowance';
export { RedisUserAllowance } from './redis-user-allowance';
export { RedisRateWindow } from './redis-rate-window';
export { SessionGoneError, type SessionMutation, type SessionStore } from './session-store';
export { MemorySessionStore } from './memory-session-store';
export { RedisSessionStore } from './redis-session-store';
export {
  attemptToken,
  CODE_ATTEMPTS,
  MemoryAttemptLimiter,
  type AttemptDecision,
  type AttemptLimit,
  type AttemptLimiter,
  type AttemptLimiterOptions,
} from './attempt-limiter';
export { RedisAttemptLimiter } from './redis-attempt-limiter';
export {
  readTimerPayload,
  SHARED_CARD_KINDS,
  timerPayloadJson,
  type QueuedTimer,
  type StoredCardReminder,
  type StoredReference,
  type TimerAnnouncement,
  type TimerPayload,
} from './schema/timer-payload';
export type { StoreLog, StoredRead, Unreadable } from './schema/versioned';
