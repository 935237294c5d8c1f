import { PHASES, type Phase, type TableState } from './types';

/**
 * The agenda of a table: the method's steps (the phases, afsluiting included) with a time budget
 * each. The handleiding gives the whole session 2½ hours and no split; the defaults below are how an
 * experienced gespreksleider spends them: most time for filling in the model together (Round 2),
 * enough left for Round 3 ("zorg dat je genoeg tijd overhoudt voor ronde 3").
 */
export type StepBudgets = Record<Phase, number>;

export const DEFAULT_STEP_MINUTES: Readonly<StepBudgets> = {
  setup: 10,
  intro: 15,
  round1: 25,
  round2: 50,
  round3: 30,
  closing: 15,
  ended: 5,
};

export const STEP_COUNT = PHASES.length;

/** Per step at least a minute, at most the whole afternoon; the agenda as a whole at most 8 hours. */
export const BUDGET_LIMITS = { minStep: 1, maxStep: 240, maxTotal: 480 } as const;

/** A table's budgets (from its settings), or a session's (`{ settings: session }`). */
export function stepBudgets(of: { settings: { stepMinutes?: StepBudgets } }): StepBudgets {
  return of.settings.stepMinutes ? { ...DEFAULT_STEP_MINUTES, ...of.settings.stepMinutes } : { ...DEFAULT_STEP_MINUTES };
}

export function totalMinutes(budgets: StepBudgets): number {
  return PHASES.reduce((sum, p) => sum + budgets[p], 0);
}

/** "Stap 3 van 7": the step's number, from 1. */
export function stepNumber(phase: Phase): number {
  return PHASES.indexOf(phase) + 1;
}

/**
 * Until when the current step runs: from when it started plus its budget. A table stored before
 * steps had a start time counts from its last change, the best guess there is.
 */
export function stepEndsAt(state: Pick<TableState, 'settings' | 'phase' | 'phaseStartedAt' | 'updatedAt'>): number {
  const started = state.phaseStartedAt ?? state.updatedAt;
  return started + stepBudgets(state)[state.phase] * 60_000;
}

/**
 * Whether a timer that was set to end at `endsAt` is still the table's running timer: not when the
 * table is gone or ended, the step changed (which drops the timer), or a newer timer replaced it.
 * A timer queued before timers carried their end (`endsAt` absent) counts while the table has one.
 */
export function timerStillRuns(state: TableState | undefined, endsAt: number | undefined): boolean {
  if (!state || state.phase === 'ended' || !state.timer) return false;
  return endsAt === undefined || state.timer.endsAt === endsAt;
}

export type BudgetParse = { ok: true; budgets?: StepBudgets } | { ok: false; reason: 'count' | 'number' | 'step' | 'total' };

/**
 * The organiser's compact field: seven numbers of minutes in the order of the steps, separated by
 * spaces, commas or slashes ("10 15 25 50 30 15 5"). Empty means the defaults.
 */
export function parseStepBudgets(text: string): BudgetParse {
  const parts = text
    .trim()
    .split(/[\s,;/]+/)
    .filter((p) => p !== '');
  if (parts.length === 0) return { ok: true };
  if (parts.length !== STEP_COUNT) return { ok: false, reason: 'count' };
  if (!parts.every((p) => /^\d{1,4}$/.test(p))) return { ok: false, reason: 'number' };
  const minutes = parts.map(Number);
  if (minutes.some((m) => m < BUDGET_LIMITS.minStep || m > BUDGET_LIMITS.maxStep)) return { ok: false, reason: 'step' };
  const budgets = Object.fromEntries(PHASES.map((p, i) => [p, minutes[i]!])) as StepBudgets;
  if (totalMinutes(budgets) > BUDGET_LIMITS.maxTotal) return { ok: false, reason: 'total' };
  return { ok: true, budgets };
}

/** The compact field's text for budgets, as the form shows it prefilled. */
export function formatStepBudgets(budgets: StepBudgets): string {
  return PHASES.map((p) => budgets[p]).join(' ');
}
