import type { Language } from '../domain';
import { t } from '../i18n';
import { countText, formatDate, personText, rankText, titleWithMark } from '../report/labels';
import type { PickRoundSummary, TableSummary } from '../report/summary-types';
import { bold, heading, plain, rich, type TextRun } from './rich-text';
import { renderCard, type AdaptiveCard } from './render';
import type { CardLink } from './session-view';
import { teamsFunction } from './teams-date-time';

/**
 * What the card offers besides the short summary: a leider's download buttons with the time they
 * stop working, a line for a leider when no links could be made, or a line for everyone else that
 * says who can download the report.
 */
export type ShortSummaryDownloads =
  { type: 'links'; links: ReadonlyArray<CardLink>; expiresAt: number } | { type: 'unavailable' } | { type: 'participant' };

/** A short card stays short: at most this many names, and titles and names cut to this length. */
const MAX_NAMES = 12;
const MAX_TITLE = 60;

function cut(text: string, max = MAX_TITLE): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** "Anna; deelnemer 2; … en nog 4" */
function namesText(names: ReadonlyArray<string>, lang: Language): string {
  const shown = names.slice(0, MAX_NAMES).map((n) => cut(n));
  const more = names.length - shown.length;
  return more > 0 ? `${shown.join('; ')} ${t(lang, 'summary.moreShort', { count: more })}` : shown.join('; ');
}

/** The buttons in this order: the Word report first, as most municipalities work in Word. */
const KIND_ORDER = ['docx', 'md', 'csv', 'json', 'pptx'];

/**
 * Teams shows `{{DATE(…)}}` and `{{TIME(…)}}` in each reader's own time zone and language; they
 * want RFC 3339 without milliseconds.
 */
export function teamsDateTime(ms: number): { date: string; time: string } {
  const iso = new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  return { date: teamsFunction('DATE', `${iso}, SHORT`), time: teamsFunction('TIME', iso) };
}

/** "Ronde 1: 6 van de 7 deelnemers kozen; het meest genoemd: Buurthuis (4), Bibliotheek (3)." */
function round1Line(rounds: ReadonlyArray<PickRoundSummary>, lang: Language): string {
  const r = rounds.find((x) => x.number === 1);
  if (!r) return t(lang, 'shortSummary.round1.notHeld');
  if (r.type === 'hidden') return t(lang, 'shortSummary.round1.hidden', { done: r.submitted, total: r.participants });
  if (r.cards.length === 0) return t(lang, 'shortSummary.round1.empty');
  const cards = r.cards
    .slice(0, 3)
    .map((c) => `${cut(c.card.title)} (${c.entries.length})`)
    .join('; ');
  return t(lang, 'shortSummary.round1', { done: r.submitted, total: r.participants, cards });
}

/**
 * The short answer to `samenvatting`: who took part, a few counts, the top three intentions and a
 * line per round; the full report is a download. User text (names, titles) only in TextRuns.
 */
export function shortSummaryView(s: TableSummary, lang: Language, downloads: ShortSummaryDownloads) {
  const revealedPicks = s.pickRounds.reduce(
    (n, r) => n + (r.type === 'revealed' ? r.cards.reduce((m, c) => m + c.entries.length, 0) : 0),
    0,
  );
  const placed = s.round2.zones.reduce((n, z) => n + z.cards.length, 0);
  const v = s.round3.voting;
  const stickers = v.type === 'closed' ? v.stickers : 0;
  const names = namesText(
    s.participants.list.map((p) => personText(lang, p)),
    lang,
  );
  const top: TextRun[][] =
    v.type === 'closed' && v.ranking.length
      ? v.ranking.slice(0, 3).map((row) =>
          plain(
            t(lang, 'shortSummary.topRow', {
              rank: rankText(lang, row),
              title: titleWithMark(lang, row.card.title, row.card.own, 'intention'),
              stickers: row.stickers,
            }),
          ),
        )
      : [rich(lang, 'shortSummary.noTop')];
  const mainTitle = s.round3.discussion.mainIntention?.title;
  const main = mainTitle === undefined ? undefined : cut(mainTitle);
  const rounds = [
    round1Line(s.pickRounds, lang),
    placed === 0
      ? t(lang, 'shortSummary.round2.none')
      : t(lang, 'shortSummary.round2', { placed, disagreed: s.round2.disagreed.length, conclusions: s.round2.conclusions.length }),
    v.type === 'notStarted'
      ? t(lang, 'shortSummary.round3.none')
      : v.type === 'open'
        ? t(lang, 'shortSummary.round3.open')
        : main
          ? t(lang, 'shortSummary.round3.main', { voters: v.voters, stickers: v.stickers, title: main })
          : t(lang, 'shortSummary.round3', { voters: v.voters, stickers: v.stickers }),
    s.closing.length ? t(lang, 'shortSummary.closing', { count: s.closing.length }) : t(lang, 'shortSummary.closing.none'),
  ].map((line) => plain(line));
  const links =
    downloads.type === 'links'
      ? [...downloads.links]
          .sort((a, b) => KIND_ORDER.indexOf(a.kind ?? '') - KIND_ORDER.indexOf(b.kind ?? ''))
          .map((l) => ({ title: l.title, url: l.url }))
      : [];
  return {
    heading: heading(t(lang, 'summary.title', { title: cut(s.title, 100) }), 'Large'),
    meta: plain(
      t(lang, 'summary.meta', { date: formatDate(s.date, lang), lead: cut(s.leaders.lead), count: countText(lang, s.participants) }),
    ),
    who: s.participants.list.length ? plain(t(lang, 'shortSummary.who', { names })) : rich(lang, 'shortSummary.nobody'),
    counts: plain(
      t(lang, 'shortSummary.counts', { participants: countText(lang, s.participants), picks: revealedPicks, placed, stickers }),
    ),
    topLabel: bold(t(lang, 'shortSummary.top')),
    top,
    roundsLabel: bold(t(lang, 'shortSummary.rounds')),
    rounds,
    footer:
      downloads.type === 'links'
        ? rich(lang, 'shortSummary.downloads')
        : downloads.type === 'unavailable'
          ? rich(lang, 'shortSummary.noLinks')
          : rich(lang, 'shortSummary.forParticipants'),
    // A TextBlock of our own text only: Teams formats the date and time in it for each reader.
    ...(downloads.type === 'links' ? { expires: t(lang, 'shortSummary.expires', teamsDateTime(downloads.expiresAt)) } : {}),
    links,
  };
}

export function shortSummaryCard(s: TableSummary, lang: Language, downloads: ShortSummaryDownloads): AdaptiveCard {
  return renderCard('summary-short', shortSummaryView(s, lang, downloads));
}
