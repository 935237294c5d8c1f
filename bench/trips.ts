/**
 * Part 3a alone (`npx tsx bench/trips.ts`): the Redis round trips per action, without the load runs
 * of parts 1 and 2, for a quick look after a change to the stores. Same harness, same figures as
 * `npm run bench` prints in its section 3a.
 */
import { withHarness } from './harness';
import { print } from './markdown';
import { measureRoundTrips, reportRoundTrips } from './round-trips';
import { readSettings, secondsSinceStart } from './settings';

async function main(): Promise<void> {
  await withHarness(readSettings(), async (h) => {
    const roundTrips = await measureRoundTrips(h);
    print(`# Redis round trips per action, ${new Date().toISOString()}`);
    reportRoundTrips(roundTrips);
    await h.stopBots();
    print(`Whole run: ${secondsSinceStart().toFixed(0)} s.`);
  });
}

// Exit explicitly: a keep-alive socket or a child's pipe must not keep a finished run waiting.
main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
