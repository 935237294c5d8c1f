import { currentPickRound, takesPicks } from './pick-rounds';
import { openPoll } from './placements';
import { votingOpen } from './stickers';
import type { Participant } from './types';
import type { TableView } from './visibility';

/** A step in which every participant fills in a form of their own, and so the leider one for each guest. */
export type GuestStep =
  { type: 'intro' } | { type: 'picks'; round: number } | { type: 'poll'; poll: number } | { type: 'stickers' } | { type: 'closing' };

/** The step of the table that takes personal input now, if any. */
export function guestStep(view: TableView): GuestStep | undefined {
  switch (view.phase) {
    case 'intro':
      return { type: 'intro' };
    case 'round1':
    case 'round2': {
      const round = currentPickRound(view);
      if (round && takesPicks(view, round.number)) return { type: 'picks', round: round.number };
      const poll = openPoll(view);
      return poll ? { type: 'poll', poll: poll.number } : undefined;
    }
    case 'round3':
      return votingOpen(view) ? { type: 'stickers' } : undefined;
    case 'closing':
      return { type: 'closing' };
    case 'setup':
    case 'ended':
      return undefined;
    default: {
      const never: never = view.phase;
      throw new Error(`Unknown phase ${String(never)}`);
    }
  }
}

/**
 * The guests who gave nothing yet in the step that is open: whom the leider may still fill in for.
 * Read from what everyone may see (who handed in, never what), so a shared card could show it too.
 */
export function guestsBusy(view: TableView): Participant[] {
  const step = guestStep(view);
  if (!step) return [];
  const done = new Set(doneIn(view, step));
  return view.participants.filter((p) => p.guest && !done.has(p.id));
}

function doneIn(view: TableView, step: GuestStep): string[] {
  switch (step.type) {
    case 'intro':
      return Object.keys(view.intro);
    case 'picks':
      return view.pickRounds.find((r) => r.number === step.round)?.submitted ?? [];
    case 'poll':
      return view.round2.polls.find((p) => p.number === step.poll)?.voted ?? [];
    case 'stickers':
      return view.round3.voted;
    case 'closing':
      return Object.keys(view.closing);
    default: {
      const never: never = step;
      throw new Error(`Unknown step ${JSON.stringify(never)}`);
    }
  }
}
