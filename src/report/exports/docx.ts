import { Document, Packer, TextRun } from 'docx';
import type { GroupView, Language, SessionState } from '../../domain';
import { t } from '../../i18n';
import { combineTables, type CombinedPicture } from '../combined';
import {
  agreementLabel,
  countText,
  formatDate,
  leadersText,
  movedText,
  personText,
  rankText,
  spreadText,
  titleWithMark,
  zoneName,
  zoneShort,
} from '../labels';
import type { OwnCardSummary, PickRoundSummary, Round2Summary, Round3Summary, TableSummary } from '../summary-types';
import { buildTableSummary } from '../table-summary';
import { marksText, tablesText } from './combined-markdown';
import {
  bullet,
  gap,
  heading,
  HEAD_COLOUR,
  labelled,
  pageBreak,
  para,
  picture,
  runs,
  table,
  title,
  xmlSafe,
  type Block,
} from './docx-blocks';

/**
 * The model pictures to put in the report. The picture renderer (src/report/model-picture*) hands
 * them in; without them the report lists the model as a table only.
 */
export interface DocxPictures {
  /** The session's combined model, for the totaalbeeld at the start of a session report. */
  session?: Buffer;
  /** Per table, in the order of the scope's tables (one for a table report). */
  tables?: ReadonlyArray<Buffer | undefined>;
}

/**
 * The table's report as a Word document, in the order of the handleiding's example reports: goal,
 * participants, the filled model, Round 1 per card with its arguments, the placements, conclusions,
 * the ranking with the policy goals, the slotvraag and the notes. Built from the summary, so it
 * holds what the group may see, with names only under the consent rules.
 */
export async function buildTableDocx(state: GroupView, lang: Language, picturePng?: Buffer): Promise<Buffer> {
  const summary = buildTableSummary(state, lang);
  return pack(t(lang, 'report.title', { title: summary.title }), tableBlocks(summary, lang, picturePng));
}

/** The session's report: the totaalbeeld, then each table's report on a page of its own. */
export async function buildSessionDocx(
  session: SessionState,
  tables: ReadonlyArray<GroupView>,
  lang: Language,
  pictures: DocxPictures = {},
): Promise<Buffer> {
  const blocks = combinedBlocks(session, combineTables([...tables], lang), lang, pictures.session);
  tables.forEach((state, i) => {
    blocks.push(pageBreak(), ...tableBlocks(buildTableSummary(state, lang), lang, pictures.tables?.[i]));
  });
  return pack(t(lang, 'combined.title', { title: session.title }), blocks);
}

async function pack(docTitle: string, children: Block[]): Promise<Buffer> {
  const doc = new Document({
    creator: 'Sociale Basis-bot',
    title: xmlSafe(docTitle),
    styles: {
      default: {
        document: { run: { font: 'Calibri', size: 22 } },
        title: { run: { font: 'Calibri', size: 44, bold: true, color: HEAD_COLOUR } },
        heading1: {
          run: { font: 'Calibri', size: 32, bold: true, color: HEAD_COLOUR },
          paragraph: { spacing: { before: 360, after: 120 } },
        },
        heading2: {
          run: { font: 'Calibri', size: 26, bold: true, color: HEAD_COLOUR },
          paragraph: { spacing: { before: 240, after: 80 } },
        },
        heading3: { run: { font: 'Calibri', size: 23, bold: true, color: '1B1B1B' }, paragraph: { spacing: { before: 200, after: 60 } } },
      },
    },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}

function tableBlocks(s: TableSummary, lang: Language, picturePng?: Buffer): Block[] {
  return [
    title(t(lang, 'report.title', { title: s.title })),
    para(t(lang, 'report.subtitle', { date: formatDate(s.date, lang) }), { italics: true }),
    labelled(t(lang, 'report.lead'), s.leaders.lead, true),
    ...(s.leaders.coLeads.length ? [labelled(t(lang, 'report.coLeads'), leadersText(lang, s.leaders.coLeads), true)] : []),
    ...(s.leaders.notetaker ? [labelled(t(lang, 'report.notetaker'), s.leaders.notetaker, true)] : []),
    labelled(t(lang, 'report.participantsLabel'), countText(lang, s.participants), true),
    heading(1, t(lang, 'report.goal')),
    para(s.goal),
    ...participants(s, lang),
    heading(1, t(lang, 'report.model')),
    ...(picturePng ? picture(picturePng, t(lang, 'report.model'), modelAltText(s.round2, lang)) : []),
    ...modelTable(s.round2, lang),
    ...(s.pickRounds.length === 0 ? [heading(1, t(lang, 'report.round1')), para(t(lang, 'report.round1.notHeld'))] : []),
    ...s.pickRounds.flatMap((r) => pickRound(r, lang)),
    ...round2(s.round2, lang),
    ...round3(s.round3, lang),
    ...closing(s, lang),
    ...(s.notes.length ? [heading(1, t(lang, 'report.notes')), ...s.notes.map((n) => bullet(runs(n)))] : []),
    heading(1, t(lang, 'report.outcome')),
    para(s.outcomeUse),
    gap(),
    para(t(lang, 'report.footer'), { italics: true }),
  ];
}

function participants(s: TableSummary, lang: Language): Block[] {
  const out: Block[] = [heading(1, t(lang, 'report.participants'))];
  const { list } = s.participants;
  if (list.length === 0) return [...out, para(t(lang, 'report.noParticipants'))];
  for (const p of list) {
    const children = runs(personText(lang, p, p.role ? { role: p.role } : {}));
    if (p.involvement) children.push(new TextRun({ text: `${t(lang, 'report.involvement')}: `, break: 1 }), ...runs(p.involvement));
    out.push(bullet(children));
  }
  const notes = [
    ...(s.participants.named < list.length ? [t(lang, 'report.anonymityNote')] : []),
    ...(s.participants.guests > 0 ? [t(lang, 'report.guestNote')] : []),
  ];
  if (notes.length) out.push(gap(), para(notes.join(' '), { italics: true }));
  return out;
}

/** Every placed card by zone, as the picture shows them; what a reader without the picture (or a screen reader) gets too. */
function modelTable(r: Round2Summary, lang: Language): Block[] {
  const placed = r.zones.filter((z) => z.cards.length > 0);
  if (placed.length === 0) return [para(t(lang, 'report.noPlacements'))];
  const rows = r.zones.flatMap((z) =>
    z.cards.map((c) => [
      zoneName(lang, z.zone),
      titleWithMark(lang, c.card.title, c.card.own),
      agreementLabel(lang, c.agreement),
      [c.purpose ? `${t(lang, 'report.purpose')}: ${c.purpose}` : '', c.trait ? `${t(lang, 'report.trait')}: ${c.trait}` : '']
        .filter(Boolean)
        .join('\n'),
    ]),
  );
  return [
    para(t(lang, 'report.modelLegend')),
    table(
      [t(lang, 'docx.col.zone'), t(lang, 'export.col.card'), t(lang, 'export.col.agreement'), t(lang, 'docx.col.reasons')],
      rows,
      [0.2, 0.23, 0.21, 0.36],
    ),
    gap(),
  ];
}

export function modelAltText(r: Round2Summary, lang: Language): string {
  const zones = r.zones.filter((z) => z.cards.length > 0);
  if (zones.length === 0) return t(lang, 'report.noPlacements');
  return zones
    .map((z) => `${zoneName(lang, z.zone)}: ${z.cards.map((c) => `${c.card.title} (${agreementLabel(lang, c.agreement)})`).join('; ')}`)
    .join('. ');
}

function pickRound(r: PickRoundSummary, lang: Language): Block[] {
  const out: Block[] =
    r.number === 1
      ? [heading(1, t(lang, 'report.round1')), para(t(lang, 'report.round1.intro'))]
      : [heading(2, t(lang, 'report.extraRound', { number: r.number }))];
  if (r.type === 'hidden') return [...out, para(t(lang, 'report.notRevealed'))];
  if (r.cards.length === 0) return [...out, para(t(lang, 'report.noPicks'))];
  out.push(para(t(lang, 'report.submitted', { done: r.submitted, total: r.participants })));
  for (const c of r.cards) {
    out.push(heading(3, titleWithMark(lang, c.card.title, c.card.own)));
    out.push(para(t(lang, 'report.pickCounts', c.counts), { italics: true, keepNext: true }));
    out.push(
      table(
        [t(lang, 'docx.col.pick'), t(lang, 'docx.col.who'), t(lang, 'export.csv.argument')],
        c.entries.map((e) => [t(lang, `role.${e.role}`), personText(lang, e.by, { enteredByLeader: e.enteredByLeader }), e.argument]),
        [0.2, 0.25, 0.55],
      ),
      gap(),
    );
  }
  return out;
}

function round2(r: Round2Summary, lang: Language): Block[] {
  const out: Block[] = [heading(1, t(lang, 'report.round2'))];
  const placed = r.zones.some((z) => z.cards.length > 0);
  if (!placed) out.push(para(t(lang, 'report.noPlacements')));
  for (const zone of r.zones) {
    if (zone.cards.length === 0) continue;
    out.push(heading(2, zoneName(lang, zone.zone)));
    for (const c of zone.cards) {
      out.push(
        bullet([
          ...runs(titleWithMark(lang, c.card.title, c.card.own), { bold: true }),
          new TextRun({ text: ` — ${agreementLabel(lang, c.agreement)}` }),
        ]),
      );
      if (c.purpose) out.push(bullet([new TextRun({ text: `${t(lang, 'report.purpose')}: `, bold: true }), ...runs(c.purpose)], 1));
      if (c.trait) out.push(bullet([new TextRun({ text: `${t(lang, 'report.trait')}: `, bold: true }), ...runs(c.trait)], 1));
      if (c.earlierZones.length) out.push(bullet(runs(movedText(lang, c.earlierZones)), 1));
      for (const p of c.polls) out.push(bullet(runs(t(lang, 'report.poll', { spread: spreadText(lang, p.spread) })), 1));
    }
  }
  if (r.disagreed.length) {
    out.push(heading(2, t(lang, 'report.disagreed')), para(t(lang, 'report.disagreedIntro')));
    for (const d of r.disagreed) out.push(bullet([...runs(d.card.title, { bold: true }), new TextRun(` (${zoneShort(lang, d.zone)})`)]));
  }
  if (r.unplacedPolls.length) {
    out.push(heading(2, t(lang, 'report.unplacedPolls')));
    for (const u of r.unplacedPolls) {
      const polls = u.polls.map((p) => t(lang, 'report.poll', { spread: spreadText(lang, p.spread) })).join('; ');
      out.push(bullet([...runs(titleWithMark(lang, u.card.title, u.card.own), { bold: true }), ...runs(` — ${polls}`)]));
    }
  }
  if (r.ownCards.length) out.push(heading(2, t(lang, 'report.ownCards')), ...ownList(r.ownCards, lang));
  out.push(heading(2, t(lang, 'report.conclusions')));
  if (r.conclusions.length === 0) out.push(para(t(lang, 'report.noConclusions')));
  else out.push(...r.conclusions.map((c) => bullet(runs(c))));
  return out;
}

function ownList(cards: ReadonlyArray<OwnCardSummary>, lang: Language): Block[] {
  return cards.map((o) => {
    const who = o.addedBy.type === 'participant' ? personText(lang, o.addedBy.person) : t(lang, 'report.byLeader');
    return bullet([
      ...runs(o.card.title, { bold: true }),
      ...runs(` (${t(lang, 'report.addedBy', { who })})`),
      ...(o.description ? runs(`: ${o.description}`) : []),
    ]);
  });
}

function round3(r: Round3Summary, lang: Language): Block[] {
  const out: Block[] = [heading(1, t(lang, 'report.round3'))];
  const v = r.voting;
  if (v.type === 'notStarted') out.push(para(t(lang, 'report.notVoted')));
  else if (v.type === 'open') out.push(para(t(lang, 'report.votingOpen')));
  else {
    const guests = v.stickersForGuests > 0 ? ` ${t(lang, 'report.guestStickers', { count: v.stickersForGuests })}` : '';
    out.push(para(`${t(lang, 'report.votes', { voters: v.voters, stickers: v.stickers })}${guests}`));
    out.push(
      table(
        [t(lang, 'report.rank'), t(lang, 'report.intention'), t(lang, 'report.stickers')],
        v.ranking.map((row) => [rankText(lang, row), titleWithMark(lang, row.card.title, row.card.own, 'intention'), String(row.stickers)]),
        [0.16, 0.68, 0.16],
      ),
      gap(),
    );
    if (v.withoutStickers.length) {
      const list = v.withoutStickers.map((c) => titleWithMark(lang, c.title, c.own, 'intention')).join('; ');
      out.push(para(t(lang, 'report.withoutStickers', { list })));
    }
  }
  const d = r.discussion;
  out.push(heading(2, t(lang, 'report.mainIntention')));
  if (!d.recorded) out.push(para(t(lang, 'report.noDiscussion')));
  else {
    out.push(para(d.mainIntention ? d.mainIntention.title : t(lang, 'report.noMainIntention'), { bold: d.mainIntention !== undefined }));
    if (d.agreements) out.push(heading(3, t(lang, 'report.agreements')), para(d.agreements));
    if (d.disagreements) out.push(heading(3, t(lang, 'report.disagreements')), para(d.disagreements));
  }
  if (d.policyRelation || r.policyGoals.length) {
    out.push(heading(2, t(lang, 'report.policyRelation')));
    if (d.policyRelation) out.push(para(d.policyRelation));
    if (r.policyGoals.length) out.push(para(t(lang, 'report.policyGoals'), { bold: true }), ...r.policyGoals.map((g) => bullet(runs(g))));
  }
  if (r.ownIntentions.length) out.push(heading(2, t(lang, 'report.ownIntentions')), ...ownList(r.ownIntentions, lang));
  return out;
}

function closing(s: TableSummary, lang: Language): Block[] {
  const out: Block[] = [heading(1, t(lang, 'report.closing'))];
  const learned = s.closing.filter((c) => c.learned);
  const actions = s.closing.filter((c) => c.action);
  if (learned.length === 0 && actions.length === 0) return [...out, para(t(lang, 'report.noClosing'))];
  const who = (c: (typeof s.closing)[number]) => `${personText(lang, c.by, { enteredByLeader: c.enteredByLeader })}: `;
  if (learned.length) {
    out.push(heading(2, t(lang, 'report.learned')));
    for (const c of learned) out.push(bullet([new TextRun({ text: xmlSafe(who(c)), bold: true }), ...runs(c.learned ?? '')]));
  }
  if (actions.length) {
    out.push(heading(2, t(lang, 'report.actions')));
    for (const c of actions) out.push(bullet([new TextRun({ text: xmlSafe(who(c)), bold: true }), ...runs(c.action ?? '')]));
  }
  return out;
}

/** The totaalbeeld: only table titles and counts, no names (as the Markdown totaalbeeld). */
function combinedBlocks(session: SessionState, p: CombinedPicture, lang: Language, picturePng?: Buffer): Block[] {
  const out: Block[] = [
    title(t(lang, 'combined.title', { title: session.title })),
    para(
      t(lang, 'combined.subtitle', {
        date: formatDate(session.createdAt, lang),
        tables: tablesText(lang, p.tables.length),
        participants: countText(lang, { count: p.participants, guests: p.guests, named: 0, list: [] }),
      }),
      { italics: true },
    ),
  ];
  if (session.goal) out.push(heading(1, t(lang, 'report.goal')), para(session.goal));
  out.push(heading(1, t(lang, 'combined.tablesHeading')));
  if (p.tables.length === 0) out.push(para(t(lang, 'combined.noTables')));
  else
    out.push(
      table(
        ['#', t(lang, 'export.csv.table'), t(lang, 'docx.col.phase'), t(lang, 'report.participantsLabel')],
        p.tables.map((tb) => [String(tb.number), tb.title, t(lang, `phase.${tb.phase}`), String(tb.participants)]),
        [0.08, 0.5, 0.24, 0.18],
      ),
      gap(),
    );
  out.push(heading(1, t(lang, 'combined.placements')));
  if (picturePng) out.push(...picture(picturePng, t(lang, 'combined.placements'), t(lang, 'combined.placementsIntro')));
  if (p.cards.length === 0) out.push(para(t(lang, 'combined.noPlacements')));
  else
    out.push(
      para(t(lang, 'combined.placementsIntro')),
      table(
        [t(lang, 'export.col.card'), t(lang, 'combined.tablesColumn'), t(lang, 'export.col.placedAs'), t(lang, 'export.col.agreement')],
        p.cards.map((c) => [
          titleWithMark(lang, c.card.title, c.card.own),
          String(c.tables),
          spreadText(lang, c.spread),
          marksText(lang, c),
        ]),
        [0.34, 0.1, 0.34, 0.22],
      ),
      gap(),
    );
  out.push(heading(1, t(lang, 'combined.differing')));
  if (p.differing.length === 0) out.push(para(t(lang, p.cards.length ? 'combined.noDiffering' : 'combined.noPlacements')));
  else {
    out.push(para(t(lang, 'combined.differingIntro')));
    const tableTitle = (n: number) => p.tables[n - 1]?.title ?? String(n);
    for (const c of p.differing) {
      out.push(bullet([...runs(c.card.title, { bold: true }), ...runs(`: ${spreadText(lang, c.spread)}`)]));
      const perTable = c.placements
        .map((pl) => `${tableTitle(pl.table)}: ${zoneShort(lang, pl.zone)} (${agreementLabel(lang, pl.agreement)})`)
        .join('; ');
      out.push(bullet(runs(`${t(lang, 'combined.perTable')}: ${perTable}`), 1));
    }
  }
  const ints = p.intentions;
  out.push(heading(1, t(lang, 'combined.ranking')));
  if (ints.tablesVoted === 0) out.push(para(t(lang, 'combined.notVoted')));
  else {
    out.push(
      para(t(lang, 'combined.rankingIntro', { voters: ints.voters, tables: tablesText(lang, ints.tablesVoted), stickers: ints.stickers })),
      table(
        [t(lang, 'report.rank'), t(lang, 'report.intention'), t(lang, 'report.stickers'), t(lang, 'combined.tablesColumn')],
        ints.ranking.map((r) => [
          r.tied ? `${r.rank} (${t(lang, 'report.tied')})` : String(r.rank),
          titleWithMark(lang, r.card.title, r.card.own, 'intention'),
          String(r.stickers),
          String(r.tables),
        ]),
        [0.16, 0.56, 0.14, 0.14],
      ),
      gap(),
    );
    if (ints.withoutStickers.length)
      out.push(para(t(lang, 'report.withoutStickers', { list: ints.withoutStickers.map((c) => c.title).join('; ') })));
  }
  if (ints.perTable.length) {
    out.push(heading(2, t(lang, 'combined.topPerTable')));
    for (const pt of ints.perTable) {
      const top =
        pt.voting === 'closed' && pt.top.length
          ? t(lang, 'combined.topLine', { top: pt.top.map((c) => c.title).join(' / '), stickers: pt.stickers })
          : t(lang, 'combined.noTop');
      const main = pt.mainIntention ? `; ${t(lang, 'combined.mainIntention', { title: pt.mainIntention.title })}` : '';
      out.push(bullet([...runs(pt.title, { bold: true }), ...runs(`: ${top}${main}`)]));
    }
  }
  if (session.policyGoals.length) out.push(heading(2, t(lang, 'report.policyGoals')), ...session.policyGoals.map((g) => bullet(runs(g))));
  out.push(heading(1, t(lang, 'combined.conclusions')));
  if (p.conclusions.length === 0) out.push(para(t(lang, 'combined.noTables')));
  for (const c of p.conclusions) {
    out.push(heading(3, c.title));
    if (c.conclusions.length === 0) out.push(para(t(lang, 'combined.noConclusions')));
    else out.push(...c.conclusions.map((x) => bullet(runs(x))));
  }
  if (session.outcomeUse) out.push(heading(1, t(lang, 'report.outcome')), para(session.outcomeUse));
  return out;
}
