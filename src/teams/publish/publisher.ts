import { ActivityTypes, type TurnContext } from 'botbuilder';
import { currentPickRound, groupView, type DomainEvent, type GroupView, type LeaderRef, type TableState } from '../../domain';
import { messageOf, t, textOf, type MessageKey, type ParamArgs } from '../../i18n';
import { tableToken, type TableKey } from '../../store';
import {
  cardTime,
  noticeCard,
  discussionCardView,
  pickRoundTitle,
  renderCard,
  type AdaptiveCard,
  type CardRef,
  type NoticeStyle,
} from '../../views';
import type { BotDeps } from '../deps';
import { post } from '../outbound/outbound';
import type { SharedCardKind } from './shared-card-updater';
import { refNames } from './shared-cards';
import { sharedCard } from './controlled-cards';
import { askLeaderConsent } from './leader-consent';
import { postSummary } from './summary-post';

/**
 * Posts and updates the shared cards that follow from what happened at the table. After a card
 * action (an invoke) the posts go out after its answer: a full send window may hold a post for
 * seconds, and the user who pressed the button must get their card well within Teams' 5 s. What
 * must be stored before the answer (the shared-card reminders, a timer) still is.
 */
export async function publish(context: TurnContext, key: TableKey, state: TableState, events: DomainEvent[], deps: BotDeps): Promise<void> {
  const later: Posting[] | undefined = context.activity.type === ActivityTypes.Invoke ? [] : undefined;
  const out = new Publisher(context, key, groupView(state), deps, later);
  for (const event of events) await out.on(event);
  if (later?.length) {
    deps.afterAnswer.run(context.activity, async (afterwards) => {
      for (const posting of later) await posting(afterwards);
    });
  }
}

/** The shared cards brought into a new table language; the updater leaves out those never posted. */
const LANGUAGE_FOLLOWERS: ReadonlyArray<SharedCardKind> = ['welcome', 'progress', 'board', 'poll', 'stickers', 'discussion'];

/** A post into the conversation, made with whichever turn context sends it. */
type Posting = (context: TurnContext) => Promise<void>;

/** Everything it posts is seen by the whole chat, so it holds the table only as everyone may see it. */
class Publisher {
  private readonly lang;

  constructor(
    private readonly context: TurnContext,
    private readonly key: TableKey,
    private readonly state: GroupView,
    private readonly deps: BotDeps,
    private readonly later?: Posting[],
  ) {
    this.lang = state.settings.language;
  }

  /** Posts now, or after the answer when the turn is an invoke (see `publish`). */
  private async send(posting: Posting): Promise<void> {
    if (this.later) this.later.push(posting);
    else await posting(this.context);
  }

  private async postCard(card: AdaptiveCard, summary: string): Promise<void> {
    await this.send(async (context) => void (await post(context, card, summary)));
  }

  private schedule(kind: SharedCardKind): Promise<void> {
    return this.deps.updater.schedule(this.key, this.context.activity, kind);
  }

  private notice<K extends MessageKey>(key: K, ...args: ParamArgs<K, [style?: NoticeStyle]>): Promise<void> {
    const message = messageOf(key, ...args);
    return this.postCard(noticeCard(this.lang, message, (args[1] as NoticeStyle | undefined) ?? 'accent'), textOf(this.lang, message));
  }

  /** A shared card of the step, with its refresh: leiders see their controls on it (controlled-cards.ts). */
  private shared(on: CardRef): AdaptiveCard | undefined {
    return sharedCard(this.state, on, this.deps.settings.retentionDays, () =>
      this.deps.pictures?.modelPicture(tableToken(this.key), this.state),
    );
  }

  /** Posts a card that will be updated later, and remembers its message id under `ref`. */
  private postShared(ref: string, card: AdaptiveCard, summary: string): Promise<void> {
    return this.send(async (context) => {
      const id = await post(context, card, summary);
      if (id) await this.deps.store.setRef(this.key, ref, id);
    });
  }

  async on(event: DomainEvent): Promise<void> {
    const { state, lang } = this;
    const round = currentPickRound(state);
    const roundOpen = round !== undefined && round.revealedAt === undefined;
    switch (event.type) {
      case 'participantJoined':
      case 'nameConsentChanged':
        if (event.type === 'nameConsentChanged' && !event.consent) await this.withdrawName();
        await this.schedule('welcome');
        if (roundOpen) await this.schedule('progress');
        if (state.phase === 'round3') await this.schedule('stickers');
        return;
      case 'guestAdded': {
        const guest = state.participants.find((p) => p.id === event.userId);
        await this.notice(guest?.nameConsent ? 'guest.addedNamed' : 'guest.added', { name: guest?.name ?? '', number: guest?.number ?? 0 });
        await this.schedule('welcome');
        if (roundOpen) await this.schedule('progress');
        if (state.phase === 'round3') await this.schedule('stickers');
        return;
      }
      case 'introAnswered':
      case 'closingAnswered':
        return;
      case 'leaderChanged':
        await this.notice('leader.handedOver', { name: state.lead.name });
        await this.askConsent(state.lead);
        await this.schedule('welcome');
        return;
      case 'coLeadAdded': {
        const coLead = state.coLeads.find((c) => c.id === event.userId);
        await this.notice('leader.coAdded', { name: coLead?.name ?? '' });
        if (coLead) await this.askConsent(coLead);
        return;
      }
      case 'notetakerSet':
        await this.notice('notetaker.set', { name: state.notetaker?.name ?? '' });
        if (state.notetaker) await this.askConsent(state.notetaker);
        return;
      case 'leaderConsentChanged':
        // Nothing in the chat shows it; the report and the exports read it when they are made.
        if (!event.consent) await this.withdrawName();
        return;
      case 'picksSubmitted':
        if (event.first) await this.schedule('progress');
        return;
      case 'picksRevealed': {
        const revealed = state.pickRounds.find((r) => r.number === event.round);
        await this.schedule('progress');
        const reveal = revealed && this.shared({ card: 'reveal', n: event.round });
        if (reveal) await this.postCard(reveal, pickRoundTitle(lang, event.round, 'reveal'));
        if (state.phase === 'round2') await this.schedule('board');
        return;
      }
      case 'pickRoundOpened':
        await this.postPickRound(event.round);
        return;
      case 'ownCardAdded': {
        const deck = event.kind === 'intention' ? state.deck.intentions : state.deck.ingredients;
        const title = deck.find((c) => c.id === event.cardId)?.title ?? '';
        await this.notice(event.kind === 'intention' ? 'own.announcedIntention' : 'own.announced', { title });
        // The intentions card stays as posted: sticker forms are open on it. The announcement names the new one.
        if (event.kind === 'ingredient') await this.schedule('board');
        return;
      }
      case 'pollOpened': {
        // The question, posted once (the forms open on it), and its progress on a message of its own.
        const poll = state.round2.polls.find((p) => p.number === event.poll);
        if (!poll) return;
        await this.postCard(this.shared({ card: 'poll', n: poll.number })!, t(lang, 'poll.title', { title: '' }));
        await this.postShared(
          refNames.poll(poll.number),
          this.shared({ card: 'pollProgress', n: poll.number })!,
          t(lang, 'poll.title', { title: '' }),
        );
        return;
      }
      case 'pollVoted':
        if (event.first) await this.schedule('poll');
        return;
      case 'pollClosed': {
        await this.schedule('poll');
        const poll = state.round2.polls.find((p) => p.number === event.poll);
        if (poll) await this.postCard(this.shared({ card: 'poll', n: poll.number })!, t(lang, 'poll.closedTitle', { title: '' }));
        return;
      }
      case 'cardPlaced':
      case 'cardRemoved':
        await this.schedule('board');
        return;
      case 'conclusionAdded': {
        const last = state.round2.conclusions[state.round2.conclusions.length - 1];
        await this.notice('conclusion.added', { text: last?.text ?? '' });
        await this.schedule('board');
        return;
      }
      case 'noteAdded':
        await this.notice('note.added');
        return;
      case 'stickersSet':
        if (event.first) await this.schedule('stickers');
        return;
      case 'votingClosed':
        await this.schedule('stickers');
        await this.postShared(refNames.ranking, this.shared({ card: 'ranking' })!, t(lang, 'ranking.title'));
        return;
      case 'discussionRecorded':
        // Beside the ranking, which stays as posted: the discussion form opens on it.
        if (await this.deps.store.getRef(this.key, refNames.discussion)) await this.schedule('discussion');
        else
          await this.postShared(
            refNames.discussion,
            renderCard('discussion', discussionCardView(state, lang)),
            t(lang, 'discussion.cardTitle'),
          );
        return;
      case 'timerStarted':
        // The card says until when in each reader's own time zone; the notification has no such formatting.
        await this.postCard(
          noticeCard(lang, 'timer.started', { minutes: event.minutes, until: cardTime(event.endsAt) }, 'accent'),
          t(lang, 'timer.startedSummary', { minutes: event.minutes }),
        );
        await this.deps.timers.schedule({
          key: this.key,
          activity: this.context.activity,
          minutes: event.minutes,
          dueAt: event.endsAt,
          lang,
        });
        return;
      case 'phaseChanged':
        await this.schedule('welcome');
        await this.enterPhase(event.from, event.to);
        // The organiser's session card and totaalbeeld show where each table is.
        await this.deps.sessions.channel.tableMoved(this.key, state);
        return;
      case 'languageChanged':
        // Said in the new language, and every shared card that is kept up to date follows. The cards
        // that host forms (Round 1's cards, the intentions, the ranking) stay as posted: an update
        // would take away what someone is typing on them.
        await this.notice('language.changed', undefined, 'good');
        for (const kind of LANGUAGE_FOLLOWERS) await this.schedule(kind);
        return;
      case 'sessionLinked':
        // `koppel` and `start <code>` say it themselves: they know the session, and what it changed.
        return;
      default: {
        const never: never = event;
        throw new Error(`Unhandled event ${JSON.stringify(never)}`);
      }
    }
  }

  /**
   * A name withdrawn after a leider's `samenvatting` shared the summary: the organiser's copy loses it
   * now, not only at the next sharing, which may never come.
   */
  private withdrawName(): Promise<void> {
    return this.send(() => this.deps.sessions.channel.shareSummary(this.key, this.state, { updateOnly: true }));
  }

  /** A new leider or notulist is asked whether their name may appear in the report. */
  private askConsent(who: LeaderRef): Promise<void> {
    return this.send((context) => askLeaderConsent(context, this.state, who));
  }

  private async postPickRound(roundNumber: number): Promise<void> {
    const { lang } = this;
    await this.postCard(
      this.shared({ card: 'round1', n: roundNumber })!,
      roundNumber === 1 ? t(lang, 'phase.round1') : pickRoundTitle(lang, roundNumber, 'open'),
    );
    await this.postShared(
      refNames.progress(roundNumber),
      this.shared({ card: 'progress', n: roundNumber })!,
      pickRoundTitle(lang, roundNumber, 'progress'),
    );
  }

  private async enterPhase(from: TableState['phase'], to: TableState['phase']): Promise<void> {
    const { state, lang } = this;
    const phaseName = t(lang, `phase.${to}`);
    switch (to) {
      case 'setup':
        return;
      case 'intro':
        await this.postCard(this.shared({ card: 'intro' })!, phaseName);
        return;
      case 'round1': {
        const round = currentPickRound(state);
        // Coming back to Round 1 keeps its picks; only its first opening posts the cards.
        if (round?.number === 1 && round.revealedAt === undefined && (from === 'setup' || from === 'intro')) await this.postPickRound(1);
        else await this.notice('phase.entered', { phase: phaseName });
        return;
      }
      case 'round2':
        await this.postShared(refNames.board, this.shared({ card: 'board' })!, phaseName);
        await this.postCard(this.shared({ card: 'tools' })!, t(lang, 'tools.title'));
        return;
      case 'round3':
        await this.postShared(refNames.intentions, this.shared({ card: 'intentions' })!, phaseName);
        await this.postShared(refNames.stickers, this.shared({ card: 'stickers' })!, t(lang, 'stickers.progressTitle'));
        return;
      case 'closing':
        await this.postCard(this.shared({ card: 'closing' })!, phaseName);
        return;
      case 'ended':
        // The thanks first: after a long summary card it would be easy to miss.
        await this.notice('stop.done', { days: this.deps.settings.retentionDays }, 'good');
        await this.send((context) => postSummary(context, state, this.deps.pictures?.modelPicture(tableToken(this.key), state)));
        await this.deps.sessions.channel.shareSummary(this.key, state);
        return;
      default: {
        const never: never = to;
        throw new Error(`Unhandled phase ${String(never)}`);
      }
    }
  }
}
