/**
 * A realistic table for the report tests, played from start to afsluiting with real commands through
 * `decide`: a gespreksleider, six participants (three of whom consented to their name) and one guest
 * in the room without a device, whose input the leider enters.
 */
import { decide, defaultDeck, newTable, type Actor, type Command, type PickSet, type TableState } from '../../src/domain';

export const T0 = Date.UTC(2025, 2, 12, 13, 30, 0);

const person = (key: string, name: string): Actor => ({ id: `aad-${key}`, name, channelUserId: `29:${key}` });

export const LEA = person('lea', 'Lea Jansen');
export const ANNA = person('anna', 'Anna de Vries');
/** No consent: the name must never appear in a report. */
export const BRAM = person('bram', 'Bram Oosterhuis');
export const CARLA = person('carla', 'Carla Mertens');
/** No consent. */
export const DIRK = person('dirk', 'Dirk Hamstra');
export const ESRA = person('esra', 'Esra Yılmaz');
/** No consent. */
export const FRANK = person('frank', 'Frank Visser');
/** The guest, added by the leider; no consent. */
export const GUEST_NAME = 'Gerda Bos';
export const GUEST_ID = 'guest-7';

/** Names that must never appear in a report of the realistic table. */
export const HIDDEN_NAMES = [BRAM.name, DIRK.name, FRANK.name, GUEST_NAME, 'Oosterhuis', 'Hamstra', 'Visser', 'Gerda'];

export type Step = readonly [Actor, Command];

export function play(state: TableState, steps: ReadonlyArray<Step>): TableState {
  return steps.reduce((current, [who, command], i) => {
    const result = decide(current, { actor: who, command }, current.updatedAt + 60_000);
    if (result.type === 'error') throw new Error(`step ${i} (${who.name}: ${JSON.stringify(command)}) refused: ${result.code}`);
    return result.state;
  }, state);
}

export function startTable(title = 'Tafel Noord', settings: Partial<TableState['settings']> = {}): TableState {
  return newTable({
    actor: LEA,
    title,
    defaultTitle: 'Tafel',
    settings: { maxParticipants: 8, language: 'nl', ...settings },
    deck: defaultDeck(),
    now: T0,
  });
}

const picks = (inCard: string, inArg: string, outCard: string, outArg: string, doubtCard: string, doubtArg: string): PickSet => ({
  in: { cardId: inCard, argument: inArg },
  out: { cardId: outCard, argument: outArg },
  doubt: { cardId: doubtCard, argument: doubtArg },
});

const next: Command = { type: 'next' };

/** Up to and including the reveal of Round 1. */
export function round1Revealed(): TableState {
  return play(startTable(), [
    ...[ANNA, BRAM, CARLA, DIRK, ESRA, FRANK].map((p): Step => [p, { type: 'join' }]),
    [LEA, { type: 'addGuest', name: GUEST_NAME }],
    [ANNA, { type: 'setNameConsent', consent: true }],
    [CARLA, { type: 'setNameConsent', consent: true }],
    [ESRA, { type: 'setNameConsent', consent: true }],
    [LEA, { type: 'setNotetaker', to: { id: ANNA.id, name: ANNA.name } }],
    [LEA, next],
    [
      ANNA,
      {
        type: 'answerIntro',
        role: 'Beleidsadviseur sociaal domein, gemeente',
        involvement: 'Ik schrijf de nieuwe beleidsvisie op de sociale basis.',
      },
    ],
    [BRAM, { type: 'answerIntro', role: 'Opbouwwerker bij de welzijnsorganisatie' }],
    [CARLA, { type: 'answerIntro', role: 'Voorzitter bewonersvereniging De Horst' }],
    [ESRA, { type: 'answerIntro', role: 'Wijkconsulent woningcorporatie' }],
    [LEA, { type: 'answerIntro', role: 'Vrijwilliger bij de voedselbank', onBehalfOf: GUEST_ID }],
    [LEA, next],
    [
      ANNA,
      {
        type: 'submitPicks',
        round: 1,
        picks: picks(
          'buurthuis',
          'Een plek waar iedereen zonder indicatie binnen kan lopen; de gemeente stuurt er direct op.',
          'individuele-ondersteuning',
          'Geïndiceerde ondersteuning: die rekent de handleiding uitdrukkelijk niet tot de sociale basis.',
          'koffietafel-buurtsuper',
          'Mensen ontmoeten elkaar er, maar het is een commerciële plek.',
        ),
      },
    ],
    [
      BRAM,
      {
        type: 'submitPicks',
        round: 1,
        picks: picks(
          'bewonersinitiatieven',
          'Inwoners die zelf iets opzetten: het hart van de gemeenschappelijke sociale basis.',
          'huisarts',
          'Eerstelijnszorg, geen sociale basis.',
          'buurthuis',
          'Hangt ervan af wie het runt: vrijwilligers of een professionele organisatie.',
        ),
      },
    ],
    [
      CARLA,
      {
        type: 'submitPicks',
        round: 1,
        picks: picks(
          'buurthuis',
          'Zonder buurthuis geen koor, geen koffieochtend en geen repaircafé.',
          'loket',
          'Een loket is een ingang naar individuele voorzieningen.',
          'buurtkroeg',
          'Voor sommige buurtbewoners is de kroeg de huiskamer, maar het is geen voorziening.',
        ),
      },
    ],
    [
      DIRK,
      {
        type: 'submitPicks',
        round: 1,
        picks: picks(
          'mantelzorger',
          'Mantelzorg is de persoonlijke sociale basis bij uitstek.',
          'individuele-ondersteuning',
          'Maatwerk met een beschikking.',
          'buurthuis',
          'Belangrijk, maar is het gebouw de sociale basis of wat er gebeurt?',
        ),
      },
    ],
    [
      ESRA,
      {
        type: 'submitPicks',
        round: 1,
        picks: picks(
          'bewonersinitiatieven',
          'Bewoners die elkaar helpen, bijvoorbeeld met de moestuin in ons complex.',
          'huisarts',
          'Zorg met een verwijzing, niet vrij toegankelijk.',
          'woningcorporatie',
          'Wij bieden ontmoetingsruimtes, maar onze kerntaak is wonen.',
        ),
      },
    ],
    [
      FRANK,
      {
        type: 'submitPicks',
        round: 1,
        picks: picks(
          'buurthuis',
          'Sportverenigingen trainen er en het is laagdrempelig.',
          'loket',
          'Het loket is de gemeente zelf, geen onderdeel van de buurt.',
          'koffietafel-buurtsuper',
          'Ontmoeting ontstaat vanzelf, maar de supermarkt heeft er geen opdracht voor.',
        ),
      },
    ],
    [
      LEA,
      {
        type: 'submitPicks',
        round: 1,
        onBehalfOf: GUEST_ID,
        picks: picks(
          'mantelzorger',
          'Ik zorg zelf voor mijn buurvrouw; dat is de basis.',
          'huisarts',
          'Daar ga je heen als je ziek bent.',
          'bewonersinitiatieven',
          'Soms zijn het maar een paar mensen; is dat al de sociale basis?',
        ),
      },
    ],
    [LEA, { type: 'reveal' }],
  ]);
}

/** The whole table, ended: Round 2 placements with a move and a silent placement, Round 3 with a tie. */
export function endedTable(): TableState {
  return play(round1Revealed(), [
    // Lea said yes to her name in the report (round1Revealed leaves her unasked).
    [LEA, { type: 'setLeaderConsent', consent: true }],
    [LEA, next],
    [LEA, { type: 'openPoll', cardId: 'buurthuis' }],
    ...[ANNA, BRAM, CARLA, FRANK].map((p): Step => [p, { type: 'votePoll', poll: 1, zone: 'institutional' }]),
    [DIRK, { type: 'votePoll', poll: 1, zone: 'community' }],
    [ESRA, { type: 'votePoll', poll: 1, zone: 'community' }],
    [LEA, { type: 'votePoll', poll: 1, zone: 'border', onBehalfOf: GUEST_ID }],
    [LEA, { type: 'closePoll' }],
    [
      LEA,
      {
        type: 'placeCard',
        cardId: 'buurthuis',
        zone: 'institutional',
        agreement: 'divided',
        purpose: 'Ontmoeting en activiteiten voor iedereen in de wijk',
        trait: 'Gemeentelijke voorziening, deels gerund door vrijwilligers',
      },
    ],
    [
      LEA,
      {
        type: 'placeCard',
        cardId: 'mantelzorger',
        zone: 'personal',
        agreement: 'agree',
        purpose: 'Steun voor een naaste die het zelf niet (meer) redt',
        trait: 'Onbetaald, vanuit een persoonlijke band',
      },
    ],
    [
      LEA,
      {
        type: 'placeCard',
        cardId: 'bewonersinitiatieven',
        zone: 'community',
        agreement: 'agree',
        purpose: 'Draagt bij aan verbinding tussen inwoners',
        trait: 'Door en voor bewoners',
      },
    ],
    [
      LEA,
      {
        type: 'placeCard',
        cardId: 'koffietafel-buurtsuper',
        zone: 'border',
        agreement: 'divided',
        purpose: 'Toevallige ontmoeting',
        trait: 'Private plek zonder opdracht',
      },
    ],
    [
      LEA,
      {
        type: 'placeCard',
        cardId: 'individuele-ondersteuning',
        zone: 'outside',
        agreement: 'agree',
        trait: 'Met indicatie, niet vrij toegankelijk',
      },
    ],
    [LEA, { type: 'placeCard', cardId: 'huisarts', zone: 'outside', agreement: 'agree' }],
    [
      LEA,
      {
        type: 'placeCard',
        cardId: 'buurtkroeg',
        zone: 'border',
        agreement: 'disagree',
        purpose: 'Voor een deel van de buurt de plek waar je elkaar ziet',
      },
    ],
    [
      BRAM,
      {
        type: 'addOwnCard',
        kind: 'ingredient',
        title: 'Buurtmoestuin',
        description: 'Bewoners tuinieren samen op een braakliggend stuk grond van de corporatie.',
      },
    ],
    [
      LEA,
      {
        type: 'placeCard',
        cardId: 'own-i1',
        zone: 'community',
        agreement: 'agree',
        purpose: 'Ontmoeting rond een gezamenlijke klus',
        trait: 'Door bewoners, op grond van de corporatie',
      },
    ],
    // The table changes its mind: the koffietafel moves from the border to the community sphere.
    [
      LEA,
      {
        type: 'placeCard',
        cardId: 'koffietafel-buurtsuper',
        zone: 'community',
        agreement: 'divided',
        purpose: 'Vaste ontmoetingsplek voor ouderen',
        trait: 'Private plek zonder opdracht',
      },
    ],
    [LEA, { type: 'placeCard', cardId: 'loket', zone: 'outside', agreement: 'divided', purpose: 'Toegang tot individuele voorzieningen' }],
    [
      ANNA,
      { type: 'addConclusion', text: 'We rekenen iets tot de sociale basis als het voor iedereen toegankelijk is, zonder indicatie.' },
    ],
    [
      LEA,
      {
        type: 'addConclusion',
        text: 'Een plek hoort erbij als er ontmoeting plaatsvindt; de eigenaar maakt daarbij minder uit dan de functie.',
      },
    ],
    [ANNA, { type: 'addNote', text: '“Het gebouw is niet de sociale basis, wat erin gebeurt wel.” (deelnemer 4)' }],
    [LEA, next],
    [ESRA, { type: 'addOwnCard', kind: 'intention', title: 'Inwoners voelen zich gehoord' }],
    [ANNA, { type: 'setStickers', counts: { verbinding: 2, voorkomen: 1 } }],
    [BRAM, { type: 'setStickers', counts: { verbinding: 1, 'minder-eenzaamheid': 2 } }],
    [CARLA, { type: 'setStickers', counts: { verbinding: 1, 'minder-eenzaamheid': 1, 'eigen-regie': 1 } }],
    [DIRK, { type: 'setStickers', counts: { voorkomen: 2, 'own-b1': 1 } }],
    [ESRA, { type: 'setStickers', counts: { 'own-b1': 2, verbinding: 1 } }],
    [FRANK, { type: 'setStickers', counts: { 'minder-eenzaamheid': 1, voorkomen: 1, verbinding: 1 } }],
    [LEA, { type: 'setStickers', counts: { 'goedkoper-nuldelijn': 1, 'minder-eenzaamheid': 2 }, onBehalfOf: GUEST_ID }],
    [LEA, { type: 'closeVoting' }],
    [
      LEA,
      {
        type: 'recordDiscussion',
        mainIntention: 'verbinding',
        agreements: 'Investeren in de sociale basis gaat vooral over ontmoeting en het voorkomen van eenzaamheid.',
        disagreements: 'Of de sociale basis goedkoper moet zijn dan individuele ondersteuning: de meesten vinden dat geen doel op zich.',
        policyRelation:
          'Verbinding en minder eenzaamheid sluiten aan bij doel 1 en 2; preventie staat in het beleid, maar wordt niet gemeten.',
        policyGoals: [
          'Inwoners doen mee en voelen zich verbonden met hun wijk',
          'Minder eenzaamheid onder ouderen',
          'Zorg en ondersteuning dichtbij en op tijd',
        ],
      },
    ],
    [LEA, next],
    [
      ANNA,
      {
        type: 'answerClosing',
        learned: 'Dat we het woord sociale basis voor heel verschillende dingen gebruiken.',
        action: 'De afbakening van vandaag gebruik ik in de beleidsvisie.',
      },
    ],
    [BRAM, { type: 'answerClosing', learned: 'Dat het gebouw minder belangrijk is dan wat er gebeurt.' }],
    [CARLA, { type: 'answerClosing', action: 'Ik nodig de supermarkt uit voor ons volgende bewonersoverleg.' }],
    [LEA, { type: 'answerClosing', learned: 'Dat mantelzorg ook meetelt.', onBehalfOf: GUEST_ID }],
    [LEA, next],
  ]);
}

/** Text of exactly `length` characters, readable Dutch, with a marker so each text is unique. */
export function longText(marker: string, length: number): string {
  const base = `${marker}: dit is een uitgebreide argumentatie over de plek van dit ingrediënt in de sociale basis, met voorbeelden uit de wijk. `;
  return base
    .repeat(Math.ceil(length / base.length))
    .slice(0, length)
    .trim()
    .padEnd(length, '.');
}

export interface BigTableOptions {
  /** Length of every Round 1 argument (the domain allows 500). */
  argument?: number;
  /** Length of each placement's doel/effect; the karaktereigenschap is half as long (the domain allows 300 each). */
  reason?: number;
  /** Length of each slotvraag answer (the domain allows 1000). */
  closing?: number;
  /** Length of the discussion texts and conclusions (the domain allows 1000 and 500). */
  discussion?: number;
  notes?: number;
  noteLength?: number;
}

/**
 * The largest table the method allows: 8 participants (names with consent, so names add to the size),
 * each with three picks and long arguments; 30 cards placed with reasons; stickers on all 18
 * intentions; slotvraag answers for everyone.
 */
export function bigTable(options: BigTableOptions = {}): TableState {
  const { argument = 500, reason = 100, closing = 150, discussion = 300, notes = 2, noteLength = 200 } = options;
  const people = Array.from({ length: 8 }, (_, i) => person(`p${i + 1}`, `Voornaam Achternaam${i + 1}`));
  const deck = defaultDeck();
  const ingredients = deck.ingredients.map((c) => c.id);
  const intentions = deck.intentions.map((c) => c.id);
  const zones = ['personal', 'community', 'institutional', 'outside', 'border'] as const;
  const agreements = ['agree', 'divided', 'disagree'] as const;
  // 24 stickers over 18 intentions: every intention gets at least one, six get two.
  const stickers = (i: number): Record<string, number> => {
    const ids = [intentions[i]!, intentions[(i + 8) % 18]!, intentions[i < 2 ? 16 + i : (i + 10) % 18]!];
    const counts: Record<string, number> = {};
    for (const id of ids) counts[id] = (counts[id] ?? 0) + 1;
    return counts;
  };
  return play(startTable('Tafel met de langste teksten'), [
    ...people.map((p): Step => [p, { type: 'join' }]),
    ...people.map((p): Step => [p, { type: 'setNameConsent', consent: true }]),
    ...people.map((p, i): Step => [
      p,
      { type: 'answerIntro', role: `Rol of organisatie van deelnemer ${i + 1}`, involvement: longText(`betrokkenheid ${i + 1}`, 300) },
    ]),
    [LEA, next],
    [LEA, next],
    ...people.map((p, i): Step => [
      p,
      {
        type: 'submitPicks',
        round: 1,
        picks: picks(
          ingredients[(i * 3) % 30]!,
          longText(`erbij ${i + 1}`, argument),
          ingredients[(i * 3 + 1) % 30]!,
          longText(`niet ${i + 1}`, argument),
          ingredients[(i * 3 + 2) % 30]!,
          longText(`twijfel ${i + 1}`, argument),
        ),
      },
    ]),
    [LEA, { type: 'reveal' }],
    [LEA, next],
    ...ingredients.slice(0, 30).map((cardId, i): Step => [
      LEA,
      {
        type: 'placeCard',
        cardId,
        zone: zones[i % 5]!,
        agreement: agreements[i % 3]!,
        purpose: longText(`doel ${i + 1}`, reason),
        trait: longText(`eigenschap ${i + 1}`, Math.round(reason / 2)),
      },
    ]),
    ...(discussion
      ? [0, 1, 2].map((i): Step => [LEA, { type: 'addConclusion', text: longText(`conclusie ${i + 1}`, Math.min(discussion, 500)) }])
      : []),
    ...Array.from({ length: notes }, (_, i): Step => [LEA, { type: 'addNote', text: longText(`notitie ${i + 1}`, noteLength) }]),
    [LEA, next],
    ...people.map((p, i): Step => [p, { type: 'setStickers', counts: stickers(i) }]),
    [LEA, { type: 'closeVoting' }],
    [
      LEA,
      {
        type: 'recordDiscussion',
        mainIntention: intentions[0]!,
        ...(discussion
          ? {
              agreements: longText('eens', discussion),
              disagreements: longText('oneens', discussion),
              policyRelation: longText('beleid', discussion),
            }
          : {}),
        policyGoals: [longText('doel a', 150), longText('doel b', 150), longText('doel c', 150)],
      },
    ],
    [LEA, next],
    ...people
      .filter(() => closing > 0)
      .map((p, i): Step => [
        p,
        {
          type: 'answerClosing',
          ...(closing ? { learned: longText(`geleerd ${i + 1}`, closing), action: longText(`actie ${i + 1}`, closing) } : {}),
        },
      ]),
    [LEA, next],
  ]);
}

/** User text full of Markdown syntax, as the brief names it. */
export const HOSTILE = '**bold** | pipe # heading <at>x</at> [link](http://x)';
export const HOSTILE_NAME = 'Anna *de* Vries_[x]';
export const HOSTILE_INTENTION = 'Meer | minder *regels*';
export const HOSTILE_NOTE = 'Eerste regel\n# geen kop\n- geen lijst\n| geen | tabel |';

/** A short table where every kind of user text tries to break the Markdown. */
export function hostileTable(): TableState {
  const anna = person('anna', HOSTILE_NAME);
  return play(startTable('Tafel #3 | <b>Noord</b> #'), [
    [anna, { type: 'join' }],
    [BRAM, { type: 'join' }],
    [anna, { type: 'setNameConsent', consent: true }],
    [LEA, next],
    [anna, { type: 'answerIntro', role: '`code` & <script>', involvement: '> citaat\n1. lijst' }],
    [LEA, next],
    [
      anna,
      {
        type: 'submitPicks',
        round: 1,
        picks: picks('buurthuis', HOSTILE, 'huisarts', '_onderstreept_ ~~weg~~', 'loket', '1. eerste\n2. tweede'),
      },
    ],
    [BRAM, { type: 'submitPicks', round: 1, picks: picks('buurthuis', 'Gewoon.', 'huisarts', 'Ook gewoon.', 'loket', 'Twijfel.') }],
    [LEA, { type: 'reveal' }],
    [LEA, next],
    [LEA, { type: 'placeCard', cardId: 'buurthuis', zone: 'institutional', agreement: 'agree', purpose: HOSTILE, trait: '<b>vet</b>' }],
    [LEA, { type: 'addConclusion', text: '# Conclusie | met pipe' }],
    [LEA, { type: 'addNote', text: HOSTILE_NOTE }],
    [LEA, next],
    [anna, { type: 'addOwnCard', kind: 'intention', title: HOSTILE_INTENTION }],
    [anna, { type: 'setStickers', counts: { 'own-b1': 2, verbinding: 1 } }],
    [BRAM, { type: 'setStickers', counts: { verbinding: 3 } }],
    [LEA, { type: 'closeVoting' }],
    [LEA, { type: 'recordDiscussion', agreements: HOSTILE, policyGoals: ['Doel | met *sterretjes*'] }],
    [LEA, next],
    [anna, { type: 'answerClosing', learned: HOSTILE }],
    [LEA, next],
  ]);
}
