/**
 * Accessible cards (issue 12): every card the bot can send, rendered with the data the views give it
 * for a leider, a participant and the whole group, in both languages, at every step of a table, is
 * held to the rules in accessibility-rules.ts (labelled inputs, text alternatives, no meaning by
 * colour alone, contrast, buttons that say what they do). The rules are first shown to fail on cards
 * that break them, so a green run means something. docs/accessibility.md explains the rules.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { createSession, defaultDeck, groupView, viewFor, type Language, type SessionState, type TableState } from '../../src/domain';
import { combineTables } from '../../src/report/combined';
import { buildTableSummary } from '../../src/report/table-summary';
import * as render from '../../src/views/render';
import {
  CONTROLLED_CARDS,
  boardView,
  controlsView,
  discussionCardView,
  helpView,
  introView,
  noticeCard,
  ownCardFormView,
  pickFormView,
  placeFormView,
  round1View,
  round2ToolsView,
  statusView,
  welcomeView,
  type AdaptiveCard,
} from '../../src/views';
import { channelPostCard } from '../../src/views/channel-post-view';
import { guestConsentView, guestFillView } from '../../src/views/guest-form-view';
import { leaderConsentView } from '../../src/views/leader-consent-view';
import { overviewCard } from '../../src/views/overview-view';
import { eraseConfirmView, sessionCardView, sessionFormView } from '../../src/views/session-view';
import { shortSummaryCard } from '../../src/views/short-summary-view';
import { summaryCard } from '../../src/views/summary-view';
import { accessibilityProblems, actionProblems, colourProblems, imageProblems, inputProblems } from './accessibility-rules';
import { maxTable, T0 } from './max-table';
import { reachableCards } from './reachable-cards';

const LANGS: Language[] = ['nl', 'en'];
const NOBODY = { current: [], switches: [] };
const PICTURE = { url: 'https://bot.example.nl/pictures/t/1/abc.png', alt: 'Het ingevulde model: persoonlijk, 3 kaartjes.' };

describe('the accessibility rules themselves', () => {
  const card = (...body: unknown[]) => ({ type: 'AdaptiveCard', body });

  it('find an input without a label, a required one without an error message, and a maximum its label does not state', () => {
    expect(
      inputProblems(
        card(
          { type: 'Input.Text', id: 'a' },
          { type: 'Input.Text', id: 'b', label: 'Naam', isRequired: true },
          { type: 'Input.Text', id: 'c', label: 'Toelichting', maxLength: 500 },
          { type: 'Input.Text', id: 'd', label: 'Toelichting (max. 500 tekens)', maxLength: 500 },
          { type: 'Input.ChoiceSet', id: 'e', label: 'Kaartje', choices: [{ title: '', value: 'x' }] },
        ),
      ),
    ).toEqual([
      "Input.Text 'a' has no label",
      "Input.Text 'b' is required but has no errorMessage",
      "Input.Text 'c': its label does not state its maximum 500: Toelichting",
      "Input.ChoiceSet 'e' has a choice without a title (x)",
    ]);
  });

  it('find an image without altText and a chart without a title', () => {
    expect(
      imageProblems(card({ type: 'Image', url: 'u' }, { type: 'Image', url: 'v', altText: 'Het model' }, { type: 'Chart.Pie' })),
    ).toEqual(['Image u has no altText', 'Chart.Pie has no title']);
  });

  it('find coloured text, subtle text on a tint or holding what someone typed, and a status colour without words', () => {
    expect(
      colourProblems(
        card(
          { type: 'TextBlock', text: 'Gelukt', color: 'good' },
          { type: 'TextBlock', text: 'Verborgen', color: 'light' },
          { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'Let op', color: 'Attention' }] },
          {
            type: 'Container',
            style: 'emphasis',
            items: [{ type: 'RichTextBlock', isSubtle: true, inlines: [{ type: 'TextRun', text: 'tip' }] }],
          },
          { type: 'RichTextBlock', isSubtle: true, inlines: [{ type: 'TextRun', text: 'Het café in de wijk is fijn' }] },
          { type: 'Container', style: 'attention', items: [{ type: 'ActionSet', actions: [] }] },
          { type: 'Container', style: 'good', items: [{ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'Vastgelegd.' }] }] },
          { type: 'RichTextBlock', isSubtle: true, inlines: [{ type: 'TextRun', text: 'Typ help voor meer.' }] },
        ),
      ),
    ).toEqual([
      'TextBlock has color good: Gelukt',
      'TextBlock has color light: Verborgen',
      'TextRun has color Attention: Let op',
      'subtle text on a emphasis container: tip',
      'subtle text holds what a person typed: Het café in de wijk is fijn',
      'a attention container says nothing in words: its colour alone carries the meaning',
    ]);
  });

  it('find a button without a title, a vague one, a dead one and one that targets nothing', () => {
    expect(
      actionProblems({
        ...card({ type: 'ActionSet', actions: [{ type: 'Action.ToggleVisibility', title: 'Toon alles', targetElements: ['weg'] }] }),
        actions: [
          { type: 'Action.Execute', verb: 'join' },
          { type: 'Action.Execute', title: 'OK', verb: 'join' },
          { type: 'Action.Execute', title: 'Doe mee', verb: 'nergens' },
          { type: 'Action.Submit', title: 'Opslaan' },
          { type: 'Action.OpenUrl', title: 'Verslag', url: 'javascript:alert(1)' },
          { type: 'Action.Execute', title: 'Doe mee', verb: 'join' },
        ],
      }),
    ).toEqual([
      "Action.ToggleVisibility 'Toon alles' targets 'weg', which is not in the card",
      'Action.Execute (join) has no title',
      "Action.Execute 'OK' does not say what it does",
      "Action.Execute 'Doe mee' has an unknown verb 'nergens'",
      "Action.Submit 'Opslaan': Teams answers it without the bot's card (use Action.Execute)",
      "Action.OpenUrl 'Verslag' opens no https link: javascript:alert(1)",
    ]);
  });
});

function typicalSession(lang: Language): SessionState {
  const r = createSession({
    code: 'KX7M4P',
    actor: { id: 'o', name: 'Olga Organisator' },
    tenantId: 't',
    thread: 'th',
    language: lang,
    form: {
      title: 'Sociale basis Noord',
      goal: 'Samen zien wat de wijk al heeft.',
      outcomeUse: 'De uitkomsten gaan naar de gemeenteraad.',
      policyGoals: 'Iedereen doet mee\nEenzaamheid voorkomen',
      maxParticipants: 8,
      ingredients: { mode: 'extend', text: 'Het café in de wijk' },
      intentions: { mode: 'extend', text: '' },
    },
    defaultTitle: 'Sessie',
    defaultDeck: defaultDeck(),
    now: T0,
  });
  if (r.type === 'error') throw new Error(r.code);
  return r.session;
}

/** Cards that are not a view of one table from one viewer: the session's, the reports, notices, the controls. */
function otherCards(state: TableState, lang: Language): Record<string, AdaptiveCard> {
  const group = groupView(state);
  const me = group.participants[0]!;
  const guest = { ...me, id: 'guest:karel', name: 'Karel Kleefstra', guest: true };
  const session = typicalSession(lang);
  const summary = buildTableSummary(group, lang);
  const links = [{ title: 'Verslag (Markdown)', url: 'https://bot.example.nl/exports/s/KX7M4P/md' }];
  const cards: Record<string, AdaptiveCard> = {
    help: render.renderCard('help', helpView(lang)),
    // A guest as the leider adds one; the form's own part (consent, way back) is rendered with the step's form.
    'guest fill': render.renderCard('guest-fill', guestFillView(group, lang, guest, { type: 'picks', round: 1 })),
    'guest fill (no step, refused)': render.renderCard(
      'guest-fill',
      guestFillView(group, lang, guest, undefined, { key: 'error.notParticipant' }),
    ),
    'guest consent': render.renderCard('guest-consent', guestConsentView(lang, guest, true)),
    status: render.renderCard('status', statusView(group, lang)),
    'welcome (own, refused)': render.renderCard(
      'welcome',
      welcomeView(group, lang, { retentionDays: 30, viewer: me, error: { key: 'error.notParticipant' } }),
    ),
    'leader consent': render.renderCard('leader-consent', leaderConsentView(group, lang, group.lead, 'lead', { person: 'p' })),
    'leader consent (refused)': render.renderCard(
      'leader-consent',
      leaderConsentView(group, lang, group.lead, 'lead', {
        person: 'p',
        error: { key: 'leaderConsent.notYours', params: { name: 'Lea' } },
      }),
    ),
    'intro (saved)': render.renderCard('intro', introView(group, lang, { type: 'saved' })),
    'intro (refused)': render.renderCard('intro', introView(group, lang, { type: 'form', error: { key: 'error.notParticipant' } })),
    'round1 (refused)': render.renderCard('round1', round1View(group, lang, 1, { key: 'error.notParticipant' })),
    'pick form (refused)': render.renderCard('pick-form', pickFormView(group, lang, 1, {}, { key: 'error.notParticipant' }, NOBODY)),
    'board (picture)': render.renderCard('board', boardView(group, lang, undefined, PICTURE)),
    'place form (saved)': render.renderCard('place-form', placeFormView(group, lang, {}, undefined, { key: 'controls.done' })),
    'place form (refused)': render.renderCard(
      'place-form',
      placeFormView(group, lang, {}, { key: 'error.notLeader', params: { lead: 'Lea' } }),
    ),
    tools: render.renderCard('round2-tools', round2ToolsView(lang, { key: 'error.notParticipant' })),
    'own card form': render.renderCard('own-card-form', ownCardFormView(lang, 'ingredient')),
    'own card form (added)': render.renderCard(
      'own-card-form',
      ownCardFormView(lang, 'intention', {}, undefined, { key: 'own.added', params: { title: 'Het café in de wijk' } }),
    ),
    'own card form (refused)': render.renderCard('own-card-form', ownCardFormView(lang, 'intention', {}, { key: 'error.notParticipant' })),
    discussion: render.renderCard('discussion', discussionCardView(group, lang)),
    'notice (refusal)': noticeCard(lang, 'error.notLeader', { lead: 'Lea' }),
    'notice (good)': noticeCard(lang, 'language.changed', undefined, 'good'),
    'notice (accent)': noticeCard(lang, 'controls.done', undefined, 'accent'),
    summary: summaryCard(summary, lang, PICTURE),
    'channel post': channelPostCard(summary, lang),
    'short summary': shortSummaryCard(summary, lang, { type: 'participant' }),
    'short summary (links)': shortSummaryCard(summary, lang, {
      type: 'links',
      links: [{ kind: 'md', title: 'Markdown', url: 'https://bot.example.nl/exports/c/t/1/md/nl/2/s', expiresAt: T0 }],
      expiresAt: T0,
    }),
    overview: overviewCard(combineTables([group], lang), session, lang, links, PICTURE),
    'session form': render.renderCard('session-form', sessionFormView(lang, {}, 'hash', { key: 'error.notParticipant' })),
    session: render.renderCard(
      'session',
      sessionCardView(session, lang, { retentionDays: 30, defaults: { ingredients: 1, intentions: 1 }, links }),
    ),
    'erase confirm': render.renderCard(
      'erase-confirm',
      eraseConfirmView(lang, { type: 'session', title: session.title, code: session.code, tables: 2 }),
    ),
  };
  // The leider's controls on each card, and what a participant who pressed one reads.
  for (const on of CONTROLLED_CARDS) {
    const ref = { card: on, n: 1 };
    cards[`controls on ${on}`] = render.renderCard(
      'controls',
      controlsView(group, lang, ref, { leader: true, note: { key: 'controls.done' }, noteGood: true }),
    );
    cards[`controls on ${on} (refused)`] = render.renderCard(
      'controls',
      controlsView(group, lang, ref, { leader: false, note: { key: 'error.notLeader', params: { lead: 'Lea' } } }),
    );
  }
  return cards;
}

/** Every card of a table at this step: as the leider, a participant and the group see them, and the rest. */
function allCards(state: TableState, lang: Language): Record<string, unknown> {
  const lead = { type: 'person' as const, id: state.lead.id };
  const participant = { type: 'person' as const, id: state.participants[0]!.id };
  const prefixed = (prefix: string, cards: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(cards).map(([name, card]) => [`${prefix} ${name}`, card]));
  return {
    ...prefixed('leider:', reachableCards(viewFor(state, lead), lang)),
    ...prefixed('deelnemer:', reachableCards(viewFor(state, participant), lang)),
    ...prefixed('groep:', reachableCards(groupView(state), lang)),
    ...otherCards(state, lang),
  };
}

const STEPS = ['round1', 'revealed', 'round2', 'ended'] as const;

describe('every card the bot sends', () => {
  const used = new Set<string>();
  const spy = jest.spyOn(render, 'renderCard');
  afterAll(() => spy.mockRestore());

  describe.each(LANGS)('in %s', (lang) => {
    it.each(STEPS)('keeps the rules at every step of a typical table (until %s)', (until) => {
      spy.mockClear();
      const cards = allCards(maxTable({ deck: 'default', text: 'typical', until }), lang);
      for (const [name] of spy.mock.calls) used.add(name);
      expect(Object.entries(cards).flatMap(([name, card]) => accessibilityProblems(name, card as AdaptiveCard))).toEqual([]);
    });

    it('keeps the rules with a session deck and every text at its maximum', () => {
      spy.mockClear();
      const cards = allCards(maxTable({ deck: 60, text: 'max' }), lang);
      for (const [name] of spy.mock.calls) used.add(name);
      expect(Object.entries(cards).flatMap(([name, card]) => accessibilityProblems(name, card as AdaptiveCard))).toEqual([]);
    });
  });

  it('covers every template in cards/', () => {
    const templates = readdirSync(path.join(__dirname, '../../cards'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''));
    expect(templates.filter((name) => !used.has(name))).toEqual([]);
  });
});
