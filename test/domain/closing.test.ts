/**
 * The slotvraag ("Wat heb je vandaag geleerd?" and "Waar kun je mee aan de slag?", both optional) and
 * the timer of a silent phase, which announces the end of the time and never closes anything itself.
 */
import { decide, LIMITS, type Actor, type Command, type TableState } from '../../src/domain';
import {
  ANNA,
  BRAM,
  CEES,
  DINA,
  LEAD,
  T0,
  decideUnchanged,
  expectError,
  expectOk,
  otherPicks,
  play,
  tables,
  validPicks,
  withGuest,
} from './fixtures';

const NOW = T0 + 3_600_000;
const mention = (who: Actor) => ({ id: who.id, name: who.name });
const answer = (fields: { learned?: string; action?: string }, onBehalfOf?: string): Command => ({
  type: 'answerClosing',
  ...fields,
  ...(onBehalfOf !== undefined ? { onBehalfOf } : {}),
});
const timer = (minutes: number): Command => ({ type: 'startTimer', minutes });

describe('answerClosing', () => {
  it('stores both answers, trimmed, with the time', () => {
    const result = expectOk(
      decide(
        tables.closing(),
        { actor: ANNA, command: answer({ learned: '  Dat het buurthuis van iedereen is \r\n', action: '\tIk bel de opbouwwerker ' }) },
        NOW,
      ),
    );
    expect(result.state.closing).toEqual({
      [ANNA.id]: { learned: 'Dat het buurthuis van iedereen is', action: 'Ik bel de opbouwwerker', at: NOW },
    });
    expect(result.events).toEqual([{ type: 'closingAnswered', userId: ANNA.id }]);
  });

  it.each([
    ['only what was learned', { learned: 'Veel' }, { learned: 'Veel' }],
    ['only an action', { action: 'Iets' }, { action: 'Iets' }],
    ['a blank action beside an answer', { learned: 'Veel', action: '  \n' }, { learned: 'Veel' }],
  ])('accepts %s: both questions are optional', (_label, fields, stored) => {
    const result = expectOk(decide(tables.closing(), { actor: ANNA, command: answer(fields) }, NOW));
    expect(result.state.closing[ANNA.id]).toEqual({ ...stored, at: NOW });
  });

  it('replaces an earlier answer by the same participant and keeps the others’', () => {
    const s = play(tables.closing(), [
      [ANNA, answer({ learned: 'Eerst' })],
      [BRAM, answer({ action: 'Bram' })],
    ]);
    const result = expectOk(decide(s, { actor: ANNA, command: answer({ action: 'Later' }) }, NOW));
    expect(result.state.closing[ANNA.id]).toEqual({ action: 'Later', at: NOW });
    expect(result.state.closing[BRAM.id]).toEqual(s.closing[BRAM.id]);
  });

  it.each([
    ['learned', 'l'],
    ['action', 'a'],
  ] as const)('accepts a %s of exactly the limit and refuses one character more', (field, ch) => {
    expect(play(tables.closing(), [[ANNA, answer({ [field]: '😀'.repeat(LIMITS.closingAnswer) })]]).closing[ANNA.id]?.[field]).toHaveLength(
      2 * LIMITS.closingAnswer,
    );
    const error = expectError(
      decideUnchanged(tables.closing(), ANNA, answer({ [field]: ch.repeat(LIMITS.closingAnswer + 1) })),
      'textTooLong',
    );
    expect(error.params).toEqual({ field, max: LIMITS.closingAnswer });
  });

  it('refuses an answer of 10,000 characters', () => {
    expectError(decideUnchanged(tables.closing(), ANNA, answer({ learned: 'x'.repeat(10_000) })), 'textTooLong');
  });

  it.each([
    ['setup', tables.withParticipants],
    ['intro', tables.intro],
    ['Round 1', tables.round1],
    ['Round 2', tables.round2],
    ['Round 3', tables.round3Closed],
  ] as const)('refuses an answer in %s', (_label, state) => {
    expectError(decideUnchanged(state(), ANNA, answer({ learned: 'Veel' })), 'wrongPhase');
  });

  it('refuses an answer after the afsluiting', () => {
    const ended = play(tables.closing(), [[LEAD, { type: 'next' }]]);
    expect(ended.phase).toBe('ended');
    expectError(decideUnchanged(ended, ANNA, answer({ learned: 'Veel' })), 'tableStopped');
  });

  it('refuses someone who did not join, the leider included', () => {
    expectError(decideUnchanged(tables.closing(), DINA, answer({ learned: 'Veel' })), 'notParticipant');
    expectError(decideUnchanged(tables.closing(), LEAD, answer({ learned: 'Veel' })), 'notParticipant');
  });

  describe('for a guest', () => {
    it('stores the answer the leider enters for a guest, marked as entered by the leider', () => {
      const { state, guest } = withGuest(tables.closing());
      const result = expectOk(decide(state, { actor: LEAD, command: answer({ learned: 'Dat ik niet de enige ben' }, guest) }, NOW));
      expect(result.state.closing[guest]).toEqual({ learned: 'Dat ik niet de enige ben', at: NOW, enteredBy: LEAD.id });
      expect(result.events).toEqual([{ type: 'closingAnswered', userId: guest }]);
    });

    it('refuses a participant answering for the guest, and the leider answering for a member', () => {
      const { state, guest } = withGuest(tables.closing());
      expectError(decideUnchanged(state, ANNA, answer({ learned: 'x' }, guest)), 'notLeader');
      expectError(decideUnchanged(state, LEAD, answer({ learned: 'x' }, BRAM.id)), 'notGuest');
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe('startTimer', () => {
  it('starts a timer of N minutes from now and says when it ends', () => {
    const result = expectOk(decide(tables.round1(), { actor: LEAD, command: timer(5) }, NOW));
    expect(result.state.timer).toEqual({ minutes: 5, startedAt: NOW, endsAt: NOW + 5 * 60_000 });
    expect(result.events).toEqual([{ type: 'timerStarted', minutes: 5, endsAt: NOW + 300_000 }]);
  });

  it.each([1, 2, 60, LIMITS.timerMinutes])('accepts %i minutes', (minutes) => {
    expect(expectOk(decide(tables.round1(), { actor: LEAD, command: timer(minutes) }, NOW)).state.timer?.endsAt).toBe(
      NOW + minutes * 60_000,
    );
  });

  it.each([
    0,
    -1,
    -5,
    LIMITS.timerMinutes + 1,
    1000,
    1.5,
    0.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.MAX_SAFE_INTEGER,
  ])('refuses %p minutes with invalidMinutes, naming the maximum', (minutes) => {
    const error = expectError(decideUnchanged(tables.round1(), LEAD, timer(minutes)), 'invalidMinutes');
    expect(error.params).toEqual({ max: LIMITS.timerMinutes });
  });

  it('refuses minutes given as text', () => {
    expectError(decideUnchanged(tables.round1(), LEAD, timer('5' as unknown as number)), 'invalidMinutes');
  });

  it('refuses a timer from a participant or the notulist', () => {
    const s = play(tables.round1(), [[LEAD, { type: 'setNotetaker', to: mention(BRAM) }]]);
    expectError(decideUnchanged(s, ANNA, timer(5)), 'notLeader');
    expectError(decideUnchanged(s, BRAM, timer(5)), 'notLeader');
  });

  it('lets a co-leider start one', () => {
    const s = play(tables.round1(), [
      [LEAD, { type: 'addCoLead', to: mention(CEES) }],
      [CEES, timer(3)],
    ]);
    expect(s.timer?.minutes).toBe(3);
  });

  it('replaces a running timer with a new one', () => {
    const s = play(tables.round1(), [[LEAD, timer(10)]]);
    const result = expectOk(decide(s, { actor: LEAD, command: timer(2) }, NOW));
    expect(result.state.timer).toEqual({ minutes: 2, startedAt: NOW, endsAt: NOW + 120_000 });
  });

  // The method: the bot tells the table when time is up; it never closes a phase by itself.
  it('never closes anything itself: picks after the time is up are still taken, and the phase stays', () => {
    const s = play(tables.round1(), [[LEAD, timer(1)]]);
    const late = s.timer!.endsAt + 3_600_000;
    const result = expectOk(decide(s, { actor: ANNA, command: { type: 'submitPicks', round: 1, picks: validPicks() } }, late));
    expect(result.state.phase).toBe('round1');
    expect(result.state.pickRounds[0]?.revealedAt).toBeUndefined();
    const changed = expectOk(
      decide(result.state, { actor: ANNA, command: { type: 'submitPicks', round: 1, picks: otherPicks() } }, late + 1),
    );
    expect(changed.state.pickRounds[0]?.picks[ANNA.id]?.picks).toEqual(otherPicks());
  });

  it('never closes the sticker voting itself either', () => {
    const s: TableState = play(tables.round3WithStickers(), [[LEAD, timer(1)]]);
    const late = s.timer!.endsAt + 60_000;
    const result = expectOk(decide(s, { actor: BRAM, command: { type: 'setStickers', counts: { meedoen: 3 } } }, late));
    expect(result.state.round3.closedAt).toBeUndefined();
  });

  it('drops the timer when the table ends', () => {
    const s = play(tables.round1WithPicks(), [
      [LEAD, timer(5)],
      [LEAD, { type: 'stop' }],
    ]);
    expect(s.timer).toBeUndefined();
  });
});
