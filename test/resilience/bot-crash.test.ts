/**
 * Resilience (c): the bot process killed with SIGKILL in the middle of a table, with clicks on their
 * way, and started again: the table goes on where it was. See scenarios/bot-crash.ts.
 */
import { describeBotCrash } from './scenarios/bot-crash';

describeBotCrash('test/resilience/bot-crash.test.ts', { people: 8, before: 3, killInRound3: true, resendInFlight: false });
