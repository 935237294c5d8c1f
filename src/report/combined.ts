import {
  AGREEMENTS,
  sameTitleKey,
  ZONES,
  type Agreement,
  type Card,
  type Language,
  type GroupView,
  type Phase,
  type Zone,
  withDeckIn,
} from '../domain';
import { t } from '../i18n';
import { spreadText } from './labels';
import { buildTableSummary } from './table-summary';
import type { CardRef, TableSummary, ZoneCount } from './summary-types';

/**
 * The totaalbeeld: what the tables of one session did, side by side and added up. Built from each
 * table's summary, so the same privacy rules hold (unrevealed picks, open polls and stickers before
 * the voting closed stay out). It holds no names at all: only table titles and counts.
 */
export interface CombinedPicture {
  /** The tables in the order given (a session's link order), numbered from 1. */
  tables: CombinedTableRef[];
  /** Participants over all tables. */
  participants: number;
  /** Of whom guests in the room without a device. */
  guests: number;
  /** Every card at least one table placed on the model: most tables first, then by title. */
  cards: CombinedCard[];
  /** The cards the tables placed in different zones, or that a table marked verdeeld or oneens. */
  differing: CombinedCard[];
  intentions: CombinedIntentions;
  /** The voorlopige conclusies of each table, side by side (every table, also those without). */
  conclusions: TableConclusions[];
}

export interface CombinedTableRef {
  /** 1-based position in the session. */
  number: number;
  title: string;
  participants: number;
  phase: Phase;
}

/** How one table placed a card. */
export interface TablePlacement {
  table: number;
  zone: Zone;
  agreement: Agreement;
}

export interface CombinedCard {
  /**
   * How the card was matched over tables: its id, or `own:<title>` for an own card (blank card) no
   * deck has. Own cards of different tables with the same normalised title are one card; an own card
   * with the title of a deck card is that deck card.
   */
  key: string;
  card: CardRef;
  /** How many tables placed it. */
  tables: number;
  /** Tables per zone, most first; equal counts in the model's order. "institutioneel 5, twijfel 1". */
  spread: ZoneCount[];
  /** The zone most tables chose; absent when two or more zones share the most tables. */
  mainZone?: Zone;
  /** Tables per agreement mark (eens, verdeeld, oneens). */
  agreements: Record<Agreement, number>;
  /** Per table, in table order. */
  placements: TablePlacement[];
  /** Tables put it in more than one zone. */
  placedDifferently: boolean;
  /** Placed differently, or marked verdeeld or oneens by at least one table. */
  differs: boolean;
}

export interface CombinedRankRow {
  /** 1-based; equal totals share a rank (1, 2, 2, 4), like a table's ranking. */
  rank: number;
  tied: boolean;
  key: string;
  card: CardRef;
  /** Stickers summed over the tables. */
  stickers: number;
  /** How many tables put at least one sticker on it. */
  tables: number;
}

export interface TableTopIntention {
  table: number;
  title: string;
  /** Only a closed voting has a ranking; before that the stickers stay private. */
  voting: 'notStarted' | 'open' | 'closed';
  /** The intentions with the most stickers at this table (more than one on a tie). */
  top: CardRef[];
  /** Stickers on each top intention. */
  stickers: number;
  /** The hoofdbedoeling the table recorded in its discussion, if any. */
  mainIntention?: CardRef;
}

export interface CombinedIntentions {
  /** Tables whose voting is closed: only these count. */
  tablesVoted: number;
  voters: number;
  stickers: number;
  /** Intentions with stickers, most first. */
  ranking: CombinedRankRow[];
  /** Intentions on the voting tables' decks that no table put a sticker on, in deck order. */
  withoutStickers: CardRef[];
  perTable: TableTopIntention[];
}

export interface TableConclusions {
  table: number;
  title: string;
  conclusions: string[];
}

/** Matches cards over tables: deck cards by id, own cards by normalised title (see CombinedCard.key). */
class CardMatcher {
  private readonly deckByTitle = new Map<string, string>();

  constructor(decks: ReadonlyArray<ReadonlyArray<Card>>) {
    for (const deck of decks) {
      for (const c of deck) {
        if (c.addedBy === undefined && !this.deckByTitle.has(sameTitleKey(c.title))) this.deckByTitle.set(sameTitleKey(c.title), c.id);
      }
    }
  }

  key(card: CardRef): string {
    if (!card.own) return card.id;
    const title = sameTitleKey(card.title);
    return this.deckByTitle.get(title) ?? `own:${title}`;
  }
}

/**
 * The combined picture over the tables of a session. Pure: the same tables and language give the
 * same picture. `lang` only chooses the default texts in the table summaries it is built from.
 */
export function combineTables(groupViews: ReadonlyArray<GroupView>, lang: Language): CombinedPicture {
  // One language over all tables, so that a default card has one title however each table spoke.
  const tables = groupViews.map((table) => withDeckIn(table, lang));
  const summaries = tables.map((state) => buildTableSummary(state, lang));
  const refs: CombinedTableRef[] = summaries.map((s, i) => ({
    number: i + 1,
    title: s.title,
    participants: s.participants.count,
    phase: s.phase,
  }));
  const cards = combineCards(tables, summaries);
  return {
    tables: refs,
    participants: summaries.reduce((sum, s) => sum + s.participants.count, 0),
    guests: summaries.reduce((sum, s) => sum + s.participants.guests, 0),
    cards,
    differing: cards
      .filter((c) => c.differs)
      .sort(
        (a, b) =>
          b.spread.length - a.spread.length ||
          b.agreements.disagree - a.agreements.disagree ||
          b.agreements.divided - a.agreements.divided ||
          b.tables - a.tables ||
          byTitle(a, b),
      ),
    intentions: combineIntentions(tables, summaries),
    conclusions: summaries.map((s, i) => ({ table: i + 1, title: s.title, conclusions: s.round2.conclusions })),
  };
}

function byTitle(a: { card: CardRef }, b: { card: CardRef }): number {
  return a.card.title.localeCompare(b.card.title, 'nl');
}

function combineCards(tables: ReadonlyArray<GroupView>, summaries: ReadonlyArray<TableSummary>): CombinedCard[] {
  const matcher = new CardMatcher(tables.map((s) => s.deck.ingredients));
  const byKey = new Map<string, { card: CardRef; placements: TablePlacement[] }>();
  summaries.forEach((summary, i) => {
    for (const zone of summary.round2.zones) {
      for (const placed of zone.cards) {
        const key = matcher.key(placed.card);
        let entry = byKey.get(key);
        if (!entry) {
          entry = { card: placed.card, placements: [] };
          byKey.set(key, entry);
        }
        // A deck card is shown as the deck card, even when the first table to place it had it as its own.
        if (entry.card.own && !placed.card.own) entry.card = placed.card;
        entry.placements.push({ table: i + 1, zone: zone.zone, agreement: placed.agreement });
      }
    }
  });
  const cards = [...byKey.entries()].map(([key, { card, placements }]): CombinedCard => {
    placements.sort((a, b) => a.table - b.table);
    const spread = zoneSpread(placements.map((p) => p.zone));
    const agreements = Object.fromEntries(AGREEMENTS.map((a) => [a, placements.filter((p) => p.agreement === a).length])) as Record<
      Agreement,
      number
    >;
    const top = spread[0];
    const mainZone = top && spread.filter((s) => s.count === top.count).length === 1 ? top.zone : undefined;
    const placedDifferently = spread.length > 1;
    return {
      key,
      card,
      tables: placements.length,
      spread,
      ...(mainZone ? { mainZone } : {}),
      agreements,
      placements,
      placedDifferently,
      differs: placedDifferently || agreements.divided > 0 || agreements.disagree > 0,
    };
  });
  return cards.sort((a, b) => b.tables - a.tables || byTitle(a, b));
}

/** Counts per zone, most first; the sort is stable, so equal counts keep the model's order. */
function zoneSpread(zones: ReadonlyArray<Zone>): ZoneCount[] {
  return ZONES.map((zone) => ({ zone, count: zones.filter((z) => z === zone).length }))
    .filter((z) => z.count > 0)
    .sort((a, b) => b.count - a.count);
}

function combineIntentions(tables: ReadonlyArray<GroupView>, summaries: ReadonlyArray<TableSummary>): CombinedIntentions {
  const matcher = new CardMatcher(tables.map((s) => s.deck.intentions));
  // Deck order over the tables (first table's deck, then what later tables added): the tie order.
  const order = new Map<string, { index: number; card: CardRef }>();
  const totals = new Map<string, { stickers: number; tables: number }>();
  let voters = 0;
  let stickers = 0;
  let tablesVoted = 0;
  const perTable: TableTopIntention[] = [];
  summaries.forEach((summary, i) => {
    const { voting, discussion } = summary.round3;
    const main = discussion.mainIntention ? { mainIntention: discussion.mainIntention } : {};
    if (voting.type !== 'closed') {
      perTable.push({ table: i + 1, title: summary.title, voting: voting.type, top: [], stickers: 0, ...main });
      return;
    }
    tablesVoted += 1;
    voters += voting.voters;
    stickers += voting.stickers;
    for (const c of tables[i]?.deck.intentions ?? []) {
      const ref: CardRef = { id: c.id, title: c.title, own: c.addedBy !== undefined };
      const key = matcher.key(ref);
      const known = order.get(key);
      if (!known) order.set(key, { index: order.size, card: ref });
      else if (known.card.own && !ref.own) known.card = ref;
    }
    for (const row of voting.ranking) {
      const key = matcher.key(row.card);
      const total = totals.get(key) ?? { stickers: 0, tables: 0 };
      totals.set(key, { stickers: total.stickers + row.stickers, tables: total.tables + 1 });
    }
    const best = voting.ranking[0]?.stickers ?? 0;
    perTable.push({
      table: i + 1,
      title: summary.title,
      voting: 'closed',
      top: voting.ranking.filter((r) => r.stickers === best && best > 0).map((r) => r.card),
      stickers: best,
      ...main,
    });
  });
  const rows = [...order.entries()]
    .map(([key, { index, card }]) => ({ key, index, card, stickers: totals.get(key)?.stickers ?? 0, tables: totals.get(key)?.tables ?? 0 }))
    .sort((a, b) => b.stickers - a.stickers || a.index - b.index);
  const perTotal = new Map<number, number>();
  for (const r of rows) perTotal.set(r.stickers, (perTotal.get(r.stickers) ?? 0) + 1);
  const ranking: CombinedRankRow[] = rows
    .filter((r) => r.stickers > 0)
    .map((r) => ({
      rank: rows.findIndex((x) => x.stickers === r.stickers) + 1,
      tied: (perTotal.get(r.stickers) ?? 0) > 1,
      key: r.key,
      card: r.card,
      stickers: r.stickers,
      tables: r.tables,
    }));
  return {
    tablesVoted,
    voters,
    stickers,
    ranking,
    withoutStickers: rows
      .filter((r) => r.stickers === 0)
      .sort((a, b) => a.index - b.index)
      .map((r) => r.card),
    perTable,
  };
}

/** "institutioneel 5, twijfel / grensgebied 1": how the tables placed a card. */
export function combinedSpreadText(lang: Language, card: Pick<CombinedCard, 'spread'>): string {
  return spreadText(lang, card.spread);
}

/** "Buurthuis: institutioneel 5, twijfel / grensgebied 1" */
export function combinedCardLine(lang: Language, card: Pick<CombinedCard, 'card' | 'spread'>): string {
  return t(lang, 'combined.cardLine', { title: card.card.title, spread: spreadText(lang, card.spread) });
}
