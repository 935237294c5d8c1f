/**
 * The report as data, built from tables played with real commands: who is named, what is marked,
 * and that silent input stays out until it was revealed.
 */
import type { TableState } from '../../src/domain';
import type { PickRoundSummary, TableSummary, VotingSummary } from '../../src/report/table-summary';
import { buildTableSummary } from '../support/group-reports';
import {
  ANNA,
  BRAM,
  CARLA,
  DIRK,
  endedTable,
  ESRA,
  FRANK,
  GUEST_ID,
  GUEST_NAME,
  HIDDEN_NAMES,
  LEA,
  play,
  round1Revealed,
  startTable,
} from './fixtures';

const ended = endedTable();
const summary = buildTableSummary(ended, 'nl');

function revealed(round: PickRoundSummary | undefined): Extract<PickRoundSummary, { type: 'revealed' }> {
  if (round?.type !== 'revealed') throw new Error(`expected a revealed round, got ${JSON.stringify(round)}`);
  return round;
}

function closed(voting: VotingSummary): Extract<VotingSummary, { type: 'closed' }> {
  if (voting.type !== 'closed') throw new Error(`expected closed voting, got ${voting.type}`);
  return voting;
}

describe('participants and consent', () => {
  it('never holds the name of anyone who did not consent', () => {
    const json = JSON.stringify(summary);
    for (const name of HIDDEN_NAMES) expect(json).not.toContain(name);
  });

  it('names those who consented, numbers the others, and marks the guest', () => {
    expect(summary.participants.list.map((p) => [p.label, p.guest])).toEqual([
      [ANNA.name, false],
      ['deelnemer 2', false],
      [CARLA.name, false],
      ['deelnemer 4', false],
      [ESRA.name, false],
      ['deelnemer 6', false],
      ['deelnemer 7', true],
    ]);
    expect(summary.participants).toMatchObject({ count: 7, guests: 1, named: 3 });
  });

  it('keeps the role from the kennismaking, also for someone shown as a number', () => {
    const bram = summary.participants.list[1]!;
    expect(bram).toMatchObject({ label: 'deelnemer 2', role: 'Opbouwwerker bij de welzijnsorganisatie' });
    expect(summary.participants.list[6]).toMatchObject({ label: 'deelnemer 7', guest: true, role: 'Vrijwilliger bij de voedselbank' });
    expect(summary.participants.list[3]!.role).toBeUndefined();
  });

  it('shows a guest by name once the leider records their consent', () => {
    const state = play(round1Revealed(), [[LEA, { type: 'setNameConsent', consent: true, onBehalfOf: GUEST_ID }]]);
    const s = buildTableSummary(state, 'nl');
    expect(s.participants.list[6]).toMatchObject({ label: GUEST_NAME, guest: true, named: true });
    expect(
      revealed(s.pickRounds[0])
        .cards.flatMap((c) => c.entries)
        .filter((e) => e.by.label === GUEST_NAME),
    ).toHaveLength(3);
  });

  it('names the leider (who said yes) and notulist, unless they joined as a participant without consent', () => {
    expect(summary.leaders).toEqual({ lead: LEA.name, coLeads: [], notetaker: ANNA.name });
    // Bram becomes notulist and co-leider: his name stays out, his number is used.
    const state = play(round1Revealed(), [
      [LEA, { type: 'setLeaderConsent', consent: true }],
      [LEA, { type: 'setNotetaker', to: { id: BRAM.id, name: BRAM.name } }],
      [LEA, { type: 'addCoLead', to: { id: DIRK.id, name: DIRK.name } }],
    ]);
    const leaders = buildTableSummary(state, 'nl').leaders;
    expect(leaders).toEqual({ lead: LEA.name, coLeads: ['deelnemer 4'], notetaker: 'deelnemer 2' });
  });

  it('says "participant 3" in English', () => {
    expect(buildTableSummary(ended, 'en').participants.list[1]!.label).toBe('participant 2');
  });
});

describe('Round 1', () => {
  const round1 = revealed(summary.pickRounds[0]);

  it('groups the picks per card, most-discussed first, with counts per role', () => {
    expect(round1).toMatchObject({ number: 1, submitted: 7, participants: 7 });
    expect(round1.cards[0]!.card.title).toBe('Buurthuis');
    expect(round1.cards[0]!.counts).toEqual({ in: 3, out: 0, doubt: 2 });
    const total = round1.cards.reduce((n, c) => n + c.entries.length, 0);
    expect(total).toBe(21);
  });

  it('lists the entries in the method’s order, in join order within a role, with their arguments', () => {
    const buurthuis = round1.cards[0]!;
    expect(buurthuis.entries.map((e) => [e.role, e.by.label])).toEqual([
      ['in', ANNA.name],
      ['in', CARLA.name],
      ['in', 'deelnemer 6'],
      ['doubt', 'deelnemer 2'],
      ['doubt', 'deelnemer 4'],
    ]);
    expect(buurthuis.entries[1]!.argument).toBe('Zonder buurthuis geen koor, geen koffieochtend en geen repaircafé.');
  });

  it('marks the guest’s picks as entered by the leider, and only those', () => {
    const entries = round1.cards.flatMap((c) => c.entries);
    const byLeader = entries.filter((e) => e.enteredByLeader);
    expect(byLeader).toHaveLength(3);
    expect(byLeader.every((e) => e.by.guest && e.by.label === 'deelnemer 7')).toBe(true);
  });

  it('leaves picks out until they are revealed', () => {
    const state = play(startTable(), [
      [ANNA, { type: 'join' }],
      [LEA, { type: 'next' }],
      [LEA, { type: 'next' }],
      [
        ANNA,
        {
          type: 'submitPicks',
          round: 1,
          picks: {
            in: { cardId: 'buurthuis', argument: 'GEHEIM-ARGUMENT' },
            out: { cardId: 'huisarts', argument: 'x' },
            doubt: { cardId: 'loket', argument: 'y' },
          },
        },
      ],
      [LEA, { type: 'stop' }],
    ]);
    const s = buildTableSummary(state, 'nl');
    expect(s.pickRounds).toEqual([{ type: 'hidden', number: 1, submitted: 1, participants: 1 }]);
    expect(JSON.stringify(s)).not.toContain('GEHEIM-ARGUMENT');
  });
});

describe('Round 2: the filled model', () => {
  const { zones } = summary.round2;
  const zone = (z: string) => zones.find((x) => x.zone === z)!;

  it('has all five zones in the model’s order, each with its cards, marks and reasons', () => {
    expect(zones.map((z) => z.zone)).toEqual(['personal', 'community', 'institutional', 'outside', 'border']);
    expect(zone('personal').cards.map((c) => c.card.title)).toEqual(['Mantelzorger']);
    expect(zone('outside').cards.map((c) => [c.card.id, c.agreement])).toEqual([
      ['individuele-ondersteuning', 'agree'],
      ['huisarts', 'agree'],
      ['loket', 'divided'],
    ]);
    expect(zone('institutional').cards[0]).toMatchObject({
      card: { id: 'buurthuis' },
      agreement: 'divided',
      purpose: 'Ontmoeting en activiteiten voor iedereen in de wijk',
      trait: 'Gemeentelijke voorziening, deels gerund door vrijwilligers',
    });
  });

  it('shows a moved card in its current zone with where it was before', () => {
    expect(zone('border').cards.map((c) => c.card.id)).toEqual(['buurtkroeg']);
    const koffie = zone('community').cards.find((c) => c.card.id === 'koffietafel-buurtsuper')!;
    expect(koffie.earlierZones).toEqual(['border']);
    expect(zone('personal').cards[0]!.earlierZones).toEqual([]);
  });

  it('does not count recording the same zone again as a move', () => {
    const state = play(round1Revealed(), [
      [LEA, { type: 'next' }],
      [LEA, { type: 'placeCard', cardId: 'park', zone: 'border', agreement: 'divided' }],
      [LEA, { type: 'placeCard', cardId: 'park', zone: 'institutional', agreement: 'divided' }],
      [LEA, { type: 'placeCard', cardId: 'park', zone: 'institutional', agreement: 'agree', purpose: 'Ontmoeting' }],
      [LEA, { type: 'placeCard', cardId: 'park', zone: 'community', agreement: 'agree' }],
      [LEA, { type: 'placeCard', cardId: 'park', zone: 'community', agreement: 'divided' }],
    ]);
    const park = buildTableSummary(state, 'nl').round2.zones.find((z) => z.zone === 'community')!.cards[0]!;
    expect(park.earlierZones).toEqual(['border', 'institutional']);
    expect(park.agreement).toBe('divided');
  });

  it('gives the silent placement’s spread, most-chosen zone first, with the guest’s vote counted', () => {
    const buurthuis = zone('institutional').cards[0]!;
    expect(buurthuis.polls).toEqual([
      {
        number: 1,
        votes: 7,
        spread: [
          { zone: 'institutional', count: 4 },
          { zone: 'community', count: 2 },
          { zone: 'border', count: 1 },
        ],
        enteredForGuests: 1,
      },
    ]);
  });

  it('lists the cards marked oneens as a result, and the own cards with who added them', () => {
    expect(summary.round2.disagreed).toEqual([{ card: { id: 'buurtkroeg', title: 'De buurtkroeg', own: false }, zone: 'border' }]);
    expect(summary.round2.ownCards).toEqual([
      {
        card: { id: 'own-i1', title: 'Buurtmoestuin', own: true },
        description: 'Bewoners tuinieren samen op een braakliggend stuk grond van de corporatie.',
        addedBy: { type: 'participant', person: { label: 'deelnemer 2', number: 2, named: false, guest: false } },
      },
    ]);
    expect(zone('community').cards.find((c) => c.card.id === 'own-i1')!.card.own).toBe(true);
  });

  it('keeps the provisional conclusions in order', () => {
    expect(summary.round2.conclusions).toHaveLength(2);
    expect(summary.round2.conclusions[0]).toMatch(/^We rekenen iets tot de sociale basis als/);
  });

  it('reports a closed poll of a card that got no place, and leaves an open poll out', () => {
    const state = play(round1Revealed(), [
      [LEA, { type: 'next' }],
      [LEA, { type: 'openPoll', cardId: 'bibliotheek' }],
      [ANNA, { type: 'votePoll', poll: 1, zone: 'institutional' }],
      [BRAM, { type: 'votePoll', poll: 1, zone: 'community' }],
      [CARLA, { type: 'votePoll', poll: 1, zone: 'institutional' }],
      [LEA, { type: 'closePoll' }],
      [LEA, { type: 'openPoll', cardId: 'park' }],
      [ANNA, { type: 'votePoll', poll: 2, zone: 'outside' }],
    ]);
    const r2 = buildTableSummary(state, 'nl').round2;
    expect(r2.unplacedPolls).toEqual([
      {
        card: { id: 'bibliotheek', title: 'Bibliotheek', own: false },
        polls: [
          {
            number: 1,
            votes: 3,
            spread: [
              { zone: 'institutional', count: 2 },
              { zone: 'community', count: 1 },
            ],
            enteredForGuests: 0,
          },
        ],
      },
    ]);
  });
});

describe('Round 3: the ranking', () => {
  const voting = closed(summary.round3.voting);

  it('ranks by stickers, ties sharing a rank, and lists intentions without stickers last', () => {
    expect(voting).toMatchObject({ voters: 7, stickers: 21, stickersForGuests: 3 });
    expect(voting.ranking.map((r) => [r.rank, r.tied, r.card.id, r.stickers])).toEqual([
      [1, true, 'verbinding', 6],
      [1, true, 'minder-eenzaamheid', 6],
      [3, false, 'voorkomen', 4],
      [4, false, 'own-b1', 3],
      [5, true, 'goedkoper-nuldelijn', 1],
      [5, true, 'eigen-regie', 1],
    ]);
    expect(voting.ranking[3]!.card.own).toBe(true);
    expect(voting.withoutStickers).toHaveLength(13);
    expect(voting.withoutStickers.map((c) => c.id)).not.toContain('verbinding');
  });

  it('has the discussion and the policy goals', () => {
    expect(summary.round3.discussion).toMatchObject({
      recorded: true,
      mainIntention: { id: 'verbinding', title: 'Meer verbinding tussen inwoners' },
    });
    expect(summary.round3.discussion.disagreements).toMatch(/goedkoper/);
    expect(summary.round3.policyGoals).toHaveLength(3);
    expect(summary.round3.ownIntentions.map((o) => [o.card.title, o.addedBy])).toEqual([
      ['Inwoners voelen zich gehoord', { type: 'participant', person: { label: ESRA.name, number: 5, named: true, guest: false } }],
    ]);
  });

  it('shows no totals while the voting is open', () => {
    const state = play(round1Revealed(), [
      [LEA, { type: 'next' }],
      [LEA, { type: 'next' }],
      [ANNA, { type: 'setStickers', counts: { verbinding: 3 } }],
      [LEA, { type: 'stop' }],
    ]);
    expect(buildTableSummary(state, 'nl').round3.voting).toEqual({ type: 'open', voters: 1 });
  });
});

describe('slotvraag, notes and the rest', () => {
  it('keeps the answers per participant, the guest’s marked as entered by the leider', () => {
    expect(summary.closing.map((c) => [c.by.label, Boolean(c.learned), Boolean(c.action), c.enteredByLeader])).toEqual([
      [ANNA.name, true, true, false],
      ['deelnemer 2', true, false, false],
      [CARLA.name, false, true, false],
      ['deelnemer 7', true, false, true],
    ]);
  });

  it('has the notes, the date, and the default texts for goal and outcome', () => {
    expect(summary.notes).toEqual(['“Het gebouw is niet de sociale basis, wat erin gebeurt wel.” (deelnemer 4)']);
    expect(summary.date).toBe(ended.createdAt);
    expect(summary.endedAt).toBe(ended.stoppedAt);
    expect(summary.outcomeUse).toMatch(/^Van dit gesprek komt een verslag/);
    expect(summary.goal).toMatch(/^Samen scherp krijgen/);
  });

  it('uses the organiser’s outcome text when there is one', () => {
    const state: TableState = { ...ended, settings: { ...ended.settings, outcomeUse: 'De gemeenteraad krijgt het verslag in juni.' } };
    expect(buildTableSummary(state, 'nl').outcomeUse).toBe('De gemeenteraad krijgt het verslag in juni.');
  });

  it('is empty but complete for a table that just started', () => {
    const s: TableSummary = buildTableSummary(play(startTable(), [[FRANK, { type: 'join' }]]), 'nl');
    expect(s.pickRounds).toEqual([]);
    expect(s.round2.zones.every((z) => z.cards.length === 0)).toBe(true);
    expect(s.round3.voting).toEqual({ type: 'notStarted' });
    expect(s.round3.discussion).toEqual({ recorded: false });
    expect(s.closing).toEqual([]);
  });
});
