/**
 * Every card and report a viewer can reach at a table, rendered from their view of it: the shared
 * cards, their own forms and answers, a leider's forms for their guests, and (for the group) the
 * summary, the totaalbeeld and the exports. Used by the silence property test.
 */
import { findParticipant, isLeader, own, type Language, type Participant, type TableView } from '../../src/domain';
import { combineTables } from '../../src/report/combined';
import { buildExport, type ExportKind } from '../../src/report/exports';
import { tableSummaryMarkdown } from '../../src/report/markdown';
import { buildTableSummary } from '../../src/report/table-summary';
import {
  boardView,
  closingView,
  discussionFormView,
  intentionsView,
  introView,
  pickFormView,
  picksSavedView,
  placeFormView,
  pollFormView,
  pollView,
  progressView,
  rankingView,
  renderCard,
  revealView,
  round1View,
  statusView,
  stickerFormView,
  stickerProgressView,
  stickersSavedView,
  subjectSwitch,
  valuesOf,
  welcomeView,
} from '../../src/views';
import { overviewCard } from '../../src/views/overview-view';
import { shortSummaryCard } from '../../src/views/short-summary-view';
import { summaryCard } from '../../src/views/summary-view';
import { channelPostCard } from '../../src/views/channel-post-view';
import type { SessionState } from '../../src/domain';

/** Named renderings, so a failure says which card differed. */
export type Rendered = Record<string, unknown>;

export function reachableCards(view: TableView, lang: Language): Rendered {
  const out: Rendered = {};
  const viewer = view.viewer;
  const me = viewer.type === 'person' ? findParticipant(view, viewer) : undefined;
  const leader = viewer.type === 'person' && isLeader(view, viewer);
  const guests = view.participants.filter((p) => p.guest);
  // Whom this viewer fills forms in for: themselves, and a leider also each guest.
  const subjects: Participant[] = [...(me ? [me] : []), ...(leader ? guests : [])];
  const who = (subject: Participant) => ({
    ...subjectSwitch(view, lang, leader, me, subject),
    ...(subject.guest ? { for: subject.id } : {}),
  });

  out.welcome = renderCard('welcome', welcomeView(view, lang, { retentionDays: 30 }));
  if (me) out['welcome (own)'] = renderCard('welcome', welcomeView(view, lang, { retentionDays: 30, viewer: me }));
  out.status = renderCard('status', statusView(view, lang));
  out.intro = renderCard('intro', introView(view, lang, { type: 'shared' }));
  if (me) out['intro (form)'] = renderCard('intro', introView(view, lang, { type: 'form' }, own(view.intro, me.id)));
  out.progress = renderCard('progress', progressView(view, lang));
  for (const round of view.pickRounds) {
    out[`round ${round.number}`] = renderCard('round1', round1View(view, lang, round.number));
    out[`reveal ${round.number}`] = renderCard('reveal', revealView(view, lang, round));
    for (const subject of subjects) {
      const submitted = own(round.picks, subject.id);
      out[`pick form ${round.number} ${subject.id}`] = renderCard(
        'pick-form',
        pickFormView(view, lang, round.number, valuesOf(submitted), undefined, who(subject)),
      );
      if (submitted)
        out[`picks saved ${round.number} ${subject.id}`] = renderCard(
          'picks-saved',
          picksSavedView(view, lang, round.number, submitted, round.revealedAt !== undefined),
        );
    }
  }
  out.board = renderCard('board', boardView(view, lang));
  out['place form'] = renderCard('place-form', placeFormView(view, lang));
  for (const poll of view.round2.polls) {
    out[`poll ${poll.number}`] = renderCard('poll', pollView(view, lang, poll));
    for (const subject of subjects) {
      out[`poll ${poll.number} form ${subject.id}`] = renderCard('poll', pollFormView(view, lang, poll, subject, who(subject)));
      out[`poll ${poll.number} saved ${subject.id}`] = renderCard(
        'poll',
        pollFormView(view, lang, poll, subject, who(subject), { saved: true }),
      );
    }
  }
  out.intentions = renderCard('intentions', intentionsView(view, lang));
  out.stickers = renderCard('progress', stickerProgressView(view, lang));
  out.ranking = renderCard('ranking', rankingView(view, lang));
  out.discussion = renderCard('discussion-form', discussionFormView(view, lang));
  for (const subject of subjects) {
    const set = own(view.round3.stickers, subject.id);
    out[`sticker form ${subject.id}`] = renderCard('sticker-form', stickerFormView(view, lang, set, who(subject)));
    if (set)
      out[`stickers saved ${subject.id}`] = renderCard(
        'stickers-saved',
        stickersSavedView(view, lang, set, view.round3.closedAt !== undefined),
      );
    out[`closing form ${subject.id}`] = renderCard('closing', closingView(view, lang, { type: 'form', subject, who: who(subject) }));
  }
  out.closing = renderCard('closing', closingView(view, lang, { type: 'shared' }));
  return out;
}

const SESSION_KINDS: ReadonlyArray<ExportKind> = ['md', 'csv', 'json'];

/** What leaves the chat, for the group's view only: the summary card and Markdown, the channel post, the totaalbeeld, the exports. */
export async function reports(view: TableView & { viewer: { type: 'group' } }, lang: Language, session: SessionState): Promise<Rendered> {
  const summary = buildTableSummary(view, lang);
  const out: Rendered = {
    summary: summaryCard(summary, lang),
    'channel post': channelPostCard(summary, lang),
    'short summary': shortSummaryCard(summary, lang, { type: 'participant' }),
    markdown: tableSummaryMarkdown(summary, lang),
    overview: overviewCard(combineTables([view], lang), session, lang),
  };
  for (const kind of SESSION_KINDS) {
    out[`export ${kind}`] = (await buildExport(kind, { type: 'table', state: view }, lang, { now: 0 })).body.toString('utf8');
    out[`session export ${kind}`] = (await buildExport(kind, { type: 'session', session, tables: [view] }, lang, { now: 0 })).body.toString(
      'utf8',
    );
  }
  return out;
}
