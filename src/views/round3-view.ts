import { LIMITS, rankIntentions, stickersUsed, type Language, type Participant, type StickerSet, type TableState } from '../domain';
import { t } from '../i18n';
import type { Message } from './error-view';
import { choiceTitle } from './picks-view';
import { bold, heading, plain, rich } from './rich-text';
import type { SubjectSwitch } from './subject-switch';

/** The shared Round 3 card: what the round is about, the intentions, and the buttons. */
export function intentionsView(state: TableState, lang: Language, error?: Message) {
  return {
    ...(error ? { error: rich(lang, error.key, error.params) } : {}),
    heading: heading(t(lang, 'r3.title'), 'Large'),
    intro: rich(lang, 'r3.intro'),
    assignment: rich(lang, 'r3.assignment'),
    listTitle: bold(t(lang, 'r3.listTitle', { count: state.deck.intentions.length })),
    intentions: state.deck.intentions.map((c) => ({ line: plain(`• ${choiceTitle(lang, c)}`) })),
    buttons: { open: t(lang, 'r3.open'), addOwn: t(lang, 'r3.addOwn') },
  };
}

/** Three stickers as three choices: several on one intention is allowed, a fourth is impossible. */
export function stickerFormView(state: TableState, lang: Language, current: StickerSet | undefined, who: SubjectSwitch & { for?: string }, error?: Message, values?: string[]) {
  const slots = values ?? slotsOf(current);
  const choices = state.deck.intentions.map((c) => ({ title: choiceTitle(lang, c), value: c.id }));
  return {
    heading: heading(t(lang, 'stickers.formTitle'), 'Large'),
    note: rich(lang, 'stickers.private'),
    current: who.current,
    switches: who.switches,
    ...(error ? { error: rich(lang, error.key, error.params) } : {}),
    slots: Array.from({ length: LIMITS.stickers }, (_, i) => ({
      id: `sticker${i + 1}`,
      label: t(lang, 'stickers.slot', { n: i + 1 }),
      placeholder: t(lang, 'stickers.none'),
      choices,
      value: slots[i] ?? '',
    })),
    submit: { title: t(lang, 'stickers.submit'), for: who.for ?? '' },
  };
}

/** The stickers as one value per sticker, for the form's three choices. */
export function slotsOf(set: StickerSet | undefined): string[] {
  if (!set) return [];
  return Object.entries(set.counts).flatMap(([id, n]) => Array.from({ length: n }, () => id));
}

export function stickersSavedView(state: TableState, lang: Language, set: StickerSet, closed: boolean, forId = '') {
  const used = stickersUsed(set.counts);
  const entries = Object.entries(set.counts).map(([id, count]) => {
    const card = state.deck.intentions.find((c) => c.id === id);
    return { line: rich(lang, 'stickers.entry', { count, title: card ? choiceTitle(lang, card) : id }) };
  });
  return {
    heading: heading(t(lang, 'stickers.savedTitle'), 'Large'),
    note: rich(lang, closed ? 'stickers.frozen' : 'stickers.private'),
    entries,
    ...(used < LIMITS.stickers && !closed ? { left: rich(lang, 'stickers.left', { count: LIMITS.stickers - used }) } : {}),
    ...(closed ? {} : { change: { title: t(lang, 'stickers.change'), for: forId } }),
  };
}

/** Shared progress of the sticker round: how many placed stickers, never on what. */
export function stickerProgressView(state: TableState, lang: Language) {
  const total = state.participants.length;
  const done = state.participants.filter((p) => Object.hasOwn(state.round3.stickers, p.id)).length;
  const closed = state.round3.closedAt !== undefined;
  return {
    heading: bold(t(lang, 'stickers.progressTitle')),
    count: rich(lang, 'stickers.progress', { done, total }),
    detail: closed ? rich(lang, 'stickers.closed') : done === total && total > 0 ? rich(lang, 'stickers.allDone') : [],
  };
}

/** The ranking after the vote closed, with the chart, the policy goals and the recorded discussion. */
export function rankingView(state: TableState, lang: Language) {
  const ranked = rankIntentions(state);
  const withStickers = ranked.filter((r) => r.total > 0);
  const without = ranked.filter((r) => r.total === 0);
  const d = state.round3.discussion;
  const main = d.mainIntention ? state.deck.intentions.find((c) => c.id === d.mainIntention) : undefined;
  const discussion = [
    ...(d.mainIntention !== undefined || d.agreements || d.disagreements || d.policyRelation
      ? [{ line: main ? rich(lang, 'ranking.main', { title: main.title }) : rich(lang, 'ranking.noMain') }]
      : []),
    ...(d.agreements ? [{ line: rich(lang, 'ranking.agreements', { text: d.agreements }) }] : []),
    ...(d.disagreements ? [{ line: rich(lang, 'ranking.disagreements', { text: d.disagreements }) }] : []),
    ...(d.policyRelation ? [{ line: rich(lang, 'ranking.policyRelation', { text: d.policyRelation }) }] : []),
  ];
  const goals = state.settings.policyGoals ?? [];
  return {
    heading: heading(t(lang, 'ranking.title'), 'Large'),
    intro: rich(lang, 'ranking.intro'),
    chart: { title: t(lang, 'ranking.chartTitle'), data: withStickers.map((r) => ({ x: choiceTitle(lang, r.card), y: r.total })) },
    rows: withStickers.map((r) => ({
      line: rich(lang, r.tied ? 'ranking.rowTied' : 'ranking.row', { rank: r.rank, title: choiceTitle(lang, r.card), count: r.total }),
    })),
    ...(without.length > 0 ? { unranked: rich(lang, 'ranking.noStickers', { titles: without.map((r) => choiceTitle(lang, r.card)).join('; ') }) } : {}),
    ...(goals.length > 0 ? { policy: { title: bold(t(lang, 'ranking.policyTitle')), goals: goals.map((g) => ({ line: plain(`• ${g}`) })) } } : {}),
    ...(discussion.length > 0 ? { discussion } : {}),
    questions: rich(lang, 'ranking.questions'),
    record: t(lang, 'ranking.record'),
  };
}

export interface DiscussionValues {
  mainIntention?: string;
  agreements?: string;
  disagreements?: string;
  policyRelation?: string;
  policyGoals?: string;
}

export function discussionFormView(state: TableState, lang: Language, values?: DiscussionValues, error?: Message, done?: Message) {
  const d = state.round3.discussion;
  const v: DiscussionValues = values ?? { ...d, policyGoals: (state.settings.policyGoals ?? []).join('\n') };
  const ranked = rankIntentions(state).filter((r) => r.total > 0);
  return {
    heading: heading(t(lang, 'discussion.title'), 'Large'),
    ...(done ? { done: rich(lang, done.key, done.params) } : {}),
    ...(error ? { error: rich(lang, error.key, error.params) } : {}),
    labels: {
      main: t(lang, 'discussion.main'),
      agreements: t(lang, 'discussion.agreements'),
      disagreements: t(lang, 'discussion.disagreements'),
      policyRelation: t(lang, 'discussion.policyRelation'),
      policyGoals: t(lang, 'discussion.policyGoals'),
      save: t(lang, 'discussion.save'),
      back: t(lang, 'ranking.back'),
    },
    mainChoices: [{ title: t(lang, 'discussion.noMain'), value: 'none' }, ...ranked.map((r) => ({ title: choiceTitle(lang, r.card), value: r.card.id }))],
    values: {
      mainIntention: v.mainIntention ?? 'none',
      agreements: v.agreements ?? '',
      disagreements: v.disagreements ?? '',
      policyRelation: v.policyRelation ?? '',
      policyGoals: v.policyGoals ?? '',
    },
    max: LIMITS.discussion,
    goalsMax: LIMITS.policyGoal * LIMITS.policyGoals,
  };
}

export function closingView(
  state: TableState,
  lang: Language,
  mode: { type: 'shared'; error?: Message } | { type: 'form'; subject: Participant; who: SubjectSwitch & { for?: string }; values?: { learned?: string; action?: string }; error?: Message } | { type: 'saved' },
) {
  const base = {
    heading: heading(t(lang, 'closing.title'), 'Large'),
    learned: bold(t(lang, 'closing.learned')),
    action: bold(t(lang, 'closing.action')),
    intro: rich(lang, 'closing.intro'),
    next: state.phase === 'closing' ? rich(lang, 'closing.next') : [],
  };
  if (mode.type === 'shared') return { ...base, open: t(lang, 'closing.open'), ...(mode.error ? { error: rich(lang, mode.error.key, mode.error.params) } : {}) };
  if (mode.type === 'saved') return { ...base, saved: rich(lang, 'closing.saved'), open: t(lang, 'intro.change') };
  const answer = Object.hasOwn(state.closing, mode.subject.id) ? state.closing[mode.subject.id] : undefined;
  return {
    ...base,
    // The form's own labels ask the two questions; shown above it as well they would read twice.
    learned: [],
    action: [],
    form: {
      current: mode.who.current,
      switches: mode.who.switches,
      learnedLabel: t(lang, 'closing.learned'),
      learned: mode.values?.learned ?? answer?.learned ?? '',
      actionLabel: t(lang, 'closing.action'),
      action: mode.values?.action ?? answer?.action ?? '',
      max: LIMITS.closingAnswer,
      submit: t(lang, 'closing.submit'),
      for: mode.who.for ?? '',
    },
    ...(mode.error ? { error: rich(lang, mode.error.key, mode.error.params) } : {}),
  };
}
