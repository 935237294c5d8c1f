/**
 * Names and titles that look blank (issue 10, point 10): made only of fillers (U+3164 HANGUL FILLER,
 * U+115F, U+1160, U+FFA0), the blank braille pattern U+2800, format characters (word joiner,
 * zero-width space and joiner, soft hyphen, byte order mark, ...) and spaces. They are refused where a
 * person or card is named by typed text, fall back to the default where a title may be left empty, and
 * a Teams display name made of them does not give an empty name on a card.
 */
import {
  buildDeck,
  createSession,
  decide,
  defaultDeck,
  isBlank,
  isNamed,
  newTable,
  pastedLines,
  visibleText,
  type Command,
  type Participant,
} from '../../src/domain';
import { personRef } from '../../src/report/people';
import { namedPeople, shownName } from '../../src/views/names';
import { ANNA, LEAD, T0, actor, decideUnchanged, expectError, expectOk, play, tables } from './fixtures';

/** Each looks like nothing on a card. */
const BLANKS: ReadonlyArray<[string, string]> = [
  ['U+3164 HANGUL FILLER', '\u3164'],
  ['U+2800 BRAILLE PATTERN BLANK', '\u2800'],
  ['U+2060 WORD JOINER', '\u2060'],
  ['U+115F HANGUL CHOSEONG FILLER', '\u115f'],
  ['U+1160 HANGUL JUNGSEONG FILLER', '\u1160'],
  ['U+FFA0 HALFWIDTH HANGUL FILLER', '\uffa0'],
  ['three fillers in a row', '\u3164\u3164\u3164'],
  ['a zero-width joiner', '\u200d'],
  ['a zero-width non-joiner and a byte order mark', '\u200c\ufeff'],
  ['a soft hyphen', '\u00ad'],
  ['a Mongolian vowel separator', '\u180e'],
  ['an invisible times', '\u2062'],
  ['a tag space', '\u{E0020}'],
  ['a variation selector', '\ufe0f'],
  ['ideographic and non-breaking spaces with a filler', '\u3000\u00a0\u3164 '],
  ['braille blanks between word joiners', '\u2060\u2800\u2060\u2800'],
];

/** Each shows something. */
const VISIBLE: ReadonlyArray<[string, string]> = [
  ['a name', 'Anna'],
  ['a name between fillers', '\u3164Anna\u3164'],
  ['an emoji held together by zero-width joiners', '👩‍⚕️'],
  ['a single letter of another script', '中'],
  ['a dash', '-'],
  ['a digit', '7'],
];

describe('isBlank and visibleText', () => {
  it.each(BLANKS)('%s is blank', (_name, text) => {
    expect(isBlank(text)).toBe(true);
    expect(visibleText(text)).toBe('');
  });

  it.each(VISIBLE)('%s is not blank', (_name, text) => {
    expect(isBlank(text)).toBe(false);
    expect(visibleText(text)).not.toBe('');
  });

  it('keeps the zero-width joiners inside an emoji, and gives the composed form', () => {
    expect(visibleText(' 👩‍⚕️ Wijkverpleging ')).toBe('👩‍⚕️ Wijkverpleging');
    expect(visibleText('Repair cafe\u0301')).toBe('Repair caf\u00e9');
  });
});

const addGuest = (name: string): Command => ({ type: 'addGuest', name });
const ownCard = (title: string): Command => ({ type: 'addOwnCard', kind: 'ingredient', title });

describe('refused where a person or card is named by typed text', () => {
  it.each(BLANKS)('a guest named with %s', (_name, blank) => {
    expectError(decideUnchanged(tables.withParticipants(), LEAD, addGuest(blank)), 'blankText');
  });

  it.each(BLANKS)('an own card titled with %s', (_name, blank) => {
    expectError(decideUnchanged(tables.round2(), ANNA, ownCard(blank)), 'blankText');
  });

  it('an own card whose title is only a filler and a description is still refused', () => {
    expectError(
      decideUnchanged(tables.round2(), ANNA, { type: 'addOwnCard', kind: 'ingredient', title: '\u3164', description: 'Een echte uitleg' }),
      'blankText',
    );
  });

  it('what is really empty keeps its own message', () => {
    expectError(decideUnchanged(tables.withParticipants(), LEAD, addGuest(' \u200b ')), 'emptyText');
  });

  it.each(VISIBLE)('a guest named with %s is added', (_name, text) => {
    const s = play(tables.withParticipants(), [[LEAD, addGuest(text)]]);
    expect(s.participants.at(-1)?.name).toBe(visibleText(text));
  });
});

describe('titles that may be left empty fall back to the default', () => {
  it.each(BLANKS)('a table started with the title %s', (_name, blank) => {
    const table = newTable({
      actor: LEAD,
      title: blank,
      defaultTitle: 'Tafel 1',
      settings: { maxParticipants: 8, language: 'nl' },
      deck: defaultDeck(),
      now: T0,
    });
    expect(table.title).toBe('Tafel 1');
  });

  it.each(BLANKS)('a session with the title %s', (_name, blank) => {
    const made = createSession({
      code: 'KX7M4P',
      actor: actor('olga'),
      tenantId: 't',
      thread: 'thread',
      language: 'nl',
      form: { title: blank },
      defaultTitle: 'Sessie sociale basis',
      defaultDeck: defaultDeck(),
      now: T0,
    });
    if (made.type === 'error') throw new Error(made.code);
    expect(made.session.title).toBe('Sessie sociale basis');
  });

  it('pasted cards and policy goals that look blank are left out, like empty lines', () => {
    const text = ['Buurthuis', '\u3164', '- \u2800', '3. \u2060', 'Het park', 'Speeltuin'].join('\n');
    expect(pastedLines(text)).toEqual(['Buurthuis', 'Het park', 'Speeltuin']);
    const built = buildDeck('ingredient', { mode: 'replace', text }, defaultDeck().ingredients);
    if ('code' in built) throw new Error(built.code);
    expect(built.cards.map((c) => c.title)).toEqual(['Buurthuis', 'Het park', 'Speeltuin']);
  });
});

describe('a Teams display name that looks blank', () => {
  const blankNamed = actor('hana', { name: '\u3164\u2800' });

  function joinedWithConsent(): Participant {
    const s = play(tables.withParticipants(), [
      [blankNamed, { type: 'join' }],
      [blankNamed, { type: 'setNameConsent', consent: true }],
    ]);
    return s.participants.find((p) => p.id === blankNamed.id)!;
  }

  it('joins without a name, so nothing blank is stored as one', () => {
    const result = expectOk(decide(tables.withParticipants(), { actor: blankNamed, command: { type: 'join' } }, T0 + 1000));
    expect(result.state.participants.at(-1)?.name).toBe('');
  });

  it('is never named on cards or in the report, also with consent: "deelnemer N" instead', () => {
    const p = joinedWithConsent();
    expect(isNamed(p)).toBe(false);
    expect(shownName(p, 'nl')).toBe(`deelnemer ${p.number}`);
    expect(namedPeople([p], 'nl')).toBeUndefined();
    expect(personRef(p, 'nl')).toMatchObject({ label: `deelnemer ${p.number}`, named: false });
  });

  it('a visible name with consent is still named', () => {
    const s = play(tables.withParticipants(), [[ANNA, { type: 'setNameConsent', consent: true }]]);
    const anna = s.participants.find((p) => p.id === ANNA.id)!;
    expect(isNamed(anna)).toBe(true);
    expect(shownName(anna, 'nl')).toBe('Anna');
  });
});
