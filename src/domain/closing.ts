import { ok, type DecideResult } from './decision';
import { fail, tooLong } from './errors';
import { LIMITS } from './limits';
import { isLeader } from './roles';
import { isSubject, subjectOf } from './subject';
import { cleanText, textLength } from './text';
import type { Actor, TableState } from './types';

/** Slotvraag: "Wat heb je vandaag geleerd?" and "Waar kun je mee aan de slag?", both optional. */
export function answerClosing(
  state: TableState,
  actor: Actor,
  learned: string | undefined,
  action: string | undefined,
  now: number,
  onBehalfOf?: string,
): DecideResult {
  const subject = subjectOf(state, actor, onBehalfOf);
  if (!isSubject(subject)) return subject;
  if (state.phase !== 'closing') return fail('wrongPhase');
  const l = cleanText(learned ?? '');
  const a = cleanText(action ?? '');
  if (textLength(l) > LIMITS.closingAnswer) return tooLong('learned', LIMITS.closingAnswer);
  if (textLength(a) > LIMITS.closingAnswer) return tooLong('action', LIMITS.closingAnswer);
  const answer = {
    ...(l ? { learned: l } : {}),
    ...(a ? { action: a } : {}),
    at: now,
    ...(subject.enteredBy ? { enteredBy: subject.enteredBy } : {}),
  };
  const id = subject.participant.id;
  return ok({ ...state, closing: { ...state.closing, [id]: answer } }, { type: 'closingAnswered', userId: id });
}

/** A reminder for a silent phase; the bot announces when time is up and never closes a phase itself. */
export function startTimer(state: TableState, actor: Actor, minutes: number, now: number): DecideResult {
  if (!isLeader(state, actor)) return fail('notLeader');
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > LIMITS.timerMinutes)
    return fail('invalidMinutes', { max: LIMITS.timerMinutes });
  const timer = { minutes, startedAt: now, endsAt: now + minutes * 60_000 };
  return ok({ ...state, timer }, { type: 'timerStarted', minutes, endsAt: timer.endsAt });
}
