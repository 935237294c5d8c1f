import { groupView, viewFor, type Actor, type TableState, type Viewer } from '../../src/domain';
import { ANNA, BRAM, LEAD, actor, otherPicks, play, tables, validPicks } from './fixtures';

const CO = actor('cora');
const person = (a: Actor): Viewer => ({ type: 'person', id: a.id, ...(a.channelUserId ? { channelUserId: a.channelUserId } : {}) });

/** Round 1 with Anna, Bram and a guest who all picked; nothing revealed yet. */
function picked(): TableState {
  return play(tables.round1([ANNA, BRAM]), [
    [LEAD, { type: 'addGuest', name: 'Gijs Gast' }],
    [LEAD, { type: 'addCoLead', to: { id: CO.id, name: CO.name } }],
    [ANNA, { type: 'submitPicks', round: 1, picks: validPicks() }],
    [BRAM, { type: 'submitPicks', round: 1, picks: otherPicks() }],
    [LEAD, { type: 'submitPicks', round: 1, picks: validPicks(), onBehalfOf: 'guest-3' }],
  ]);
}

describe('viewFor: whose silent input a viewer may read before it is revealed', () => {
  const state = picked();
  it.each<[string, Viewer, string[]]>([
    ['the group reads nobody’s', { type: 'group' }, []],
    ['Anna reads her own', person(ANNA), [ANNA.id]],
    [
      'Anna, known by her Teams channel id only, reads her own',
      { type: 'person', id: 'another-login', channelUserId: ANNA.channelUserId! },
      [ANNA.id],
    ],
    ['the leider reads the guest’s, whom they fill in for', person(LEAD), ['guest-3']],
    ['a co-leider too', person(CO), ['guest-3']],
    ['a stranger reads nobody’s', { type: 'person', id: 'aad-zed' }, []],
  ])('%s', (_name, viewer, readable) => {
    const view = viewFor(state, viewer);
    expect(Object.keys(view.pickRounds[0]!.picks).sort()).toEqual([...readable].sort());
    // Everyone may know who handed in, in join order: that is the shared progress.
    expect(view.pickRounds[0]!.submitted).toEqual([ANNA.id, BRAM.id, 'guest-3']);
  });

  it('after the reveal everyone reads everything', () => {
    const revealed = play(state, [[LEAD, { type: 'reveal' }]]);
    expect(Object.keys(groupView(revealed).pickRounds[0]!.picks)).toHaveLength(3);
  });

  it('stickers stay the voter’s own until the vote closes; then the ranking is everyone’s', () => {
    let table = play(state, [
      [LEAD, { type: 'reveal' }],
      [LEAD, { type: 'next' }],
      [LEAD, { type: 'next' }],
    ]);
    table = play(table, [
      [ANNA, { type: 'setStickers', counts: { verbinding: 3 } }],
      [BRAM, { type: 'setStickers', counts: { 'minder-eenzaamheid': 2 } }],
    ]);
    expect(groupView(table).round3.stickers).toEqual({});
    expect(groupView(table).round3.voted).toEqual([ANNA.id, BRAM.id]);
    expect(Object.keys(viewFor(table, person(BRAM)).round3.stickers)).toEqual([BRAM.id]);
    const closed = play(table, [[LEAD, { type: 'closeVoting' }]]);
    expect(Object.keys(groupView(closed).round3.stickers)).toEqual([ANNA.id, BRAM.id]);
  });

  it('a silent placement’s votes stay private until it closes', () => {
    let table = play(state, [
      [LEAD, { type: 'reveal' }],
      [LEAD, { type: 'next' }],
      [LEAD, { type: 'openPoll', cardId: 'buurthuis' }],
    ]);
    table = play(table, [[ANNA, { type: 'votePoll', poll: 1, zone: 'community' }]]);
    expect(groupView(table).round2.polls[0]!.votes).toEqual({});
    expect(groupView(table).round2.polls[0]!.voted).toEqual([ANNA.id]);
    const closed = play(table, [[LEAD, { type: 'closePoll', poll: 1 }]]);
    expect(Object.keys(groupView(closed).round2.polls[0]!.votes)).toEqual([ANNA.id]);
  });

  it('a user id such as __proto__ stays an ordinary key of the view', () => {
    const evil = { id: '__proto__', name: 'X' };
    const table = play(tables.round1([ANNA]), [
      [evil, { type: 'join' }],
      [evil, { type: 'submitPicks', round: 1, picks: validPicks() }],
    ]);
    const view = viewFor(table, person(evil));
    expect(Object.hasOwn(view.pickRounds[0]!.picks, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(view.pickRounds[0]!.picks)).toBe(Object.prototype);
  });
});
