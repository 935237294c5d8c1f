/** The bot's send rates per conversation, against the limits Teams sets. */
import type { CallRecord } from './connector';
import { verdict } from './markdown';

/** Teams' limits on an app's sends to one conversation. */
export const TEAMS_LIMITS = [
  { windowMs: 1000, max: 7 },
  { windowMs: 2000, max: 8 },
  { windowMs: 30_000, max: 60 },
];

/** Teams' limit on an app's sends to one tenant, per second. */
export const TENANT_LIMIT = 50;

/** The most calls to one conversation in any window of `windowMs` (sliding), and which conversation. */
export function maxInWindow(calls: CallRecord[], windowMs: number): { max: number; conversation: string } {
  const byConversation = new Map<string, number[]>();
  for (const c of calls) {
    if (c.method !== 'POST' && c.method !== 'PUT') continue;
    const list = byConversation.get(c.conversationId) ?? [];
    list.push(c.t);
    byConversation.set(c.conversationId, list);
  }
  let best = { max: 0, conversation: '' };
  for (const [conversation, times] of byConversation) {
    times.sort((a, b) => a - b);
    let from = 0;
    for (let to = 0; to < times.length; to++) {
      while (times[to]! - times[from]! >= windowMs) from++;
      if (to - from + 1 > best.max) best = { max: to - from + 1, conversation };
    }
  }
  return best;
}

/** One report row per Teams limit: the highest rate seen, the limit, and whether it was kept. */
export function rateRows(calls: CallRecord[]): string[][] {
  return TEAMS_LIMITS.map((l) => {
    const seen = maxInWindow(calls, l.windowMs);
    return [
      `highest sends to one conversation in any ${l.windowMs / 1000} s`,
      `${seen.max}`,
      `≤ ${l.max} (Teams)`,
      verdict(seen.max <= l.max),
    ];
  });
}
