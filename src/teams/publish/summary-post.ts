import type { TurnContext } from 'botbuilder';
import { groupView, isLeader, type GroupView, type TableState } from '../../domain';
import { t } from '../../i18n';
import { buildTableSummary } from '../../report/table-summary';
import type { ModelPicture } from '../../report/picture-ref';
import { shortSummaryCard, type ShortSummaryDownloads } from '../../views/short-summary-view';
import { summaryCard } from '../../views/summary-view';
import { tableToken } from '../../store';
import { post } from '../outbound/outbound';
import type { Turn } from '../turn';
import type { LinkProvider } from './session-channel';

/** At afsluiting: the table's summary as a card in the conversation, with the picture of its model. */
export async function postSummary(context: TurnContext, state: GroupView, picture?: ModelPicture): Promise<void> {
  const lang = state.settings.language;
  await post(context, summaryCard(buildTableSummary(state, lang), lang, picture), t(lang, 'phase.ended'));
}

/**
 * `samenvatting`: a short card (who took part, counts, top three, a line per round), never the
 * report as text in the chat. A leider gets download buttons for the whole report (Word, Markdown,
 * CSV, JSON, PowerPoint), with or without a session: the links name this very table instance, are
 * signed and say until when they work. Anyone else gets the same card with a line that says who
 * can download the report.
 */
export async function postShortSummary(
  context: TurnContext,
  state: GroupView,
  opts: { leader: boolean; token: string; links: LinkProvider },
): Promise<string | undefined> {
  const lang = state.settings.language;
  const summary = buildTableSummary(state, lang);
  let downloads: ShortSummaryDownloads = { type: 'participant' };
  if (opts.leader) {
    const links = opts.links({ type: 'chatTable', token: opts.token, createdAt: state.createdAt }, lang);
    const expiresAt = Math.min(...links.map((l) => l.expiresAt ?? Infinity));
    downloads = links.length && Number.isFinite(expiresAt) ? { type: 'links', links, expiresAt } : { type: 'unavailable' };
  }
  return post(context, shortSummaryCard(summary, lang, downloads), t(lang, 'summary.title', { title: state.title }));
}

/**
 * `samenvatting`, typed or the leider's button after afsluiting: the short card in the chat. A
 * leider's also brings the organiser's copy up to date (one message per table).
 */
export async function shareShortSummary(turn: Turn, state: TableState): Promise<void> {
  const view = groupView(state);
  const leader = isLeader(state, turn.actor);
  const links = turn.deps.sessions.channel.linksFor.bind(turn.deps.sessions.channel);
  await postShortSummary(turn.context, view, { leader, token: tableToken(turn.key), links });
  if (leader) await turn.deps.sessions.channel.shareSummary(turn.key, view);
}
