import { extraPickNumber, type Language } from '../domain';
import { t, tEscaped, type MessageKey, type ParamArgs } from '../i18n';
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
} from './labels';
import { escapeBlock, escapeInline } from './markdown-escape';
import type { OwnCardSummary, PickRoundSummary, PollSummary, Round2Summary, Round3Summary, TableSummary } from './summary-types';

/** A block of Markdown: its lines, without the blank line that separates it from the next. */
type Block = string;

/**
 * The table's report as Markdown, ready to paste into a policy memo. Every piece of user text goes
 * through the escaping, so it reads as typed and cannot change the structure around it.
 */
export function tableSummaryMarkdown(summary: TableSummary, lang: Language): string {
  const md = new Markdown(lang);
  const blocks: Block[] = [
    ...md.header(summary),
    ...md.participants(summary),
    ...summary.pickRounds.flatMap((r) => md.pickRound(r)),
    ...(summary.pickRounds.length === 0 ? [`## ${md.text('report.round1')}`, md.text('report.round1.notHeld')] : []),
    ...md.round2(summary.round2),
    ...md.round3(summary.round3),
    ...md.closing(summary),
    ...md.notes(summary.notes),
    `## ${md.text('report.outcome')}`,
    escapeBlock(summary.outcomeUse),
    '---',
    `_${md.text('report.footer')}_`,
  ];
  return `${blocks.join('\n\n')}\n`;
}

class Markdown {
  constructor(private readonly lang: Language) {}

  /** A message of our own with user values escaped. Our messages hold no Markdown of their own. */
  text<K extends MessageKey>(key: K, ...params: ParamArgs<K>): string {
    return tEscaped(this.lang, escapeInline, key, ...params);
  }

  /** A list item "- **Label:** text", the text keeping its line breaks inside the item. */
  item(label: string, text: string, indent = ''): string {
    return `${indent}- **${escapeInline(label)}:** ${escapeBlock(text, `${indent}  `)}`;
  }

  header(s: TableSummary): Block[] {
    const { leaders } = s;
    const facts = [
      this.item(t(this.lang, 'report.lead'), leaders.lead),
      ...(leaders.coLeads.length ? [this.item(t(this.lang, 'report.coLeads'), leadersText(this.lang, leaders.coLeads))] : []),
      ...(leaders.notetaker ? [this.item(t(this.lang, 'report.notetaker'), leaders.notetaker)] : []),
      this.item(t(this.lang, 'report.participantsLabel'), countText(this.lang, s.participants)),
    ];
    return [
      `# ${this.text('report.title', { title: s.title })}`,
      this.text('report.subtitle', { date: formatDate(s.date, this.lang) }),
      facts.join('\n'),
      `**${this.text('report.goal')}:** ${escapeBlock(s.goal)}`,
    ];
  }

  participants(s: TableSummary): Block[] {
    const { list } = s.participants;
    if (list.length === 0) return [`## ${this.text('report.participants')}`, this.text('report.noParticipants')];
    const items = list.map((p) => {
      const line = `- ${escapeInline(personText(this.lang, p, p.role ? { role: p.role } : {}))}`;
      return p.involvement ? `${line}\\\n  ${this.text('report.involvement')}: ${escapeBlock(p.involvement, '  ')}` : line;
    });
    const notes = [
      ...(s.participants.named < list.length ? [this.text('report.anonymityNote')] : []),
      ...(s.participants.guests > 0 ? [this.text('report.guestNote')] : []),
    ];
    return [`## ${this.text('report.participants')}`, items.join('\n'), ...(notes.length ? [notes.join(' ')] : [])];
  }

  pickRound(r: PickRoundSummary): Block[] {
    const first = r.number === 1;
    const out: Block[] = first
      ? [`## ${this.text('report.round1')}`, this.text('report.round1.intro')]
      : [`## ${this.text('report.extraRound', { number: extraPickNumber(r.number) })}`];
    switch (r.type) {
      case 'hidden':
        return [...out, this.text('report.notRevealed')];
      case 'revealed': {
        if (r.cards.length === 0) return [...out, this.text('report.noPicks')];
        out.push(this.text('report.submitted', { done: r.submitted, total: r.participants }));
        for (const c of r.cards) {
          out.push(`### ${escapeInline(titleWithMark(this.lang, c.card.title, c.card.own))}`);
          out.push(this.text('report.pickCounts', c.counts));
          out.push(
            c.entries
              .map(
                (e) =>
                  `- **${this.text(`role.${e.role}`)}** — ${escapeInline(personText(this.lang, e.by, { enteredByLeader: e.enteredByLeader }))}: ${escapeBlock(e.argument, '  ')}`,
              )
              .join('\n'),
          );
        }
        return out;
      }
      default: {
        const never: never = r;
        throw new Error(`Unknown pick round ${JSON.stringify(never)}`);
      }
    }
  }

  round2(r: Round2Summary): Block[] {
    const out: Block[] = [`## ${this.text('report.round2')}`, `### ${this.text('report.model')}`];
    const placed = r.zones.some((z) => z.cards.length > 0);
    if (!placed) out.push(this.text('report.noPlacements'));
    else {
      out.push(this.text('report.modelLegend'));
      for (const zone of r.zones) {
        out.push(`#### ${escapeInline(zoneName(this.lang, zone.zone))}`);
        if (zone.cards.length === 0) {
          out.push(this.text('report.emptyZone'));
          continue;
        }
        out.push(
          zone.cards
            .map((c) => {
              const details = [
                ...(c.purpose ? [this.item(t(this.lang, 'report.purpose'), c.purpose, '  ')] : []),
                ...(c.trait ? [this.item(t(this.lang, 'report.trait'), c.trait, '  ')] : []),
                ...(c.earlierZones.length ? [`  - ${escapeInline(movedText(this.lang, c.earlierZones))}`] : []),
                ...c.polls.map((p) => `  - ${this.pollText(p)}`),
              ];
              const head = `- **${escapeInline(titleWithMark(this.lang, c.card.title, c.card.own))}** — ${agreementLabel(this.lang, c.agreement)}`;
              return [head, ...details].join('\n');
            })
            .join('\n'),
        );
      }
    }
    if (r.disagreed.length) {
      out.push(`### ${this.text('report.disagreed')}`, this.text('report.disagreedIntro'));
      out.push(r.disagreed.map((d) => `- **${escapeInline(d.card.title)}** (${escapeInline(zoneShort(this.lang, d.zone))})`).join('\n'));
    }
    if (r.unplacedPolls.length) {
      out.push(`### ${this.text('report.unplacedPolls')}`);
      out.push(
        r.unplacedPolls
          .map(
            (u) =>
              `- **${escapeInline(titleWithMark(this.lang, u.card.title, u.card.own))}** — ${u.polls.map((p) => this.pollText(p)).join('; ')}`,
          )
          .join('\n'),
      );
    }
    if (r.ownCards.length) out.push(`### ${this.text('report.ownCards')}`, this.ownList(r.ownCards));
    out.push(`### ${this.text('report.conclusions')}`);
    out.push(r.conclusions.length ? r.conclusions.map((c) => `- ${escapeBlock(c, '  ')}`).join('\n') : this.text('report.noConclusions'));
    return out;
  }

  pollText(p: PollSummary): string {
    return escapeInline(t(this.lang, 'report.poll', { spread: spreadText(this.lang, p.spread) }));
  }

  ownList(cards: ReadonlyArray<OwnCardSummary>): string {
    return cards
      .map((o) => {
        const who = o.addedBy.type === 'participant' ? personText(this.lang, o.addedBy.person) : t(this.lang, 'report.byLeader');
        const head = `- **${escapeInline(o.card.title)}** (${this.text('report.addedBy', { who })})`;
        return o.description ? `${head}: ${escapeBlock(o.description, '  ')}` : head;
      })
      .join('\n');
  }

  round3(r: Round3Summary): Block[] {
    const out: Block[] = [`## ${this.text('report.round3')}`];
    const v = r.voting;
    switch (v.type) {
      case 'notStarted':
        out.push(this.text('report.notVoted'));
        break;
      case 'open':
        out.push(this.text('report.votingOpen'));
        break;
      case 'closed': {
        const guests = v.stickersForGuests > 0 ? ` ${this.text('report.guestStickers', { count: v.stickersForGuests })}` : '';
        out.push(`${this.text('report.votes', { voters: v.voters, stickers: v.stickers })}${guests}`);
        const rows = v.ranking.map(
          (row) =>
            `| ${escapeInline(rankText(this.lang, row))} | ${escapeInline(titleWithMark(this.lang, row.card.title, row.card.own, 'intention'))} | ${row.stickers} |`,
        );
        out.push(
          [
            `| ${this.text('report.rank')} | ${this.text('report.intention')} | ${this.text('report.stickers')} |`,
            '| --- | --- | ---: |',
            ...rows,
          ].join('\n'),
        );
        if (v.withoutStickers.length) {
          const list = v.withoutStickers.map((c) => titleWithMark(this.lang, c.title, c.own, 'intention')).join('; ');
          out.push(this.text('report.withoutStickers', { list }));
        }
        break;
      }
      default: {
        const never: never = v;
        throw new Error(`Unknown voting ${JSON.stringify(never)}`);
      }
    }
    const d = r.discussion;
    out.push(`### ${this.text('report.mainIntention')}`);
    if (!d.recorded) out.push(this.text('report.noDiscussion'));
    else {
      out.push(d.mainIntention ? escapeInline(d.mainIntention.title) : this.text('report.noMainIntention'));
      if (d.agreements) out.push(`### ${this.text('report.agreements')}`, escapeBlock(d.agreements));
      if (d.disagreements) out.push(`### ${this.text('report.disagreements')}`, escapeBlock(d.disagreements));
    }
    if (d.policyRelation || r.policyGoals.length) {
      out.push(`### ${this.text('report.policyRelation')}`);
      if (d.policyRelation) out.push(escapeBlock(d.policyRelation));
      if (r.policyGoals.length)
        out.push(`**${this.text('report.policyGoals')}:**\n${r.policyGoals.map((g) => `- ${escapeInline(g)}`).join('\n')}`);
    }
    if (r.ownIntentions.length) out.push(`### ${this.text('report.ownIntentions')}`, this.ownList(r.ownIntentions));
    return out;
  }

  closing(s: TableSummary): Block[] {
    const out: Block[] = [`## ${this.text('report.closing')}`];
    const learned = s.closing.filter((c) => c.learned);
    const actions = s.closing.filter((c) => c.action);
    if (learned.length === 0 && actions.length === 0) return [...out, this.text('report.noClosing')];
    const who = (c: (typeof s.closing)[number]) => escapeInline(personText(this.lang, c.by, { enteredByLeader: c.enteredByLeader }));
    if (learned.length)
      out.push(`### ${this.text('report.learned')}`, learned.map((c) => `- ${who(c)}: ${escapeBlock(c.learned ?? '', '  ')}`).join('\n'));
    if (actions.length)
      out.push(`### ${this.text('report.actions')}`, actions.map((c) => `- ${who(c)}: ${escapeBlock(c.action ?? '', '  ')}`).join('\n'));
    return out;
  }

  notes(notes: ReadonlyArray<string>): Block[] {
    if (notes.length === 0) return [];
    return [`## ${this.text('report.notes')}`, notes.map((n) => `- ${escapeBlock(n, '  ')}`).join('\n')];
  }
}
