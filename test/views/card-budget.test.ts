/**
 * Every card the bot can send fits in one Teams message (28 KB for the whole activity, so 26 KB of
 * card) for any deck up to the deck limit and every text at its maximum, in both languages. A card
 * that would be bigger is shortened and says so; a card that fits as it is is not shortened at all.
 * The tables are played through `decide` as the benchmark plays them (bench/workshop.ts).
 */
import {
  AGREEMENTS,
  createSession,
  defaultDeck,
  LIMITS,
  own,
  SESSION_LIMITS,
  type Language,
  type GroupView,
  type SessionState,
  groupView,
} from '../../src/domain';
import { t } from '../../src/i18n';
import { combineTables } from '../../src/report/combined';
import { buildTableSummary } from '../../src/report/table-summary';
import {
  boardView,
  closingView,
  discussionFormView,
  helpView,
  intentionsView,
  introView,
  ownCardFormView,
  pickFormView,
  picksSavedView,
  placeFormView,
  pollFormView,
  pollView,
  progressView,
  rankingView,
  renderCard,
  revealView,
  round1View,
  stickerFormView,
  stickersSavedView,
  statusView,
  valuesOf,
  welcomeView,
  type AdaptiveCard,
} from '../../src/views';
import { BOARD_FITS } from '../../src/views/board-view';
import { CARD_BUDGET, cardBytes } from '../../src/views/fit';
import { leaderConsentView } from '../../src/views/leader-consent-view';
import { overviewCard } from '../../src/views/overview-view';
import { CHOICE_FITS, choiceTitle } from '../../src/views/picks-view';
import { REVEAL_FITS } from '../../src/views/reveal-view';
import { eraseConfirmView, sessionCardView, sessionFormView } from '../../src/views/session-view';
import { shortSummaryCard } from '../../src/views/short-summary-view';
import { summaryCard } from '../../src/views/summary-view';
import { cardText, findAll, inputsOf } from '../support/cards';
import { endedTable as endedTableState } from '../report/fixtures';
import { dutch, maxTable as maxTableState, sessionDeck, T0 } from './max-table';

/** The tables as everyone may see them: every round revealed and the vote closed, so nothing is left out. */
const maxTable = (options: Parameters<typeof maxTableState>[0]): GroupView => groupView(maxTableState(options));
const endedTable = (): GroupView => groupView(endedTableState());

/** Teams refuses a message above this size. */
const NOBODY = { current: [], switches: [] };
const LANGS: Language[] = ['nl', 'en'];

/** What the card says when it was shortened: it always names the place where the full text is. */
const SHORTENED = /ingekort|shortened|alleen de kaartjes|alleen wie|only shows|only the cards/;

function maxSession(deck: number, lang: Language): SessionState {
  const lines = (count: number, prefix: string, length: number) =>
    Array.from({ length: count }, (_, k) => dutch(length, `${prefix} ${k + 1} `)).join('\n');
  const r = createSession({
    code: 'KX7M4P',
    actor: { id: 'o', name: dutch(LIMITS.displayName, 'Organisator ') },
    tenantId: 't',
    thread: 'th',
    language: lang,
    form: {
      title: dutch(SESSION_LIMITS.title, 'Sessie '),
      goal: dutch(SESSION_LIMITS.goal, 'Doel: '),
      outcomeUse: dutch(SESSION_LIMITS.outcomeUse, 'Uitkomsten: '),
      policyGoals: lines(LIMITS.policyGoals, 'Beleidsdoel', LIMITS.policyGoal),
      maxParticipants: 8,
      ingredients: { mode: 'replace', text: lines(deck, 'Kaartje', SESSION_LIMITS.cardTitle) },
      intentions: { mode: 'replace', text: lines(deck, 'Bedoeling', SESSION_LIMITS.cardTitle) },
    },
    defaultTitle: 'Sessie',
    defaultDeck: defaultDeck(),
    now: T0,
  });
  if (r.type === 'error') throw new Error(r.code);
  return r.session;
}

/** The session with `running` linked tables and `ended` ones after them, each title at its maximum. */
function withLinkedTables(session: SessionState, running: number, ended: number): SessionState {
  const tables = Array.from({ length: running + ended }, (_, i) => ({
    token: `token-${i}`,
    title: dutch(LIMITS.title, `Tafel ${i + 1} `),
    linkedAt: T0 + i,
    conversationId: `19:tafel-${i}@thread.v2`,
    ...(i >= running ? { stoppedAt: T0 + 1000 + i } : {}),
  }));
  return { ...session, tables };
}

/** Every card a table can send in its phase, by a name for the failure message. */
function tableCards(state: GroupView, lang: Language): Record<string, AdaptiveCard> {
  const me = state.participants[0]!;
  const cards: Record<string, AdaptiveCard> = {
    welcome: renderCard('welcome', welcomeView(state, lang, { retentionDays: 30, viewer: me })),
    'welcome (shared)': renderCard('welcome', welcomeView(state, lang, { retentionDays: 30 })),
    help: renderCard('help', helpView(lang)),
    status: renderCard('status', statusView(state, lang)),
    'leader consent (refused)': renderCard(
      'leader-consent',
      leaderConsentView(state, lang, state.lead, 'lead', {
        person: 'x'.repeat(16),
        error: { key: 'leaderConsent.notYours', params: { name: state.lead.name } },
      }),
    ),
    'intro (form)': renderCard('intro', introView(state, lang, { type: 'form' }, own(state.intro, me.id))),
    'intro (saved)': renderCard('intro', introView(state, lang, { type: 'saved' })),
    round1: renderCard('round1', round1View(state, lang, 1)),
    'pick form': renderCard('pick-form', pickFormView(state, lang, 1, {}, undefined, NOBODY)),
    progress: renderCard('progress', progressView(state, lang)),
    'own card form': renderCard(
      'own-card-form',
      ownCardFormView(lang, 'ingredient', { title: dutch(LIMITS.ownCardTitle), description: dutch(LIMITS.ownCardDescription) }),
    ),
  };
  for (const round of state.pickRounds) {
    const submitted = own(round.picks, me.id);
    if (submitted) {
      // Opened again after submitting (or after a refusal): the three arguments are in the form.
      if (state.deck.ingredients.length <= 60)
        cards[`pick form ${round.number} (filled in)`] = renderCard(
          'pick-form',
          pickFormView(state, lang, round.number, valuesOf(submitted), undefined, NOBODY),
        );
      cards[`picks saved ${round.number}`] = renderCard('picks-saved', picksSavedView(state, lang, round.number, submitted, true));
    }
    if (round.revealedAt !== undefined) cards[`reveal ${round.number}`] = renderCard('reveal', revealView(state, lang, round));
  }
  if (state.phase === 'round1') return cards;
  const reason = dutch(LIMITS.reason);
  Object.assign(cards, {
    board: renderCard('board', boardView(state, lang)),
    'place form': renderCard(
      'place-form',
      placeFormView(state, lang, {
        card: state.deck.ingredients[0]!.id,
        zone: 'personal',
        agreement: 'agree',
        purpose: reason,
        trait: reason,
      }),
    ),
  });
  for (const poll of state.round2.polls) {
    cards[`poll ${poll.number}`] = renderCard('poll', pollView(state, lang, poll));
    cards[`poll ${poll.number} (own)`] = renderCard('poll', pollFormView(state, lang, poll, me, NOBODY, { saved: true }));
  }
  if (state.phase === 'round2') return cards;
  const stickers = own(state.round3.stickers, me.id);
  Object.assign(cards, {
    intentions: renderCard('intentions', intentionsView(state, lang)),
    'sticker form': renderCard('sticker-form', stickerFormView(state, lang, stickers, NOBODY)),
    ...(stickers ? { 'stickers saved': renderCard('stickers-saved', stickersSavedView(state, lang, stickers, true)) } : {}),
    ranking: renderCard('ranking', rankingView(state, lang)),
    'discussion form': renderCard('discussion-form', discussionFormView(state, lang)),
    'closing (shared)': renderCard('closing', closingView(state, lang, { type: 'shared' })),
    'closing (form)': renderCard('closing', closingView(state, lang, { type: 'form', subject: me, who: NOBODY })),
    'closing (saved)': renderCard('closing', closingView(state, lang, { type: 'saved' })),
    summary: summaryCard(buildTableSummary(state, lang), lang),
    // A leider's, with five download links as long as the signer makes them.
    'short summary': shortSummaryCard(buildTableSummary(state, lang), lang, {
      type: 'links',
      links: ['docx', 'md', 'csv', 'json', 'pptx'].map((kind) => ({
        kind,
        title: kind,
        url: `https://sociale-basis.gemeente.example.nl/exports/c/${'t'.repeat(43)}/1741786200000/${kind}/nl/1742391000/${'s'.repeat(43)}`,
        expiresAt: 1742391000000,
      })),
      expiresAt: 1742391000000,
    }),
  });
  return cards;
}

function expectWithinBudget(cards: Record<string, AdaptiveCard>) {
  const over = Object.entries(cards)
    .map(([name, card]) => ({ name, bytes: cardBytes(card) }))
    .filter((c) => c.bytes > CARD_BUDGET);
  expect(over).toEqual([]);
}

/** Only TextRuns carry text: a user's text is never read as markdown, however the card was shortened. */
function expectTextOnlyInRuns(card: AdaptiveCard) {
  // One exception: the line that says until when download buttons work. Teams formats {{DATE()}} and
  // {{TIME()}} in each reader's time zone only in a TextBlock; the line holds our own text only.
  const expiry =
    /^(De knoppen werken tot|The buttons work until|De downloadknoppen werken tot|The download buttons work until) \{\{DATE\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ, SHORT\)\}\}/;
  const ours = (n: Record<string, unknown>) => n.type === 'TextBlock' && expiry.test(String(n.text));
  expect(findAll(card, (n) => (n.type === 'TextBlock' && !ours(n)) || n.type === 'FactSet')).toEqual([]);
  for (const block of findAll(card, (n) => n.type === 'RichTextBlock')) {
    for (const run of block.inlines) expect(run).toMatchObject({ type: 'TextRun', text: expect.any(String) });
  }
}

/** The placed cards the board shows: one "title — mark" per card, on its own line or in a zone's paragraph. */
function boardEntries(card: AdaptiveCard, lang: Language): string[] {
  const marks = AGREEMENTS.map((a) => t(lang, `agreement.${a}`));
  const entry = new RegExp(` — (${marks.join('|')})(;|$)`, 'gm');
  return cardText(card).match(entry) ?? [];
}

describe.each([60, 100])('a session deck of %i cards with every text at its maximum', (size) => {
  const played = {
    round1: maxTable({ deck: size, text: 'max', until: 'round1' }),
    picked: maxTable({ deck: size, text: 'max' }),
    all: maxTable({ deck: size, text: 'max', placeAll: true }),
  };

  describe.each(LANGS)('in %s', (lang) => {
    it.each(Object.keys(played) as Array<keyof typeof played>)('every card of the table (%s placed) fits in one message', (which) => {
      const cards = tableCards(played[which], lang);
      expectWithinBudget(cards);
      for (const card of Object.values(cards)) expectTextOnlyInRuns(card);
    });

    it('the session cards fit too: its form filled in, its card and the totaalbeeld', () => {
      const session = maxSession(size, lang);
      const lines = (n: number, len: number) => Array.from({ length: n }, (_, k) => dutch(len, `${k + 1} `)).join('\n');
      const values = {
        title: session.title,
        goal: session.goal,
        outcomeUse: session.outcomeUse,
        policyGoals: session.policyGoals.join('\n'),
        maxParticipants: '60',
        ingredientsMode: 'replace',
        ingredientCards: lines(LIMITS.deckSize, SESSION_LIMITS.cardTitle),
        intentionsMode: 'replace',
        intentionCards: lines(LIMITS.deckSize, SESSION_LIMITS.cardTitle),
      };
      const defaults = { ingredients: defaultDeck().ingredients.length, intentions: defaultDeck().intentions.length };
      const links = [{ title: 'Verslag (Markdown)', url: 'https://bot.example.nl/exports/s/KX7M4P/md' }];
      expectWithinBudget({
        'session form': renderCard('session-form', sessionFormView(lang, values, 'hash')),
        session: renderCard('session', sessionCardView(session, lang, { retentionDays: 30, defaults, links })),
        overview: overviewCard(combineTables([played.picked, played.all], lang), session, lang, links),
        // The live session card with 50 running tables and 100 that ended, every title at its maximum.
        'session (150 tables)': renderCard(
          'session',
          sessionCardView(withLinkedTables(session, 50, 100), lang, { retentionDays: 30, defaults, links }),
        ),
        'erase confirm': renderCard(
          'erase-confirm',
          eraseConfirmView(lang, { type: 'session', title: session.title, code: session.code, tables: 50 }),
        ),
      });
    });
  });

  it('every placed card stays on the model, its title shortened at most', () => {
    const state = played.all;
    for (const lang of LANGS) {
      const card = renderCard('board', boardView(state, lang));
      expect(boardEntries(card, lang)).toHaveLength(Object.keys(state.round2.placements).length);
      expect(cardText(card)).toMatch(SHORTENED);
    }
  });

  it('the pick and sticker forms still offer every card in every list', () => {
    const state = played.all;
    const pick = inputsOf(renderCard('pick-form', pickFormView(state, 'nl', 1, {}, undefined, NOBODY)));
    for (const id of ['inCard', 'outCard', 'doubtCard']) {
      expect(pick[id]!.choices.map((c: { value: string }) => c.value)).toEqual(state.deck.ingredients.map((c) => c.id));
    }
    const stickers = inputsOf(renderCard('sticker-form', stickerFormView(state, 'nl', undefined, NOBODY)));
    for (const id of ['sticker1', 'sticker2', 'sticker3']) {
      expect(stickers[id]!.choices.map((c: { value: string }) => c.value)).toEqual(state.deck.intentions.map((c) => c.id));
    }
  });
});

describe.each(['default', 100] as const)(
  'a table of 60, the most an organiser allows, with the %s deck and every text at its maximum',
  (deck) => {
    const state = maxTable({ deck, text: 'max', placeAll: true, participants: SESSION_LIMITS.maxTableSize });

    it.each(LANGS)('every card fits in one message (%s)', (lang) => {
      const cards = tableCards(state, lang);
      expectWithinBudget(cards);
      for (const card of Object.values(cards)) expectTextOnlyInRuns(card);
      expect(cardText(cards['reveal 1'])).toMatch(SHORTENED);
    });
  },
);

describe('the largest deck with the longest titles', () => {
  const state = maxTable({ deck: 100, text: 'max', placeAll: true });

  it('gives the pick form short, distinct titles and says where the full names are', () => {
    const card = renderCard('pick-form', pickFormView(state, 'nl', 1, {}, undefined, NOBODY));
    const titles = inputsOf(card).inCard!.choices.map((c: { title: string }) => c.title);
    expect(new Set(titles).size).toBe(100);
    titles.forEach((title: string, i: number) => {
      expect(title.startsWith(`Kaartje ${i + 1}`)).toBe(true);
      expect(title.endsWith('…')).toBe(true);
      expect([...title].length).toBeLessThan(SESSION_LIMITS.cardTitle);
    });
    expect(cardText(card)).toContain('Lange namen van kaartjes zijn hier ingekort; de volledige namen staan bij Terug naar de uitleg.');
  });

  // The tightest card: three lists of 100 choices, each value a generated card id (kept short for
  // this reason, see cardIdFor), and three 500-character arguments typed back into the form.
  it('the pick form opened again with three long arguments stays within the budget', () => {
    const submitted = own(state.pickRounds[0]!.picks, state.participants[0]!.id)!;
    for (const lang of LANGS) {
      const card = renderCard('pick-form', pickFormView(state, lang, 1, valuesOf(submitted), undefined, NOBODY));
      expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BUDGET);
      expect(inputsOf(card).inArgument!.value).toBe(submitted.picks.in.argument);
    }
  });

  it('the reveal with eight 500-character arguments per person is shortened and points to the summary', () => {
    const round = state.pickRounds[0]!;
    expect(cardBytes(renderCard('reveal', revealView(state, 'nl', round, REVEAL_FITS[0])))).toBeGreaterThan(CARD_BUDGET);
    const text = cardText(renderCard('reveal', revealView(state, 'nl', round)));
    expect(text).toContain(
      'Om in één bericht te passen zijn lange toelichtingen op deze kaart ingekort. Typ samenvatting voor de volledige tekst.',
    );
    // Every pick is still there, each argument cut with an ellipsis.
    expect(text.match(/^\[\d-(in|out|doubt)-0\] .*…$/gm)).toHaveLength(24);
  });
});

describe('a normal table is not shortened', () => {
  const typical = maxTable({ deck: 'default', text: 'typical' });

  it.each(LANGS)('the default deck with typical texts: every card as it is (%s)', (lang) => {
    const cards = tableCards(typical, lang);
    const { summary: _summary, ...rest } = cards;
    for (const [name, card] of Object.entries(rest)) {
      expect([name, cardText(card).match(SHORTENED)?.[0]]).toEqual([name, undefined]);
    }
    expectWithinBudget(cards);
    // The cards that can be shortened are their full variant, byte for byte.
    expect(cards.board).toEqual(renderCard('board', boardView(typical, lang, BOARD_FITS[0])));
    expect(cards['reveal 1']).toEqual(renderCard('reveal', revealView(typical, lang, typical.pickRounds[0]!, REVEAL_FITS[0])));
    expect(cards['pick form']).toEqual(renderCard('pick-form', pickFormView(typical, lang, 1, {}, undefined, NOBODY, CHOICE_FITS[0])));
    expect(cards['sticker form']).toEqual(
      renderCard(
        'sticker-form',
        stickerFormView(
          typical,
          lang,
          own(typical.round3.stickers, typical.participants[0]!.id),
          NOBODY,
          undefined,
          undefined,
          CHOICE_FITS[0],
        ),
      ),
    );
  });

  it('the summary of a realistic table is whole', () => {
    const ended = endedTable();
    for (const lang of LANGS) expect(cardText(summaryCard(buildTableSummary(ended, lang), lang))).not.toMatch(SHORTENED);
  });

  it('a session deck of 60 cards with typical texts keeps its full titles in the forms', () => {
    const state = maxTable({ deck: 60, text: 'typical', until: 'round1' });
    const card = renderCard('pick-form', pickFormView(state, 'nl', 1, {}, undefined, NOBODY));
    expect(inputsOf(card).inCard!.choices.map((c: { title: string }) => c.title)).toEqual(
      state.deck.ingredients.map((c) => choiceTitle('nl', c)),
    );
    expect(cardText(card)).not.toMatch(SHORTENED);
  });
});

describe('a deck made for the session', () => {
  it('has the size and titles the benchmark uses', () => {
    const deck = sessionDeck(100);
    expect(deck.ingredients).toHaveLength(100);
    expect(deck.intentions).toHaveLength(100);
    expect(deck.ingredients.every((c) => [...c.title].length === SESSION_LIMITS.cardTitle)).toBe(true);
  });
});
