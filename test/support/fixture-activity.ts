import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TeamsChat, TeamsUser } from './teams-activity';

/**
 * A real-shaped Teams activity from `test/fixtures/teams/<name>.json`, its `{{placeholders}}` filled
 * for one chat, one user and this run's connector stand-in.
 */
export function fixtureActivity(
  name: string,
  serviceUrl: string,
  chat: TeamsChat,
  from: TeamsUser,
  extra: Record<string, string> = {},
): Record<string, any> {
  const raw = readFileSync(path.join(__dirname, '..', 'fixtures', 'teams', `${name}.json`), 'utf8');
  const vars: Record<string, string> = {
    activityId: randomUUID(),
    serviceUrl,
    conversationId: chat.id,
    tenantId: chat.tenantId,
    userId: from.id,
    userName: from.name,
    aadObjectId: from.aadObjectId,
    replyToId: randomUUID(),
    ...extra,
  };
  const fill = (value: unknown): unknown => {
    if (typeof value === 'string') return value.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => vars[key] ?? whole);
    if (Array.isArray(value)) return value.map(fill);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
    return value;
  };
  return fill(JSON.parse(raw)) as Record<string, any>;
}
