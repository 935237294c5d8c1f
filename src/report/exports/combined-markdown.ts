import type { Language, SessionState } from '../../domain';
import { t, tEscaped, type MessageKey, type ParamArgs } from '../../i18n';
import type { CombinedCard, CombinedPicture } from '../combined';
import { agreementLabel, countText, formatDate, spreadText, titleWithMark, zoneShort } from '../labels';
import { escapeBlock, escapeInline } from '../markdown-escape';

/**
 * The totaalbeeld as Markdown: the tables, how they placed each card, where they differ, the combined
 * ranking of intentions with each table's top, and the provisional conclusions side by side. No names:
 * only table titles and counts. User text is escaped as in the table report.
 */
export function combinedMarkdown(session: SessionState, picture: CombinedPicture, lang: Language): string {
  const text = <K extends MessageKey>(key: K, ...params: ParamArgs<K>): string => tEscaped(lang, escapeInline, key, ...params);
  const tableTitle = (n: number) => picture.tables[n - 1]?.title ?? String(n);
  const blocks: string[] = [
    `# ${text('combined.title', { title: session.title })}`,
    text('combined.subtitle', {
      date: formatDate(session.createdAt, lang),
      tables: tablesText(lang, picture.tables.length),
      participants: countText(lang, { count: picture.participants, guests: picture.guests, named: 0, list: [] }),
    }),
  ];
  if (session.goal) blocks.push(`**${text('report.goal')}:** ${escapeBlock(session.goal)}`);

  blocks.push(`## ${text('combined.tablesHeading')}`);
  blocks.push(
    picture.tables.length === 0
      ? text('combined.noTables')
      : picture.tables
          .map(
            (tb) =>
              `${tb.number}. ${escapeInline(tb.title)} — ${escapeInline(t(lang, `phase.${tb.phase}`))}, ${participantsText(lang, tb.participants)}`,
          )
          .join('\n'),
  );

  blocks.push(`## ${text('combined.placements')}`);
  if (picture.cards.length === 0) blocks.push(text('combined.noPlacements'));
  else {
    blocks.push(text('combined.placementsIntro'));
    const rows = picture.cards.map(
      (c) =>
        `| ${escapeInline(titleWithMark(lang, c.card.title, c.card.own))} | ${c.tables} | ${escapeInline(spreadText(lang, c.spread))} | ${escapeInline(marksText(lang, c))} |`,
    );
    blocks.push(
      [
        `| ${text('export.col.card')} | ${text('combined.tablesColumn')} | ${text('export.col.placedAs')} | ${text('export.col.agreement')} |`,
        '| --- | ---: | --- | --- |',
        ...rows,
      ].join('\n'),
    );
  }

  blocks.push(`## ${text('combined.differing')}`);
  if (picture.differing.length === 0) blocks.push(text(picture.cards.length ? 'combined.noDiffering' : 'combined.noPlacements'));
  else {
    blocks.push(text('combined.differingIntro'));
    blocks.push(
      picture.differing
        .map((c) => {
          const head = `- **${escapeInline(c.card.title)}**: ${escapeInline(spreadText(lang, c.spread))}`;
          const perTable = c.placements
            .map(
              (p) =>
                `${escapeInline(tableTitle(p.table))}: ${escapeInline(zoneShort(lang, p.zone))} (${agreementLabel(lang, p.agreement)})`,
            )
            .join('; ');
          return `${head}\n  - ${text('combined.perTable')}: ${perTable}`;
        })
        .join('\n'),
    );
  }

  const ints = picture.intentions;
  blocks.push(`## ${text('combined.ranking')}`);
  if (ints.tablesVoted === 0) blocks.push(text('combined.notVoted'));
  else {
    blocks.push(
      text('combined.rankingIntro', { voters: ints.voters, tables: tablesText(lang, ints.tablesVoted), stickers: ints.stickers }),
    );
    const rows = ints.ranking.map(
      (r) =>
        `| ${r.tied ? `${r.rank} (${text('report.tied')})` : r.rank} | ${escapeInline(titleWithMark(lang, r.card.title, r.card.own, 'intention'))} | ${r.stickers} | ${r.tables} |`,
    );
    blocks.push(
      [
        `| ${text('report.rank')} | ${text('report.intention')} | ${text('report.stickers')} | ${text('combined.tablesColumn')} |`,
        '| --- | --- | ---: | ---: |',
        ...rows,
      ].join('\n'),
    );
    if (ints.withoutStickers.length)
      blocks.push(text('report.withoutStickers', { list: ints.withoutStickers.map((c) => c.title).join('; ') }));
  }
  if (ints.perTable.length) {
    blocks.push(`### ${text('combined.topPerTable')}`);
    blocks.push(
      ints.perTable
        .map((p) => {
          const top =
            p.voting === 'closed' && p.top.length
              ? text('combined.topLine', { top: p.top.map((c) => c.title).join(' / '), stickers: p.stickers })
              : text('combined.noTop');
          const main = p.mainIntention ? `; ${text('combined.mainIntention', { title: p.mainIntention.title })}` : '';
          return `- **${escapeInline(p.title)}**: ${top}${main}`;
        })
        .join('\n'),
    );
  }
  if (session.policyGoals.length) {
    blocks.push(`### ${text('report.policyGoals')}`, session.policyGoals.map((g) => `- ${escapeInline(g)}`).join('\n'));
  }

  blocks.push(`## ${text('combined.conclusions')}`);
  if (picture.conclusions.length === 0) blocks.push(text('combined.noTables'));
  for (const c of picture.conclusions) {
    blocks.push(`### ${escapeInline(c.title)}`);
    blocks.push(c.conclusions.length ? c.conclusions.map((x) => `- ${escapeBlock(x, '  ')}`).join('\n') : text('combined.noConclusions'));
  }
  if (session.outcomeUse) blocks.push(`## ${text('report.outcome')}`, escapeBlock(session.outcomeUse));
  return `${blocks.join('\n\n')}\n`;
}

export function tablesText(lang: Language, count: number): string {
  return count === 1 ? t(lang, 'combined.tables.one') : t(lang, 'combined.tables.many', { count });
}

function participantsText(lang: Language, count: number): string {
  return count === 1 ? t(lang, 'report.count.one') : t(lang, 'report.count.many', { count });
}

/** "eens 2 · verdeeld 1": the agreement marks the tables gave a card. */
export function marksText(lang: Language, c: CombinedCard): string {
  return (['agree', 'divided', 'disagree'] as const)
    .filter((a) => c.agreements[a] > 0)
    .map((a) => `${agreementLabel(lang, a)} ${c.agreements[a]}`)
    .join(' · ');
}
