/**
 * The words the cards and the bot share: the verb of every button (`Action.Execute`) and the id of
 * every input whose value comes back in a button's data. Views put them into the cards' data, the
 * registry in src/teams/routing declares a handler for each verb, and test/teams/routing checks that
 * every template in cards/ uses only these.
 */
export const VERB = {
  join: 'join',
  welcomeView: 'welcome.view',
  progressView: 'progress.view',
  consentSet: 'consent.set',
  leaderConsent: 'leader.consent',
  leaderConsentOpen: 'leader.consent.open',
  introOpen: 'intro.open',
  introSubmit: 'intro.submit',
  picksOpen: 'picks.open',
  picksInfo: 'picks.info',
  picksSubmit: 'picks.submit',
  boardView: 'board.view',
  round2Tools: 'round2.tools',
  boardPlaceOpen: 'board.place.open',
  boardPlace: 'board.place',
  boardRemove: 'board.remove',
  pollOpen: 'poll.open',
  pollVoteOpen: 'poll.vote.open',
  pollVote: 'poll.vote',
  pollClose: 'poll.close',
  ownCardOpen: 'owncard.open',
  ownCardAdd: 'owncard.add',
  intentionsView: 'intentions.view',
  stickersOpen: 'stickers.open',
  stickersSubmit: 'stickers.submit',
  rankingView: 'ranking.view',
  discussionOpen: 'discussion.open',
  discussionSave: 'discussion.save',
  closingOpen: 'closing.open',
  closingSubmit: 'closing.submit',
  guestFill: 'guest.fill',
  guestOpen: 'guest.open',
  guestBack: 'guest.back',
  sessionCreate: 'session.create',
  eraseConfirm: 'erase.confirm',
  eraseCancel: 'erase.cancel',
  controlsView: 'controls.view',
  stepNext: 'step.next',
  stepReveal: 'step.reveal',
  stepClose: 'step.close',
  stepTimer: 'step.timer',
  tableLanguage: 'table.language',
  stepPickRound: 'step.pickround',
  stepSummary: 'step.summary',
} as const;

export type VerbName = (typeof VERB)[keyof typeof VERB];

/** The three inputs of a pick: which card, and why. */
export const PICK_INPUTS = {
  in: { card: 'inCard', argument: 'inArgument' },
  out: { card: 'outCard', argument: 'outArgument' },
  doubt: { card: 'doubtCard', argument: 'doubtArgument' },
} as const;

/** The toggle on a form a leider fills in for a guest: the guest's consent to be named in the report. */
export const GUEST_CONSENT_INPUT = 'guestConsent';

/** One choice per sticker: three stickers are three choices, so a fourth cannot be given. */
export const STICKER_INPUTS = ['sticker1', 'sticker2', 'sticker3'] as const;
