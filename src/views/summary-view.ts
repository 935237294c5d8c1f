import { pickCountsText } from './reveal-view';
import { extraPickNumber, PICK_ROLES, type Language } from '../domain';
import { t, type MessageKey, type ParamArgs } from '../i18n';
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
import type {
  CardRef,
  OwnCardSummary,
  PersonRef,
  PickRoundSummary,
  Round2Summary,
  Round3Summary,
  TableSummary,
} from '../report/summary-types';
import { CARD_BUDGET, fitView, Shortener } from './fit';
import { bold, heading, plain, rich, type TextRun } from './rich-text';
import { renderCard, type AdaptiveCard } from './render';
import { fold } from './fold';
import type { ModelPicture } from '../report/picture-ref';
import { pictureOnCard } from './picture-on-card';

export { cardBytes } from './fit';

/** Teams refuses a message above 28 KB; the summary gets the same budget as every card. */
export const SUMMARY_CARD_BUDGET = CARD_BUDGET;

/** How much of the user text the card shows; the Markdown summary always has all of it. */
export interface SummaryFit {
  /** Longer texts are cut to this many characters and end in "…". */
  maxText?: number;
  /**
   * Denser: Round 1 as one paragraph per role saying who put which card there (the arguments stay in
   * the Markdown), the ranking as one paragraph beside the chart, one slotvraag line per person.
   */
  compact?: boolean;
  /** Longer lists show this many items and say how many more there are; never the cards on the model. */
  maxItems?: number;
  /** The model as one paragraph per zone: each card with its agreement mark, the reasons left out. */
  modelTitles?: boolean;
  /** Card titles and names are cut to this many characters, as long as they stay distinct. */
  maxTitle?: number;
  /**
   * For tables far beyond the method's 8 people: Round 1 says per role how many picked each card
   * instead of who, and the participants and the ranking are lists that `maxItems` limits too.
   */
  counts?: boolean;
}

/**
 * Tried in order until the card fits. What goes first: the tail of long texts, then the Round 1
 * arguments (the picks themselves stay), then more of the texts, then the end of long lists, then
 * the reasons on the model, and at the very end the length of titles and names. A card is never
 * left out of the model: one missing would misreport the table.
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
  { maxText: 50, compact: true, maxItems: 10, modelTitles: true },
  { maxText: 50, compact: true, maxItems: 10, modelTitles: true, maxTitle: 40 },
  { maxText: 30, compact: true, maxItems: 4, modelTitles: true, maxTitle: 30 },
  { maxText: 30, compact: true, maxItems: 4, modelTitles: true, maxTitle: 20 },
  { maxText: 30, compact: true, maxItems: 10, modelTitles: true, maxTitle: 20, counts: true },
  { maxText: 30, compact: true, maxItems: 4, modelTitles: true, maxTitle: 20, counts: true },
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
export function summaryView(summary: TableSummary, lang: Language, fit: SummaryFit = {}, picture?: ModelPicture) {
  const v = new SummaryBuilder(lang, fit, summary);
  const data = {
    heading: heading(t(lang, 'summary.title', { title: summary.title }), 'Large'),
    ...(picture ? { picture: pictureOnCard(picture, lang) } : {}),
    meta: plain(
      t(lang, 'summary.meta', {
        date: formatDate(summary.date, lang),
        lead: summary.leaders.lead,
        count: countText(lang, summary.participants),
      }),
    ),
    participants: v.participants(summary),
    // Each section opens as its heading and one line; what it holds is folded behind "Toon alles".
    pickRounds: summary.pickRounds.map((r, i) => ({ ...v.pickRound(r), fold: fold(lang, `r${i}`, { type: 'all' }) })),
    round2: { ...v.round2(summary.round2), fold: fold(lang, 'm', { type: 'all' }) },
    round3: { ...v.round3(summary.round3), fold: fold(lang, 'k', { type: 'all' }) },
    closing: { ...v.closing(summary), fold: fold(lang, 'c', { type: 'all' }) },
    ...(summary.notes.length
      ? {
          notes: {
            ...v.section(
              t(lang, 'report.notes'),
              v.limit(summary.notes, (n) => plain(v.cut(n))),
            ),
            fold: fold(lang, 'n', { type: 'all' }),
          },
        }
      : {}),
    outcome: { label: bold(t(lang, 'report.outcome')), text: plain(v.cut(summary.outcomeUse)) },
    hint: rich(lang, 'summary.markdownHint'),
  };
  const note = fit.modelTitles ? 'summary.shortenedModel' : fit.compact ? 'summary.shortenedPicks' : 'summary.shortened';
  return { ...data, ...(v.shortened || fit.compact ? { shortened: rich(lang, note) } : {}) };
}

/** The card, with as much of the text as fits within the budget; the model's picture above it when there is one. */
export function summaryCard(summary: TableSummary, lang: Language, picture?: ModelPicture): AdaptiveCard {
  return renderCard(
    'summary',
    fitView('summary', SUMMARY_FITS, (fit) => summaryView(summary, lang, fit, picture)),
  );
}

/** Every card and every person the summary mentions, to shorten their titles and names together. */
function refsOf(value: unknown, cards: Map<string, string>, people: Map<string, string>): void {
  if (Array.isArray(value)) return value.forEach((v) => refsOf(v, cards, people));
  if (!value || typeof value !== 'object') return;
  const o = value as Partial<CardRef & PersonRef>;
  if (typeof o.id === 'string' && typeof o.title === 'string' && typeof o.own === 'boolean') cards.set(o.title, o.title);
  else if (typeof o.label === 'string' && typeof o.named === 'boolean') people.set(o.label, o.label);
  else for (const v of Object.values(value)) refsOf(v, cards, people);
}

class SummaryBuilder {
  private readonly s = new Shortener();
  /** Full title or name → as shown on the card. */
  private readonly titles = new Map<string, string>();
  private readonly names = new Map<string, string>();

  constructor(
    private readonly lang: Language,
    private readonly fit: SummaryFit,
    summary: TableSummary,
  ) {
    if (fit.maxTitle === undefined) return;
    refsOf(summary, this.titles, this.names);
    for (const map of [this.titles, this.names]) {
      const full = [...map.keys()];
      this.s.titles(full, fit.maxTitle).forEach((short, i) => map.set(full[i]!, short));
    }
  }

  get shortened(): boolean {
    return this.s.shortened;
  }

  t<K extends MessageKey>(key: K, ...params: ParamArgs<K>): string {
    return t(this.lang, key, ...params);
  }

  cut(text: string): string {
    return this.s.cut(text, this.fit.maxText);
  }

  /** A card's title, with its mark when it is an own card. */
  title(card: CardRef, kind: 'ingredient' | 'intention' = 'ingredient'): string {
    return titleWithMark(this.lang, this.titles.get(card.title) ?? card.title, card.own, kind);
  }

  /** A person as the report names them, the name shortened with the rest. */
  person(p: PersonRef, details: Parameters<typeof personText>[2] = {}): string {
    return personText(this.lang, { ...p, label: this.names.get(p.label) ?? p.label }, details);
  }

  /** At most `maxItems` items; then one more telling how many were left out. */
  limitList<T, R>(items: ReadonlyArray<T>, render: (item: T) => R, more: (count: number) => R): R[] {
    return this.s.limit(items, this.fit.maxItems, render, more);
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
    const person = (p: TableSummary['participants']['list'][number]) => this.person(p, p.role ? { role: this.cut(p.role) } : {});
    const names = (
      this.fit.counts ? this.limitList(list, person, (count) => this.t('summary.moreShort', { count })) : list.map(person)
    ).join('; ');
    return {
      heading: heading(this.t('report.participants')),
      text: plain(list.length ? names : this.t('report.noParticipants')),
      note: s.participants.named < list.length ? plain(this.t('report.anonymityNote'), true) : [],
    };
  }

  /** A pick round as one list of lines: each card's title with its counts, then who picked it and why. */
  pickRound(r: PickRoundSummary) {
    const title = r.number === 1 ? this.t('report.round1') : this.t('report.extraRound', { number: extraPickNumber(r.number) });
    const base = { heading: heading(title) };
    switch (r.type) {
      case 'hidden':
        return { ...base, status: plain(this.t('report.notRevealed')), lines: [] };
      case 'revealed': {
        if (r.cards.length === 0) return { ...base, status: plain(this.t('report.noPicks')), lines: [] };
        const status = plain(this.t('report.submitted', { done: r.submitted, total: r.participants }));
        if (this.fit.compact) return { ...base, status, lines: this.picksPerRole(r) };
        const cards = this.limitList(
          r.cards,
          (c) => this.pickedCard(c),
          (count) => [this.more(count)],
        );
        return { ...base, status, lines: cards.flat() };
      }
      default: {
        const never: never = r;
        throw new Error(`Unknown pick round ${JSON.stringify(never)}`);
      }
    }
  }

  private pickedCard(c: RevealedRound['cards'][number]): TextRun[][] {
    const title = [...bold(this.title(c.card)), ...plain(` · ${pickCountsText(this.lang, c.counts)}`, true)];
    const entries = this.limit(c.entries, (e) =>
      this.labelled(`${this.t(`summary.role.${e.role}`)} — ${this.person(e.by, { enteredByLeader: e.enteredByLeader })}`, e.argument, true),
    );
    return [title, ...entries];
  }

  /** "Erbij: Buurthuis (Anna de Vries, deelnemer 6); Mantelzorger (deelnemer 4)", one line per role. */
  private picksPerRole(r: RevealedRound): TextRun[][] {
    return PICK_ROLES.flatMap((role) => {
      const picked = r.cards
        .map((c) => ({ c, who: c.entries.filter((e) => e.role === role).map((e) => this.person(e.by)) }))
        .filter((x) => x.who.length > 0);
      const cards = this.fit.counts
        ? this.limitList(
            [...picked].sort((a, b) => b.who.length - a.who.length),
            (x) => `${this.title(x.c.card)} (${x.who.length})`,
            (count) => this.t('summary.moreShort', { count }),
          )
        : picked.map((x) => `${this.title(x.c.card)} (${x.who.join(', ')})`);
      return cards.length ? [[...bold(`${this.t(`summary.role.${role}`)}: `), ...plain(cards.join('; '))]] : [];
    });
  }

  round2(r: Round2Summary) {
    const placed = r.zones.some((z) => z.cards.length > 0);
    // Every placed card stays on the card: with modelTitles as one paragraph per zone, without reasons.
    const zones = placed
      ? r.zones.map((z) => ({
          title: bold(zoneName(this.lang, z.zone)),
          cards: this.fit.modelTitles ? this.zoneParagraph(z.cards) : z.cards.map((c) => this.placedCard(c)),
          ...(z.cards.length === 0 ? { empty: plain(this.t('report.emptyZone'), true) } : {}),
        }))
      : [];
    const extras: Section[] = [];
    if (r.disagreed.length)
      extras.push(
        this.section(
          this.t('report.disagreed'),
          this.limit(r.disagreed, (d) => plain(`${this.title(d.card)} (${zoneShort(this.lang, d.zone)})`)),
        ),
      );
    if (r.unplacedPolls.length) {
      extras.push(
        this.section(
          this.t('report.unplacedPolls'),
          this.limit(r.unplacedPolls, (u) => [
            ...bold(this.title(u.card)),
            ...plain(`: ${u.polls.map((p) => spreadText(this.lang, p.spread)).join('; ')}`),
          ]),
        ),
      );
    }
    if (r.ownCards.length) extras.push(this.section(this.t('report.ownCards'), this.ownLines(r.ownCards)));
    extras.push(
      this.section(
        this.t('report.conclusions'),
        r.conclusions.length ? this.limit(r.conclusions, (c) => plain(this.cut(c))) : [plain(this.t('report.noConclusions'))],
      ),
    );
    return {
      heading: heading(this.t('report.round2')),
      intro: plain(placed ? this.t('report.modelLegend') : this.t('report.noPlacements')),
      zones,
      extras,
    };
  }

  /** "Buurthuis — verdeeld; Mantelzorger — eens": the zone's cards and marks in one paragraph. */
  private zoneParagraph(cards: Round2Summary['zones'][number]['cards']): TextRun[][] {
    if (cards.length === 0) return [];
    if (cards.some((c) => c.purpose || c.trait || c.earlierZones.length || c.polls.length)) this.s.shortened = true;
    return [plain(cards.map((c) => `${this.title(c.card)} — ${agreementLabel(this.lang, c.agreement)}`).join('; '))];
  }

  /** One paragraph per card: title and mark, then reasons, moves and silent placements. */
  private placedCard(c: Round2Summary['zones'][number]['cards'][number]): TextRun[] {
    const runs = [...bold(this.title(c.card)), ...plain(` — ${agreementLabel(this.lang, c.agreement)}`)];
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
      const who = o.addedBy.type === 'participant' ? this.person(o.addedBy.person) : this.t('report.byLeader');
      const line = [...bold(this.titles.get(o.card.title) ?? o.card.title), ...plain(` (${this.t('report.addedBy', { who })})`)];
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
        // Only for tables far beyond the method's size: the top of the ranking, then how many more.
        const top = this.fit.counts ? this.fit.maxItems : undefined;
        const shown = top !== undefined && v.ranking.length > top ? v.ranking.slice(0, top) : v.ranking;
        const rows = shown.map((row) =>
          rich(this.lang, 'summary.rankRow', {
            rank: rankText(this.lang, row),
            title: this.title(row.card, 'intention'),
            stickers: row.stickers,
          }),
        );
        if (shown.length < v.ranking.length) {
          this.s.shortened = true;
          rows.push(plain(this.t('summary.moreShort', { count: v.ranking.length - shown.length })));
        }
        // Compact: the chart shows the bars; the list beside it becomes one paragraph.
        ranking =
          this.fit.compact && rows.length
            ? [
                rows
                  .map((runs) => runs.map((run) => run.text).join(''))
                  .map((line, i) => ({ type: 'TextRun' as const, text: i ? ` · ${line}` : line })),
              ]
            : rows;
        if (v.withoutStickers.length) {
          const list = this.limitList(
            v.withoutStickers,
            (c) => this.title(c, 'intention'),
            (count) => this.t('summary.moreShort', { count }),
          );
          ranking.push(plain(this.t('report.withoutStickers', { list: list.join('; ') }), true));
        }
        if (v.ranking.length)
          chart = {
            title: this.t('summary.chartTitle'),
            data: shown.map((row) => ({ x: this.titles.get(row.card.title) ?? row.card.title, y: row.stickers })),
          };
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
          d.mainIntention
            ? this.labelled(this.t('report.mainIntention'), this.titles.get(d.mainIntention.title) ?? d.mainIntention.title)
            : plain(this.t('report.noMainIntention')),
          ...(d.agreements ? [this.labelled(this.t('report.agreements'), d.agreements)] : []),
          ...(d.disagreements ? [this.labelled(this.t('report.disagreements'), d.disagreements)] : []),
          ...(d.policyRelation ? [this.labelled(this.t('report.policyRelation'), d.policyRelation)] : []),
        ]
      : [plain(this.t('report.noDiscussion'))];
    const extras: Section[] = [this.section(this.t('summary.discussion'), discussion)];
    if (r.policyGoals.length)
      extras.push(
        this.section(
          this.t('report.policyGoals'),
          this.limit(r.policyGoals, (g) => plain(`• ${this.cut(g)}`)),
        ),
      );
    if (r.ownIntentions.length) extras.push(this.section(this.t('report.ownIntentions'), this.ownLines(r.ownIntentions)));
    return { heading: heading(this.t('report.round3')), status, ...(chart ? { chart } : {}), ranking, extras };
  }

  closing(s: TableSummary) {
    const learned = s.closing.filter((c) => c.learned);
    const actions = s.closing.filter((c) => c.action);
    const who = (c: TableSummary['closing'][number]) => this.person(c.by, { enteredByLeader: c.enteredByLeader });
    const sections: Section[] = [];
    if (this.fit.compact && s.closing.length) {
      const line = (c: TableSummary['closing'][number]) => {
        const parts = [
          ...(c.learned ? [`${this.t('summary.learned')}: ${this.cut(c.learned)}`] : []),
          ...(c.action ? [`${this.t('summary.action')}: ${this.cut(c.action)}`] : []),
        ];
        return [...bold(`${who(c)}: `), ...plain(parts.join(' · '))];
      };
      sections.push(this.section(`${this.t('report.learned')} · ${this.t('report.actions')}`, this.limit(s.closing, line)));
    } else {
      if (learned.length)
        sections.push(
          this.section(
            this.t('report.learned'),
            this.limit(learned, (c) => this.labelled(who(c), c.learned ?? '')),
          ),
        );
      if (actions.length)
        sections.push(
          this.section(
            this.t('report.actions'),
            this.limit(actions, (c) => this.labelled(who(c), c.action ?? '')),
          ),
        );
    }
    return {
      heading: heading(this.t('report.closing')),
      ...(sections.length ? {} : { empty: plain(this.t('report.noClosing')) }),
      sections,
    };
  }
}
