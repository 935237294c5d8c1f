import { pickCountsText } from './reveal-view';
import { PICK_ROLES, textLength, truncate, type Language } from '../domain';
import { t, type MessageKey, type Params } from '../i18n';
import {
  agreementLabel,
  countText,
  formatDate,
  movedText,
  personText,
  rankText,
  spreadText,
  titleWithMark,
  zoneName,
  zoneShort,
} from '../report/labels';
import type { OwnCardSummary, PickRoundSummary, Round2Summary, Round3Summary, TableSummary } from '../report/summary-types';
import { bold, heading, plain, rich, type TextRun } from './rich-text';
import { renderCard, type AdaptiveCard } from './render';

/**
 * Teams refuses a message above 28 KB; the card gets 26 KB so the activity around it fits too.
 * Measured as UTF-8 bytes of the card's JSON.
 */
export const SUMMARY_CARD_BUDGET = 26 * 1024;

/** How much of the user text the card shows; the Markdown summary always has all of it. */
export interface SummaryFit {
  /** Longer texts are cut to this many characters and end in "…". */
  maxText?: number;
  /**
   * Denser: Round 1 as one paragraph per role saying who put which card there (the arguments stay in
   * the Markdown), the ranking as one paragraph beside the chart, one slotvraag line per person.
   */
  compact?: boolean;
  /** Longer lists show this many items and say how many more there are. */
  maxItems?: number;
}

/**
 * Tried in order until the card fits. What goes first: the tail of long texts, then the Round 1
 * arguments (the picks themselves stay), then more of the texts, and only at the very end whole
 * items, since a card missing from the model would misreport the table.
 */
export const SUMMARY_FITS: ReadonlyArray<SummaryFit> = [
  {},
  { maxText: 200 },
  { maxText: 120 },
  { maxText: 200, compact: true },
  { maxText: 120, compact: true },
  { maxText: 80, compact: true },
  { maxText: 50, compact: true },
  { maxText: 50, compact: true, maxItems: 10 },
  { maxText: 30, compact: true, maxItems: 4 },
];

type RevealedRound = Extract<PickRoundSummary, { type: 'revealed' }>;

/** A section of the card: a bold heading and lines of runs. */
interface Section {
  heading: TextRun[];
  lines: TextRun[][];
}

/**
 * The summary posted at afsluiting, as the data for `cards/summary.json`. Every user text is a
 * TextRun, so nothing typed at the table is read as markdown.
 */
export function summaryView(summary: TableSummary, lang: Language, fit: SummaryFit = {}) {
  const v = new SummaryBuilder(lang, fit);
  const data = {
    heading: heading(t(lang, 'summary.title', { title: summary.title }), 'Large'),
    meta: plain(t(lang, 'summary.meta', { date: formatDate(summary.date, lang), lead: summary.leaders.lead, count: countText(lang, summary.participants) })),
    participants: v.participants(summary),
    pickRounds: summary.pickRounds.map((r) => v.pickRound(r)),
    round2: v.round2(summary.round2),
    round3: v.round3(summary.round3),
    closing: v.closing(summary),
    ...(summary.notes.length ? { notes: v.section(t(lang, 'report.notes'), v.limit(summary.notes, (n) => plain(v.cut(n)))) } : {}),
    outcome: { label: bold(t(lang, 'report.outcome')), text: plain(summary.outcomeUse) },
    hint: rich(lang, 'summary.markdownHint'),
  };
  const note = fit.compact ? 'summary.shortenedPicks' : 'summary.shortened';
  return { ...data, ...(v.shortened || fit.compact ? { shortened: rich(lang, note) } : {}) };
}

/** The card, with as much of the text as fits within the budget. */
export function summaryCard(summary: TableSummary, lang: Language): AdaptiveCard {
  let card: AdaptiveCard | undefined;
  for (const fit of SUMMARY_FITS) {
    card = renderCard('summary', summaryView(summary, lang, fit));
    if (cardBytes(card) <= SUMMARY_CARD_BUDGET) return card;
  }
  // Only a table far beyond the method's limits gets here; the last, shortest card is still the best.
  return card!;
}

export function cardBytes(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

class SummaryBuilder {
  shortened = false;

  constructor(
    private readonly lang: Language,
    private readonly fit: SummaryFit,
  ) {}

  t(key: MessageKey, params: Params = {}): string {
    return t(this.lang, key, params);
  }

  cut(text: string): string {
    const max = this.fit.maxText;
    if (max === undefined || textLength(text) <= max) return text;
    this.shortened = true;
    return `${truncate(text, max)}…`;
  }

  /** At most `maxItems` items; then one more telling how many were left out. */
  limitList<T, R>(items: ReadonlyArray<T>, render: (item: T) => R, more: (count: number) => R): R[] {
    const max = this.fit.maxItems;
    if (max === undefined || items.length <= max) return items.map(render);
    this.shortened = true;
    return [...items.slice(0, max).map(render), more(items.length - max)];
  }

  limit<T>(items: ReadonlyArray<T>, render: (item: T) => TextRun[]): TextRun[][] {
    return this.limitList(items, render, (count) => this.more(count));
  }

  more(count: number): TextRun[] {
    return plain(this.t('summary.more', { count }), true);
  }

  section(title: string, lines: TextRun[][]): Section {
    return { heading: bold(title), lines };
  }

  /** "Label: text" with the label in bold and the user's text as a plain (or italic) run. */
  labelled(label: string, text: string, italic = false): TextRun[] {
    return [...bold(`${label}: `), ...plain(this.cut(text), italic)];
  }

  /** One paragraph, "Anna de Vries (beleidsadviseur), deelnemer 2, ..."; involvement is in the Markdown only. */
  participants(s: TableSummary) {
    const { list } = s.participants;
    const names = list.map((p) => personText(this.lang, p, p.role ? { role: this.cut(p.role) } : {})).join('; ');
    return {
      heading: heading(this.t('report.participants')),
      text: plain(list.length ? names : this.t('report.noParticipants')),
      note: s.participants.named < list.length ? plain(this.t('report.anonymityNote'), true) : [],
    };
  }

  /** A pick round as one list of lines: each card's title with its counts, then who picked it and why. */
  pickRound(r: PickRoundSummary) {
    const title = r.number === 1 ? this.t('report.round1') : this.t('report.extraRound', { number: r.number });
    const base = { heading: heading(title) };
    switch (r.type) {
      case 'hidden':
        return { ...base, status: plain(this.t('report.notRevealed')), lines: [] };
      case 'revealed': {
        if (r.cards.length === 0) return { ...base, status: plain(this.t('report.noPicks')), lines: [] };
        const status = plain(this.t('report.submitted', { done: r.submitted, total: r.participants }));
        if (this.fit.compact) return { ...base, status, lines: this.picksPerRole(r) };
        const cards = this.limitList(r.cards, (c) => this.pickedCard(c), (count) => [this.more(count)]);
        return { ...base, status, lines: cards.flat() };
      }
      default: {
        const never: never = r;
        throw new Error(`Unknown pick round ${JSON.stringify(never)}`);
      }
    }
  }

  private pickedCard(c: RevealedRound['cards'][number]): TextRun[][] {
    const title = [...bold(titleWithMark(this.lang, c.card.title, c.card.own)), ...plain(` · ${pickCountsText(this.lang, c.counts)}`, true)];
    const entries = this.limit(c.entries, (e) =>
      this.labelled(`${this.t(`summary.role.${e.role}`)} — ${personText(this.lang, e.by, { enteredByLeader: e.enteredByLeader })}`, e.argument, true),
    );
    return [title, ...entries];
  }

  /** "Erbij: Buurthuis (Anna de Vries, deelnemer 6); Mantelzorger (deelnemer 4)", one line per role. */
  private picksPerRole(r: RevealedRound): TextRun[][] {
    return PICK_ROLES.flatMap((role) => {
      const cards = r.cards
        .map((c) => ({ c, who: c.entries.filter((e) => e.role === role).map((e) => personText(this.lang, e.by)) }))
        .filter((x) => x.who.length > 0)
        .map((x) => `${titleWithMark(this.lang, x.c.card.title, x.c.card.own)} (${x.who.join(', ')})`);
      return cards.length ? [[...bold(`${this.t(`summary.role.${role}`)}: `), ...plain(cards.join('; '))]] : [];
    });
  }

  round2(r: Round2Summary) {
    const placed = r.zones.some((z) => z.cards.length > 0);
    const zones = placed
      ? r.zones.map((z) => ({
          title: bold(zoneName(this.lang, z.zone)),
          cards: this.limit(z.cards, (c) => this.placedCard(c)),
          ...(z.cards.length === 0 ? { empty: plain(this.t('report.emptyZone'), true) } : {}),
        }))
      : [];
    const extras: Section[] = [];
    if (r.disagreed.length) extras.push(this.section(this.t('report.disagreed'), r.disagreed.map((d) => plain(`${d.card.title} (${zoneShort(this.lang, d.zone)})`))));
    if (r.unplacedPolls.length) {
      extras.push(this.section(this.t('report.unplacedPolls'), r.unplacedPolls.map((u) => [...bold(u.card.title), ...plain(`: ${u.polls.map((p) => spreadText(this.lang, p.spread)).join('; ')}`)])));
    }
    if (r.ownCards.length) extras.push(this.section(this.t('report.ownCards'), this.ownLines(r.ownCards)));
    extras.push(this.section(this.t('report.conclusions'), r.conclusions.length ? this.limit(r.conclusions, (c) => plain(this.cut(c))) : [plain(this.t('report.noConclusions'))]));
    return {
      heading: heading(this.t('report.round2')),
      intro: plain(placed ? this.t('report.modelLegend') : this.t('report.noPlacements')),
      zones,
      extras,
    };
  }

  /** One paragraph per card: title and mark, then reasons, moves and silent placements. */
  private placedCard(c: Round2Summary['zones'][number]['cards'][number]): TextRun[] {
    const runs = [...bold(titleWithMark(this.lang, c.card.title, c.card.own)), ...plain(` — ${agreementLabel(this.lang, c.agreement)}`)];
    const parts = [
      ...(c.purpose ? [`${this.t('summary.purpose')}: ${this.cut(c.purpose)}`] : []),
      ...(c.trait ? [`${this.t('summary.trait')}: ${this.cut(c.trait)}`] : []),
      ...(c.earlierZones.length ? [movedText(this.lang, c.earlierZones)] : []),
      ...c.polls.map((p) => this.t('report.poll', { spread: spreadText(this.lang, p.spread) })),
    ];
    return parts.length ? [...runs, ...plain(`. ${parts.join(' · ')}`)] : runs;
  }

  ownLines(cards: ReadonlyArray<OwnCardSummary>): TextRun[][] {
    return this.limit(cards, (o) => {
      const who = o.addedBy.type === 'participant' ? personText(this.lang, o.addedBy.person) : this.t('report.byLeader');
      const line = [...bold(o.card.title), ...plain(` (${this.t('report.addedBy', { who })})`)];
      return o.description ? [...line, ...plain(`: ${this.cut(o.description)}`)] : line;
    });
  }

  round3(r: Round3Summary) {
    const v = r.voting;
    let status: TextRun[];
    let ranking: TextRun[][] = [];
    let chart: { title: string; data: Array<{ x: string; y: number }> } | undefined;
    switch (v.type) {
      case 'notStarted':
        status = plain(this.t('report.notVoted'));
        break;
      case 'open':
        status = plain(this.t('report.votingOpen'));
        break;
      case 'closed': {
        const guests = v.stickersForGuests > 0 ? ` ${this.t('report.guestStickers', { count: v.stickersForGuests })}` : '';
        status = plain(`${this.t('report.votes', { voters: v.voters, stickers: v.stickers })}${guests}`);
        const rows = v.ranking.map((row) =>
          rich(this.lang, 'summary.rankRow', { rank: rankText(this.lang, row), title: titleWithMark(this.lang, row.card.title, row.card.own, 'intention'), stickers: row.stickers }),
        );
        // Compact: the chart shows the bars; the list beside it becomes one paragraph.
        ranking = this.fit.compact && rows.length ? [rows.map((runs) => runs.map((run) => run.text).join('')).map((line, i) => ({ type: 'TextRun' as const, text: i ? ` · ${line}` : line }))] : rows;
        if (v.withoutStickers.length) {
          ranking.push(plain(this.t('report.withoutStickers', { list: v.withoutStickers.map((c) => titleWithMark(this.lang, c.title, c.own, 'intention')).join('; ') }), true));
        }
        if (v.ranking.length) chart = { title: this.t('summary.chartTitle'), data: v.ranking.map((row) => ({ x: row.card.title, y: row.stickers })) };
        break;
      }
      default: {
        const never: never = v;
        throw new Error(`Unknown voting ${JSON.stringify(never)}`);
      }
    }
    const d = r.discussion;
    const discussion: TextRun[][] = d.recorded
      ? [
          d.mainIntention ? this.labelled(this.t('report.mainIntention'), d.mainIntention.title) : plain(this.t('report.noMainIntention')),
          ...(d.agreements ? [this.labelled(this.t('report.agreements'), d.agreements)] : []),
          ...(d.disagreements ? [this.labelled(this.t('report.disagreements'), d.disagreements)] : []),
          ...(d.policyRelation ? [this.labelled(this.t('report.policyRelation'), d.policyRelation)] : []),
        ]
      : [plain(this.t('report.noDiscussion'))];
    const extras: Section[] = [this.section(this.t('summary.discussion'), discussion)];
    if (r.policyGoals.length) extras.push(this.section(this.t('report.policyGoals'), r.policyGoals.map((g) => plain(`• ${this.cut(g)}`))));
    if (r.ownIntentions.length) extras.push(this.section(this.t('report.ownIntentions'), this.ownLines(r.ownIntentions)));
    return { heading: heading(this.t('report.round3')), status, ...(chart ? { chart } : {}), ranking, extras };
  }

  closing(s: TableSummary) {
    const learned = s.closing.filter((c) => c.learned);
    const actions = s.closing.filter((c) => c.action);
    const who = (c: TableSummary['closing'][number]) => personText(this.lang, c.by, { enteredByLeader: c.enteredByLeader });
    const sections: Section[] = [];
    if (this.fit.compact && s.closing.length) {
      const line = (c: TableSummary['closing'][number]) => {
        const parts = [...(c.learned ? [`${this.t('summary.learned')}: ${this.cut(c.learned)}`] : []), ...(c.action ? [`${this.t('summary.action')}: ${this.cut(c.action)}`] : [])];
        return [...bold(`${who(c)}: `), ...plain(parts.join(' · '))];
      };
      sections.push(this.section(`${this.t('report.learned')} · ${this.t('report.actions')}`, this.limit(s.closing, line)));
    } else {
      if (learned.length) sections.push(this.section(this.t('report.learned'), this.limit(learned, (c) => this.labelled(who(c), c.learned ?? ''))));
      if (actions.length) sections.push(this.section(this.t('report.actions'), this.limit(actions, (c) => this.labelled(who(c), c.action ?? ''))));
    }
    return {
      heading: heading(this.t('report.closing')),
      ...(sections.length ? {} : { empty: plain(this.t('report.noClosing')) }),
      sections,
    };
  }
}
