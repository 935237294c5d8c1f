import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { defaultDeck, groupView, type GroupView, type Language, type SessionState } from '../../domain';
import type { ModelPicture, ModelPictures } from '../../report/picture-ref';
import { t } from '../../i18n';
import { combineTables } from '../../report/combined';
import { renderCard, type AdaptiveCard } from '../../views';
import { overviewCard } from '../../views/overview-view';
import { sessionCardView, type CardLink } from '../../views/session-view';
import { postingClaim, sessionRefs, type SessionRunner } from '../../app/session-runner';
import { deleteMessage, post, updateCardOutcome } from '../outbound/outbound';
import { classifyFailure, describeFailure } from '../outbound/send-failure';

const DEFAULT_DECK = defaultDeck();

export interface SessionLiveOptions {
  adapter: CloudAdapter;
  appId: string;
  runner: SessionRunner;
  log: Logger;
  retentionDays: number;
  /** The session's combined model as a picture in the totaalbeeld; none without picture links. */
  pictures?: ModelPictures;
  /** The session's download links, in its language. */
  links: (session: SessionState, lang: Language) => CardLink[];
  /** A proactive post into the thread; the new message's id. */
  postTo: (reference: Partial<ConversationReference>, card: AdaptiveCard, summary: string) => Promise<string | undefined>;
  clock?: () => number;
}

/**
 * How long a process that claimed the first totaalbeeld may take to post it (the connector's retries
 * included) before another process takes the claim over: it must have died meanwhile.
 */
const CLAIM_MS = 2 * 60_000;

/** Who posts the first totaalbeeld: the message is there, another process posts it now, or we do. */
type OverviewClaim = { type: 'message'; id: string } | { type: 'posting' } | { type: 'claimed'; mark: string } | { type: 'gone' };

/** How a message of the session went when it was brought up to date. */
type Kept = 'updated' | 'reposted' | 'failed';

/**
 * The session's two messages in its thread that follow the tables: its card (how many tables are
 * linked, and which) and the one totaalbeeld. Each is one message, updated in place; when Teams says
 * the message is gone, it is posted anew and the old one removed. A refresh runs in the background
 * and is coalesced per session: while one runs, any number of requests make one more run after it.
 * Another bot process may refresh the same message at the same time; the latest update wins, and
 * only one of them posts a message where there was none or where Teams lost it (compare and set).
 */
export class SessionLive {
  private readonly running = new Map<string, { again: boolean }>();
  private readonly background = new Set<Promise<void>>();

  constructor(private readonly o: SessionLiveOptions) {}

  /** The session card as it is now. */
  sessionCard(session: SessionState): AdaptiveCard {
    return renderCard(
      'session',
      sessionCardView(session, session.language, {
        retentionDays: this.o.retentionDays,
        defaults: { ingredients: DEFAULT_DECK.ingredients.length, intentions: DEFAULT_DECK.intentions.length },
        links: this.o.links(session, session.language),
      }),
    );
  }

  /** The totaalbeeld as it is now: only the tables still linked to the session, as everyone may see them. */
  async overviewCard(session: SessionState): Promise<AdaptiveCard> {
    const lang = session.language;
    const tables = (await this.o.runner.tablesOf(session)).map(groupView);
    return overviewCard(combineTables(tables, lang), session, lang, this.o.links(session, lang), this.pictureOf(session, tables));
  }

  /** The session card just posted in the thread: from now on that one is kept up to date. */
  async cardPosted(code: string, id: string | undefined): Promise<void> {
    if (id) await this.o.runner.setRef(code, sessionRefs.card, id);
  }

  /**
   * `totaalbeeld` in the session's thread: the one totaalbeeld brought up to date (posted the first
   * time). 'updated' when an earlier message now shows it, so the asker can be told where it is.
   */
  async showOverview(context: TurnContext, session: SessionState): Promise<Kept | 'posted'> {
    const card = await this.overviewCard(session);
    const claim = await this.claimOverview(session.code);
    switch (claim.type) {
      case 'message':
        return this.keep(session, sessionRefs.overview, claim.id, card, context);
      case 'posting':
        // A `totaalbeeld` on another bot process is posting it at this moment, from the same tables.
        return 'updated';
      case 'gone':
        return 'failed';
      case 'claimed':
        break;
      default: {
        const never: never = claim;
        throw new Error(`unknown claim ${String(never)}`);
      }
    }
    const id = await post(context, card, this.overviewTitle(session));
    if (!id) {
      await this.o.runner.replaceRef(session.code, sessionRefs.overview, claim.mark, undefined);
      return 'failed';
    }
    await this.o.runner.setRef(session.code, sessionRefs.overview, id);
    // A refresh that came while the claim stood skipped it: whatever it would have shown, shown now.
    this.refresh(session.code);
    return 'posted';
  }

  /**
   * The first totaalbeeld is claimed before it is posted (compare and set on its ref), so that of two
   * `totaalbeeld`s on two bot processes at the same moment only one posts a message.
   */
  private async claimOverview(code: string): Promise<OverviewClaim> {
    const now = this.o.clock ?? Date.now;
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.o.runner.getRef(code, sessionRefs.overview);
      const since = current === undefined ? undefined : postingClaim.since(current);
      if (current !== undefined && since === undefined) return { type: 'message', id: current };
      if (since !== undefined && now() - since < CLAIM_MS) return { type: 'posting' };
      const mark = postingClaim.make(now());
      if (await this.o.runner.replaceRef(code, sessionRefs.overview, current, mark)) return { type: 'claimed', mark };
    }
    // Every attempt lost to another claim, or the session is gone.
    return { type: 'gone' };
  }

  /** Brings the session's card and totaalbeeld up to date, in the background (see the class). */
  refresh(code: string | undefined): void {
    if (!code) return;
    const current = this.running.get(code);
    if (current) {
      current.again = true;
      return;
    }
    const state = { again: false };
    this.running.set(code, state);
    const job = (async () => {
      do {
        state.again = false;
        await this.refreshNow(code).catch((err: unknown) => {
          this.o.log.warn({ err, sessionCode: code }, 'session messages could not be brought up to date');
        });
      } while (state.again);
      // No await between the last check and this: a request made meanwhile has started its own run.
      this.running.delete(code);
    })();
    this.background.add(job);
    void job.finally(() => this.background.delete(job));
  }

  private async refreshNow(code: string): Promise<void> {
    const session = await this.o.runner.get(code);
    if (!session) return;
    const cardId = await this.o.runner.getRef(code, sessionRefs.card);
    if (cardId) await this.keep(session, sessionRefs.card, cardId, this.sessionCard(session));
    const overviewId = await this.o.runner.getRef(code, sessionRefs.overview);
    // A claim is no message yet: whoever posts it posts the tables as they are then.
    if (overviewId && postingClaim.since(overviewId) === undefined)
      await this.keep(session, sessionRefs.overview, overviewId, await this.overviewCard(session));
  }

  private pictureOf(session: SessionState, tables: GroupView[]): ModelPicture | undefined {
    if (!this.o.pictures || tables.length === 0) return undefined;
    try {
      return this.o.pictures.sessionPicture(session, tables, session.language);
    } catch (err) {
      this.o.log.warn({ err, sessionCode: session.code }, 'the session picture link could not be made');
      return undefined;
    }
  }

  private overviewTitle(session: SessionState): string {
    return t(session.language, 'overview.title', { title: session.title });
  }

  /**
   * The message `id` shows `card` now. When Teams no longer has that message (removed in the
   * channel), the card is posted anew (in the turn's conversation, else proactively), becomes the
   * kept one, and the old message is removed if it is still there.
   */
  private async keep(session: SessionState, ref: string, id: string, card: AdaptiveCard, context?: TurnContext): Promise<Kept> {
    const reference = await this.threadReference(session.code);
    if (!reference) return 'failed';
    const outcome = await updateCardOutcome(this.o.adapter, this.o.appId, reference, id, card);
    if (outcome?.type === 'sent' || outcome?.type === 'superseded') return 'updated';
    if (outcome?.type !== 'failed' || outcome.failure.type !== 'rejected' || ![400, 403, 404].includes(outcome.failure.status))
      return 'failed';
    const summary = ref === sessionRefs.overview ? this.overviewTitle(session) : session.title;
    const fresh = context ? await post(context, card, summary) : await this.o.postTo(reference, card, summary);
    if (!fresh) return 'failed';
    if (!(await this.o.runner.replaceRef(session.code, ref, id, fresh))) {
      // Another process found the message gone at the same moment and posted its own first.
      await this.remove(reference, fresh);
      return 'updated';
    }
    await this.remove(reference, id);
    return 'reposted';
  }

  private async remove(reference: Partial<ConversationReference>, id: string): Promise<void> {
    try {
      await deleteMessage(this.o.adapter, this.o.appId, reference, id);
    } catch (err) {
      // Only what kind of failure: botbuilder's error carries the request, card and all.
      this.o.log.info({ failure: describeFailure(classifyFailure(err)) }, 'an old session message could not be removed');
    }
  }

  private async threadReference(code: string): Promise<Partial<ConversationReference> | undefined> {
    const json = await this.o.runner.getRef(code, sessionRefs.conversation);
    return json ? (JSON.parse(json) as Partial<ConversationReference>) : undefined;
  }

  /** Waits for the refreshes that run in the background; for shutdown and tests. */
  async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.all([...this.background]);
  }
}
