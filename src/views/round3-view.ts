import {
  LIMITS,
  rankIntentions,
  stickersUsed,
  type Card,
  type Language,
  type Participant,
  type StickerSet,
  type TableView,
} from '../domain';
import { t } from '../i18n';
import { withMax, withMaxPerLine } from './field-label';
import type { Message } from './error-view';
import { fitView, Shortener } from './fit';
import { cardChoices, CHOICE_FITS, choiceTitle, type ChoiceFit } from './picks-view';
import { STICKER_INPUTS } from './card-vocabulary';
import { stepLine } from './step-view';
import { bold, heading, plain, rich } from './rich-text';
import type { SubjectSwitch } from './subject-switch';

/** The shared Round 3 card: what the round is about, the intentions, and the buttons. */
export function intentionsView(state: TableView, lang: Language, error?: Message) {
  return {
    ...(error ? { error: rich(lang, error) } : {}),
    heading: heading(t(lang, 'r3.title'), 'Large'),
    ...stepLine(state, lang, 'round3'),
    intro: rich(lang, 'r3.intro'),
    assignment: rich(lang, 'r3.assignment'),
    listTitle: bold(t(lang, 'r3.listTitle', { count: state.deck.intentions.length })),
    intentions: state.deck.intentions.map((c) => ({ line: plain(`• ${choiceTitle(lang, c)}`) })),
    buttons: { open: t(lang, 'r3.open'), addOwn: t(lang, 'r3.addOwn') },
  };
}

/** Three stickers as three choices: several on one intention is allowed, a fourth is impossible. */
export function stickerFormView(
  state: TableView,
  lang: Language,
  current: StickerSet | undefined,
  who: SubjectSwitch & { for?: string },
  error?: Message,
  values?: string[],
  fit?: ChoiceFit,
): ReturnType<typeof stickerFormVariant> {
  const variant = (f: ChoiceFit) => stickerFormVariant(state, lang, current, who, error, values, f);
  return fit ? variant(fit) : fitView('sticker-form', CHOICE_FITS, variant);
}

function stickerFormVariant(
  state: TableView,
  lang: Language,
  current: StickerSet | undefined,
  who: SubjectSwitch & { for?: string },
  error: Message | undefined,
  values: string[] | undefined,
  fit: ChoiceFit,
) {
  const slots = values ?? slotsOf(current);
  const s = new Shortener();
  const choices = cardChoices(lang, state.deck.intentions, s, fit.maxTitle);
  return {
    heading: heading(t(lang, 'stickers.formTitle'), 'Large'),
    note: rich(lang, 'stickers.private'),
    ...(s.shortened ? { shortened: rich(lang, 'stickers.shortTitles') } : {}),
    current: who.current,
    switches: who.switches,
    ...(error ? { error: rich(lang, error) } : {}),
    slots: STICKER_INPUTS.map((id, i) => ({
      id,
      label: t(lang, 'stickers.slot', { n: i + 1 }),
      placeholder: t(lang, 'stickers.none'),
      choices,
      value: slots[i] ?? '',
    })),
    submit: { title: t(lang, 'stickers.submit'), for: who.for ?? '' },
    back: t(lang, 'r3.back'),
  };
}

/** The stickers as one value per sticker, for the form's three choices. */
export function slotsOf(set: StickerSet | undefined): string[] {
  if (!set) return [];
  return Object.entries(set.counts).flatMap(([id, n]) => Array.from({ length: n }, () => id));
}

export function stickersSavedView(state: TableView, lang: Language, set: StickerSet, closed: boolean, forId = '') {
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
export function stickerProgressView(state: TableView, lang: Language) {
  const total = state.participants.length;
  const voted = new Set(state.round3.voted);
  const done = state.participants.filter((p) => voted.has(p.id)).length;
  const closed = state.round3.closedAt !== undefined;
  return {
    heading: bold(t(lang, 'stickers.progressTitle')),
    count: rich(lang, 'stickers.progress', { done, total }),
    detail: closed ? rich(lang, 'stickers.closed') : done === total && total > 0 ? rich(lang, 'stickers.allDone') : [],
  };
}

/** How much of the ranking card shows; every intention with stickers stays in the ranking. */
export interface RankingFit {
  /** The discussion texts and policy goals are cut to this many characters and end in "…". */
  maxText?: number;
  /** Titles are cut to this many characters, as long as they stay distinct. */
  maxTitle?: number;
  /** The ranking as one paragraph beside the chart instead of a line per intention. */
  dense?: boolean;
}

/** Tried in order until the card fits: only a big table with a big deck ever needs more than the first. */
export const RANKING_FITS: ReadonlyArray<RankingFit> = [
  {},
  { maxText: 300 },
  { maxText: 150, maxTitle: 40 },
  { maxText: 150, maxTitle: 30, dense: true },
  { maxText: 80, maxTitle: 20, dense: true },
];

/**
 * The ranking after the vote closed, with the chart, the policy goals and the recorded discussion.
 * Without a fit, the fullest variant that fits in one message.
 */
export function rankingView(state: TableView, lang: Language, fit?: RankingFit): ReturnType<typeof rankingVariant> {
  return fit ? rankingVariant(state, lang, fit) : fitView('ranking', RANKING_FITS, (f) => rankingVariant(state, lang, f));
}

function rankingVariant(state: TableView, lang: Language, fit: RankingFit) {
  const s = new Shortener();
  const cut = (text: string) => s.cut(text, fit.maxText);
  // While the vote is open there is no ranking to show, not even of the viewer's own stickers.
  const closed = state.round3.closedAt !== undefined;
  const ranked = closed ? rankIntentions(state) : [];
  const shortTitles = s.titles(
    ranked.map((r) => r.card.title),
    fit.maxTitle,
  );
  const short = new Map(ranked.map((r, i) => [r.card.id, shortTitles[i]!]));
  const title = (card: Card) => choiceTitle(lang, { ...card, title: short.get(card.id) ?? card.title });
  const withStickers = ranked.filter((r) => r.total > 0);
  const without = ranked.filter((r) => r.total === 0);
  const d = state.round3.discussion;
  const main = d.mainIntention ? state.deck.intentions.find((c) => c.id === d.mainIntention) : undefined;
  const discussion = discussionLines(d, main && (short.get(main.id) ?? main.title), lang, cut);
  const goals = state.settings.policyGoals ?? [];
  const rows = withStickers.map((r) =>
    rich(lang, r.tied ? 'ranking.rowTied' : 'ranking.row', { rank: r.rank, title: title(r.card), count: r.total }),
  );
  const data = {
    heading: heading(t(lang, 'ranking.title'), 'Large'),
    intro: rich(lang, closed ? 'ranking.intro' : 'ranking.pending'),
    ...(closed
      ? { chart: { title: t(lang, 'ranking.chartTitle'), data: withStickers.map((r) => ({ x: title(r.card), y: r.total })) } }
      : {}),
    // Dense: the chart shows the bars; the list beside it becomes one paragraph.
    rows:
      fit.dense && rows.length
        ? [{ line: plain(rows.map((runs) => runs.map((run) => run.text).join('')).join(' · ')) }]
        : rows.map((line) => ({ line })),
    ...(closed && without.length > 0
      ? { unranked: rich(lang, 'ranking.noStickers', { titles: without.map((r) => title(r.card)).join('; ') }) }
      : {}),
    ...(goals.length > 0
      ? { policy: { title: bold(t(lang, 'ranking.policyTitle')), goals: goals.map((g) => ({ line: plain(`• ${cut(g)}`) })) } }
      : {}),
    ...(discussion.length > 0 ? { discussion } : {}),
    questions: rich(lang, 'ranking.questions'),
  };
  return { ...data, ...(s.shortened ? { shortened: rich(lang, 'ranking.shortened') } : {}) };
}

export interface DiscussionValues {
  mainIntention?: string;
  agreements?: string;
  disagreements?: string;
  policyRelation?: string;
  policyGoals?: string;
}

export function discussionFormView(state: TableView, lang: Language, values?: DiscussionValues, error?: Message, done?: Message) {
  const d = state.round3.discussion;
  const v: DiscussionValues = values ?? { ...d, policyGoals: (state.settings.policyGoals ?? []).join('\n') };
  const ranked = state.round3.closedAt !== undefined ? rankIntentions(state).filter((r) => r.total > 0) : [];
  return {
    heading: heading(t(lang, 'discussion.title'), 'Large'),
    ...(done ? { done: rich(lang, done) } : {}),
    ...(error ? { error: rich(lang, error) } : {}),
    labels: {
      main: t(lang, 'discussion.main'),
      agreements: withMax(lang, t(lang, 'discussion.agreements'), LIMITS.discussion),
      disagreements: withMax(lang, t(lang, 'discussion.disagreements'), LIMITS.discussion),
      policyRelation: withMax(lang, t(lang, 'discussion.policyRelation'), LIMITS.discussion),
      policyGoals: withMaxPerLine(lang, t(lang, 'discussion.policyGoals'), LIMITS.policyGoal),
      save: t(lang, 'discussion.save'),
      back: t(lang, 'ranking.back'),
    },
    mainChoices: [
      { title: t(lang, 'discussion.noMain'), value: 'none' },
      ...ranked.map((r) => ({ title: choiceTitle(lang, r.card), value: r.card.id })),
    ],
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
  state: TableView,
  lang: Language,
  mode:
    | { type: 'shared'; error?: Message }
    | {
        type: 'form';
        subject: Participant;
        who: SubjectSwitch & { for?: string };
        values?: { learned?: string; action?: string };
        error?: Message;
      }
    | { type: 'saved'; for?: string },
) {
  const base = {
    heading: heading(t(lang, 'closing.title'), 'Large'),
    ...stepLine(state, lang, 'closing'),
    learned: bold(t(lang, 'closing.learned')),
    action: bold(t(lang, 'closing.action')),
    intro: rich(lang, 'closing.intro'),
    next: state.phase === 'closing' ? rich(lang, 'closing.next') : [],
  };
  if (mode.type === 'shared')
    return { ...base, open: t(lang, 'closing.open'), for: '', ...(mode.error ? { error: rich(lang, mode.error) } : {}) };
  // "Wijzig" opens the same person's answer again: the guest's when it was the guest's.
  if (mode.type === 'saved') return { ...base, saved: rich(lang, 'closing.saved'), open: t(lang, 'intro.change'), for: mode.for ?? '' };
  const answer = Object.hasOwn(state.closing, mode.subject.id) ? state.closing[mode.subject.id] : undefined;
  return {
    ...base,
    // The form's own labels ask the two questions; shown above it as well they would read twice.
    learned: [],
    action: [],
    form: {
      current: mode.who.current,
      switches: mode.who.switches,
      learnedLabel: withMax(lang, t(lang, 'closing.learned'), LIMITS.closingAnswer),
      learned: mode.values?.learned ?? answer?.learned ?? '',
      actionLabel: withMax(lang, t(lang, 'closing.action'), LIMITS.closingAnswer),
      action: mode.values?.action ?? answer?.action ?? '',
      max: LIMITS.closingAnswer,
      submit: t(lang, 'closing.submit'),
      for: mode.who.for ?? '',
    },
    ...(mode.error ? { error: rich(lang, mode.error) } : {}),
  };
}

/** What the table said about the ranking, a line per part that was recorded. */
function discussionLines(d: TableView['round3']['discussion'], main: string | undefined, lang: Language, cut: (text: string) => string) {
  return [
    ...(d.mainIntention !== undefined || d.agreements || d.disagreements || d.policyRelation
      ? [{ line: main ? rich(lang, 'ranking.main', { title: main }) : rich(lang, 'ranking.noMain') }]
      : []),
    ...(d.agreements ? [{ line: rich(lang, 'ranking.agreements', { text: cut(d.agreements) }) }] : []),
    ...(d.disagreements ? [{ line: rich(lang, 'ranking.disagreements', { text: cut(d.disagreements) }) }] : []),
    ...(d.policyRelation ? [{ line: rich(lang, 'ranking.policyRelation', { text: cut(d.policyRelation) }) }] : []),
  ];
}

/**
 * The recorded discussion on a message of its own, updated as the leider records it: the ranking card
 * itself stays as it was posted, because the discussion form opens on it.
 */
export function discussionCardView(state: TableView, lang: Language) {
  const d = state.round3.discussion;
  const main = d.mainIntention ? state.deck.intentions.find((c) => c.id === d.mainIntention) : undefined;
  const s = new Shortener();
  return {
    heading: bold(t(lang, 'discussion.cardTitle')),
    lines: discussionLines(d, main && choiceTitle(lang, main), lang, (text) => s.cut(text, 1000)),
  };
}
