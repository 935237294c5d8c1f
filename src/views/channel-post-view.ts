import type { Language } from '../domain';
import { t, type MessageKey, type ParamArgs } from '../i18n';
import { countText, formatDate, personText, rankText, titleWithMark } from '../report/labels';
import type { TableSummary } from '../report/summary-types';
import { fitView, Shortener } from './fit';
import { renderCard, type AdaptiveCard } from './render';
import { bold, heading, plain, rich, type TextRun } from './rich-text';
import type { CardLink } from './session-view';
import { linkExpiry } from './link-expiry';

/**
 * A table's post in the organiser's thread is read next to up to 49 others: it stays under 8 KB,
 * buttons included, so that the thread can be scanned. Everything else is in the downloads.
 */
export const CHANNEL_POST_BUDGET = 8000;

/** At most this many intentions and conclusions: the top of the ranking, the first conclusions. */
const TOP = 3;

export interface ChannelPostOptions {
  /** Download buttons (the exports), in the card's language. */
  links?: ReadonlyArray<CardLink>;
  /** The filled model as a picture, once the bot can draw it; without one the card has no image. */
  pictureUrl?: string;
}

/** How much the card shows; tried from everything to the essentials. */
export interface ChannelPostFit {
  maxText?: number;
  /** Names shown; the rest are counted. */
  maxNames?: number;
  /** Card titles and names cut to this many characters. */
  maxTitle?: number;
}

export const CHANNEL_POST_FITS: ReadonlyArray<ChannelPostFit> = [
  {},
  { maxText: 200 },
  { maxText: 120, maxNames: 20, maxTitle: 60 },
  { maxText: 80, maxNames: 10, maxTitle: 40 },
  { maxText: 50, maxNames: 5, maxTitle: 30 },
  { maxText: 30, maxNames: 0, maxTitle: 20 },
];

/**
 * The table's compact post for the channel, as data for `cards/channel-post.json`: who took part
 * (names only with consent, as the summary has them), the picture of the model when there is one,
 * the top three intentions, at most three conclusions, and the downloads. Built from the summary,
 * so what was never revealed is not in it; every text from the table is a TextRun.
 */
export function channelPostView(summary: TableSummary, lang: Language, opts: ChannelPostOptions = {}, fit: ChannelPostFit = {}) {
  const v = new PostBuilder(lang, fit);
  const data = {
    heading: heading(t(lang, 'summary.title', { title: v.title(summary.title) }), 'Large'),
    meta: plain(
      t(lang, 'summary.meta', {
        date: formatDate(summary.date, lang),
        lead: v.title(summary.leaders.lead),
        count: countText(lang, summary.participants),
      }),
    ),
    ...(summary.phase === 'ended' ? {} : { phase: rich(lang, 'channelPost.phase', { phase: t(lang, `phase.${summary.phase}`) }) }),
    participants: { label: bold(t(lang, 'channelPost.participants')), text: v.participants(summary) },
    ...(opts.pictureUrl
      ? {
          pictureUrl: opts.pictureUrl,
          pictureAlt: t(lang, 'channelPost.pictureAlt', { title: v.title(summary.title) }),
          pictureOpen: t(lang, 'picture.open'),
        }
      : {}),
    intentions: { label: bold(t(lang, 'channelPost.intentions')), lines: v.intentions(summary) },
    conclusions: { label: bold(t(lang, 'channelPost.conclusions')), lines: v.conclusions(summary) },
    links: [...(opts.links ?? [])],
    ...linkExpiry(lang, opts.links ?? []),
  };
  return { ...data, footer: rich(lang, v.shortened ? 'channelPost.shortened' : 'channelPost.footer') };
}

/** The card, with as much as fits within the channel's budget. */
export function channelPostCard(summary: TableSummary, lang: Language, opts: ChannelPostOptions = {}): AdaptiveCard {
  return renderCard(
    'channel-post',
    fitView('channel-post', CHANNEL_POST_FITS, (fit) => channelPostView(summary, lang, opts, fit), CHANNEL_POST_BUDGET),
  );
}

class PostBuilder {
  private readonly s = new Shortener();

  constructor(
    private readonly lang: Language,
    private readonly fit: ChannelPostFit,
  ) {}

  get shortened(): boolean {
    return this.s.shortened;
  }

  t<K extends MessageKey>(key: K, ...params: ParamArgs<K>): string {
    return t(this.lang, key, ...params);
  }

  title(text: string): string {
    return this.s.cut(text, this.fit.maxTitle);
  }

  /** Names, and roles, may hold commas: the list is separated by semicolons. */
  participants(s: TableSummary): TextRun[] {
    const { list } = s.participants;
    if (list.length === 0) return plain(this.t('report.noParticipants'), true);
    const named = list.filter((p) => p.named);
    const shown = this.fit.maxNames === undefined ? named : named.slice(0, this.fit.maxNames);
    if (shown.length < named.length) this.s.shortened = true;
    const others = list.length - shown.length;
    const names = shown.map((p) => personText(this.lang, { ...p, label: this.title(p.label) }));
    const rest =
      others === 0
        ? []
        : [
            shown.length === 0
              ? this.t(others === 1 ? 'channelPost.unnamedOnlyOne' : 'channelPost.unnamedOnly', { count: others })
              : this.t(others === 1 ? 'channelPost.othersOne' : 'channelPost.others', { count: others }),
          ];
    return plain([...names, ...rest].join('; '));
  }

  intentions(s: TableSummary): TextRun[][] {
    const { voting, discussion } = s.round3;
    const main = discussion.mainIntention
      ? [[...bold(`${this.t('channelPost.mainIntention')}: `), ...plain(this.cardTitle(discussion.mainIntention))]]
      : [];
    if (voting.type !== 'closed' || voting.ranking.length === 0) {
      const none = voting.type === 'open' ? 'report.votingOpen' : 'report.notVoted';
      return [plain(this.t(none), true), ...main];
    }
    const rows = voting.ranking
      .slice(0, TOP)
      .map((r) =>
        plain(this.t('channelPost.rankRow', { rank: rankText(this.lang, r), title: this.cardTitle(r.card), stickers: r.stickers })),
      );
    return [...rows, ...main];
  }

  conclusions(s: TableSummary): TextRun[][] {
    const all = s.round2.conclusions;
    if (all.length === 0) return [plain(this.t('report.noConclusions'), true)];
    const lines = all.slice(0, TOP).map((c) => plain(`• ${this.s.cut(c, this.fit.maxText)}`));
    const more = all.length - TOP;
    return more > 0 ? [...lines, plain(this.t('channelPost.moreConclusions', { count: more }), true)] : lines;
  }

  private cardTitle(card: { title: string; own: boolean }): string {
    return titleWithMark(this.lang, this.title(card.title), card.own, 'intention');
  }
}
