import PptxGenJS from 'pptxgenjs';
import type { Agreement, Language, SessionState, Zone } from '../../domain';
import { t, type MessageKey, type ParamArgs } from '../../i18n';
import { combineTables, type CombinedCard, type CombinedPicture } from '../combined';
import { agreementLabel, countText, formatDate, spreadText, zoneName, zoneShort } from '../labels';
import type { TableSummary } from '../summary-types';
import { buildTableSummary } from '../table-summary';
import { tablesText } from './combined-markdown';
import { charsPerLine, fitItems, lineCount, linesHeight, PROSE_EM, shorten } from './pptx-fit';
import type { ExportScope } from './types';

/**
 * The visual report: the handleiding's "Powerpoint-model". A title slide; then for the total (a
 * session) and for each table a slide with the filled model, a slide with the intention ranking as a
 * bar chart and a slide with the conclusions and learnings; the total also gets a slide with the cards
 * the tables placed differently. No participant names appear on any slide.
 *
 * Sizes are in inches on a 16:9 slide (13.33 × 7.5). Card text is never smaller than 10 pt; what
 * does not fit at that size is counted ("+ nog 4; zie het verslag") instead of overflowing.
 */

type Slide = PptxGenJS.Slide;
type Run = PptxGenJS.TextProps;

const FONT = 'Arial';
const INK = '262626';
const MUTED = '595959';
const TITLE = '1F3864';
const DIVIDED = 'B35900';
const DISAGREE = 'C00000';
const SLIDE_W = 13.333;

/** Poster-like colours per zone: a light fill and a darker line and label colour. */
const ZONE_STYLE: Record<Zone, { fill: string; line: string }> = {
  personal: { fill: 'FBE3D2', line: 'B45309' },
  community: { fill: 'E0EFD6', line: '3F7A2B' },
  institutional: { fill: 'DCE8F5', line: '2F5597' },
  border: { fill: 'FFF3C4', line: '8C6D00' },
  outside: { fill: 'ECECEC', line: '5F5F5F' },
};

/**
 * The model as on the poster: three nested areas inside the sociale basis (institutioneel around
 * gemeenschappelijk around persoonlijk), twijfel / grensgebied on the edge of the sociale basis, and
 * niet sociale basis outside it. `area` is the shape, `cards` where that zone's cards go.
 */
interface ZoneBox {
  area: { x: number; y: number; w: number; h: number };
  /** The zone's name; `h` leaves room for two lines where the area is narrow. */
  label: { x: number; y: number; w: number; h: number };
  cards: { x: number; y: number; w: number; h: number; columns: number };
}

const MODEL: Record<Zone, ZoneBox> = {
  institutional: {
    area: { x: 0.35, y: 1.35, w: 8.6, h: 5.5 },
    label: { x: 0.5, y: 1.4, w: 5.5, h: 0.42 },
    cards: { x: 0.5, y: 1.9, w: 2.6, h: 4.85, columns: 1 },
  },
  community: {
    area: { x: 3.25, y: 1.85, w: 5.3, h: 4.85 },
    label: { x: 3.35, y: 1.9, w: 5.1, h: 0.42 },
    cards: { x: 3.35, y: 2.38, w: 2.42, h: 4.22, columns: 1 },
  },
  personal: {
    area: { x: 5.9, y: 2.4, w: 2.5, h: 4.15 },
    label: { x: 6.0, y: 2.45, w: 2.3, h: 0.6 },
    cards: { x: 6.0, y: 3.1, w: 2.3, h: 3.37, columns: 1 },
  },
  border: {
    area: { x: 8.7, y: 1.35, w: 4.3, h: 2.75 },
    label: { x: 9.05, y: 1.4, w: 3.9, h: 0.42 },
    cards: { x: 9.05, y: 1.88, w: 3.85, h: 2.15, columns: 2 },
  },
  outside: {
    area: { x: 9.25, y: 4.3, w: 3.75, h: 2.55 },
    label: { x: 9.35, y: 4.35, w: 3.6, h: 0.42 },
    cards: { x: 9.35, y: 4.83, w: 3.55, h: 1.95, columns: 2 },
  },
};

/** One card on the model. */
interface ModelCard {
  title: string;
  own: boolean;
  /** The mark after the title: "verdeeld", "oneens", "2/3"... */
  marks: Array<{ text: string; color: string; bold?: boolean }>;
  /** The card's border: the zone's colour, or orange / red when the group was not of one mind. */
  tone: 'plain' | 'divided' | 'disagree';
}

const CARD_SIZES = [18, 16, 15, 14, 13, 12, 11, 10];
const CARD_PAD = 0.06;
const CARD_GAP = 0.06;

export async function buildPptx(scope: ExportScope, lang: Language): Promise<Buffer> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.author = t(lang, 'app.name');
  pptx.company = t(lang, 'app.name');
  pptx.title =
    scope.type === 'table'
      ? t(lang, 'report.title', { title: scope.state.title })
      : t(lang, 'combined.title', { title: scope.session.title });
  const deck = new Deck(pptx, lang);
  if (scope.type === 'table') {
    const summary = buildTableSummary(scope.state, lang);
    deck.titleSlide(
      t(lang, 'report.title', { title: summary.title }),
      [formatDate(summary.date, lang), countText(lang, summary.participants)],
      [],
    );
    deck.tableSlides(summary);
  } else {
    const summaries = scope.tables.map((s) => buildTableSummary(s, lang));
    const picture = combineTables(scope.tables, lang);
    deck.titleSlide(
      t(lang, 'combined.title', { title: scope.session.title }),
      [
        formatDate(scope.session.createdAt, lang),
        `${tablesText(lang, picture.tables.length)} · ${participantsText(lang, picture.participants)}`,
      ],
      picture.tables.map((tb) => `${tb.title} (${participantsText(lang, tb.participants)})`),
    );
    deck.totalSlides(scope.session, picture, summaries);
    for (const summary of summaries) deck.tableSlides(summary);
  }
  const out = await pptx.write({ outputType: 'nodebuffer' });
  return Buffer.isBuffer(out) ? out : Buffer.from(out as ArrayBuffer);
}

function participantsText(lang: Language, count: number): string {
  return count === 1 ? t(lang, 'report.count.one') : t(lang, 'report.count.many', { count });
}

class Deck {
  constructor(
    private readonly pptx: PptxGenJS,
    private readonly lang: Language,
  ) {}

  private text<K extends MessageKey>(key: K, ...params: ParamArgs<K>): string {
    return t(this.lang, key, ...params);
  }

  private slide(title: string, subtitle?: string): Slide {
    const slide = this.pptx.addSlide();
    slide.background = { color: 'FFFFFF' };
    // One line: 28 pt, smaller for a long table name, and shortened only when even 20 pt is too long.
    const width = SLIDE_W - 0.7;
    const size = [28, 26, 24, 22, 20].find((s) => lineCount(title, charsPerLine(width, s, true, 0.5)) === 1) ?? 20;
    slide.addText(shorten(title, charsPerLine(width, size, true, 0.5)), {
      x: 0.35,
      y: 0.25,
      w: width,
      h: 0.62,
      fontFace: FONT,
      fontSize: size,
      bold: true,
      color: TITLE,
      valign: 'middle',
      margin: 0,
    });
    if (subtitle)
      slide.addText(subtitle, {
        x: 0.35,
        y: 0.86,
        w: SLIDE_W - 0.7,
        h: 0.38,
        fontFace: FONT,
        fontSize: 15,
        color: MUTED,
        valign: 'middle',
        margin: 0,
      });
    slide.slideNumber = { x: SLIDE_W - 0.9, y: 7.05, w: 0.6, h: 0.3, fontFace: FONT, fontSize: 10, color: MUTED, align: 'right' };
    return slide;
  }

  titleSlide(title: string, lines: string[], tables: string[]): void {
    const slide = this.pptx.addSlide();
    slide.background = { color: 'FFFFFF' };
    slide.addShape('rect', { x: 0, y: 0, w: SLIDE_W, h: 0.35, fill: { color: TITLE }, line: { color: TITLE } });
    // The three nested spheres, as a quiet picture of the model.
    slide.addShape('roundRect', {
      x: 8.6,
      y: 1.4,
      w: 4.2,
      h: 4.7,
      fill: { color: ZONE_STYLE.institutional.fill },
      line: { color: ZONE_STYLE.institutional.line, width: 1.5 },
      rectRadius: 0.35,
    });
    slide.addShape('roundRect', {
      x: 9.6,
      y: 2.3,
      w: 3.0,
      h: 3.6,
      fill: { color: ZONE_STYLE.community.fill },
      line: { color: ZONE_STYLE.community.line, width: 1.5 },
      rectRadius: 0.3,
    });
    slide.addShape('roundRect', {
      x: 10.6,
      y: 3.2,
      w: 1.8,
      h: 2.5,
      fill: { color: ZONE_STYLE.personal.fill },
      line: { color: ZONE_STYLE.personal.line, width: 1.5 },
      rectRadius: 0.25,
    });
    const sphere = (zone: Zone, x: number, y: number, w: number) =>
      slide.addText(zoneShort(this.lang, zone), {
        x,
        y,
        w,
        h: 0.35,
        fontFace: FONT,
        fontSize: 12,
        bold: true,
        color: ZONE_STYLE[zone].line,
        margin: 0,
      });
    sphere('institutional', 8.75, 1.5, 3.9);
    sphere('community', 9.75, 2.4, 2.8);
    sphere('personal', 10.72, 3.3, 1.6);
    slide.addText(this.text('export.pptx.appTitle'), {
      x: 0.6,
      y: 1.2,
      w: 7.7,
      h: 0.9,
      fontFace: FONT,
      fontSize: 36,
      bold: true,
      color: TITLE,
      margin: 0,
    });
    slide.addText(shorten(title, 90), {
      x: 0.6,
      y: 2.15,
      w: 7.7,
      h: 1.2,
      fontFace: FONT,
      fontSize: 26,
      color: INK,
      valign: 'top',
      margin: 0,
    });
    slide.addText(lines.join('\n'), {
      x: 0.6,
      y: 3.45,
      w: 7.7,
      h: 0.9,
      fontFace: FONT,
      fontSize: 18,
      color: MUTED,
      valign: 'top',
      margin: 0,
    });
    if (tables.length) {
      const fit = fitItems(
        tables,
        [16, 14, 12, 11, 10],
        2.4,
        (items, size, more) => linesHeight(items.length + (more ? 1 : 0), size) * 1.1,
      );
      const rows: Run[] = fit.items.map((s) => ({ text: shorten(s, 70), options: { breakLine: true } }));
      if (fit.hidden) rows.push({ text: this.text('export.pptx.more', { count: fit.hidden }), options: { italic: true, breakLine: true } });
      slide.addText(rows, { x: 0.6, y: 4.45, w: 7.7, h: 2.5, fontFace: FONT, fontSize: fit.size, color: INK, valign: 'top', margin: 0 });
    }
    slide.addText(this.text('export.pptx.madeBy'), {
      x: 0.6,
      y: 6.85,
      w: 7.7,
      h: 0.35,
      fontFace: FONT,
      fontSize: 11,
      color: MUTED,
      margin: 0,
    });
  }

  // --- one table --------------------------------------------------------------------------------

  tableSlides(s: TableSummary): void {
    this.tableModelSlide(s);
    this.tableRankingSlide(s);
    this.learningsSlide(
      this.text('export.pptx.learningsTitle', { title: s.title }),
      s.round2.conclusions.map((text) => ({ text })),
      s.closing.flatMap((c) => (c.learned ? [{ text: c.learned }] : [])),
      s.closing.flatMap((c) => (c.action ? [{ text: c.action }] : [])),
    );
  }

  private tableModelSlide(s: TableSummary): void {
    const placed = s.round2.zones.reduce((n, z) => n + z.cards.length, 0);
    const slide = this.slide(
      this.text('export.pptx.modelTitle', { title: s.title }),
      this.text('export.pptx.modelMeta', { cards: placed, participants: countText(this.lang, s.participants) }),
    );
    const cards: Record<Zone, ModelCard[]> = { personal: [], community: [], institutional: [], outside: [], border: [] };
    const notes: string[] = [];
    for (const zone of s.round2.zones) {
      for (const c of zone.cards) {
        cards[zone.zone].push({ title: c.card.title, own: c.card.own, ...this.agreementMark(c.agreement) });
        const details = [
          `${c.card.title} — ${zoneShort(this.lang, zone.zone)}, ${agreementLabel(this.lang, c.agreement)}.`,
          ...(c.purpose ? [`${this.text('report.purpose')}: ${c.purpose}.`] : []),
          ...(c.trait ? [`${this.text('report.trait')}: ${c.trait}.`] : []),
        ];
        notes.push(details.join(' '));
      }
    }
    this.drawModel(slide, cards, placed === 0 ? this.text('report.noPlacements') : undefined);
    this.legend(
      slide,
      false,
      s.round2.zones.some((z) => z.cards.some((c) => c.card.own)),
    );
    if (notes.length) slide.addNotes(notes.join('\n'));
  }

  private agreementMark(agreement: Agreement): Pick<ModelCard, 'marks' | 'tone'> {
    if (agreement === 'divided')
      return { marks: [{ text: agreementLabel(this.lang, 'divided'), color: DIVIDED, bold: true }], tone: 'divided' };
    if (agreement === 'disagree')
      return { marks: [{ text: agreementLabel(this.lang, 'disagree'), color: DISAGREE, bold: true }], tone: 'disagree' };
    return { marks: [], tone: 'plain' };
  }

  private tableRankingSlide(s: TableSummary): void {
    const v = s.round3.voting;
    const subtitle = v.type === 'closed' ? this.text('report.votes', { voters: v.voters, stickers: v.stickers }) : undefined;
    const slide = this.slide(this.text('export.pptx.rankingTitle', { title: s.title }), subtitle);
    if (v.type === 'closed' && v.ranking.length) {
      this.rankingChart(
        slide,
        v.ranking.map((r) => ({ rank: r.rank, title: r.card.title, stickers: r.stickers })),
      );
    } else {
      this.emptyNote(slide, this.text(v.type === 'open' ? 'report.votingOpen' : 'report.notVoted'), { x: 0.35, y: 1.5, w: 8.4, h: 1.0 });
    }
    const d = s.round3.discussion;
    const main = !d.recorded
      ? this.text('report.noDiscussion')
      : d.mainIntention
        ? d.mainIntention.title
        : this.text('report.noMainIntention');
    this.sidePanel(slide, [
      { heading: this.text('report.mainIntention'), body: [main], strong: Boolean(d.mainIntention) },
      ...(d.agreements ? [{ heading: this.text('report.agreements'), body: [d.agreements] }] : []),
      ...(d.disagreements ? [{ heading: this.text('report.disagreements'), body: [d.disagreements] }] : []),
      ...(d.policyRelation ? [{ heading: this.text('report.policyRelation'), body: [d.policyRelation] }] : []),
    ]);
  }

  // --- the total (a session) ----------------------------------------------------------------------

  totalSlides(session: SessionState, picture: CombinedPicture, summaries: ReadonlyArray<TableSummary>): void {
    const total = this.text('export.pptx.total');
    this.totalModelSlide(picture, total);
    this.differingSlide(picture, total);
    this.totalRankingSlide(session, picture, total);
    const label = (n: number) => picture.tables[n - 1]?.title ?? String(n);
    this.learningsSlide(
      this.text('export.pptx.learningsTitle', { title: total }),
      picture.conclusions.flatMap((c) => c.conclusions.map((text) => ({ table: label(c.table), text }))),
      summaries.flatMap((s, i) => s.closing.flatMap((c) => (c.learned ? [{ table: label(i + 1), text: c.learned }] : []))),
      summaries.flatMap((s, i) => s.closing.flatMap((c) => (c.action ? [{ table: label(i + 1), text: c.action }] : []))),
    );
  }

  private totalModelSlide(picture: CombinedPicture, total: string): void {
    const slide = this.slide(
      this.text('export.pptx.modelTitle', { title: total }),
      this.text('export.pptx.modelMetaTotal', {
        cards: picture.cards.length,
        tables: tablesText(this.lang, picture.tables.length),
        participants: participantsText(this.lang, picture.participants),
      }),
    );
    const cards: Record<Zone, ModelCard[]> = { personal: [], community: [], institutional: [], outside: [], border: [] };
    for (const c of picture.cards) {
      const zone = c.mainZone ?? 'border';
      cards[zone].push(this.totalCard(c));
    }
    this.drawModel(slide, cards, picture.cards.length === 0 ? this.text('combined.noPlacements') : undefined);
    this.legend(
      slide,
      true,
      picture.cards.some((c) => c.card.own),
    );
    if (picture.cards.length) slide.addNotes(picture.cards.map((c) => `${c.card.title}: ${spreadText(this.lang, c.spread)}`).join('\n'));
  }

  /** "Buurthuis 2/3" in its main zone; orange when tables chose other zones, "oneens" when one disagreed. */
  private totalCard(c: CombinedCard): ModelCard {
    const marks: ModelCard['marks'] = [];
    const main = c.mainZone ? (c.spread.find((s) => s.zone === c.mainZone)?.count ?? 0) : 0;
    if (c.mainZone) marks.push({ text: `${main}/${c.tables}`, color: c.placedDifferently ? DIVIDED : MUTED, bold: c.placedDifferently });
    else marks.push({ text: this.text('export.pptx.tie'), color: DIVIDED, bold: true });
    if (c.agreements.disagree)
      marks.push({ text: `${agreementLabel(this.lang, 'disagree')} ${c.agreements.disagree}`, color: DISAGREE, bold: true });
    if (c.agreements.divided)
      marks.push({ text: `${agreementLabel(this.lang, 'divided')} ${c.agreements.divided}`, color: DIVIDED, bold: true });
    return { title: c.card.title, own: c.card.own, marks, tone: c.agreements.disagree ? 'disagree' : c.differs ? 'divided' : 'plain' };
  }

  private differingSlide(picture: CombinedPicture, total: string): void {
    const slide = this.slide(this.text('export.pptx.differingTitle', { title: total }), this.text('combined.differingIntro'));
    if (picture.differing.length === 0) {
      this.emptyNote(slide, this.text(picture.cards.length ? 'combined.noDiffering' : 'combined.noPlacements'), {
        x: 0.35,
        y: 1.5,
        w: 12.6,
        h: 1.0,
      });
      return;
    }
    const title = (n: number) => picture.tables[n - 1]?.title ?? String(n);
    const rows = picture.differing.map((c) => {
      const deviations = c.placements
        .filter((p) => p.zone !== c.mainZone || p.agreement !== 'agree')
        .map((p) => {
          const parts = [
            ...(p.zone !== c.mainZone ? [zoneShort(this.lang, p.zone)] : []),
            ...(p.agreement !== 'agree' ? [agreementLabel(this.lang, p.agreement)] : []),
          ];
          return `${title(p.table)}: ${parts.join(', ')}`;
        })
        .join('\n');
      return [c.card.title, spreadText(this.lang, c.spread), deviations] as const;
    });
    const widths = [3.3, 4.2, 5.1];
    const rowHeight = (row: readonly string[], size: number) =>
      Math.max(...row.map((cell, i) => linesHeight(lineCount(cell, charsPerLine((widths[i] ?? 3) - 0.2, size, i === 0)), size))) + 0.12;
    const head = [this.text('export.col.card'), this.text('export.col.placedAs'), this.text('export.col.deviations')];
    const fit = fitItems(
      rows,
      [16, 15, 14, 13, 12, 11, 10],
      5.55,
      (items, size, more) =>
        rowHeight(head, size) + items.reduce((h, r) => h + rowHeight(r, size), 0) + (more ? linesHeight(1, size) + 0.1 : 0),
    );
    const cell = (text: string, opts: PptxGenJS.TableCellProps = {}): PptxGenJS.TableCell => ({
      text,
      options: { fontFace: FONT, fontSize: fit.size, color: INK, valign: 'top', ...opts },
    });
    const table: PptxGenJS.TableRow[] = [
      head.map((h) => cell(h, { bold: true, color: 'FFFFFF', fill: { color: TITLE } })),
      ...fit.items.map((r, i) =>
        [cell(r[0], { bold: true }), cell(r[1]), cell(r[2], { color: DIVIDED })].map((c) => ({
          ...c,
          options: { ...c.options, fill: { color: i % 2 ? 'F2F2F2' : 'FFFFFF' } },
        })),
      ),
    ];
    slide.addTable(table, {
      x: 0.35,
      y: 1.35,
      w: 12.6,
      colW: widths,
      border: { type: 'solid', pt: 0.75, color: 'BFBFBF' },
      margin: 0.06,
      autoPage: false,
    });
    if (fit.hidden) {
      slide.addText(this.text('export.pptx.more', { count: fit.hidden }), {
        x: 0.35,
        y: 6.95,
        w: 10,
        h: 0.35,
        fontFace: FONT,
        fontSize: 12,
        italic: true,
        color: MUTED,
        margin: 0,
      });
    }
  }

  private totalRankingSlide(session: SessionState, picture: CombinedPicture, total: string): void {
    const ints = picture.intentions;
    const subtitle = ints.tablesVoted
      ? this.text('export.pptx.rankingMetaTotal', {
          voters: ints.voters,
          tables: tablesText(this.lang, ints.tablesVoted),
          stickers: ints.stickers,
        })
      : undefined;
    const slide = this.slide(this.text('export.pptx.rankingTitle', { title: total }), subtitle);
    if (ints.ranking.length)
      this.rankingChart(
        slide,
        ints.ranking.map((r) => ({ rank: r.rank, title: r.card.title, stickers: r.stickers })),
      );
    else this.emptyNote(slide, this.text('combined.notVoted'), { x: 0.35, y: 1.5, w: 8.4, h: 1.0 });
    const tops = ints.perTable.map((p) => {
      const top = p.voting === 'closed' && p.top.length ? p.top.map((c) => c.title).join(' / ') : this.text('combined.noTop');
      const main =
        p.mainIntention && !(p.top.length === 1 && p.top[0]?.id === p.mainIntention.id)
          ? ` (${this.text('combined.mainIntention', { title: p.mainIntention.title })})`
          : '';
      return `${p.title}: ${top}${main}`;
    });
    this.sidePanel(slide, [
      { heading: this.text('combined.topPerTable'), body: tops.length ? tops : [this.text('combined.noTables')] },
      ...(session.policyGoals.length ? [{ heading: this.text('report.policyGoals'), body: session.policyGoals }] : []),
    ]);
  }

  // --- shared drawing -----------------------------------------------------------------------------

  private drawModel(slide: Slide, cards: Record<Zone, ModelCard[]>, empty: string | undefined): void {
    // Outside first, then the sociale basis from the outer sphere in; the border zone last, on the edge.
    const order: Zone[] = ['outside', 'institutional', 'community', 'personal', 'border'];
    // One card size for the whole model, the largest at which every zone fits (or the smallest), so
    // the cards read as equals; a crowded zone then counts what it leaves out.
    const common = Math.min(
      ...order.filter((z) => cards[z].length).map((z) => this.planCards(MODEL[z].cards, cards[z], CARD_SIZES).fit.size),
      CARD_SIZES[0] ?? 18,
    );
    const sizes = CARD_SIZES.filter((size) => size <= common);
    for (const zone of order) {
      const box = MODEL[zone];
      const style = ZONE_STYLE[zone];
      const dashed = zone === 'border' || zone === 'outside';
      slide.addShape('roundRect', {
        ...box.area,
        fill: { color: style.fill, ...(zone === 'border' ? { transparency: 25 } : {}) },
        line: { color: style.line, width: zone === 'border' ? 2 : 1.5, ...(dashed ? { dashType: 'dash' as const } : {}) },
        rectRadius: zone === 'border' || zone === 'outside' ? 0.15 : 0.3,
      });
      slide.addText(zoneName(this.lang, zone), {
        ...box.label,
        fontFace: FONT,
        fontSize: 15,
        bold: true,
        color: style.line,
        valign: 'top',
        margin: 0,
      });
      if (cards[zone].length) this.drawCards(slide, box.cards, this.planCards(box.cards, cards[zone], sizes), style.line);
    }
    if (empty) this.emptyNote(slide, empty, { x: 0.5, y: 6.25, w: 2.6, h: 0.5 });
  }

  /**
   * How one zone's cards fit: as large as possible from `sizes`, in one column, or in two where the
   * zone is wide enough and two columns allow a larger size. A size that would break a word in the
   * middle does not fit, unless it is the smallest.
   */
  private planCards(box: ZoneBox['cards'], cards: ReadonlyArray<ModelCard>, sizes: ReadonlyArray<number>) {
    const smallest = sizes[sizes.length - 1] ?? 10;
    const layout = (columns: number) => {
      const colW = (box.w - CARD_GAP * (columns - 1)) / columns;
      const cardH = (c: ModelCard, size: number) => {
        const text = [c.title, ...c.marks.map((m) => m.text)].join(' · ');
        const cpl = charsPerLine(colW - 0.2, size);
        if (size > smallest && longestWord(text) > cpl) return Number.POSITIVE_INFINITY;
        return linesHeight(lineCount(text, cpl), size) + 2 * CARD_PAD;
      };
      const rowsHeight = (items: ReadonlyArray<ModelCard>, size: number) => {
        let h = 0;
        for (let i = 0; i < items.length; i += columns) h += Math.max(...items.slice(i, i + columns).map((c) => cardH(c, size))) + CARD_GAP;
        return h;
      };
      const fit = fitItems(
        cards,
        sizes,
        box.h,
        (items, size, more) => rowsHeight(items, size) + (more ? linesHeight(1, size) + CARD_GAP : 0),
      );
      return { box, columns, colW, cardH, fit };
    };
    const options = Array.from({ length: box.columns }, (_, i) => layout(i + 1));
    // Fewest hidden cards first, then the largest size, then fewer columns.
    return options.reduce((best, o) =>
      o.fit.hidden < best.fit.hidden || (o.fit.hidden === best.fit.hidden && o.fit.size > best.fit.size) ? o : best,
    );
  }

  /** The cards of one zone as small white cards, as planned. */
  private drawCards(slide: Slide, box: ZoneBox['cards'], plan: ReturnType<Deck['planCards']>, zoneLine: string): void {
    const { columns, colW, cardH, fit } = plan;
    let y = box.y;
    for (let i = 0; i < fit.items.length; i += columns) {
      const row = fit.items.slice(i, i + columns);
      const h = Math.max(...row.map((c) => cardH(c, fit.size)));
      row.forEach((c, col) => {
        const x = box.x + col * (colW + CARD_GAP);
        const border = c.tone === 'disagree' ? DISAGREE : c.tone === 'divided' ? DIVIDED : zoneLine;
        const runs: Run[] = [{ text: c.title, options: { italic: c.own, color: INK } }];
        for (const m of c.marks) runs.push({ text: ` · ${m.text}`, options: { color: m.color, bold: m.bold ?? false } });
        slide.addText(runs, {
          x,
          y,
          w: colW,
          h,
          shape: 'roundRect',
          rectRadius: 0.06,
          fill: { color: 'FFFFFF' },
          line: { color: border, width: c.tone === 'plain' ? 0.75 : 2 },
          fontFace: FONT,
          fontSize: fit.size,
          valign: 'middle',
          // Left, right, bottom, top, in points.
          margin: [6, 6, 4, 4],
        });
      });
      y += h + CARD_GAP;
    }
    if (fit.hidden) {
      slide.addText(this.text('export.pptx.more', { count: fit.hidden }), {
        x: box.x,
        y,
        w: box.w,
        h: linesHeight(1, fit.size) + 0.02,
        fontFace: FONT,
        fontSize: fit.size,
        italic: true,
        color: MUTED,
        margin: 0,
      });
    }
  }

  private legend(slide: Slide, total: boolean, own: boolean): void {
    const sep: Run = { text: '  ·  ' };
    const runs: Run[] = total
      ? [
          { text: this.text('export.pptx.legendFraction') },
          sep,
          { text: this.text('export.pptx.legendOther'), options: { bold: true, color: DIVIDED } },
          sep,
          { text: this.text('export.pptx.legendDisagreeTotal'), options: { bold: true, color: DISAGREE } },
        ]
      : [
          { text: this.text('export.pptx.legendTable') },
          sep,
          { text: agreementLabel(this.lang, 'divided'), options: { bold: true, color: DIVIDED } },
          { text: ` / ` },
          { text: agreementLabel(this.lang, 'disagree'), options: { bold: true, color: DISAGREE } },
          { text: `: ${this.text('export.pptx.legendMarked')}` },
        ];
    if (own) runs.push(sep, { text: this.text('export.pptx.legendOwn'), options: { italic: true } });
    slide.addText(runs, { x: 0.35, y: 6.95, w: 11.9, h: 0.4, fontFace: FONT, fontSize: 12, color: MUTED, valign: 'middle', margin: 0 });
  }

  /** Horizontal bars, most stickers on top; at most 10 bars, the rest counted below the chart. */
  private rankingChart(slide: Slide, rows: ReadonlyArray<{ rank: number; title: string; stickers: number }>): void {
    const shown = rows.slice(0, 10);
    const labels = shown.map((r) => `${r.rank}. ${shorten(r.title, 48)}`);
    // A bar chart draws its first category at the bottom: reverse, so rank 1 is on top.
    const fontSize = shown.length > 7 ? 14 : 16;
    slide.addChart(
      'bar',
      [{ name: this.text('report.stickers'), labels: [...labels].reverse(), values: shown.map((r) => r.stickers).reverse() }],
      {
        x: 0.35,
        y: 1.35,
        w: 8.5,
        h: rows.length > shown.length ? 5.3 : 5.7,
        barDir: 'bar',
        barGapWidthPct: 45,
        chartColors: ['2F5597'],
        showValue: true,
        dataLabelPosition: 'outEnd',
        dataLabelFontSize: fontSize,
        dataLabelFontFace: FONT,
        dataLabelColor: INK,
        catAxisLabelFontSize: fontSize,
        catAxisLabelFontFace: FONT,
        catAxisLabelColor: INK,
        valAxisHidden: true,
        valAxisMinVal: 0,
        valGridLine: { style: 'none' },
        showLegend: false,
        altText: labels.map((l, i) => `${l}: ${shown[i]?.stickers}`).join('; '),
      },
    );
    if (rows.length > shown.length) {
      slide.addText(this.text('export.pptx.moreIntentions', { count: rows.length - shown.length }), {
        x: 0.35,
        y: 6.7,
        w: 8.5,
        h: 0.35,
        fontFace: FONT,
        fontSize: 12,
        italic: true,
        color: MUTED,
        margin: 0,
      });
    }
  }

  /** The right-hand panel of a ranking slide: headed blocks of text, as large as they fit. */
  private sidePanel(slide: Slide, blocks: ReadonlyArray<{ heading: string; body: ReadonlyArray<string>; strong?: boolean }>): void {
    const box = { x: 9.15, y: 1.35, w: 3.85, h: 5.85 };
    slide.addShape('roundRect', { ...box, fill: { color: 'F3F6FA' }, line: { color: 'BFCBDA', width: 1 }, rectRadius: 0.12 });
    const inner = box.w - 0.3;
    type Line = { text: string; heading: boolean; strong: boolean };
    const lines: Line[] = blocks.flatMap((b) => [
      { text: b.heading, heading: true, strong: true },
      ...b.body.map((text) => ({ text: shorten(text, 400), heading: false, strong: b.strong ?? false })),
    ]);
    const height = (items: ReadonlyArray<Line>, size: number, more: boolean) =>
      items.reduce(
        (h, l) => h + linesHeight(lineCount(l.text, charsPerLine(inner, size, l.strong, PROSE_EM)), size) + (l.heading ? 0.04 : 0.1),
        0,
      ) + (more ? linesHeight(1, size) : 0);
    const fit = fitItems(lines, [16, 15, 14, 13, 12, 11, 10], box.h - 0.3, height);
    const runs: Run[] = fit.items.map((l) => ({
      text: l.text,
      options: { breakLine: true, bold: l.strong, color: l.heading ? TITLE : INK, paraSpaceAfter: l.heading ? 2 : 7 },
    }));
    if (fit.hidden)
      runs.push({ text: this.text('export.pptx.more', { count: fit.hidden }), options: { italic: true, color: MUTED, breakLine: true } });
    slide.addText(runs, {
      x: box.x + 0.15,
      y: box.y + 0.15,
      w: inner,
      h: box.h - 0.3,
      fontFace: FONT,
      fontSize: fit.size,
      valign: 'top',
      margin: 0,
    });
  }

  /** Three columns: voorlopige conclusies, what participants learned, what they will act on. */
  private learningsSlide(title: string, conclusions: Item[], learned: Item[], actions: Item[]): void {
    const slide = this.slide(title);
    const columns: Array<[string, Item[], string]> = [
      [this.text('report.conclusions'), conclusions, this.text('report.noConclusions')],
      [this.text('report.learned'), learned, this.text('export.pptx.nothingRecorded')],
      [this.text('report.actions'), actions, this.text('export.pptx.nothingRecorded')],
    ];
    const w = 4.1;
    const inner = w - 0.36 - 0.25;
    const text = (it: Item) => (it.table ? `${it.table}: ${it.text}` : it.text);
    const height = (list: ReadonlyArray<Item>, size: number, more: boolean) =>
      list.reduce((h, it) => h + linesHeight(lineCount(text(it), charsPerLine(inner, size, false, PROSE_EM)), size) + 0.1, 0) +
      (more ? linesHeight(1, size) : 0);
    const prepared = columns.map(([, items]) => items.map((it) => ({ ...it, text: shorten(it.text, 300) })));
    // One size for all three columns, the largest at which each fits, so they read as one slide.
    const sizes = [18, 16, 15, 14, 13, 12, 11, 10];
    const common = Math.min(...prepared.map((items) => fitItems(items, sizes, 5.1, height).size));
    columns.forEach(([heading, , empty], i) => {
      const x = 0.35 + i * (w + 0.15);
      slide.addShape('roundRect', {
        x,
        y: 1.1,
        w,
        h: 6.2,
        fill: { color: i === 0 ? 'F3F6FA' : 'FFFFFF' },
        line: { color: 'BFCBDA', width: 1 },
        rectRadius: 0.12,
      });
      slide.addText(heading, {
        x: x + 0.18,
        y: 1.2,
        w: w - 0.36,
        h: 0.75,
        fontFace: FONT,
        fontSize: 17,
        bold: true,
        color: TITLE,
        valign: 'middle',
        margin: 0,
      });
      const fit = fitItems(
        prepared[i] ?? [],
        sizes.filter((size) => size <= common),
        5.1,
        height,
      );
      const runs: Run[] = [];
      for (const it of fit.items) {
        if (it.table) runs.push({ text: `${it.table}: `, options: { bold: true, color: TITLE } });
        runs.push({ text: it.text, options: { breakLine: true, paraSpaceAfter: 7, ...(it.table ? {} : { bullet: { indent: 14 } }) } });
      }
      if (fit.hidden)
        runs.push({ text: this.text('export.pptx.more', { count: fit.hidden }), options: { italic: true, color: MUTED, breakLine: true } });
      if (runs.length === 0) runs.push({ text: empty, options: { italic: true, color: MUTED } });
      slide.addText(runs, {
        x: x + 0.18,
        y: 2.0,
        w: w - 0.36,
        h: 5.15,
        fontFace: FONT,
        fontSize: fit.size,
        color: INK,
        valign: 'top',
        margin: 0,
      });
    });
  }

  private emptyNote(slide: Slide, text: string, box: { x: number; y: number; w: number; h: number }): void {
    slide.addText(text, { ...box, fontFace: FONT, fontSize: 16, italic: true, color: MUTED, valign: 'top', margin: 0 });
  }
}

function longestWord(text: string): number {
  return Math.max(0, ...text.split(/\s+/).map((w) => [...w].length));
}

interface Item {
  /** The table, in the total. */
  table?: string;
  text: string;
}
