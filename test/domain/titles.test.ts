/**
 * Titles compared as people read them (issue 10, point 7): "Repair café" typed three ways that look
 * the same (composed é, e without the accent, e plus a separate accent mark as macOS and some phones
 * send it) is one card. Checked where titles are compared: an own card at the table, the organiser's
 * pasted deck, and a table's own cards when it links to a session.
 */
import {
  applySessionToTable,
  buildDeck,
  createSession,
  defaultDeck,
  sameTitleKey,
  type Command,
  type SessionState,
} from '../../src/domain';
import { ANNA, BRAM, LEAD, T0, actor, decideUnchanged, expectError, play, tables } from './fixtures';

const COMPOSED = 'Repair caf\u00e9';
const WITHOUT_ACCENT = 'Repair Cafe';
const SEPARATE_MARK = 'Repair cafe\u0301';

const ownCard = (title: string, kind: 'ingredient' | 'intention' = 'ingredient'): Command => ({ type: 'addOwnCard', kind, title });

describe('the three spellings of Repair café', () => {
  it('look alike to the reader and have one key', () => {
    expect(COMPOSED).not.toBe(SEPARATE_MARK);
    expect(COMPOSED.normalize('NFC')).toBe(SEPARATE_MARK.normalize('NFC'));
    expect(new Set([COMPOSED, WITHOUT_ACCENT, SEPARATE_MARK].map(sameTitleKey)).size).toBe(1);
  });

  // The case: "Repair café" is a card of the default deck.
  it.each([
    ['composed', COMPOSED],
    ['without the accent', WITHOUT_ACCENT],
    ['with a separate accent mark', SEPARATE_MARK],
  ])('an own ingredient typed %s is refused, naming the default card Repair café', (_how, typed) => {
    expect(tables.round2().deck.ingredients.some((c) => c.title === COMPOSED)).toBe(true);
    const error = expectError(decideUnchanged(tables.round2(), ANNA, ownCard(typed)), 'duplicateCard');
    expect(error.params).toEqual({ title: COMPOSED });
  });
});

const CRECHE = 'Cr\u00e8che de Kikker';
const CRECHE_WITHOUT_ACCENT = 'Creche de kikker';
const CRECHE_SEPARATE_MARK = 'Cre\u0300che de Kikker';

describe.each([
  ['composed', CRECHE],
  ['without the accent', CRECHE_WITHOUT_ACCENT],
  ['with a separate accent mark', CRECHE_SEPARATE_MARK],
])('an own ingredient first typed %s', (_how, first) => {
  const withFirst = () => play(tables.round2(), [[ANNA, ownCard(first)]]);

  it('is added once, stored in the composed form (NFC)', () => {
    const added = withFirst().deck.ingredients.at(-1)!;
    expect(added.title).toBe(first.normalize('NFC'));
    expect(added.addedBy).toBe(ANNA.id);
  });

  it.each([
    ['composed', CRECHE],
    ['without the accent', CRECHE_WITHOUT_ACCENT],
    ['with a separate accent mark', CRECHE_SEPARATE_MARK],
    ['in capitals', 'CRÈCHE DE KIKKER'],
    ['with another accent', 'Crêche de Kikker'],
    ['without the spaces', 'CrèchedeKikker'],
    ['with a word joiner and a zero-width space', 'Crèche\u2060 de\u200b Kikker'],
    ['with a non-breaking space and a soft hyphen', 'Crè\u00adche\u00a0de Kikker'],
    ['with a Hangul filler in the gap', 'Crèche\u3164de Kikker'],
    ['in full-width letters', 'Ｃｒèｃｈｅ de Kikker'],
  ])('refuses the same title typed again %s, naming the card that exists', (_again, again) => {
    const error = expectError(decideUnchanged(withFirst(), BRAM, ownCard(again)), 'duplicateCard');
    expect(error.params).toEqual({ title: first.normalize('NFC') });
  });
});

describe('titles that read differently', () => {
  it.each([
    ['Crèche de Kikker', 'Crèche de Kikkers'],
    ['Crèche de Kikker', 'Crèche de Kikkerd'],
    ['Buurtkamer', 'Buurtkamer 2'],
    ['Zorg 1', 'Zorg 2'],
    ['Ærø', 'Aero'],
    ['Fietsenstalling', 'Fietsenstelling'],
  ])('stay two cards: %s and %s', (a, b) => {
    const s = play(tables.round2(), [
      [ANNA, ownCard(a)],
      [BRAM, ownCard(b)],
    ]);
    expect(s.deck.ingredients.slice(-2).map((c) => c.title)).toEqual([a, b]);
  });
});

describe('own intentions in Round 3', () => {
  it('follow the same rule', () => {
    const s = play(tables.round3(), [[ANNA, ownCard(CRECHE, 'intention')]]);
    const error = expectError(decideUnchanged(s, LEAD, ownCard(CRECHE_SEPARATE_MARK, 'intention')), 'duplicateCard');
    expect(error.params).toEqual({ title: CRECHE });
  });
});

describe('the organiser’s pasted deck', () => {
  it('merges three spellings into one card, kept as first written, and reports the others', () => {
    const built = buildDeck(
      'ingredient',
      { mode: 'replace', text: [CRECHE_SEPARATE_MARK, CRECHE_WITHOUT_ACCENT, CRECHE, 'Buurthuis', 'Het park'].join('\n') },
      defaultDeck().ingredients,
    );
    if ('code' in built) throw new Error(`refused: ${built.code}`);
    expect(built.cards.map((c) => c.title)).toEqual([CRECHE, 'Buurthuis', 'Het park']);
    expect(built.merged).toEqual([CRECHE_WITHOUT_ACCENT, CRECHE]);
  });

  it('merges a pasted look-alike of a default card into the default card', () => {
    const defaults = defaultDeck().ingredients;
    const first = defaults[0]!.title;
    const lookAlike = first.toUpperCase().normalize('NFD').replace(/ /g, '\u00a0');
    const built = buildDeck('ingredient', { mode: 'extend', text: lookAlike }, defaults);
    if ('code' in built) throw new Error(`refused: ${built.code}`);
    expect(built.cards).toHaveLength(defaults.length);
    expect(built.merged).toEqual([lookAlike.normalize('NFC')]);
  });
});

describe('linking a table that has its own cards', () => {
  it('does not add a table’s own card that the session’s deck has in another spelling', () => {
    const made = createSession({
      code: 'KX7M4P',
      actor: actor('olga'),
      tenantId: 't',
      thread: 'thread',
      language: 'nl',
      form: { ingredients: { mode: 'extend', text: CRECHE } },
      defaultTitle: 'Sessie',
      defaultDeck: defaultDeck(),
      now: T0,
    });
    if (made.type === 'error') throw new Error(made.code);
    const session: SessionState = made.session;
    const table = play(tables.round1(), [[LEAD, ownCard(CRECHE_WITHOUT_ACCENT)]]);
    const linked = applySessionToTable(table, session, LEAD, T0 + 3_600_000);
    if ('code' in linked) throw new Error(`refused: ${linked.code}`);
    expect(linked.deck.ingredients.filter((c) => sameTitleKey(c.title) === sameTitleKey(CRECHE)).map((c) => c.title)).toEqual([CRECHE]);
  });
});
