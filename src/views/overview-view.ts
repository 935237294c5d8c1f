import { ZONES, textLength, truncate, type Language, type SessionState } from '../domain';
import { t, type MessageKey, type ParamArgs } from '../i18n';
import type { CombinedCard, CombinedPicture, TableTopIntention } from '../report/combined';
import { pickCountsText } from './reveal-view';
import { agreementLabel, spreadText, zoneShort } from '../report/labels';
import { CARD_BUDGET, fitView } from './fit';
import { renderCard, type AdaptiveCard } from './render';
import { bold, heading, plain, rich, type TextRun } from './rich-text';
import type { CardLink } from './session-view';
import { linkExpiry } from './link-expiry';
import { pictureOnCard } from './picture-on-card';
import { fold } from './fold';

/** The totaalbeeld fits one Teams message: the same budget as every card. */
export const OVERVIEW_CARD_BUDGET = CARD_BUDGET;

/** How much of the picture the card shows; tried from everything to the essentials. */
export interface OverviewFit {
  maxText?: number;
  maxItems?: number;
}

export const OVERVIEW_FITS: ReadonlyArray<OverviewFit> = [
  {},
  { maxText: 200 },
  { maxText: 120, maxItems: 30 },
  { maxText: 80, maxItems: 15 },
  { maxText: 60, maxItems: 10 },
  { maxText: 50, maxItems: 6 },
  { maxText: 40, maxItems: 4 },
  { maxText: 30, maxItems: 3 },
];

/**
 * The totaalbeeld as data for `cards/overview.json`: per card how the tables placed it, where they
 * differ, the intentions summed over the tables with each table's top, and the conclusions per table.
 * It names tables and cards, never people. Every text from a table or the organiser is a TextRun.
 */
export function overviewView(
  picture: CombinedPicture,
  session: SessionState,
  lang: Language,
  fit: OverviewFit = {},
  links: CardLink[] = [],
  image?: { url: string; alt: string },
) {
  const v = new OverviewBuilder(lang, fit, picture);
  const tables =
    picture.tables.length === 1 ? t(lang, 'overview.tables.one') : t(lang, 'overview.tables.many', { count: picture.tables.length });
  const data = {
    heading: heading(t(lang, 'overview.title', { title: session.title }), 'Large'),
    meta: plain(
      t(lang, 'overview.meta', {
        tables,
        participants: v.participants(picture.participants, picture.guests),
        code: `${session.code.slice(0, 3)}-${session.code.slice(3)}`,
      }),
    ),
    tables: {
      heading: heading(t(lang, 'overview.tablesHeading')),
      lines: picture.tables.length
        ? v.limit(picture.tables, (r) =>
            plain(
              t(lang, 'overview.tableLine', {
                number: r.number,
                title: v.cut(r.title),
                count: v.participants(r.participants, 0),
                phase: t(lang, `phase.${r.phase}`),
              }),
            ),
          )
        : [rich(lang, 'overview.noTables', { code: `${session.code.slice(0, 3)}-${session.code.slice(3)}` })],
    },
    // Each section opens as its heading and what it is about; its content is folded behind "Toon alles".
    round1: { ...v.round1(), fold: fold(lang, 'r', { type: 'all' }) },
    placements: { ...v.placements(), fold: fold(lang, 'p', { type: 'all' }) },
    differing: { ...v.differing(), fold: fold(lang, 'd', { type: 'all' }) },
    ranking: { ...v.ranking(), fold: fold(lang, 'k', { type: 'all' }) },
    conclusions: { ...v.conclusions(), fold: fold(lang, 'c', { type: 'all' }) },
    insights: { ...v.insights(), fold: fold(lang, 'i', { type: 'all' }) },
    links,
    ...linkExpiry(lang, links),
    // Without tables every section is one line: nothing to fold.
    folded: picture.tables.length > 0,
  };
  return {
    ...data,
    ...(image ? { image: pictureOnCard(image, lang) } : {}),
    ...(v.shortened ? { shortened: rich(lang, 'overview.shortened') } : {}),
  };
}

/** The card, with as much of the picture as fits within the budget. */
export function overviewCard(
  picture: CombinedPicture,
  session: SessionState,
  lang: Language,
  links: CardLink[] = [],
  image?: { url: string; alt: string },
): AdaptiveCard {
  return renderCard(
    'overview',
    fitView('overview', OVERVIEW_FITS, (fit) => overviewView(picture, session, lang, fit, links, image)),
  );
}

class OverviewBuilder {
  shortened = false;

  constructor(
    private readonly lang: Language,
    private readonly fit: OverviewFit,
    private readonly picture: CombinedPicture,
  ) {}

  t<K extends MessageKey>(key: K, ...params: ParamArgs<K>): string {
    return t(this.lang, key, ...params);
  }

  cut(text: string): string {
    const max = this.fit.maxText;
    if (max === undefined || textLength(text) <= max) return text;
    this.shortened = true;
    return `${truncate(text, max)}…`;
  }

  limit<T>(items: ReadonlyArray<T>, line: (item: T) => TextRun[]): TextRun[][] {
    const max = this.fit.maxItems;
    if (max === undefined || items.length <= max) return items.map(line);
    this.shortened = true;
    return [...items.slice(0, max).map(line), plain(this.t('overview.more', { count: items.length - max }), true)];
  }

  participants(count: number, guests: number): string {
    const people = count === 1 ? this.t('overview.participants.one') : this.t('overview.participants.many', { count });
    return guests > 0 ? `${people} (${this.t('overview.guests', { count: guests })})` : people;
  }

  tableTitle(n: number): string {
    return this.cut(this.picture.tables.find((r) => r.number === n)?.title ?? String(n));
  }

  /** Round 1 over the tables that revealed it: per card how often it was put in, out and in doubt. */
  round1() {
    const r = this.picture.round1;
    const tables = r.tablesRevealed === 1 ? this.t('overview.tables.one') : this.t('overview.tables.many', { count: r.tablesRevealed });
    const revealed = r.cards.length > 0;
    return {
      heading: heading(this.t('overview.round1')),
      intro: plain(revealed ? this.t('overview.round1Intro', { pickers: r.pickers, tables }) : this.t('overview.round1None'), !revealed),
      lines: this.limit(r.cards, (c) => [
        ...bold(this.cut(c.card.title)),
        ...plain(` — ${pickCountsText(this.lang, c.counts)}`),
        ...plain(` (${this.t('overview.round1Tables', { count: c.tables })})`, true),
      ]),
    };
  }

  /** The slotvraag per table: what people learned and what they will do, without who said it. */
  insights() {
    const all = this.picture.insights;
    const shown = this.first(all);
    return {
      heading: heading(this.t('overview.insights')),
      ...(all.length ? {} : { none: plain(this.t('overview.noInsights'), true) }),
      tables: shown.map((x) => ({
        title: bold(this.tableTitle(x.table)),
        lines: this.limit(
          [
            ...x.learned.map((text) => ({ label: this.t('overview.learned'), text })),
            ...x.actions.map((text) => ({ label: this.t('overview.action'), text })),
          ],
          (a) => [...bold(`${a.label}: `), ...plain(this.cut(a.text))],
        ),
      })),
      ...(shown.length < all.length ? { more: plain(this.t('overview.more', { count: all.length - shown.length }), true) } : {}),
    };
  }

  /** "Buurthuis: institutioneel 2, twijfel / grensgebied 1", the title bold. */
  cardLine(c: CombinedCard): TextRun[] {
    return [...bold(this.cut(c.card.title)), ...plain(`: ${spreadText(this.lang, c.spread)}`)];
  }

  placements() {
    const cards = this.picture.cards;
    const totals = ZONES.map((zone) => ({
      zone,
      count: cards.reduce((sum, c) => sum + (c.spread.find((s) => s.zone === zone)?.count ?? 0), 0),
    })).filter((z) => z.count > 0);
    return {
      heading: heading(this.t('overview.placements')),
      intro: plain(cards.length ? this.t('overview.placementsIntro') : this.t('overview.noPlacements'), !cards.length),
      lines: this.limit(cards, (c) => this.cardLine(c)),
      ...(totals.length
        ? {
            chart: {
              title: this.t('overview.zonesChart'),
              data: totals.map((z) => ({ legend: zoneShort(this.lang, z.zone), value: z.count })),
              // Where Teams draws no chart, the same numbers as a line of text.
              fallback: plain(this.t('overview.zonesText', { spread: spreadText(this.lang, totals) })),
            },
          }
        : {}),
    };
  }

  differing() {
    const items = this.picture.differing;
    const max = this.fit.maxItems;
    const shown = max !== undefined && items.length > max ? items.slice(0, max) : items;
    if (shown.length < items.length) this.shortened = true;
    return {
      heading: heading(this.t('overview.differing')),
      intro: plain(items.length ? this.t('overview.differingIntro') : this.t('overview.noDiffering'), true),
      items: shown.map((c) => ({
        title: this.cardLine(c),
        perTable: this.limit(c.placements, (p) =>
          plain(
            this.t('overview.perTable', {
              table: this.tableTitle(p.table),
              zone: zoneShort(this.lang, p.zone),
              agreement: agreementLabel(this.lang, p.agreement),
            }),
          ),
        ),
      })),
      ...(shown.length < items.length ? { more: plain(this.t('overview.more', { count: items.length - shown.length }), true) } : {}),
    };
  }

  ranking() {
    const i = this.picture.intentions;
    const tables = i.tablesVoted === 1 ? this.t('overview.tables.one') : this.t('overview.tables.many', { count: i.tablesVoted });
    const voted = i.ranking.length > 0;
    return {
      heading: heading(this.t('overview.ranking')),
      intro: plain(
        voted ? this.t('overview.rankingIntro', { voters: i.voters, tables, stickers: i.stickers }) : this.t('overview.notVoted'),
        !voted,
      ),
      ...(voted
        ? {
            chart: {
              title: this.t('overview.chartTitle'),
              data: this.first(i.ranking).map((r) => ({ x: this.cut(r.card.title), y: r.stickers })),
            },
          }
        : {}),
      rows: this.limit(i.ranking, (r) =>
        rich(this.lang, r.tied ? 'overview.rankRowTied' : 'overview.rankRow', {
          rank: r.rank,
          title: this.cut(r.card.title),
          stickers: r.stickers,
          tables: r.tables,
        }),
      ),
      ...(voted && i.withoutStickers.length
        ? {
            without: plain(
              this.t('overview.withoutStickers', { titles: this.cut(i.withoutStickers.map((c) => c.title).join('; ')) }),
              true,
            ),
          }
        : {}),
      topHeading: bold(this.t('overview.topPerTable')),
      top: this.limit(i.perTable, (row) => this.topLine(row)),
    };
  }

  topLine(row: TableTopIntention): TextRun[] {
    const table = this.tableTitle(row.table);
    const main = row.mainIntention ? this.t('overview.mainIntention', { title: this.cut(row.mainIntention.title) }) : '';
    if (row.voting !== 'closed' || row.top.length === 0) return plain(`${this.t('overview.topNone', { table })}${main}`);
    // Titles may hold commas: a list of them is separated by semicolons.
    const top = row.top.map((c) => this.cut(c.title)).join('; ');
    return plain(`${this.t('overview.topLine', { table, top, stickers: row.stickers })}${main}`);
  }

  /** The first `maxItems` (all without a limit), for lists whose rest is said elsewhere. */
  first<T>(items: ReadonlyArray<T>): T[] {
    const max = this.fit.maxItems;
    if (max === undefined || items.length <= max) return [...items];
    this.shortened = true;
    return items.slice(0, max);
  }

  conclusions() {
    const all = this.picture.conclusions;
    const shown = this.first(all);
    return {
      heading: heading(this.t('overview.conclusions')),
      // Side by side in columns while they fit next to each other; below each other after that.
      sideBySide: shown.length > 1 && shown.length <= 3,
      tables: shown.map((c) => ({
        title: bold(this.tableTitle(c.table)),
        lines: c.conclusions.length
          ? this.limit(c.conclusions, (text) => plain(`• ${this.cut(text)}`))
          : [plain(this.t('overview.noConclusions'), true)],
      })),
      ...(shown.length < all.length ? { more: plain(this.t('overview.more', { count: all.length - shown.length }), true) } : {}),
    };
  }
}
