import type { TurnContext } from 'botbuilder';
import { currentPickRound, type DomainEvent, type TableState } from '../domain';
import type { TableKey } from '../store';
import { introView, noticeView, progressView, renderCard, revealView, round1View, welcomeView } from '../views';
import type { SharedCardRenderer } from './shared-card-updater';
import type { BotDeps } from './deps';
import { post } from './outbound';
import { t } from '../i18n';

export const refNames = {
  welcome: 'welcome',
  progress: (round: number) => `progress:${round}`,
} as const;

/** The current content of the shared cards that are kept up to date. */
export function sharedCardRenderer(retentionDays: number): SharedCardRenderer {
  return (kind, state) => {
    const lang = state.settings.language;
    if (kind === 'welcome') return { refName: refNames.welcome, card: renderCard('welcome', welcomeView(state, lang, { retentionDays })) };
    const round = currentPickRound(state);
    if (!round) return undefined;
    return { refName: refNames.progress(round.number), card: renderCard('progress', progressView(state, lang)) };
  };
}

/** Posts and updates the shared cards that follow from what happened at the table. */
export async function publish(context: TurnContext, key: TableKey, state: TableState, events: DomainEvent[], deps: BotDeps): Promise<void> {
  const lang = state.settings.language;
  const notice = (k: Parameters<typeof noticeView>[1], params?: Parameters<typeof noticeView>[2]) =>
    post(context, renderCard('notice', noticeView(lang, k, params, 'accent')), t(lang, k, params));
  const schedule = (kind: 'welcome' | 'progress') => deps.updater.schedule(key, context.activity, kind);
  const round = currentPickRound(state);
  const roundOpen = round !== undefined && round.revealedAt === undefined;

  for (const event of events) {
    switch (event.type) {
      case 'participantJoined':
      case 'nameConsentChanged':
        schedule('welcome');
        if (roundOpen) schedule('progress');
        break;
      case 'introAnswered':
        break;
      case 'leaderChanged':
      case 'coLeadAdded': {
        const who = event.type === 'leaderChanged' ? state.lead : state.coLeads.find((c) => c.id === event.userId);
        await notice(event.type === 'leaderChanged' ? 'leader.handedOver' : 'leader.coAdded', { name: who?.name ?? '' });
        schedule('welcome');
        break;
      }
      case 'picksSubmitted':
        if (event.first) schedule('progress');
        break;
      case 'picksRevealed': {
        const revealed = state.pickRounds.find((r) => r.number === event.round);
        schedule('progress');
        if (revealed) await post(context, renderCard('reveal', revealView(state, lang, revealed)), t(lang, 'reveal.title', { round: event.round }));
        break;
      }
      case 'phaseChanged':
        schedule('welcome');
        await enterPhase(context, key, state, event.from, deps);
        break;
      default: {
        const never: never = event;
        throw new Error(`Unhandled event ${JSON.stringify(never)}`);
      }
    }
  }
}

async function enterPhase(context: TurnContext, key: TableKey, state: TableState, from: TableState['phase'], deps: BotDeps): Promise<void> {
  const lang = state.settings.language;
  const phaseName = t(lang, `phase.${state.phase}`);
  switch (state.phase) {
    case 'setup':
      return;
    case 'intro':
      await post(context, renderCard('intro', introView(state, lang, { type: 'shared' })), phaseName);
      return;
    case 'round1': {
      const round = currentPickRound(state);
      if (!round || round.number !== 1 || from === 'round2' || from === 'round3' || from === 'closing') {
        await post(context, renderCard('notice', noticeView(lang, 'phase.entered', { phase: phaseName }, 'accent')), phaseName);
        return;
      }
      await post(context, renderCard('round1', round1View(state, lang, round.number)), phaseName);
      const progressId = await post(context, renderCard('progress', progressView(state, lang)), t(lang, 'progress.title', { round: round.number }));
      if (progressId) await deps.store.setRef(key, refNames.progress(round.number), progressId);
      return;
    }
    case 'round2':
    case 'round3':
    case 'closing':
      await post(context, renderCard('notice', noticeView(lang, 'phase.later', { phase: phaseName }, 'accent')), phaseName);
      return;
    case 'ended':
      await post(context, renderCard('notice', noticeView(lang, 'stop.done', { days: deps.settings.retentionDays }, 'good')), t(lang, 'phase.ended'));
      return;
    default: {
      const never: never = state.phase;
      throw new Error(`Unhandled phase ${String(never)}`);
    }
  }
}
