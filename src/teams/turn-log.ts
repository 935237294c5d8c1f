import type { Activity } from 'botbuilder';
import { VERB } from '../views';

const VERBS: ReadonlySet<string> = new Set(Object.values(VERB));

/**
 * An activity's type and invoke name come from Teams, the card verb from card data: a crafted
 * request can put anything there, also a participant's text. Only a value shaped like a Teams name
 * (`message`, `adaptiveCard/action`) is logged, and only a verb the bot knows.
 */
export function logLabel(value: unknown, shape = /^[a-z][A-Za-z]{0,40}(\/[a-z][A-Za-z]{0,40})?$/): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' && shape.test(value) ? value : '(other)';
}

function verbLabel(verb: unknown): string | undefined {
  if (verb === undefined || verb === null || verb === '') return undefined;
  return typeof verb === 'string' && VERBS.has(verb) ? verb : '(unknown verb)';
}

/** The fields of the one log line per turn: identifiers and outcome, never text or card data. */
export function turnLogFields(activity: Activity): Record<string, unknown> {
  return {
    activityId: activity.id,
    conversation: activity.conversation?.id,
    type: logLabel(activity.type),
    name: logLabel(activity.name),
    verb: verbLabel((activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb),
  };
}
