import { z } from 'zod';
import type { Actor, Command } from '../../domain';
import { boardVerbs } from '../actions/board-actions';
import { closingVerbs } from '../actions/closing-actions';
import { guestVerbs } from '../actions/guest-actions';
import { leaderVerbs } from '../actions/leader-actions';
import { pickVerbs } from '../actions/pick-actions';
import { sessionVerbs } from '../actions/session-actions';
import { stickerVerbs } from '../actions/sticker-actions';
import { welcomeVerbs } from '../actions/welcome-actions';
import type { VerbSpec } from './verb-spec';

/** Every button of every card, declared once each (see verb-spec.ts); test/teams/routing holds the templates to it. */
export const VERBS: ReadonlyArray<VerbSpec> = [
  ...welcomeVerbs,
  ...pickVerbs,
  ...boardVerbs,
  ...stickerVerbs,
  ...closingVerbs,
  ...guestVerbs,
  ...leaderVerbs,
  ...sessionVerbs,
];

const BY_VERB = new Map<string, VerbSpec>(VERBS.map((spec) => [spec.verb, spec]));

export function verbSpec(verb: string): VerbSpec | undefined {
  return BY_VERB.get(verb);
}

/** The names of a button's data fields, as its schema knows them. */
export function dataFields(spec: VerbSpec): string[] {
  return spec.data instanceof z.ZodObject ? Object.keys(spec.data.shape as Record<string, unknown>) : [];
}

/** The one shape of a Universal Actions invoke: `{ action: { type, verb, data }, trigger }`. */
const invokeValue = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string().max(100),
    data: z.record(z.string(), z.unknown()).nullish(),
  }),
  trigger: z.string().optional(),
});

/** A button press read at the edge: its declaration and its checked data, or why it is not one of ours. */
export type ParsedAction = { ok: true; spec: VerbSpec; data: unknown; automatic: boolean } | { ok: false; verb?: string };

export function parseCardAction(value: unknown): ParsedAction {
  const invoke = invokeValue.safeParse(value);
  if (!invoke.success) return { ok: false };
  const { verb, data } = invoke.data.action;
  const spec = verbSpec(verb);
  if (!spec) return { ok: false, verb };
  const parsed = spec.data.safeParse(data ?? {});
  if (!parsed.success) return { ok: false, verb };
  return { ok: true, spec, data: parsed.data, automatic: invoke.data.trigger === 'automatic' };
}

/** The domain command a pressed button stands for (undefined: it only shows a card). */
export function commandOf(action: Extract<ParsedAction, { ok: true }>, actor: Actor): Command | undefined {
  return action.spec.command?.(action.data, actor);
}
