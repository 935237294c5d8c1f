import { formatCode, isCanonicalCode, own, PICK_ROLES, stickersUsed, type Language, type Participant, type Placement } from '../../domain';
import { t } from '../../i18n';
import { cardLookup } from '../cards';
import { agreementLabel, zoneShort } from '../labels';
import { personRef } from '../people';
import type { NumberedTable } from './types';

/**
 * The data for analysis in Excel: one row per pick, per placement (moves included), per silent
 * placement vote and per sticker vote. Written for Dutch Excel: UTF-8 with a byte order mark, `;` as
 * separator, CRLF line ends, every field quoted. A participant is their name only with consent,
 * otherwise "deelnemer 3". Silent input that was never revealed (picks before the reveal, open polls,
 * stickers before the voting closed) stays out, as in the report.
 */

export const CSV_SEPARATOR = ';';

const COLUMNS = [
  'session',
  'tableNumber',
  'table',
  'kind',
  'round',
  'sequence',
  'time',
  'participant',
  'guest',
  'enteredByLeader',
  'cardId',
  'card',
  'ownCard',
  'pick',
  'zone',
  'previousZone',
  'current',
  'agreement',
  'stickers',
  'argument',
  'purpose',
  'trait',
] as const;

type Column = (typeof COLUMNS)[number];
type Row = Partial<Record<Column, string | number | boolean>>;

/**
 * A cell Excel takes as text, never as a formula: what starts with = + - @ (or a tab or carriage
 * return, which Excel skips before one) gets a leading apostrophe. Then quoted, quotes doubled.
 */
export function csvCell(value: string | number | boolean | undefined, lang: Language = 'nl'): string {
  let text = value === undefined ? '' : typeof value === 'boolean' ? t(lang, value ? 'export.yes' : 'export.no') : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** "2025-03-12 14:31:05", Dutch time: a format Excel reads as a date and time. */
export function csvTime(ms: number): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(ms));
}

export function buildCsv(tables: ReadonlyArray<NumberedTable>, sessionCode: string | undefined, lang: Language): Buffer {
  const header = COLUMNS.map((c) => csvCell(t(lang, `export.csv.${c}`), lang)).join(CSV_SEPARATOR);
  const lines = [header];
  for (const table of tables) {
    for (const row of tableRows(table, sessionCode ?? table.state.sessionCode, lang)) {
      lines.push(COLUMNS.map((c) => csvCell(row[c], lang)).join(CSV_SEPARATOR));
    }
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

function tableRows({ number, state }: NumberedTable, sessionCode: string | undefined, lang: Language): Row[] {
  const card = cardLookup(state);
  const cardCells = (id: string): Row => {
    const c = card(id);
    return { cardId: c.id, card: c.title, ownCard: c.own };
  };
  const base: Row = {
    session: sessionCode && isCanonicalCode(sessionCode) ? formatCode(sessionCode) : (sessionCode ?? ''),
    tableNumber: number,
    table: state.title,
  };
  const person = (p: Participant, enteredBy: string | undefined): Row => ({
    participant: personRef(p, lang).label,
    guest: p.guest,
    enteredByLeader: enteredBy !== undefined,
  });
  const rows: Row[] = [];

  // Picks, per revealed pick round, in join order and the method's order (in, out, doubt).
  for (const round of state.pickRounds) {
    if (round.revealedAt === undefined) continue;
    for (const p of state.participants) {
      const entry = own(round.picks, p.id);
      if (!entry) continue;
      for (const role of PICK_ROLES) {
        const pick = entry.picks[role];
        rows.push({
          ...base,
          kind: t(lang, 'export.kind.pick'),
          round: round.number === 1 ? 1 : 2,
          sequence: round.number,
          time: csvTime(entry.submittedAt),
          ...person(p, entry.enteredBy),
          ...cardCells(pick.cardId),
          pick: t(lang, `role.${role}`),
          argument: pick.argument,
        });
      }
    }
  }

  // Every placement in order, moves and changed marks included; the last one per card is its place.
  const lastIndex = new Map<string, number>();
  state.round2.history.forEach((p, i) => lastIndex.set(p.cardId, i));
  const previous = new Map<string, Placement>();
  state.round2.history.forEach((p, i) => {
    const before = previous.get(p.cardId);
    previous.set(p.cardId, p);
    rows.push({
      ...base,
      kind: t(lang, before && before.zone !== p.zone ? 'export.kind.move' : 'export.kind.placement'),
      round: 2,
      sequence: i + 1,
      time: csvTime(p.placedAt),
      ...cardCells(p.cardId),
      zone: zoneShort(lang, p.zone),
      previousZone: before ? zoneShort(lang, before.zone) : '',
      current: lastIndex.get(p.cardId) === i,
      agreement: agreementLabel(lang, p.agreement),
      purpose: p.purpose ?? '',
      trait: p.trait ?? '',
    });
  });

  // Silent placements (stille plaatsing), closed polls only.
  for (const poll of state.round2.polls) {
    if (poll.closedAt === undefined) continue;
    for (const p of state.participants) {
      const vote = own(poll.votes, p.id);
      if (!vote) continue;
      rows.push({
        ...base,
        kind: t(lang, 'export.kind.poll'),
        round: 2,
        sequence: poll.number,
        time: csvTime(vote.at),
        ...person(p, vote.enteredBy),
        ...cardCells(poll.cardId),
        zone: zoneShort(lang, vote.zone),
      });
    }
  }

  // Sticker votes, once the voting is closed: one row per participant and intention.
  if (state.round3.closedAt !== undefined) {
    const order = new Map(state.deck.intentions.map((c, i) => [c.id, i]));
    for (const p of state.participants) {
      const set = own(state.round3.stickers, p.id);
      if (!set || stickersUsed(set.counts) === 0) continue;
      const ids = Object.keys(set.counts).sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
      for (const id of ids) {
        const count = set.counts[id] ?? 0;
        if (count <= 0) continue;
        rows.push({
          ...base,
          kind: t(lang, 'export.kind.sticker'),
          round: 3,
          time: csvTime(set.at),
          ...person(p, set.enteredBy),
          ...cardCells(id),
          stickers: count,
        });
      }
    }
  }
  return rows;
}
