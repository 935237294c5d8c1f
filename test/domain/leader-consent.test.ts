/**
 * Consent for everyone the report names, leiders included: a gespreksleider, co-leider or notulist
 * answers for themselves whether their name may appear; until they do, the report leaves it out. A
 * leider who also joined as participant has one answer, the participant's.
 */
import { decide, leaderConsentOf, type Actor, type Command, type DomainEvent, type TableState, type UserRefInput } from '../../src/domain';
import { ANNA, BRAM, DINA, LEAD, T0, actor, decideUnchanged, expectError, expectOk, play, startTable, tables } from './fixtures';

const NOW = T0 + 3_600_000;
const yes: Command = { type: 'setLeaderConsent', consent: true };
const no: Command = { type: 'setLeaderConsent', consent: false };
const mention = (who: Actor): UserRefInput => ({ id: who.id, name: who.name });
/** Teams' @mention: the channel id only, as the chat adapter passes it; the Entra id comes when they act. */
const atMention = (who: Actor): UserRefInput => ({ channelUserId: who.channelUserId!, name: who.name });

/** Someone who never joins the table: a co-leider or notulist from the municipality. */
const KOEN = actor('koen', { name: 'Koen Kuipers' });
const NORA = actor('nora', { name: 'Nora Notulist' });

const withCoLead = () => play(tables.withParticipants(), [[LEAD, { type: 'addCoLead', to: atMention(KOEN) }]]);
const withNotetaker = () => play(tables.withParticipants(), [[LEAD, { type: 'setNotetaker', to: atMention(NORA) }]]);
/** Koen is co-leider and notulist at once. */
const coLeadAndNotetaker = () => play(withCoLead(), [[LEAD, { type: 'setNotetaker', to: atMention(KOEN) }]]);
/** The gespreksleider joined as participant (number 3), without consent. */
const leadJoined = () => play(tables.withParticipants(), [[LEAD, { type: 'join' }]]);

interface AnswerCase {
  name: string;
  state: () => TableState;
  actor: Actor;
  command: Command;
  /** What the table holds afterwards. */
  after: (s: TableState) => unknown;
  expected: unknown;
  events: DomainEvent[];
}

const ANSWERS: AnswerCase[] = [
  {
    name: 'the gespreksleider says yes',
    state: tables.withParticipants,
    actor: LEAD,
    command: yes,
    after: (s) => s.lead.nameConsent,
    expected: true,
    events: [{ type: 'leaderConsentChanged', userId: LEAD.id, consent: true }],
  },
  {
    name: 'the gespreksleider says no: an answer, so they are not asked again',
    state: tables.withParticipants,
    actor: LEAD,
    command: no,
    after: (s) => s.lead.nameConsent,
    expected: false,
    events: [{ type: 'leaderConsentChanged', userId: LEAD.id, consent: false }],
  },
  {
    name: 'the gespreksleider changes yes into no',
    state: () => play(tables.withParticipants(), [[LEAD, yes]]),
    actor: LEAD,
    command: no,
    after: (s) => s.lead.nameConsent,
    expected: false,
    events: [{ type: 'leaderConsentChanged', userId: LEAD.id, consent: false }],
  },
  {
    // Named by @mention (channel id), answering under their Entra id: the same person.
    name: 'a co-leider added by @mention answers for themselves only',
    state: withCoLead,
    actor: KOEN,
    command: yes,
    after: (s) => [s.lead.nameConsent, s.coLeads.map((c) => c.nameConsent)],
    expected: [undefined, [true]],
    events: [{ type: 'leaderConsentChanged', userId: KOEN.id, consent: true }],
  },
  {
    name: 'a notulist who is not a participant',
    state: withNotetaker,
    actor: NORA,
    command: yes,
    after: (s) => [s.lead.nameConsent, s.notetaker?.nameConsent],
    expected: [undefined, true],
    events: [{ type: 'leaderConsentChanged', userId: NORA.id, consent: true }],
  },
  {
    name: 'someone who is co-leider and notulist answers once for both',
    state: coLeadAndNotetaker,
    actor: KOEN,
    command: no,
    after: (s) => [s.coLeads[0]?.nameConsent, s.notetaker?.nameConsent],
    expected: [false, false],
    events: [{ type: 'leaderConsentChanged', userId: KOEN.id, consent: false }],
  },
  {
    // One answer, one truth: the participant's consent, which the welcome card shows and changes too.
    name: 'a gespreksleider who joined as participant answers as that participant',
    state: leadJoined,
    actor: LEAD,
    command: yes,
    after: (s) => [s.participants.find((p) => p.id === LEAD.id)?.nameConsent, s.lead.nameConsent],
    expected: [true, undefined],
    events: [{ type: 'nameConsentChanged', userId: LEAD.id, consent: true }],
  },
];

describe('setLeaderConsent', () => {
  it('leaves a new table’s gespreksleider unasked', () => {
    expect(startTable().lead).not.toHaveProperty('nameConsent');
    expect(leaderConsentOf(startTable(), startTable().lead)).toBeUndefined();
  });

  it.each(ANSWERS)('$name', ({ state, actor: who, command, after, expected, events }) => {
    const result = expectOk(decide(state(), { actor: who, command }, NOW));
    expect(after(result.state)).toEqual(expected);
    expect(result.events).toEqual(events);
    expect(result.state.updatedAt).toBe(NOW);
  });

  it.each([
    ['the same answer again', () => play(tables.withParticipants(), [[LEAD, yes]]), LEAD, yes],
    ['no from a leider-participant who never consented', leadJoined, LEAD, no],
  ] as const)('changes nothing for %s', (_label, state, who, command) => {
    const s = state();
    const result = expectOk(decide(s, { actor: who, command }, NOW));
    expect(result.state).toBe(s);
    expect(result.events).toEqual([]);
  });

  it.each([
    ['a participant', tables.withParticipants, ANNA, 'notLeaderOrNotetaker'],
    ['someone who is not at the table', tables.withParticipants, DINA, 'notLeaderOrNotetaker'],
    ['a stranger who took the leider’s name', tables.withParticipants, actor('lea2', { name: LEAD.name }), 'notLeaderOrNotetaker'],
    [
      'the former gespreksleider after handing over',
      () => play(tables.withParticipants(), [[LEAD, { type: 'handOver', to: mention(ANNA) }]]),
      LEAD,
      'notLeaderOrNotetaker',
    ],
    ['anyone on a stopped table', tables.stopped, LEAD, 'tableStopped'],
  ] as const)('refuses %s and leaves the table untouched', (_label, state, who, code) => {
    expectError(decideUnchanged(state(), who, yes), code);
  });
});

describe('a new role starts without an answer', () => {
  const leadSaidYes = () => play(tables.withParticipants(), [[LEAD, yes]]);

  it.each([
    ['handOver', { type: 'handOver', to: atMention(KOEN) }, (s: TableState) => s.lead],
    ['addCoLead', { type: 'addCoLead', to: atMention(KOEN) }, (s: TableState) => s.coLeads[0]!],
    ['setNotetaker', { type: 'setNotetaker', to: atMention(KOEN) }, (s: TableState) => s.notetaker!],
  ] as const)('%s gives the new person no answer, whatever the leider answered', (_label, command, ref) => {
    const s = play(leadSaidYes(), [[LEAD, command]]);
    expect(ref(s).name).toBe(KOEN.name);
    expect(ref(s)).not.toHaveProperty('nameConsent');
    expect(leaderConsentOf(s, ref(s))).toBeUndefined();
  });

  it('keeps an answer the same person gave in another role', () => {
    const s = play(withCoLead(), [
      [KOEN, yes],
      [LEAD, { type: 'handOver', to: atMention(KOEN) }],
      [KOEN, { type: 'setNotetaker', to: atMention(KOEN) }],
    ]);
    expect([s.lead.name, s.lead.nameConsent, s.notetaker?.nameConsent]).toEqual([KOEN.name, true, true]);
  });

  it('keeps a participant’s answer on the participant when they become co-leider', () => {
    const s = play(tables.withParticipants(), [
      [ANNA, { type: 'setNameConsent', consent: true }],
      [LEAD, { type: 'addCoLead', to: mention(ANNA) }],
    ]);
    expect(s.coLeads[0]).not.toHaveProperty('nameConsent');
    expect(leaderConsentOf(s, s.coLeads[0]!)).toBe(true);
  });
});

describe('joining after answering as leider', () => {
  it.each([
    ['yes', [[LEAD, yes]], true],
    ['no', [[LEAD, no]], false],
    ['nothing', [], false],
  ] as const)('a gespreksleider who answered %s joins with that consent', (_label, steps, consent) => {
    const s = play(tables.withParticipants(), [...steps, [LEAD, { type: 'join' }]]);
    expect(s.participants.find((p) => p.id === LEAD.id)?.nameConsent).toBe(consent);
    expect(leaderConsentOf(s, s.lead)).toBe(consent);
  });

  it('a participant joining is not given someone else’s answer', () => {
    const s = play(startTable(), [
      [LEAD, yes],
      [BRAM, { type: 'join' }],
    ]);
    expect(s.participants[0]?.nameConsent).toBe(false);
  });
});

describe('leaderConsentOf', () => {
  it('reads the participant’s answer for a leider who joined, whatever the leider reference holds', () => {
    const s = play(tables.withParticipants(), [
      [LEAD, yes],
      [LEAD, { type: 'join' }],
      [LEAD, { type: 'setNameConsent', consent: false }],
    ]);
    expect(s.lead.nameConsent).toBe(true);
    expect(leaderConsentOf(s, s.lead)).toBe(false);
  });
});
