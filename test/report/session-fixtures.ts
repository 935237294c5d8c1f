/**
 * Three realistic tables of one session (the organiser's sessie), each played from start to
 * afsluiting with real commands through `decide`, with different choices, so the totaalbeeld and the
 * exports can be checked against what the tables entered. The counts the tests expect are written
 * next to the steps that make them.
 */
import { decide, defaultDeck, newTable, type Actor, type Command, type PickSet, type TableState } from '../../src/domain';
import type { SessionState } from '../../src/domain/session-types';

export const T0 = Date.UTC(2025, 2, 12, 13, 30, 0);
export const SESSION_CODE = 'KX7M4P';

const person = (key: string, name: string): Actor => ({ id: `aad-${key}`, name, channelUserId: `29:${key}` });

type Step = readonly [Actor, Command];

function play(state: TableState, steps: ReadonlyArray<Step>): TableState {
  return steps.reduce((current, [who, command], i) => {
    const result = decide(current, { actor: who, command }, current.updatedAt + 60_000);
    if (result.type === 'error') throw new Error(`step ${i} (${who.name}: ${JSON.stringify(command)}) refused: ${result.code}`);
    return result.state;
  }, state);
}

function start(lead: Actor, title: string): TableState {
  return {
    ...newTable({
      actor: lead,
      title,
      defaultTitle: 'Tafel',
      settings: {
        maxParticipants: 8,
        language: 'nl',
        goal: 'Samen afbakenen wat we in onze gemeente tot de sociale basis rekenen.',
        outcomeUse: 'De uitkomsten zijn bouwstenen voor de nieuwe beleidsvisie op de sociale basis.',
        policyGoals: ['Inwoners doen mee en voelen zich verbonden met hun wijk', 'Minder eenzaamheid onder ouderen'],
      },
      deck: defaultDeck(),
      now: T0,
    }),
    sessionCode: SESSION_CODE,
  };
}

const picks = (inCard: string, inArg: string, outCard: string, outArg: string, doubtCard: string, doubtArg: string): PickSet => ({
  in: { cardId: inCard, argument: inArg },
  out: { cardId: outCard, argument: outArg },
  doubt: { cardId: doubtCard, argument: doubtArg },
});

const next: Command = { type: 'next' };
const join = (people: Actor[]): Step[] => people.map((p): Step => [p, { type: 'join' }]);
const consent = (people: Actor[]): Step[] => people.map((p): Step => [p, { type: 'setNameConsent', consent: true }]);

// --- Tafel Noord: 5 participants (3 named) and a guest ------------------------------------------
export const NOORD_LEAD = person('lea', 'Lea Jansen');
export const ANNA = person('anna', 'Anna de Vries');
/** No consent. */
export const BRAM = person('bram', 'Bram Oosterhuis');
export const CARLA = person('carla', 'Carla Mertens');
/** No consent. */
export const DIRK = person('dirk', 'Dirk Hamstra');
/** Consented, with a formula for a name: the CSV must neutralise it. */
export const EVIL = person('evil', '=HYPERLINK("http://example.org","klik")');
export const GUEST_NAME = 'Gerda Bos';
export const GUEST_ID = 'guest-6';

/**
 * Placements: buurthuis institutioneel (eens), mantelzorger persoonlijk (eens), bewonersinitiatieven
 * gemeenschappelijk (eens), koffietafel twijfel → gemeenschappelijk (verdeeld, moved), individuele
 * ondersteuning niet (eens), loket niet (verdeeld), own card Buurtmoestuin gemeenschappelijk (eens).
 * Stickers (6 voters, 18): verbinding 6, minder-eenzaamheid 5, voorkomen 3, own "Inwoners voelen zich
 * gehoord" 2, eigen-regie 1, goedkoper-nuldelijn 1.
 */
export function tafelNoord(): TableState {
  const people = [ANNA, BRAM, CARLA, DIRK, EVIL];
  return play(start(NOORD_LEAD, 'Tafel Noord'), [
    ...join(people),
    [NOORD_LEAD, { type: 'addGuest', name: GUEST_NAME }],
    ...consent([ANNA, CARLA, EVIL]),
    [NOORD_LEAD, { type: 'setNotetaker', to: { id: ANNA.id, name: ANNA.name } }],
    [NOORD_LEAD, next],
    [ANNA, { type: 'answerIntro', role: 'Beleidsadviseur sociaal domein', involvement: 'Ik schrijf de beleidsvisie.' }],
    [BRAM, { type: 'answerIntro', role: 'Opbouwwerker' }],
    [NOORD_LEAD, next],
    [
      ANNA,
      {
        type: 'submitPicks',
        round: 1,
        picks: picks(
          'buurthuis',
          'Iedereen kan er zonder indicatie binnenlopen.',
          'individuele-ondersteuning',
          'Geïndiceerd; hoort er volgens de handleiding niet bij.',
          'koffietafel-buurtsuper',
          'Ontmoeting, maar commercieel.',
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
          'Het hart van de gemeenschappelijke sociale basis.',
          'huisarts',
          'Eerstelijnszorg.',
          'buurthuis',
          'Hangt af van wie het runt.',
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
          'Zonder buurthuis geen koor.',
          'loket',
          'Ingang naar individuele voorzieningen.',
          'buurtkroeg',
          'Voor sommigen de huiskamer.',
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
          'Persoonlijke sociale basis bij uitstek.',
          'individuele-ondersteuning',
          'Maatwerk met een beschikking.',
          'buurthuis',
          '=1+1 is het gebouw of de activiteit?',
        ),
      },
    ],
    [
      EVIL,
      {
        type: 'submitPicks',
        round: 1,
        picks: picks(
          'bewonersinitiatieven',
          '+31 6 bellen; "buren" helpen elkaar; zo gaat dat',
          'huisarts',
          '@zorg met verwijzing',
          'woningcorporatie',
          '-ontmoetingsruimtes, maar kerntaak is wonen',
        ),
      },
    ],
    [
      NOORD_LEAD,
      {
        type: 'submitPicks',
        round: 1,
        onBehalfOf: GUEST_ID,
        picks: picks(
          'mantelzorger',
          'Ik zorg voor mijn buurvrouw.',
          'huisarts',
          'Daar ga je heen als je ziek bent.',
          'bewonersinitiatieven',
          'Soms maar een paar mensen.',
        ),
      },
    ],
    [NOORD_LEAD, { type: 'reveal' }],
    [NOORD_LEAD, next],
    [NOORD_LEAD, { type: 'openPoll', cardId: 'buurthuis' }],
    [ANNA, { type: 'votePoll', poll: 1, zone: 'institutional' }],
    [BRAM, { type: 'votePoll', poll: 1, zone: 'community' }],
    [CARLA, { type: 'votePoll', poll: 1, zone: 'institutional' }],
    [NOORD_LEAD, { type: 'votePoll', poll: 1, zone: 'border', onBehalfOf: GUEST_ID }],
    [NOORD_LEAD, { type: 'closePoll' }],
    [
      NOORD_LEAD,
      {
        type: 'placeCard',
        cardId: 'buurthuis',
        zone: 'institutional',
        agreement: 'agree',
        purpose: 'Ontmoeting voor iedereen in de wijk',
        trait: 'Gemeentelijke voorziening',
      },
    ],
    [
      NOORD_LEAD,
      {
        type: 'placeCard',
        cardId: 'mantelzorger',
        zone: 'personal',
        agreement: 'agree',
        purpose: 'Steun voor een naaste',
        trait: 'Onbetaald',
      },
    ],
    [
      NOORD_LEAD,
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
      NOORD_LEAD,
      { type: 'placeCard', cardId: 'koffietafel-buurtsuper', zone: 'border', agreement: 'divided', trait: 'Private plek zonder opdracht' },
    ],
    [NOORD_LEAD, { type: 'placeCard', cardId: 'individuele-ondersteuning', zone: 'outside', agreement: 'agree', trait: 'Met indicatie' }],
    [
      BRAM,
      {
        type: 'addOwnCard',
        kind: 'ingredient',
        title: 'Buurtmoestuin',
        description: 'Bewoners tuinieren samen op grond van de corporatie.',
      },
    ],
    [NOORD_LEAD, { type: 'placeCard', cardId: 'own-i1', zone: 'community', agreement: 'agree', purpose: 'Ontmoeting rond een klus' }],
    [
      NOORD_LEAD,
      {
        type: 'placeCard',
        cardId: 'koffietafel-buurtsuper',
        zone: 'community',
        agreement: 'divided',
        purpose: 'Vaste ontmoetingsplek voor ouderen',
      },
    ],
    [
      NOORD_LEAD,
      { type: 'placeCard', cardId: 'loket', zone: 'outside', agreement: 'divided', purpose: 'Toegang tot individuele voorzieningen' },
    ],
    [
      ANNA,
      { type: 'addConclusion', text: 'We rekenen iets tot de sociale basis als het voor iedereen toegankelijk is, zonder indicatie.' },
    ],
    [NOORD_LEAD, { type: 'addConclusion', text: 'Een plek hoort erbij als er ontmoeting plaatsvindt.' }],
    [NOORD_LEAD, next],
    [CARLA, { type: 'addOwnCard', kind: 'intention', title: 'Inwoners voelen zich gehoord' }],
    [ANNA, { type: 'setStickers', counts: { verbinding: 2, voorkomen: 1 } }],
    [BRAM, { type: 'setStickers', counts: { verbinding: 1, 'minder-eenzaamheid': 2 } }],
    [CARLA, { type: 'setStickers', counts: { 'own-b1': 2, verbinding: 1 } }],
    [DIRK, { type: 'setStickers', counts: { voorkomen: 2, verbinding: 1 } }],
    [EVIL, { type: 'setStickers', counts: { 'minder-eenzaamheid': 1, verbinding: 1, 'eigen-regie': 1 } }],
    [NOORD_LEAD, { type: 'setStickers', counts: { 'goedkoper-nuldelijn': 1, 'minder-eenzaamheid': 2 }, onBehalfOf: GUEST_ID }],
    [NOORD_LEAD, { type: 'closeVoting' }],
    [
      NOORD_LEAD,
      {
        type: 'recordDiscussion',
        mainIntention: 'verbinding',
        agreements: 'Het gaat vooral om ontmoeting.',
        disagreements: 'Of het goedkoper moet zijn.',
        policyRelation: 'Sluit aan bij doel 1 en 2.',
      },
    ],
    [NOORD_LEAD, next],
    [
      ANNA,
      {
        type: 'answerClosing',
        learned: 'Dat we het woord sociale basis voor heel verschillende dingen gebruiken.',
        action: 'De afbakening gebruik ik in de beleidsvisie.',
      },
    ],
    [BRAM, { type: 'answerClosing', learned: 'Het gebouw is minder belangrijk dan wat er gebeurt.' }],
    [CARLA, { type: 'answerClosing', action: 'Ik nodig de supermarkt uit voor het bewonersoverleg.' }],
    [NOORD_LEAD, { type: 'answerClosing', learned: 'Dat mantelzorg ook meetelt.', onBehalfOf: GUEST_ID }],
    [NOORD_LEAD, next],
  ]);
}

// --- Tafel Zuid: 4 participants (1 named) --------------------------------------------------------
export const ZUID_LEAD = person('zora', 'Zora Kaya');
export const HENK = person('henk', 'Henk Smit');
/** No consent. */
export const INGE = person('inge', 'Inge Bakker');
/** No consent. */
export const JOOST = person('joost', 'Joost Meijer');
/** No consent. */
export const KIM = person('kim', 'Kim de Boer');

/**
 * Placements: buurthuis institutioneel (verdeeld), mantelzorger persoonlijk (eens), bewonersinitiatieven
 * gemeenschappelijk (eens), koffietafel twijfel (oneens), individuele ondersteuning niet (eens), loket
 * institutioneel (oneens), own card "buurt  moestuin" gemeenschappelijk (eens), huisarts niet (eens).
 * Stickers (4 voters, 12): verbinding 4, minder-eenzaamheid 4 (a tie at the top), meedoen 2,
 * voorkomen 1, own "inwoners voelen zich gehoord" 1.
 */
export function tafelZuid(): TableState {
  const people = [HENK, INGE, JOOST, KIM];
  return play(start(ZUID_LEAD, 'Tafel Zuid'), [
    ...join(people),
    ...consent([HENK]),
    [ZUID_LEAD, { type: 'setNotetaker', to: { id: HENK.id, name: HENK.name } }],
    [ZUID_LEAD, next],
    [ZUID_LEAD, next],
    [
      HENK,
      {
        type: 'submitPicks',
        round: 1,
        picks: picks('mantelzorger', 'Familie en buren die helpen.', 'loket', 'Dat is de gemeente.', 'buurthuis', 'Gebouw of activiteit?'),
      },
    ],
    [
      INGE,
      {
        type: 'submitPicks',
        round: 1,
        picks: picks(
          'bewonersinitiatieven',
          'Bewoners die zelf iets doen.',
          'individuele-ondersteuning',
          'Geïndiceerd.',
          'koffietafel-buurtsuper',
          'Toevallige ontmoeting.',
        ),
      },
    ],
    [
      JOOST,
      {
        type: 'submitPicks',
        round: 1,
        picks: picks('buurthuis', 'Laagdrempelig.', 'huisarts', 'Zorg.', 'loket', 'Soms de eerste ingang.'),
      },
    ],
    [
      KIM,
      {
        type: 'submitPicks',
        round: 1,
        picks: picks('mantelzorger', 'Onmisbaar.', 'individuele-ondersteuning', 'Met beschikking.', 'buurtkroeg', 'Niet voor iedereen.'),
      },
    ],
    [ZUID_LEAD, { type: 'reveal' }],
    [ZUID_LEAD, next],
    [ZUID_LEAD, { type: 'placeCard', cardId: 'buurthuis', zone: 'institutional', agreement: 'divided', purpose: 'Plek voor activiteiten' }],
    [ZUID_LEAD, { type: 'placeCard', cardId: 'mantelzorger', zone: 'personal', agreement: 'agree' }],
    [ZUID_LEAD, { type: 'placeCard', cardId: 'bewonersinitiatieven', zone: 'community', agreement: 'agree' }],
    [ZUID_LEAD, { type: 'placeCard', cardId: 'koffietafel-buurtsuper', zone: 'border', agreement: 'disagree', purpose: 'Soms ontmoeting' }],
    [ZUID_LEAD, { type: 'placeCard', cardId: 'individuele-ondersteuning', zone: 'outside', agreement: 'agree' }],
    [ZUID_LEAD, { type: 'placeCard', cardId: 'loket', zone: 'institutional', agreement: 'disagree', purpose: 'Laagdrempelige ingang' }],
    [INGE, { type: 'addOwnCard', kind: 'ingredient', title: 'buurt  moestuin' }],
    [ZUID_LEAD, { type: 'placeCard', cardId: 'own-i1', zone: 'community', agreement: 'agree' }],
    [ZUID_LEAD, { type: 'placeCard', cardId: 'huisarts', zone: 'outside', agreement: 'agree' }],
    [HENK, { type: 'addConclusion', text: 'Iets hoort bij de sociale basis als inwoners het zelf dragen of er vrij gebruik van maken.' }],
    [ZUID_LEAD, next],
    [KIM, { type: 'addOwnCard', kind: 'intention', title: 'inwoners voelen zich  gehoord' }],
    [HENK, { type: 'setStickers', counts: { 'minder-eenzaamheid': 3 } }],
    [INGE, { type: 'setStickers', counts: { verbinding: 2, meedoen: 1 } }],
    [JOOST, { type: 'setStickers', counts: { verbinding: 1, 'minder-eenzaamheid': 1, 'own-b1': 1 } }],
    [KIM, { type: 'setStickers', counts: { meedoen: 1, verbinding: 1, voorkomen: 1 } }],
    [ZUID_LEAD, { type: 'closeVoting' }],
    [ZUID_LEAD, { type: 'recordDiscussion', agreements: 'Verbinding en eenzaamheid horen bij elkaar.' }],
    [ZUID_LEAD, next],
    [
      HENK,
      {
        type: 'answerClosing',
        learned: 'Dat het loket voor sommigen de ingang tot de buurt is.',
        action: 'Het loket vaker laten doorverwijzen naar het buurthuis.',
      },
    ],
    [JOOST, { type: 'answerClosing', learned: 'Twijfel is ook een uitkomst.' }],
    [ZUID_LEAD, next],
  ]);
}

// --- Tafel West: 3 participants (all named) ------------------------------------------------------
export const WEST_LEAD = person('wim', 'Wim de Graaf');
export const LOES = person('loes', 'Loes Peeters');
export const MO = person('mo', 'Mo Haddad');
export const NINA = person('nina', 'Nina Vos');

/**
 * Placements: buurthuis gemeenschappelijk (eens), mantelzorger persoonlijk (eens), individuele
 * ondersteuning twijfel (verdeeld), loket niet (eens), park gemeenschappelijk (eens), own card
 * Voedseltuin (id own-i1 like the others' moestuin, but another card) gemeenschappelijk (eens).
 * Stickers (3 voters, 9): beter-geholpen 3, verbinding 2, goedkoper-nuldelijn 2, minder-eenzaamheid 1,
 * meedoen 1.
 */
export function tafelWest(options: { closeVoting?: boolean } = {}): TableState {
  const people = [LOES, MO, NINA];
  const voted = play(start(WEST_LEAD, 'Tafel West'), [
    ...join(people),
    ...consent(people),
    [WEST_LEAD, next],
    [WEST_LEAD, next],
    [
      LOES,
      {
        type: 'submitPicks',
        round: 1,
        picks: picks('park', 'Iedereen komt er.', 'huisarts', 'Zorg.', 'individuele-ondersteuning', 'Soms sluit het aan op de buurt.'),
      },
    ],
    [
      MO,
      {
        type: 'submitPicks',
        round: 1,
        picks: picks('buurthuis', 'Van en voor de buurt.', 'loket', 'Gemeente.', 'mantelzorger', 'Privé of sociale basis?'),
      },
    ],
    [
      NINA,
      {
        type: 'submitPicks',
        round: 1,
        picks: picks('mantelzorger', 'Persoonlijk netwerk.', 'loket', 'Niet vrij toegankelijk.', 'park', 'Een plek, geen verband.'),
      },
    ],
    [WEST_LEAD, { type: 'reveal' }],
    [WEST_LEAD, next],
    [WEST_LEAD, { type: 'placeCard', cardId: 'buurthuis', zone: 'community', agreement: 'agree', purpose: 'Door vrijwilligers gerund' }],
    [WEST_LEAD, { type: 'placeCard', cardId: 'mantelzorger', zone: 'personal', agreement: 'agree' }],
    [
      WEST_LEAD,
      {
        type: 'placeCard',
        cardId: 'individuele-ondersteuning',
        zone: 'border',
        agreement: 'divided',
        purpose: 'Kan naar de buurt verwijzen',
      },
    ],
    [WEST_LEAD, { type: 'placeCard', cardId: 'loket', zone: 'outside', agreement: 'agree' }],
    [WEST_LEAD, { type: 'placeCard', cardId: 'park', zone: 'community', agreement: 'agree' }],
    [MO, { type: 'addOwnCard', kind: 'ingredient', title: 'Voedseltuin' }],
    [WEST_LEAD, { type: 'placeCard', cardId: 'own-i1', zone: 'community', agreement: 'agree' }],
    [WEST_LEAD, next],
    [LOES, { type: 'setStickers', counts: { 'beter-geholpen': 2, verbinding: 1 } }],
    [MO, { type: 'setStickers', counts: { 'minder-eenzaamheid': 1, 'goedkoper-nuldelijn': 2 } }],
    [NINA, { type: 'setStickers', counts: { verbinding: 1, 'beter-geholpen': 1, meedoen: 1 } }],
  ]);
  if (options.closeVoting === false) return voted;
  return play(voted, [
    [WEST_LEAD, { type: 'closeVoting' }],
    [WEST_LEAD, { type: 'recordDiscussion', mainIntention: 'beter-geholpen' }],
    [WEST_LEAD, next],
    [LOES, { type: 'answerClosing', learned: 'Het park is ook sociale basis.', action: 'Een picknick in het park organiseren.' }],
    [MO, { type: 'answerClosing', learned: 'Dat we de voedseltuin nooit als sociale basis zagen.' }],
    [NINA, { type: 'answerClosing', action: 'Mantelzorgers betrekken bij het volgende gesprek.' }],
    [WEST_LEAD, next],
  ]);
}

export function threeTables(): TableState[] {
  return [tafelNoord(), tafelZuid(), tafelWest()];
}

/** Names of participants who did not consent: they must appear in no export. */
export const HIDDEN_NAMES = [BRAM.name, DIRK.name, GUEST_NAME, INGE.name, JOOST.name, KIM.name, 'Oosterhuis', 'Hamstra', 'Gerda'];

/** The session the three tables are linked to, by token. */
export function session(tokens: string[], tables: TableState[] = threeTables()): SessionState {
  return {
    schemaVersion: 1,
    code: SESSION_CODE,
    title: 'Sociale basis Hoorn 2025',
    createdAt: T0 - 3_600_000,
    updatedAt: T0,
    organiser: { id: 'aad-olga', name: 'Olga Organisator', channelUserId: '29:olga' },
    coOrganisers: [],
    tenantId: 'tenant-1',
    thread: '19:organisers@thread.tacv2;messageid=1700000000000',
    language: 'nl',
    goal: 'Samen afbakenen wat we in onze gemeente tot de sociale basis rekenen.',
    outcomeUse: 'De uitkomsten zijn bouwstenen voor de nieuwe beleidsvisie op de sociale basis.',
    policyGoals: ['Inwoners doen mee en voelen zich verbonden met hun wijk', 'Minder eenzaamheid onder ouderen'],
    maxParticipants: 8,
    deck: defaultDeck(),
    deckChoice: { ingredients: 'default', intentions: 'default' },
    tables: tokens.map((token, i) => ({
      token,
      title: tables[i]?.title ?? `Tafel ${i + 1}`,
      linkedAt: T0 + i * 1000,
      conversationId: `19:table-${i + 1}@thread.v2`,
    })),
  };
}

/**
 * A crowded table for the PowerPoint's fitting: 8 participants, 40 cards placed (most in two zones,
 * some with the longest own-card titles), every intention with stickers, long slotvraag answers.
 */
export function crowdedTable(): TableState {
  const lead = person('cor', 'Cor Lang');
  const people = Array.from({ length: 8 }, (_, i) => person(`c${i + 1}`, `Deelnemer Lang${i + 1}`));
  const deck = defaultDeck();
  const ingredients = deck.ingredients.map((c) => c.id);
  const intentions = deck.intentions.map((c) => c.id);
  const zones = ['institutional', 'community', 'institutional', 'community', 'personal', 'outside', 'border'] as const;
  const agreements = ['agree', 'agree', 'divided', 'agree', 'disagree'] as const;
  const own = [
    'Een heel lang eigen kaartje over de buurtcamping in de zomer',
    'Wijkgericht werken met de huisarts',
    'Digitaal buurtplatform van de gemeente',
  ];
  const answer = (i: number, what: string) =>
    `${what} ${i + 1}: dat de sociale basis voor iedereen iets anders betekent, en dat we daar in de wijk veel meer over moeten praten met elkaar en met de gemeente.`;
  return play(start(lead, 'Tafel met heel veel kaartjes en een lange naam'), [
    ...join(people),
    [lead, next],
    [lead, next],
    ...people.map((p, i): Step => [
      p,
      {
        type: 'submitPicks',
        round: 1,
        picks: picks(ingredients[i * 3]!, 'Erbij.', ingredients[i * 3 + 1]!, 'Niet erbij.', ingredients[i * 3 + 2]!, 'Twijfel.'),
      },
    ]),
    [lead, { type: 'reveal' }],
    [lead, next],
    ...own.map((title): Step => [people[0]!, { type: 'addOwnCard', kind: 'ingredient', title }]),
    ...[...ingredients.slice(0, 37), 'own-i1', 'own-i2', 'own-i3'].map((cardId, i): Step => [
      lead,
      { type: 'placeCard', cardId, zone: zones[i % zones.length]!, agreement: agreements[i % agreements.length]! },
    ]),
    ...[1, 2, 3, 4].map((i): Step => [lead, { type: 'addConclusion', text: answer(i, 'Conclusie') }]),
    [lead, next],
    ...people.map((p, i): Step => [
      p,
      { type: 'setStickers', counts: { [intentions[i]!]: 1, [intentions[(i + 8) % 18]!]: 1, [intentions[(i * 5) % 18]!]: 1 } },
    ]),
    [lead, { type: 'closeVoting' }],
    [
      lead,
      {
        type: 'recordDiscussion',
        mainIntention: intentions[0]!,
        agreements: answer(0, 'Eens'),
        disagreements: answer(0, 'Oneens'),
        policyRelation: answer(0, 'Beleid'),
      },
    ],
    [lead, next],
    ...people.map((p, i): Step => [p, { type: 'answerClosing', learned: answer(i, 'Geleerd'), action: answer(i, 'Actie') }]),
    [lead, next],
  ]);
}
