import { CloudAdapter, StatusCodes, type Activity, type TurnContext } from 'botbuilder';
// botbuilder's own (same 4.23.3), not in its index: what CloudAdapter.process does to every activity.
import { validateAndFixActivity } from 'botbuilder/lib/activityValidator';
import { AuthenticationError } from 'botframework-connector';
import type { Logger } from 'pino';
import type { Request, Response } from 'restify';
import { answerBodyJson } from '../teams/outbound/invoke-json';

/** Neutral answers: nothing of the error is echoed (botbuilder answers with its message). */
const FAILED = {
  unauthorized: { status: StatusCodes.UNAUTHORIZED, text: 'Unauthorized.' },
  error: { status: StatusCodes.INTERNAL_SERVER_ERROR, text: 'The activity could not be processed.' },
} as const;

/**
 * botbuilder's CloudAdapter with its own answer to POST /api/messages. `CloudAdapter.process`
 * builds zod schemas on every request to check what readActivity (activity-request.ts) has
 * checked already, prints a failure with console.error and answers it with the error's message,
 * which can quote the request. What is left of it is here: validateAndFixActivity, the
 * Authorization header, botbuilder's own `processActivity` (protected) and writing its answer.
 */
export class MessagesAdapter extends CloudAdapter {
  /** Runs the activity in `req.body` (read and shape-checked by readActivity) and writes the answer. */
  async processRequest(req: Request, res: Response, logic: (context: TurnContext) => Promise<void>, log: Logger): Promise<void> {
    const activity = req.body as Activity;
    try {
      // Turns the timestamps into Dates, as botbuilder's bots expect them.
      validateAndFixActivity(activity);
      const answer = await this.processActivity(req.headers.authorization ?? '', activity, logic);
      const status = answer?.status ?? StatusCodes.OK;
      const json = answerBodyJson(answer?.body);
      if (json !== undefined) return void res.sendRaw(status, json, { 'content-type': 'application/json' });
      res.status(status);
      if (answer?.body) res.send(answer.body);
      res.end();
    } catch (err) {
      const unauthorized = err instanceof AuthenticationError;
      const failed = unauthorized ? FAILED.unauthorized : FAILED.error;
      if (unauthorized) log.warn({ err, status: failed.status }, 'refused a request to /api/messages');
      else log.error({ err, status: failed.status, activityId: activity.id }, 'activity failed outside the turn');
      res.sendRaw(failed.status, failed.text, { 'content-type': 'text/plain; charset=utf-8' });
    }
  }
}
