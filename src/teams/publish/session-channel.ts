import type { ModelPictures } from '../../report/picture-ref';
import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { Logger } from 'pino';
import type { GroupView, Language, SessionState } from '../../domain';
import { t } from '../../i18n';
import { buildTableSummary } from '../../report/table-summary';
import { tableToken, type TableKey } from '../../store';
import { noticeCard, type AdaptiveCard } from '../../views';
import type { CardLink } from '../../views/session-view';
import { channelPostCard } from '../../views/channel-post-view';
import { post, updateCard } from '../outbound/outbound';
import { sessionRefs, type ErasedTable, type SessionRunner } from '../../app/session-runner';
import { SessionLive } from './session-live';

/**
 * What a card's download links are for: the session, or one of its tables, each as the instance it
 * is now (its creation time), so a link never serves a later session with the same code or a later
 * table in the same chat. The same shape as the server's LinkScope.
 */
export type SessionInstance = Pick<SessionState, 'code' | 'createdAt'>;
export type LinkTarget =
  | { type: 'session'; session: SessionInstance }
  | { type: 'table'; session: SessionInstance; token: string; createdAt: number }
  /** A table on its own, for its leiders' `samenvatting`, with or without a session. */
  | { type: 'chatTable'; token: string; createdAt: number };

/** Download links for a card, in the card's language; the exports fill this in (see createApp). None by default. */
export type LinkProvider = (target: LinkTarget, lang: Language) => CardLink[];

/** Calls to one conversation one after the other, so a batch (erasing 50 tables) stays inside Teams' limits. */
const PACE_MS = 150;

export interface SessionChannelOptions {
  adapter: CloudAdapter;
  appId: string;
  runner: SessionRunner;
  log: Logger;
  /** The download links of a table's or session's exports; none without an export link signer. */
  links?: LinkProvider;
  /** Time between the notices of `sessie wis`, so a big session keeps within Teams' limits. */
  paceMs?: number;
  /** How long data is kept, as the session card says. */
  retentionDays?: number;
  /** The filled model as a picture (a table's in its post, the session's in the totaalbeeld); none without picture links. */
  pictures?: ModelPictures;
}

/**
 * Proactive posts into the organiser's session thread and into linked tables. Every table has one
 * summary message in the thread: the first posting creates it and stores its id beside the session,
 * every later posting (a second `samenvatting`, the afsluiting after it) updates that message, so the
 * thread gets one message per table however often a leider asks.
 */
export class SessionChannel {
  /** Per table, the posting that runs now: a second one waits, so two postings never both create. */
  private readonly sharing = new Map<string, Promise<void>>();
  private readonly background = new Set<Promise<void>>();

  private readonly adapter: CloudAdapter;
  private readonly appId: string;
  private readonly runner: SessionRunner;
  private readonly log: Logger;
  private readonly links: LinkProvider;
  private readonly paceMs: number;
  private readonly pictures: ModelPictures | undefined;
  /** The session's card and its one totaalbeeld in the thread, kept up to date. */
  readonly live: SessionLive;

  constructor(options: SessionChannelOptions) {
    this.adapter = options.adapter;
    this.appId = options.appId;
    this.runner = options.runner;
    this.log = options.log;
    this.links = options.links ?? (() => []);
    this.paceMs = options.paceMs ?? PACE_MS;
    this.pictures = options.pictures;
    this.live = new SessionLive({
      adapter: this.adapter,
      appId: this.appId,
      runner: this.runner,
      log: this.log,
      retentionDays: options.retentionDays ?? 30,
      ...(options.pictures ? { pictures: options.pictures } : {}),
      links: (session, lang) => this.linksFor({ type: 'session', session }, lang),
      postTo: (reference, card, summary) => this.postTo(reference, card, summary),
    });
  }

  /**
   * A linked table moved to another phase: the session's messages show it, and a table that ended
   * frees its place in the session's limit (stored before this returns, so the next link sees it).
   */
  async tableMoved(key: TableKey, state: GroupView): Promise<void> {
    const code = state.sessionCode;
    if (!code) return;
    try {
      if (state.phase === 'ended') await this.runner.markStopped(code, tableToken(key));
    } catch (err) {
      this.log.warn({ err, sessionCode: code }, 'an ended table could not free its place in the session');
    }
    this.live.refresh(code);
  }

  linksFor(target: LinkTarget, lang: Language): CardLink[] {
    try {
      return this.links(target, lang);
    } catch (err) {
      this.log.warn({ err }, 'export links could not be made');
      return [];
    }
  }

  /**
   * The table's summary in its session's thread: posted the first time, updated after that. Does
   * nothing for a table without a session, or whose session no longer lists it. Never throws: the
   * table's own turn has succeeded whatever happens here. `updateOnly`: bring a summary that is
   * already there up to date (after someone withdrew their name), but post none.
   */
  async shareSummary(key: TableKey, state: GroupView, opts: { updateOnly?: boolean } = {}): Promise<void> {
    const token = tableToken(key);
    const before = this.sharing.get(token) ?? Promise.resolve();
    const run = before
      .then(() => this.share(token, state, opts.updateOnly === true))
      .catch((err: unknown) => {
        this.log.warn({ err, sessionCode: state.sessionCode }, 'table summary could not be shared with the session');
      });
    this.sharing.set(token, run);
    await run;
    if (this.sharing.get(token) === run) this.sharing.delete(token);
  }

  private async share(token: string, state: GroupView, updateOnly: boolean): Promise<void> {
    const code = state.sessionCode;
    if (!code) return;
    const session = await this.runner.get(code);
    if (!session || !session.tables.some((t) => t.token === token)) return;
    const reference = await this.referenceOf(session.code);
    if (!reference) return;
    const lang = session.language;
    const target = { type: 'table', session, token, createdAt: state.createdAt } as const;
    const pictureUrl = this.pictureOf(token, state);
    const card = channelPostCard(buildTableSummary(state, lang), lang, {
      links: this.linksFor(target, lang),
      ...(pictureUrl ? { pictureUrl } : {}),
    });
    // What the table shared shows in the totaalbeeld too.
    this.live.refresh(code);
    const existing = await this.runner.getRef(code, sessionRefs.summary(token));
    if (existing) {
      await updateCard(this.adapter, this.appId, reference, existing, card);
      return;
    }
    if (updateOnly) return;
    const id = await this.postTo(reference, card, t(lang, 'summary.title', { title: state.title }));
    if (id) await this.runner.setRef(code, sessionRefs.summary(token), id);
  }

  private pictureOf(token: string, state: GroupView): string | undefined {
    try {
      return this.pictures?.modelPicture(token, state).url;
    } catch (err) {
      this.log.warn({ err }, 'the picture link could not be made');
      return undefined;
    }
  }

  private async referenceOf(code: string): Promise<Partial<ConversationReference> | undefined> {
    const json = await this.runner.getRef(code, sessionRefs.conversation);
    return json ? (JSON.parse(json) as Partial<ConversationReference>) : undefined;
  }

  private async postTo(reference: Partial<ConversationReference>, card: AdaptiveCard, summary: string): Promise<string | undefined> {
    let id: string | undefined;
    await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
      // botbuilder would send this as a reply to the made-up id of its continuation event; without
      // it the message goes to the conversation itself (POST .../activities), which for a channel
      // thread (`<channelId>;messageid=<rootId>`) is a reply in that thread.
      delete (context.activity as { id?: string }).id;
      id = await post(context, card, summary);
    });
    return id;
  }

  /** After `wis` at a table: its summary in the thread says it was erased, instead of what it said. */
  async summaryErased(session: SessionState, summaryId: string, title: string): Promise<void> {
    try {
      const reference = await this.referenceOf(session.code);
      if (reference)
        await updateCard(
          this.adapter,
          this.appId,
          reference,
          summaryId,
          noticeCard(session.language, 'session.summaryErased', { title }, 'default'),
        );
    } catch (err) {
      this.log.warn({ err, sessionCode: session.code }, 'erased summary could not be replaced');
    }
  }

  /**
   * After `sessie wis`: each table hears that its data is gone, each summary in the thread is emptied,
   * and the thread says what happened. In the background, one call after the other, so the invoke is
   * answered at once and a session of 50 tables stays within Teams' limits.
   */
  sessionErased(session: SessionState, tables: ErasedTable[], threadReference: string | undefined, threadMessages: string[] = []): void {
    const job = this.tellErased(session, tables, threadReference, threadMessages)
      .catch((err: unknown) => {
        this.log.warn({ err, sessionCode: session.code }, 'not everyone could be told that the session was erased');
      })
      // The notices' sends were counted under the erased tables' keys: those go too.
      .then(() => this.runner.clearAfterNotices(session, tables))
      .catch((err: unknown) => {
        this.log.warn(
          { err, sessionCode: session.code },
          'send windows of an erased session could not be cleared; they expire within the hour',
        );
      });
    this.background.add(job);
    void job.finally(() => this.background.delete(job));
  }

  private async tellErased(
    session: SessionState,
    tables: ErasedTable[],
    threadJson: string | undefined,
    threadMessages: string[],
  ): Promise<void> {
    const lang = session.language;
    const pause = () => new Promise((r) => setTimeout(r, this.paceMs));
    for (const table of tables) {
      if (!table.reference) continue;
      const reference = JSON.parse(table.reference) as Partial<ConversationReference>;
      const card = noticeCard(lang, 'session.erasedForTable', { title: session.title }, 'attention');
      await this.postTo(reference, card, t(lang, 'session.erasedForTable', { title: session.title }));
    }
    if (!threadJson) return;
    const thread = JSON.parse(threadJson) as Partial<ConversationReference>;
    for (const table of tables) {
      if (!table.summaryId) continue;
      await updateCard(
        this.adapter,
        this.appId,
        thread,
        table.summaryId,
        noticeCard(lang, 'session.summaryErased', { title: table.linked.title }, 'default'),
      );
      await pause();
    }
    // The session's card and its totaalbeeld named the tables and what they concluded: emptied too.
    for (const id of threadMessages) {
      await updateCard(
        this.adapter,
        this.appId,
        thread,
        id,
        noticeCard(lang, 'session.messageErased', { title: session.title }, 'default'),
      );
      await pause();
    }
    await this.postTo(
      thread,
      noticeCard(lang, 'session.erasedThread', { title: session.title, count: tables.length }, 'good'),
      t(lang, 'session.erasedThread', { title: session.title, count: tables.length }),
    );
  }

  /** Waits for what runs in the background; for shutdown and tests. */
  async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.all([...this.background]);
    await this.live.idle();
  }
}
