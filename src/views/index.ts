export { renderCard, type AdaptiveCard, type CardData, type CardName } from './render';
export { welcomeView } from './welcome-view';
export { helpView } from './help-view';
export { noticeCard, noticeView, type NoticeStyle } from './notice-view';
export { VERB, GUEST_CONSENT_INPUT, PICK_INPUTS, STICKER_INPUTS, type VerbName } from './card-vocabulary';
export { introView, type IntroMode } from './intro-view';
export { round1View } from './round1-view';
export { pickFormView, picksSavedView, valuesOf, type PickFormValues } from './picks-view';
export { leaderProgressView, progressView } from './progress-view';
export { pickRoundTitle } from './pick-round-name';
export { revealView, groupPicks } from './reveal-view';
export { statusView } from './status-view';
export { shownName } from './names';
export { refusalMessage, type Message } from './error-view';
export { subjectSwitch, type SubjectSwitch } from './subject-switch';
export { guestConsentView, guestFillView, guestStepName } from './guest-form-view';
export { boardView, cardById, pickedCardIds } from './board-view';
export { placeFormView, type PlaceValues } from './place-form-view';
export { pollView, pollFormView, pollProgressView } from './poll-view';
export { round2ToolsView } from './round2-tools-view';
export { agendaView, cardTime, stepLine } from './step-view';
export { ownCardFormView } from './own-card-view';
export {
  intentionsView,
  stickerFormView,
  stickersSavedView,
  stickerProgressView,
  rankingView,
  discussionCardView,
  discussionFormView,
  closingView,
  slotsOf,
  type DiscussionValues,
} from './round3-view';
export { choiceTitle } from './picks-view';
export { controlsView, leaderChannelIds, leaderRefresh, CONTROLLED_CARDS, type CardRef, type ControlledCard } from './leader-controls';
export type { DeckPlaces } from './place-buttons';
