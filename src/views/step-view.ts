import {
  PHASES,
  STEP_COUNT,
  stepBudgets,
  stepEndsAt,
  stepNumber,
  totalMinutes,
  type Language,
  type Phase,
  type TableView,
} from '../domain';
import { t } from '../i18n';
import { bold, rich, type TextRun } from './rich-text';
import { teamsFunction } from './teams-date-time';

/**
 * A moment as Teams formats it for each reader: `{{TIME(...)}}` shows the time in the reader's own
 * time zone and locale (in a TextRun as in a TextBlock). Strict RFC 3339 without milliseconds, or
 * Teams shows the raw text. Only in a card (see teams-date-time.ts).
 */
export function cardTime(ms: number): string {
  const minute = Math.round(ms / 60_000) * 60_000;
  return teamsFunction('TIME', new Date(minute).toISOString().replace(/\.\d{3}Z$/, 'Z'));
}

/**
 * "Stap 3 van 7 · tot 14:35" for the card of `phase`, while the table is in that step; a card that
 * is updated later (the board in Round 3) then drops the line instead of naming another step.
 */
export function stepLine(state: TableView, lang: Language, phase: Phase): { step?: TextRun[] } {
  if (state.phase !== phase || phase === 'ended') return {};
  return { step: rich(lang, 'step.line', { number: stepNumber(phase), count: STEP_COUNT, until: cardTime(stepEndsAt(state)) }) };
}

/** The agenda on the welcome card: each step with its minutes, the current one marked in words. */
export function agendaView(state: TableView, lang: Language) {
  const budgets = stepBudgets(state);
  return {
    title: bold(t(lang, 'agenda.title', { minutes: totalMinutes(budgets) })),
    steps: PHASES.map((phase) => {
      const step = { number: stepNumber(phase), phase: t(lang, `phase.${phase}`), minutes: budgets[phase] };
      return {
        line:
          phase === state.phase && phase !== 'ended'
            ? rich(lang, 'agenda.current', { ...step, until: cardTime(stepEndsAt(state)) })
            : rich(lang, 'agenda.step', step),
      };
    }),
  };
}
