/**
 * Every post and update to a conversation goes through src/teams/outbound/outbound.ts (and so through the
 * per-conversation queue). A direct `sendActivity`, `updateActivity` or `deleteActivity` anywhere
 * else — in a turn or in a proactive `continueConversationAsync` — would bypass Teams' rate limits
 * and the 429 handling. The one exception: an invoke response, the HTTP answer to Teams' request.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(__dirname, '..', '..', '..', 'src');
const ALLOWED_FILES = new Set(['teams/outbound/outbound.ts']);
const SENDS = /\.(sendActivity|sendActivities|updateActivity|deleteActivity)\s*\(/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

test('no code outside outbound.ts sends to a conversation directly (invoke responses excepted)', () => {
  const offenders: string[] = [];
  for (const file of files(SRC)) {
    const rel = relative(SRC, file).split('\\').join('/');
    if (ALLOWED_FILES.has(rel)) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (!SENDS.test(line)) return;
        if (/InvokeResponse/.test(line)) return;
        offenders.push(`src/${rel}:${i + 1}: ${line.trim()}`);
      });
  }
  expect(offenders).toEqual([]);
});
