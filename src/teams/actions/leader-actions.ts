import { z } from 'zod';
import type { Command } from '../../domain';
import { CONTROLLED_CARDS, VERB, type AdaptiveCard, type CardRef } from '../../views';
import type { RunResult } from '../../app/table-runner';
import { controlledCard } from '../publish/controlled-cards';
import { modelPictureOf } from '../publish/model-picture';
import { shareShortSummary } from '../publish/summary-post';
import { cardInteger } from '../routing/card-number';
import { tableVerb } from '../routing/verb-spec';
import type { ActionContext } from './action-context';

/** Which card a control is on, so the answer is that card again, one step further. Templating binds a missing number as ''. */
export const on = z.object({
  card: z.enum(CONTROLLED_CARDS),
  n: z.union([cardInteger(1, 50), z.literal('').transform(() => undefined)]).optional(),
});

export function refOf(data: z.output<typeof on>): CardRef {
  return data.n !== undefined ? { card: data.card, n: data.n } : { card: data.card };
}

/** The card the control was on, after the step: what the step did, or why it was refused, said to the presser alone. */
async function step(a: ActionContext, data: z.output<typeof on>, command: Command): Promise<AdaptiveCard> {
  const result: RunResult = await a.run(command);
  const state = result.state ?? a.state;
  const base = { retentionDays: a.deps.settings.retentionDays, picture: () => modelPictureOf(a.deps.pictures, a.key, state) };
  if (result.type === 'error') return controlledCard(state, refOf(data), a, { ...base, note: a.error(result) });
  return controlledCard(state, refOf(data), a, { ...base, note: { key: 'controls.done' }, noteGood: true });
}

/**
 * The leider's controls on the shared cards (see leader-controls.ts): the refresh that shows them, and
 * one button per step. The step buttons run the same domain commands as the typed `volgende`,
 * `onthul`, `sluit`, `timer` and `taal`, so a participant pressing a forged one is refused by the rules.
 */
export const leaderVerbs = [
  tableVerb({
    verb: VERB.controlsView,
    data: on,
    who: 'anyone',
    phases: 'any',
    // Teams asks this (trigger "automatic") for each user in `refresh.userIds`; anyone else gets the shared view.
    handle: (a, data) =>
      controlledCard(a.state, refOf(data), a, {
        retentionDays: a.deps.settings.retentionDays,
        picture: () => modelPictureOf(a.deps.pictures, a.key, a.state),
      }),
  }),
  tableVerb({
    verb: VERB.stepNext,
    data: on,
    who: 'leader',
    phases: 'any',
    command: () => ({ type: 'next' }),
    handle: step,
  }),
  tableVerb({
    verb: VERB.stepReveal,
    data: on,
    who: 'leader',
    phases: ['round1', 'round2'],
    command: () => ({ type: 'reveal' }),
    handle: step,
  }),
  tableVerb({
    verb: VERB.stepClose,
    data: on,
    who: 'leader',
    phases: ['round2', 'round3'],
    command: () => ({ type: 'close' }),
    handle: step,
  }),
  tableVerb({
    verb: VERB.stepPickRound,
    data: on,
    who: 'leader',
    phases: ['round2'],
    command: () => ({ type: 'openPickRound' }),
    handle: step,
  }),
  tableVerb({
    verb: VERB.stepSummary,
    data: on,
    who: 'leader',
    phases: ['ended'],
    // As the typed `samenvatting`: the short card with the downloads in the chat, and the organiser's copy brought up to date.
    async handle(a, data) {
      await shareShortSummary(a, a.state);
      return controlledCard(a.state, refOf(data), a, {
        retentionDays: a.deps.settings.retentionDays,
        picture: () => modelPictureOf(a.deps.pictures, a.key, a.state),
        note: { key: 'controls.summaryPosted' },
        noteGood: true,
      });
    },
  }),
  tableVerb({
    verb: VERB.stepTimer,
    data: on.extend({ minutes: cardInteger(1, 600) }),
    who: 'leader',
    phases: 'any',
    command: (data) => ({ type: 'startTimer', minutes: data.minutes ?? Number.NaN }),
    handle: (a, data, command) => step(a, data, command),
  }),
  tableVerb({
    verb: VERB.tableLanguage,
    /** From the welcome card: the language is checked by the rules, as typed `taal en` is. */
    data: on.extend({ language: z.string().max(10) }),
    who: 'leader',
    phases: 'any',
    command: (data) => ({ type: 'setLanguage', language: data.language }),
    handle: step,
  }),
] as const;
