import type { boardView } from './board-view';
import type { channelPostView } from './channel-post-view';
import type { guestConsentView, guestFillView } from './guest-form-view';
import type { helpView } from './help-view';
import type { introView } from './intro-view';
import type { controlsView } from './leader-controls';
import type { leaderConsentView } from './leader-consent-view';
import type { noticeView } from './notice-view';
import type { overviewView } from './overview-view';
import type { pickFormView, picksSavedView } from './picks-view';
import type { placeFormView } from './place-form-view';
import type { pollFormView, pollProgressView, pollView } from './poll-view';
import type { round2ToolsView } from './round2-tools-view';
import type { ownCardFormView } from './own-card-view';
import type { progressView } from './progress-view';
import type { revealView } from './reveal-view';
import type { round1View } from './round1-view';
import type {
  closingView,
  discussionCardView,
  discussionFormView,
  intentionsView,
  rankingView,
  stickerFormView,
  stickerProgressView,
  stickersSavedView,
} from './round3-view';
import type { eraseConfirmView, sessionCardView, sessionFormView } from './session-view';
import type { shortSummaryView } from './short-summary-view';
import type { statusView } from './status-view';
import type { summaryView } from './summary-view';
import type { welcomeView } from './welcome-view';

/**
 * Each template in `cards/` (by file name) and the data it is bound to: what the view that builds it
 * returns, or either view where two feed one template. renderCard takes only that data for that name.
 * Type-only imports: the views import render.ts, which needs only these types, so nothing cycles at run time.
 */
export interface CardData {
  notice: ReturnType<typeof noticeView>;
  welcome: ReturnType<typeof welcomeView>;
  'leader-consent': ReturnType<typeof leaderConsentView>;
  help: ReturnType<typeof helpView>;
  intro: ReturnType<typeof introView>;
  round1: ReturnType<typeof round1View>;
  'pick-form': ReturnType<typeof pickFormView>;
  'picks-saved': ReturnType<typeof picksSavedView>;
  progress: ReturnType<typeof progressView> | ReturnType<typeof stickerProgressView> | ReturnType<typeof pollProgressView>;
  reveal: ReturnType<typeof revealView>;
  status: ReturnType<typeof statusView>;
  board: ReturnType<typeof boardView>;
  'round2-tools': ReturnType<typeof round2ToolsView>;
  'place-form': ReturnType<typeof placeFormView>;
  poll: ReturnType<typeof pollView> | ReturnType<typeof pollFormView>;
  'own-card-form': ReturnType<typeof ownCardFormView>;
  intentions: ReturnType<typeof intentionsView>;
  'sticker-form': ReturnType<typeof stickerFormView>;
  'stickers-saved': ReturnType<typeof stickersSavedView>;
  ranking: ReturnType<typeof rankingView>;
  'discussion-form': ReturnType<typeof discussionFormView>;
  discussion: ReturnType<typeof discussionCardView>;
  closing: ReturnType<typeof closingView>;
  'guest-fill': ReturnType<typeof guestFillView>;
  'guest-consent': ReturnType<typeof guestConsentView>;
  summary: ReturnType<typeof summaryView>;
  'channel-post': ReturnType<typeof channelPostView>;
  'summary-short': ReturnType<typeof shortSummaryView>;
  'session-form': ReturnType<typeof sessionFormView>;
  session: ReturnType<typeof sessionCardView>;
  overview: ReturnType<typeof overviewView>;
  'erase-confirm': ReturnType<typeof eraseConfirmView>;
  controls: ReturnType<typeof controlsView>;
}

/** A template in `cards/`, without `.json`. */
export type CardName = keyof CardData;
