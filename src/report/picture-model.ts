import { ZONES, type Agreement, type GroupView, type Language, type Zone } from '../domain';
import { t } from '../i18n';
import { combineTables } from './combined';
import { agreementLabel, countText, zoneName } from './labels';
import { buildTableSummary } from './table-summary';

/**
 * What the model picture shows, as plain data: per zone its cards with their marks. Built from what
 * everyone at the table may see (a GroupView, through the table's summary), so the picture cannot
 * show a silent placement that has not closed or anything else not yet revealed; it holds no names.
 */
export interface PictureModel {
  lang: Language;
  title: string;
  meta: string;
  zones: Record<Zone, PictureCard[]>;
  /** The legend lines under the model: what the marks mean. */
  legend: string[];
  /** Said in the middle of the model when no card has a place yet. */
  empty?: string;
}

export interface PictureCard {
  title: string;
  /** A blank card filled in at the table: drawn in italics. */
  own: boolean;
  /** Marks after the title, each in words (never by colour alone): "verdeeld", "(5)", "oneens 1". */
  marks: PictureMark[];
  /** The card's border: plain, dashed orange (verdeeld) or a thick red line (oneens). */
  tone: 'plain' | 'divided' | 'disagree';
}

export interface PictureMark {
  text: string;
  tone: 'muted' | 'divided' | 'disagree';
}

function emptyZones(): Record<Zone, PictureCard[]> {
  return { personal: [], community: [], institutional: [], outside: [], border: [] };
}

function agreementMarks(lang: Language, agreement: Agreement): Pick<PictureCard, 'marks' | 'tone'> {
  if (agreement === 'agree') return { marks: [], tone: 'plain' };
  return { marks: [{ text: agreementLabel(lang, agreement), tone: agreement }], tone: agreement };
}

/** One table's filled model: each placed card in its zone with its agreement mark. */
export function tablePicture(view: GroupView, lang: Language): PictureModel {
  const summary = buildTableSummary(view, lang);
  const zones = emptyZones();
  let placed = 0;
  for (const zone of summary.round2.zones) {
    for (const c of zone.cards) {
      zones[zone.zone].push({ title: c.card.title, own: c.card.own, ...agreementMarks(lang, c.agreement) });
      placed += 1;
    }
  }
  const own = Object.values(zones).some((cards) => cards.some((c) => c.own));
  return {
    lang,
    title: t(lang, 'picture.title', { title: summary.title }),
    meta: t(lang, 'picture.meta', { cards: placed, participants: countText(lang, summary.participants) }),
    zones,
    legend: [t(lang, 'picture.legend'), ...(own ? [t(lang, 'picture.legendOwn')] : [])],
    ...(placed === 0 ? { empty: t(lang, 'picture.empty') } : {}),
  };
}

/**
 * The session's combined model: every card in each zone where at least one table put it, with the
 * number of tables that did, and how many of those were verdeeld or oneens about it.
 */
export function sessionPicture(sessionTitle: string, tables: ReadonlyArray<GroupView>, lang: Language): PictureModel {
  const combined = combineTables([...tables], lang);
  const counted: Record<Zone, Array<{ card: PictureCard; tables: number }>> = {
    personal: [],
    community: [],
    institutional: [],
    outside: [],
    border: [],
  };
  for (const c of combined.cards) {
    for (const zone of ZONES) {
      const here = c.placements.filter((p) => p.zone === zone);
      if (here.length === 0) continue;
      const divided = here.filter((p) => p.agreement === 'divided').length;
      const disagree = here.filter((p) => p.agreement === 'disagree').length;
      const marks: PictureMark[] = [{ text: `(${here.length})`, tone: 'muted' }];
      if (divided) marks.push({ text: `${agreementLabel(lang, 'divided')} ${divided}`, tone: 'divided' });
      if (disagree) marks.push({ text: `${agreementLabel(lang, 'disagree')} ${disagree}`, tone: 'disagree' });
      const card: PictureCard = {
        title: c.card.title,
        own: c.card.own,
        marks,
        tone: disagree ? 'disagree' : divided ? 'divided' : 'plain',
      };
      counted[zone].push({ card, tables: here.length });
    }
  }
  // Most tables first within a zone, then by title: what the tables share reads first.
  const zones = emptyZones();
  for (const zone of ZONES) {
    zones[zone] = counted[zone].sort((a, b) => b.tables - a.tables || a.card.title.localeCompare(b.card.title, lang)).map((e) => e.card);
  }
  const own = combined.cards.some((c) => c.card.own);
  return {
    lang,
    title: t(lang, 'picture.titleSession', { title: sessionTitle }),
    meta: t(lang, 'picture.metaSession', {
      cards: combined.cards.length,
      tables: combined.tables.length,
      participants: combined.participants,
    }),
    zones,
    legend: [t(lang, 'picture.legendSession'), ...(own ? [t(lang, 'picture.legendOwn')] : [])],
    ...(combined.cards.length === 0 ? { empty: t(lang, 'picture.empty') } : {}),
  };
}

/** The words of the picture for a screen reader: every zone with its cards and marks, in the model's order. */
export function pictureAlt(model: PictureModel, maxChars = 1500): string {
  const { lang } = model;
  const parts: string[] = [];
  for (const zone of ZONES) {
    const cards = model.zones[zone];
    if (cards.length === 0) continue;
    const list = cards.map((c) =>
      c.marks.length ? `${c.title} (${c.marks.map((m) => m.text.replace(/^\((.*)\)$/, '$1')).join(', ')})` : c.title,
    );
    parts.push(`${zoneName(lang, zone)}: ${list.join('; ')}`);
  }
  const whole = parts.length ? `${model.title}. ${parts.join('. ')}.` : `${model.title}. ${model.empty ?? ''}`.trim();
  if ([...whole].length <= maxChars) return whole;
  const more = t(lang, 'picture.altMore');
  return `${[...whole].slice(0, maxChars - more.length - 2).join('')}… ${more}`;
}
