/**
 * Hybrid tables: a gast (someone in the room without a device) added by the leider, whose input only
 * a leider may enter, marked as entered by that leider; and the notulist. Every command that takes
 * `onBehalfOf` follows the same rule (src/domain/subject.ts), so it is tested for each of them.
 */
import { decide, LIMITS, type Actor, type Command, type TableState } from '../../src/domain';
import {
  ANNA,
  BRAM,
  CEES,
  DINA,
  LEAD,
  METHOD_MAX_PARTICIPANTS,
  T0,
  actor,
  decideUnchanged,
  expectError,
  expectOk,
  ingredient,
  intention,
  play,
  tables,
  validPicks,
  withGuest,
} from './fixtures';

const NOW = T0 + 3_600_000;
const mention = (who: Actor) => ({ id: who.id, name: who.name });
const addGuest = (name: string): Command => ({ type: 'addGuest', name });

describe('addGuest', () => {
  it('adds a guest with the next number, no consent, no channel id, and reports it', () => {
    const result = expectOk(decide(tables.withParticipants(), { actor: LEAD, command: addGuest('  Gijs   de\u200b Boer ') }, NOW));
    const guest = result.state.participants[2]!;
    expect(guest).toEqual({ id: expect.any(String), name: 'Gijs de Boer', number: 3, nameConsent: false, joinedAt: NOW, guest: true });
    expect(result.events).toEqual([{ type: 'guestAdded', userId: guest.id }]);
  });

  it('gives two guests with the same name different ids', () => {
    const s = play(tables.withParticipants(), [
      [LEAD, addGuest('Gijs')],
      [LEAD, addGuest('Gijs')],
    ]);
    const ids = s.participants.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(s.participants.filter((p) => p.guest)).toHaveLength(2);
  });

  it('counts guests towards the maximum of the table, and they keep their number when others join', () => {
    const s = play(tables.withParticipants([ANNA], { maxParticipants: 3 }), [
      [LEAD, addGuest('Gijs')],
      [BRAM, { type: 'join' }],
    ]);
    expect(s.participants.map((p) => [p.number, p.guest])).toEqual([
      [1, false],
      [2, true],
      [3, false],
    ]);
    expectError(decideUnchanged(s, LEAD, addGuest('Nog iemand')), 'tableFull');
    expectError(decideUnchanged(s, CEES, { type: 'join' }), 'tableFull');
  });

  it(`fills a table of ${METHOD_MAX_PARTICIPANTS} with guests and members together`, () => {
    const members = Array.from({ length: METHOD_MAX_PARTICIPANTS - 1 }, (_, i) => actor(`p${i + 1}`));
    const s = play(tables.withParticipants(members), [[LEAD, addGuest('Gijs')]]);
    expect(s.participants).toHaveLength(METHOD_MAX_PARTICIPANTS);
    expectError(decideUnchanged(s, LEAD, addGuest('Nog iemand')), 'tableFull');
  });

  it('cuts a long name to the display limit, as for members', () => {
    const s = play(tables.withParticipants(), [[LEAD, addGuest('g'.repeat(LIMITS.displayName + 20))]]);
    expect(s.participants[2]?.name).toBe('g'.repeat(LIMITS.displayName));
  });

  it('lets a co-leider add a guest', () => {
    const s = play(tables.withParticipants(), [
      [LEAD, { type: 'addCoLead', to: mention(CEES) }],
      [CEES, addGuest('Gijs')],
    ]);
    expect(s.participants.some((p) => p.guest)).toBe(true);
  });

  it.each([
    ['a participant', ANNA, 'Gijs', 'notLeader'],
    ['someone who did not join', DINA, 'Gijs', 'notLeader'],
    ['the leider, without a name', LEAD, '', 'emptyText'],
    ['the leider, with only spaces and invisible characters', LEAD, ' \u200b\t\n', 'emptyText'],
  ] as const)('refuses a guest added by %s', (_label, who, name, code) => {
    expectError(decideUnchanged(tables.withParticipants(), who, addGuest(name)), code);
  });

  it('lets the leider give and withdraw a guest’s name consent', () => {
    const { state, guest } = withGuest(tables.withParticipants());
    const given = play(state, [[LEAD, { type: 'setNameConsent', consent: true, onBehalfOf: guest }]]);
    expect(given.participants.find((p) => p.id === guest)?.nameConsent).toBe(true);
    const withdrawn = play(given, [[LEAD, { type: 'setNameConsent', consent: false, onBehalfOf: guest }]]);
    expect(withdrawn.participants.find((p) => p.id === guest)?.nameConsent).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------

/**
 * Each command that takes `onBehalfOf`, the state it is valid in (with a guest added), and where the
 * guest's entry ends up, so the same rules can be checked for all of them.
 */
interface ForGuest {
  command: string;
  state: () => TableState;
  make: (onBehalfOf: string) => Command;
  stored: (s: TableState, guest: string) => unknown;
}

const FOR_GUEST: ForGuest[] = [
  {
    command: 'answerIntro',
    state: tables.intro,
    make: (onBehalfOf) => ({ type: 'answerIntro', role: 'Vrijwilliger', onBehalfOf }),
    stored: (s, g) => s.intro[g],
  },
  {
    command: 'submitPicks',
    state: tables.round1,
    make: (onBehalfOf) => ({ type: 'submitPicks', round: 1, picks: validPicks(), onBehalfOf }),
    stored: (s, g) => s.pickRounds[0]?.picks[g],
  },
  {
    command: 'votePoll',
    state: tables.round2WithPoll,
    make: (onBehalfOf) => ({ type: 'votePoll', poll: 1, zone: 'community', onBehalfOf }),
    stored: (s, g) => s.round2.polls[0]?.votes[g],
  },
  {
    command: 'setStickers',
    state: tables.round3,
    make: (onBehalfOf) => ({ type: 'setStickers', counts: { [intention('verbinding')]: 3 }, onBehalfOf }),
    stored: (s, g) => s.round3.stickers[g],
  },
  {
    command: 'answerClosing',
    state: tables.closing,
    make: (onBehalfOf) => ({ type: 'answerClosing', learned: 'Veel', onBehalfOf }),
    stored: (s, g) => s.closing[g],
  },
];

describe.each(FOR_GUEST)('$command for a guest', ({ state, make, stored }) => {
  const setup = () => {
    const base = play(state(), [
      [LEAD, { type: 'addCoLead', to: mention(CEES) }],
      [LEAD, { type: 'setNotetaker', to: mention(BRAM) }],
    ]);
    return withGuest(base);
  };

  it('is stored under the guest, marked as entered by the leider', () => {
    const { state: s, guest } = setup();
    const after = expectOk(decide(s, { actor: LEAD, command: make(guest) }, NOW)).state;
    expect(stored(after, guest)).toMatchObject({ enteredBy: LEAD.id });
    // Nothing is stored under the leider, who did not join.
    expect(stored(after, LEAD.id)).toBeUndefined();
  });

  it('may be entered by a co-leider, marked with the co-leider', () => {
    const { state: s, guest } = setup();
    expect(stored(play(s, [[CEES, make(guest)]]), guest)).toMatchObject({ enteredBy: CEES.id });
  });

  it.each([
    ['a participant', ANNA],
    ['the notulist', BRAM],
    ['someone who did not join', DINA],
  ])('is refused from %s with notLeader', (_label, who) => {
    const { state: s, guest } = setup();
    expectError(decideUnchanged(s, who, make(guest)), 'notLeader');
  });

  it.each([
    ['a member with a device', ANNA.id],
    ['the notulist', BRAM.id],
    ['someone not at the table', 'aad-zoe'],
    ['a guest id that was never given', 'guest-99'],
  ])('is refused for %s with notGuest, even from the leider', (_label, onBehalfOf) => {
    const { state: s } = setup();
    expectError(decideUnchanged(s, LEAD, make(onBehalfOf)), 'notGuest');
  });

  it('is refused for a member from the member themselves with notLeader: nobody names another', () => {
    const { state: s } = setup();
    expectError(decideUnchanged(s, ANNA, make(BRAM.id)), 'notLeader');
  });

  it('is refused for a guest from a leider who joined as a participant too, when they name a member', () => {
    const { state: s } = setup();
    const joined = play(s, [[LEAD, { type: 'join' }]]);
    expectError(decideUnchanged(joined, LEAD, make(LEAD.id)), 'notGuest');
  });
});

describe('setNameConsent for a guest', () => {
  it('is refused from a participant, and for a member', () => {
    const { state, guest } = withGuest(tables.withParticipants());
    expectError(decideUnchanged(state, ANNA, { type: 'setNameConsent', consent: true, onBehalfOf: guest }), 'notLeader');
    expectError(decideUnchanged(state, LEAD, { type: 'setNameConsent', consent: true, onBehalfOf: ANNA.id }), 'notGuest');
  });
});

// ---------------------------------------------------------------------------------------------

describe('setNotetaker', () => {
  it('makes a participant the notulist, with the name they joined with', () => {
    const result = expectOk(
      decide(
        tables.withParticipants(),
        { actor: LEAD, command: { type: 'setNotetaker', to: { channelUserId: BRAM.channelUserId!, name: '@bram' } } },
        NOW,
      ),
    );
    expect(result.state.notetaker).toEqual({ id: BRAM.id, name: 'Bram', channelUserId: BRAM.channelUserId });
    expect(result.events).toEqual([{ type: 'notetakerSet', userId: BRAM.id }]);
  });

  it('gives the notulist conclusions and notes but not the leider’s other rights', () => {
    const s = play(tables.round2(), [[LEAD, { type: 'setNotetaker', to: mention(BRAM) }]]);
    expect(
      play(s, [[BRAM, { type: 'addConclusion', text: 'We rekenen iets tot de sociale basis als ...' }]]).round2.conclusions,
    ).toHaveLength(1);
    for (const command of [
      { type: 'next' },
      { type: 'openPoll', cardId: ingredient('park') },
      { type: 'placeCard', cardId: ingredient('park'), zone: 'community', agreement: 'agree' },
      { type: 'addGuest', name: 'Gijs' },
      { type: 'setNotetaker', to: mention(CEES) },
      { type: 'startTimer', minutes: 5 },
    ] as Command[]) {
      expectError(decideUnchanged(s, BRAM, command), 'notLeader');
    }
  });

  it.each([
    ['a participant', ANNA, mention(ANNA), 'notLeader'],
    ['the leider, naming nobody', LEAD, { name: 'Iemand' }, 'unknownUser'],
  ] as const)('is refused from %s', (_label, who, to, code) => {
    expectError(decideUnchanged(tables.withParticipants(), who, { type: 'setNotetaker', to }), code);
  });
});
