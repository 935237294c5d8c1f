/**
 * The leider fills in for a guest and records, in the same step, whether the guest's name may appear
 * in the report (src/domain/guest-consent.ts); which guests are still busy in the open step
 * (src/domain/guest-steps.ts). A participant never sets anyone's consent but their own.
 */
import fc from 'fast-check';
import { decide, guestsBusy, guestStep, viewFor, type Actor, type Command, type TableState } from '../../src/domain';
import {
  ANNA,
  BRAM,
  CEES,
  LEAD,
  T0,
  decideUnchanged,
  expectError,
  expectOk,
  intention,
  play,
  tables,
  validPicks,
  withGuest,
} from './fixtures';

const NOW = T0 + 3_600_000;
const mention = (who: Actor) => ({ id: who.id, name: who.name });
const consentOf = (s: TableState, id: string) => s.participants.find((p) => p.id === id)?.nameConsent;

/** Each input a leider enters for a guest, in a table where it is valid, with the guest's entry. */
const INPUTS: Array<{
  command: string;
  state: () => TableState;
  make: (extra: object) => Command;
  stored: (s: TableState, g: string) => unknown;
}> = [
  {
    command: 'answerIntro',
    state: tables.intro,
    make: (extra) => ({ type: 'answerIntro', role: 'Buurtbewoner', ...extra }),
    stored: (s, g) => s.intro[g],
  },
  {
    command: 'submitPicks',
    state: tables.round1,
    make: (extra) => ({ type: 'submitPicks', round: 1, picks: validPicks(), ...extra }),
    stored: (s, g) => s.pickRounds[0]?.picks[g],
  },
  {
    command: 'votePoll',
    state: tables.round2WithPoll,
    make: (extra) => ({ type: 'votePoll', poll: 1, zone: 'community', ...extra }),
    stored: (s, g) => s.round2.polls[0]?.votes[g],
  },
  {
    command: 'setStickers',
    state: tables.round3,
    make: (extra) => ({ type: 'setStickers', counts: { [intention('verbinding')]: 3 }, ...extra }),
    stored: (s, g) => s.round3.stickers[g],
  },
  {
    command: 'answerClosing',
    state: tables.closing,
    make: (extra) => ({ type: 'answerClosing', learned: 'Dat de buurt veel zelf doet', ...extra }),
    stored: (s, g) => s.closing[g],
  },
];

describe.each(INPUTS)('$command with the guest’s consent', ({ state, make, stored }) => {
  const setup = () => withGuest(play(state(), [[LEAD, { type: 'addCoLead', to: mention(CEES) }]]));

  it.each([
    ['the gespreksleider', LEAD],
    ['a co-leider', CEES],
  ])('records the input and the consent in one step when %s fills in', (_label, who) => {
    const { state: s, guest } = setup();
    const result = expectOk(decide(s, { actor: who, command: make({ onBehalfOf: guest, guestConsent: true }) }, NOW));
    expect(stored(result.state, guest)).toMatchObject({ enteredBy: who.id });
    expect(consentOf(result.state, guest)).toBe(true);
    expect(result.events).toContainEqual({ type: 'nameConsentChanged', userId: guest, consent: true });
    // And withdraws it the same way.
    const withdrawn = expectOk(decide(result.state, { actor: who, command: make({ onBehalfOf: guest, guestConsent: false }) }, NOW));
    expect(consentOf(withdrawn.state, guest)).toBe(false);
  });

  it('changes nothing of the consent when none is sent', () => {
    const { state: s, guest } = setup();
    const given = play(s, [[LEAD, { type: 'setNameConsent', consent: true, onBehalfOf: guest }]]);
    const after = expectOk(decide(given, { actor: LEAD, command: make({ onBehalfOf: guest }) }, NOW)).state;
    expect(consentOf(after, guest)).toBe(true);
  });

  it.each([
    ['a participant, for the guest', ANNA, (g: string) => ({ onBehalfOf: g, guestConsent: true }), 'notLeader'],
    ['a participant, for another participant', ANNA, () => ({ onBehalfOf: BRAM.id, guestConsent: true }), 'notLeader'],
    ['a participant, with their own input', ANNA, () => ({ guestConsent: true }), 'consentForGuestOnly'],
    ['the leider, for a participant with a device', LEAD, () => ({ onBehalfOf: ANNA.id, guestConsent: true }), 'notGuest'],
    ['the leider, for a forged guest id', LEAD, () => ({ onBehalfOf: 'guest-99', guestConsent: true }), 'notGuest'],
    ['the leider, without naming a guest', LEAD, () => ({ guestConsent: true }), 'consentForGuestOnly'],
  ] as const)('is refused from %s and changes nothing', (_label, who, extra, code) => {
    const { state: s, guest } = setup();
    expectError(decideUnchanged(s, who, make(extra(guest))), code);
  });

  it('records no consent when the input itself is refused', () => {
    const { state: s, guest } = setup();
    const stopped = play(s, [[LEAD, { type: 'stop' }]]);
    expectError(decideUnchanged(stopped, LEAD, make({ onBehalfOf: guest, guestConsent: true })), 'tableStopped');
  });
});

describe('adding a guest with consent', () => {
  it('records the consent the leider was given, and no consent when none was said', () => {
    const s = play(tables.withParticipants(), [
      [LEAD, { type: 'addGuest', name: 'Gijs', nameConsent: true }],
      [LEAD, { type: 'addGuest', name: 'Hanna' }],
    ]);
    expect(s.participants.filter((p) => p.guest).map((p) => [p.name, p.nameConsent])).toEqual([
      ['Gijs', true],
      ['Hanna', false],
    ]);
  });
});

describe('guestsBusy', () => {
  const busy = (s: TableState) => guestsBusy(viewFor(s, { type: 'group' })).map((p) => p.name);

  it('names the guests without input in the open step, and none when no step takes input', () => {
    const { state: intro } = withGuest(tables.intro());
    expect(guestStep(viewFor(intro, { type: 'group' }))).toEqual({ type: 'intro' });
    expect(busy(intro)).toEqual(['Gijs']);
    const gijs = intro.participants.find((p) => p.guest)!.id;
    expect(busy(play(intro, [[LEAD, { type: 'answerIntro', role: 'Buurtbewoner', onBehalfOf: gijs }]]))).toEqual([]);

    const { state: round1, guest } = withGuest(tables.round1());
    expect(guestStep(viewFor(round1, { type: 'group' }))).toEqual({ type: 'picks', round: 1 });
    expect(busy(round1)).toEqual(['Gijs']);
    const handedIn = play(round1, [[LEAD, { type: 'submitPicks', round: 1, picks: validPicks(), onBehalfOf: guest }]]);
    expect(busy(handedIn)).toEqual([]);
    expect(busy(play(handedIn, [[LEAD, { type: 'reveal' }]]))).toEqual([]);

    expect(busy(withGuest(tables.round2WithPoll()).state)).toEqual(['Gijs']);
    expect(busy(withGuest(tables.round2()).state)).toEqual([]);
    expect(busy(withGuest(tables.round3()).state)).toEqual(['Gijs']);
    expect(busy(withGuest(tables.round3Closed()).state)).toEqual([]);
    expect(busy(withGuest(tables.closing()).state)).toEqual(['Gijs']);
    expect(busy(withGuest(tables.withParticipants()).state)).toEqual([]);
  });
});

/**
 * Whatever a participant sends (input for themselves or someone else, a consent or not), nobody's
 * consent changes but possibly their own through the welcome card's own command.
 */
describe('property: no participant sets another’s consent', () => {
  const INPUT_STATES = INPUTS.map((i) => i.state);

  it('holds for any command a participant can send', () => {
    const base = INPUT_STATES.map((make) => withGuest(make()));
    const TARGETS = ['none', 'guest', ANNA.id, BRAM.id, LEAD.id, 'guest-99'] as const;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: INPUTS.length - 1 }),
        fc.constantFrom(ANNA, BRAM),
        fc.boolean(),
        fc.option(fc.boolean(), { nil: undefined }),
        fc.constantFrom(...TARGETS),
        (i, who, consent, guestConsent, named) => {
          const { state: s, guest } = base[i]!;
          const target = named === 'none' ? undefined : named === 'guest' ? guest : named;
          const extra = {
            ...(target !== undefined ? { onBehalfOf: target } : {}),
            ...(guestConsent !== undefined ? { guestConsent } : {}),
          };
          const commands: Command[] = [
            INPUTS[i]!.make(extra),
            { type: 'setNameConsent', consent, ...(target !== undefined ? { onBehalfOf: target } : {}) },
          ];
          for (const command of commands) {
            const result = decide(s, { actor: who, command }, NOW);
            const after = result.type === 'ok' ? result.state : s;
            for (const p of s.participants) {
              if (p.id !== who.id) expect(consentOf(after, p.id)).toBe(p.nameConsent);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
