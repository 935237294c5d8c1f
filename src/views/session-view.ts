import {
  BUDGET_LIMITS,
  DEFAULT_STEP_MINUTES,
  formatCode,
  formatStepBudgets,
  LIMITS,
  MAX_TABLES_PER_SESSION,
  PHASES,
  runningTables,
  SESSION_LIMITS,
  stepBudgets,
  totalMinutes,
  type DeckOrigin,
  type Language,
  type SessionState,
  type StepBudgets,
} from '../domain';
import { t, type PlainKey } from '../i18n';
import { withMax, withMaxPerLine } from './field-label';
import { linkExpiry } from './link-expiry';
import type { Message } from './error-view';
import { bold, heading, plain, rich, type TextRun } from './rich-text';

/** A download (or any) link on a card, shown as a button; filled in by whoever builds the exports. */
export interface CardLink {
  title: string;
  url: string;
  /** Which export (md, docx, ...), when the link is one. */
  kind?: string;
  /** Until when the link works (ms since 1970), when it expires. */
  expiresAt?: number;
}

/** What the organiser typed, kept when the form comes back with a message. */
export interface SessionFormValues {
  title?: string;
  goal?: string;
  outcomeUse?: string;
  policyGoals?: string;
  maxParticipants?: string | number;
  stepMinutes?: string;
  ingredientsMode?: string;
  ingredientCards?: string;
  intentionsMode?: string;
  intentionCards?: string;
}

/**
 * The form the organiser fills in after `sessie nieuw`. `by` is a hash of the organiser's id: the
 * form is theirs, so someone else in the channel who presses the button by mistake is told so.
 */
export function sessionFormView(lang: Language, values: SessionFormValues, by: string, error?: Message) {
  return {
    heading: heading(t(lang, 'session.formTitle'), 'Large'),
    intro: rich(lang, 'session.formIntro'),
    ...(error ? { error: rich(lang, error) } : {}),
    labels: {
      title: withMax(lang, t(lang, 'session.field.title'), SESSION_LIMITS.title),
      goal: withMax(lang, t(lang, 'session.field.goal'), SESSION_LIMITS.goal),
      outcomeUse: withMax(lang, t(lang, 'session.field.outcomeUse'), SESSION_LIMITS.outcomeUse),
      policyGoals: withMaxPerLine(lang, t(lang, 'session.field.policyGoals'), LIMITS.policyGoal),
      maxParticipants: t(lang, 'session.field.maxParticipants'),
      stepMinutes: t(lang, 'session.field.stepMinutes', { max: BUDGET_LIMITS.maxStep }),
      ingredients: t(lang, 'session.field.ingredients'),
      ingredientCards: withMaxPerLine(lang, t(lang, 'session.field.ingredientCards'), SESSION_LIMITS.cardTitle),
      intentions: t(lang, 'session.field.intentions'),
      intentionCards: withMaxPerLine(lang, t(lang, 'session.field.intentionCards'), SESSION_LIMITS.cardTitle),
      create: t(lang, 'session.create'),
    },
    placeholders: {
      goal: t(lang, 'welcome.defaultGoal'),
      outcomeUse: t(lang, 'welcome.defaultOutcome'),
      cards: t(lang, 'session.field.cardsPlaceholder'),
    },
    modeChoices: [
      { title: t(lang, 'session.deckMode.extend'), value: 'extend' },
      { title: t(lang, 'session.deckMode.replace'), value: 'replace' },
    ],
    values: {
      title: values.title ?? '',
      goal: values.goal ?? '',
      outcomeUse: values.outcomeUse ?? '',
      policyGoals: values.policyGoals ?? '',
      // Input.Number takes a number; what cannot be one (typed in another client) shows the default.
      maxParticipants: tableSizeValue(values.maxParticipants),
      // Prefilled with the method's defaults, so the organiser sees what there is to change.
      stepMinutes: values.stepMinutes ?? formatStepBudgets(DEFAULT_STEP_MINUTES),
      ingredientsMode: values.ingredientsMode === 'replace' ? 'replace' : 'extend',
      ingredientCards: values.ingredientCards ?? '',
      intentionsMode: values.intentionsMode === 'replace' ? 'replace' : 'extend',
      intentionCards: values.intentionCards ?? '',
    },
    max: {
      title: SESSION_LIMITS.title,
      goal: SESSION_LIMITS.goal,
      outcomeUse: SESSION_LIMITS.outcomeUse,
      policyGoals: (LIMITS.policyGoal + 1) * LIMITS.policyGoals,
      minTableSize: SESSION_LIMITS.minTableSize,
      maxTableSize: SESSION_LIMITS.maxTableSize,
      stepMinutes: 60,
      // Room for a full deck of long titles; the core counts cards and characters per card.
      cards: (SESSION_LIMITS.cardTitle + 1) * LIMITS.deckSize,
    },
    by,
  };
}

/** "150 minuten: opzet 10, kennismaking 15, ..." on the session card. */
function agendaLine(lang: Language, budgets: StepBudgets): TextRun[] {
  const steps = PHASES.map((p) => `${t(lang, `phase.${p}`)} ${budgets[p]}`).join(', ');
  return plain(t(lang, 'session.settings.agendaValue', { minutes: totalMinutes(budgets), steps }));
}

function tableSizeValue(raw: string | number | undefined): number {
  const n = typeof raw === 'number' ? raw : raw !== undefined && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
  return Number.isFinite(n) ? n : SESSION_LIMITS.defaultTableSize;
}

function deckLine(lang: Language, origin: DeckOrigin, count: number, defaults: number): TextRun[] {
  if (origin === 'own') return plain(t(lang, 'session.deck.own', { count }));
  if (origin === 'extended') return plain(t(lang, 'session.deck.extended', { count, own: count - defaults }));
  return plain(t(lang, 'session.deck.default', { count }));
}

/** Ended tables named on the card at most; the rest are counted. */
const ENDED_NAMED = 20;

/**
 * "12 van maximaal 50", then the running tables by name, then the ended ones, which no longer
 * count against the limit. Table titles may hold commas: the lists are separated by semicolons.
 */
function tableLines(session: SessionState, lang: Language): TextRun[][] {
  const running = runningTables(session);
  const ended = session.tables.filter((x) => x.stoppedAt !== undefined);
  const count = plain(t(lang, 'session.settings.tablesValue', { count: running.length, max: MAX_TABLES_PER_SESSION }));
  const named = ended.slice(0, ENDED_NAMED).map((x) => x.title);
  if (ended.length > named.length) named.push(t(lang, 'session.tables.more', { count: ended.length - named.length }));
  return [
    count,
    ...(running.length ? [plain(running.map((x) => x.title).join('; '))] : []),
    ...(ended.length ? [[...bold(`${t(lang, 'session.tables.ended')}: `), ...plain(named.join('; '), true)]] : []),
  ];
}

export interface SessionCardOptions {
  retentionDays: number;
  /** Default deck sizes, to say how many cards the organiser added. */
  defaults: { ingredients: number; intentions: number };
  merged?: { ingredients: string[]; intentions: string[] };
  links?: CardLink[];
}

/** The session's card in the channel thread: the join code, big, and how tables use it. */
export function sessionCardView(session: SessionState, lang: Language, opts: SessionCardOptions) {
  const code = formatCode(session.code);
  const row = (key: PlainKey, lines: TextRun[][]) => ({ label: bold(t(lang, key)), lines });
  const orDefault = (text: string | undefined) => (text ? plain(text) : plain(t(lang, 'session.settings.defaultText'), true));
  const merged = [...(opts.merged?.ingredients ?? []), ...(opts.merged?.intentions ?? [])];
  return {
    heading: heading(t(lang, 'session.createdTitle', { title: session.title }), 'Large'),
    organiser: plain(t(lang, 'session.organiser', { name: session.organiser.name })),
    codeLabel: bold(t(lang, 'session.codeLabel')),
    // Generated, never typed by a user: safe in a run of its own, as large as a card allows.
    code: [{ type: 'TextRun', text: code, size: 'ExtraLarge', weight: 'Bolder', fontType: 'Monospace' }],
    instructions: rich(lang, 'session.instructions', { code }),
    rows: [
      row('session.settings.goal', [orDefault(session.goal)]),
      row('session.settings.outcome', [orDefault(session.outcomeUse)]),
      row(
        'session.settings.policyGoals',
        session.policyGoals.length ? session.policyGoals.map((g) => plain(`• ${g}`)) : [plain(t(lang, 'session.settings.none'), true)],
      ),
      row('session.settings.tableSize', [plain(t(lang, 'session.settings.tableSizeValue', { count: session.maxParticipants }))]),
      row('session.settings.agenda', [agendaLine(lang, stepBudgets({ settings: session }))]),
      row('session.settings.ingredients', [
        deckLine(lang, session.deckChoice.ingredients, session.deck.ingredients.length, opts.defaults.ingredients),
      ]),
      row('session.settings.intentions', [
        deckLine(lang, session.deckChoice.intentions, session.deck.intentions.length, opts.defaults.intentions),
      ]),
      row('session.settings.tables', tableLines(session, lang)),
    ],
    // Titles may hold commas: the list is separated by semicolons.
    ...(merged.length ? { merged: rich(lang, 'session.merged', { titles: merged.join('; ') }) } : {}),
    afterwards: rich(lang, 'session.afterwards'),
    privacy: rich(lang, 'session.privacy', { days: opts.retentionDays }),
    links: opts.links ?? [],
    ...linkExpiry(lang, opts.links ?? []),
  };
}

/** The confirmation before erasing: what goes, that it cannot be undone, and the two buttons. */
export function eraseConfirmView(
  lang: Language,
  what: { type: 'table'; title: string; createdAt: number } | { type: 'session'; title: string; code: string; tables: number },
) {
  const data = what.type === 'table' ? { scope: 'table', createdAt: what.createdAt } : { scope: 'session', code: what.code };
  return {
    heading: heading(t(lang, what.type === 'table' ? 'erase.confirmTitle' : 'erase.confirmSessionTitle', { title: what.title }), 'Large'),
    text:
      what.type === 'table'
        ? rich(lang, 'erase.confirmTable', { title: what.title })
        : rich(lang, 'erase.confirmSession', { count: what.tables }),
    yes: t(lang, 'erase.yes'),
    cancel: t(lang, 'erase.cancel'),
    data,
  };
}
