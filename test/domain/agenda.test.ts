/**
 * The agenda: the method's 2½ hours split over its seven steps, a step's end time from when it
 * started, the organiser's compact field, and the rule that a timer belongs to the step it was set in.
 */
import fc from 'fast-check';
import {
  decide,
  DEFAULT_STEP_MINUTES,
  formatStepBudgets,
  parseStepBudgets,
  PHASES,
  STEP_COUNT,
  stepEndsAt,
  stepNumber,
  timerStillRuns,
  totalMinutes,
} from '../../src/domain';
import { ANNA, expectOk, LEAD, play, startTable, T0 } from './fixtures';

describe('the agenda', () => {
  it('the default budgets add up to the method’s 2½ hours over seven steps', () => {
    expect(totalMinutes(DEFAULT_STEP_MINUTES)).toBe(150);
    expect(STEP_COUNT).toBe(7);
    expect(PHASES.map(stepNumber)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('a step runs until it started plus its budget; the organiser’s budgets replace the defaults', () => {
    const table = play(startTable(), [[ANNA, { type: 'join' }]]);
    expect(stepEndsAt(table)).toBe(T0 + 10 * 60_000);
    const intro = expectOk(decide(table, { actor: LEAD, command: { type: 'next' } }, T0 + 7 * 60_000)).state;
    expect(intro.phaseStartedAt).toBe(T0 + 7 * 60_000);
    expect(stepEndsAt(intro)).toBe(T0 + (7 + 15) * 60_000);
    const own = { ...intro, settings: { ...intro.settings, stepMinutes: { ...DEFAULT_STEP_MINUTES, intro: 20 } } };
    expect(stepEndsAt(own)).toBe(T0 + (7 + 20) * 60_000);
  });

  it('the compact field reads seven whole numbers, with spaces, commas or slashes; empty means the defaults', () => {
    expect(parseStepBudgets('')).toEqual({ ok: true });
    expect(parseStepBudgets('  5, 10/20 60;35 15 5 ')).toEqual({
      ok: true,
      budgets: { setup: 5, intro: 10, round1: 20, round2: 60, round3: 35, closing: 15, ended: 5 },
    });
    expect(parseStepBudgets('10 15 25')).toEqual({ ok: false, reason: 'count' });
    expect(parseStepBudgets('10 15 25 50 30 15 5 5')).toEqual({ ok: false, reason: 'count' });
    expect(parseStepBudgets('10 15 25 50 30 15 2.5')).toEqual({ ok: false, reason: 'number' });
    expect(parseStepBudgets('10 15 25 50 30 15 -5')).toEqual({ ok: false, reason: 'number' });
    expect(parseStepBudgets('0 15 25 50 30 15 5')).toEqual({ ok: false, reason: 'step' });
    expect(parseStepBudgets('240 240 25 50 30 15 5')).toEqual({ ok: false, reason: 'total' });
  });

  it('what the form shows prefilled reads back as the same budgets', () => {
    const budget = fc.integer({ min: 1, max: 68 });
    fc.assert(
      fc.property(fc.tuple(budget, budget, budget, budget, budget, budget, budget), (minutes) => {
        const budgets = Object.fromEntries(PHASES.map((p, i) => [p, minutes[i]!])) as typeof DEFAULT_STEP_MINUTES;
        expect(parseStepBudgets(formatStepBudgets(budgets))).toEqual({ ok: true, budgets });
      }),
    );
  });
});

describe('a timer belongs to the step it was set in', () => {
  const intro = play(startTable(), [
    [ANNA, { type: 'join' }],
    [LEAD, { type: 'next' }],
  ]);
  const timed = expectOk(decide(intro, { actor: LEAD, command: { type: 'startTimer', minutes: 5 } }, T0 + 60_000)).state;
  const endsAt = T0 + 6 * 60_000;

  it('runs while the step runs, and a newer timer replaces it', () => {
    expect(timerStillRuns(timed, endsAt)).toBe(true);
    const newer = expectOk(decide(timed, { actor: LEAD, command: { type: 'startTimer', minutes: 2 } }, T0 + 2 * 60_000)).state;
    expect(timerStillRuns(newer, endsAt)).toBe(false);
    expect(timerStillRuns(newer, T0 + 4 * 60_000)).toBe(true);
  });

  it('is cancelled by the next step, the end of the table, or the table being gone', () => {
    const next = expectOk(decide(timed, { actor: LEAD, command: { type: 'next' } }, T0 + 2 * 60_000)).state;
    expect(next.timer).toBeUndefined();
    expect(timerStillRuns(next, endsAt)).toBe(false);
    const stopped = expectOk(decide(timed, { actor: LEAD, command: { type: 'stop' } }, T0 + 2 * 60_000)).state;
    expect(timerStillRuns(stopped, endsAt)).toBe(false);
    expect(timerStillRuns(undefined, endsAt)).toBe(false);
  });

  it('a timer queued before timers carried their end counts while the table has one', () => {
    expect(timerStillRuns(timed, undefined)).toBe(true);
    const next = expectOk(decide(timed, { actor: LEAD, command: { type: 'next' } }, T0 + 2 * 60_000)).state;
    expect(timerStillRuns(next, undefined)).toBe(false);
  });
});
