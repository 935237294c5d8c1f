import { decide } from '../../src/domain';
import { ANNA, LEAD, T0, expectError, expectOk, tables } from './fixtures';

/** `sluit`: one word for what is open to close, so the adapter need not know the phases. */
describe('close', () => {
  it('in Round 3 it closes the sticker vote', () => {
    const r = expectOk(decide(tables.round3WithStickers(), { actor: LEAD, command: { type: 'close' } }, T0 + 99_000));
    expect(r.state.round3.closedAt).toBe(T0 + 99_000);
    expect(r.events).toEqual([{ type: 'votingClosed' }]);
  });

  it('in Round 2 it closes the silent placement that is open', () => {
    const r = expectOk(decide(tables.round2WithPoll(), { actor: LEAD, command: { type: 'close' } }, T0 + 99_000));
    expect(r.state.round2.polls[0]!.closedAt).toBe(T0 + 99_000);
    expect(r.events).toEqual([{ type: 'pollClosed', poll: 1 }]);
  });

  it.each([
    ['nothing is open in Round 2', tables.round2, LEAD, 'noPoll'],
    ['a participant', tables.round3WithStickers, ANNA, 'notLeader'],
    ['the vote closed already', tables.round3Closed, LEAD, 'votingClosed'],
  ] as const)('refuses when %s', (_label, state, who, code) => {
    expectError(decide(state(), { actor: who, command: { type: 'close' } }, T0 + 99_000), code);
  });
});
