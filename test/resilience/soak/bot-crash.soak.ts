/**
 * Soak variant of resilience (c) (`npm run test:soak`): as in `npm test`, plus Teams re-sending
 * every click the dead process never answered (same activity id) right after the restart. Not
 * part of `npm test`.
 */
import { describeBotCrash } from '../scenarios/bot-crash';

describeBotCrash('test/resilience/soak/bot-crash.soak.ts', { people: 8, before: 2, killInRound3: true, resendInFlight: true });
