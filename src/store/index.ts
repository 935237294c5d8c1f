export * from './table-key';
export * from './table-store';
export { MemoryTableStore } from './memory-table-store';
export { RedisTableStore } from './redis-table-store';
export { connectRedis, whenReady } from './redis-connection';
export { MemoryTimerQueue, RedisTimerQueue, type TimerQueue } from './timer-queue';
