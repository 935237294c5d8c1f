import { createHash } from 'node:crypto';
import { TurnContext } from 'botbuilder';
import { defaultDeck, isLeader, isOrganiser, linkTable, parseCode, sessionFail, type AnyRuleError, type Language, type SessionState, type TableState } from '../domain';
import { languageOf, t, type MessageKey, type Params } from '../i18n';
import { combineTables } from '../report/combined';
import { tableToken } from '../store';
import { noticeView, renderCard, round1View, welcomeView, type NoticeStyle } from '../views';
import { overviewCard } from '../views/overview-view';
import { eraseConfirmView, sessionCardView, sessionErrorMessage, sessionFormView, type SessionCardOptions } from '../views/session-view';
import { actorOf, tableKeyOf } from './activity-identity';
import { firstMention } from './activity-text';
import { isChannel, threadKeyOf } from './channel-thread';
import { askLeaderConsent } from './leader-consent';
import type { BotDeps } from './deps';
import { refNames } from './effects';
import { post } from './outbound';
import { parseSessionCommand, type SessionCommand } from './session-command';
import { TABLE_CONVERSATION_REF, type LinkResult } from './session-runner';

/** Who asked for a session form, without putting their id on a card everyone in the channel sees. */
export function requesterHash(userId: string): string {
  return createHash('sha256').update(`session-form\n${userId}`).digest('base64url').slice(0, 16);
}

const DEFAULT_DECK = defaultDeck();

export function sessionCardOptions(deps: BotDeps, session: SessionState, merged?: SessionCardOptions['merged']): SessionCardOptions {
  return {
    retentionDays: deps.settings.retentionDays,
    defaults: { ingredients: DEFAULT_DECK.ingredients.length, intentions: DEFAULT_DECK.intentions.length },
    ...(merged ? { merged } : {}),
    links: deps.sessions.channel.linksFor({ type: 'session', code: session.code }, session.language),
  };
}

/**
 * The session's chat commands (see session-command.ts). Returns false when the text is not one of
 * them, so the table's own commands get it.
 */
export async function handleSessionMessage(context: TurnContext, deps: BotDeps, text: string): Promise<boolean> {
  const activity = context.activity;
  const command = parseSessionCommand(text, firstMention(activity));
  if (!command) return false;
  await new SessionTurn(context, deps, languageOf(activity.locale)).run(command);
  return true;
}

class SessionTurn {
  private readonly actor;
  private readonly key;

  constructor(
    private readonly context: TurnContext,
    private readonly deps: BotDeps,
    private readonly lang: Language,
  ) {
    this.actor = actorOf(context.activity);
    this.key = tableKeyOf(context.activity);
  }

  private get sessions() {
    return this.deps.sessions.runner;
  }

  private notice(key: MessageKey, params: Params = {}, style: NoticeStyle = 'attention'): Promise<string | undefined> {
    return post(this.context, renderCard('notice', noticeView(this.lang, key, params, style)), t(this.lang, key, params));
  }

  private refuse(error: AnyRuleError, table?: TableState): Promise<string | undefined> {
    const message = sessionErrorMessage(error, this.lang, table);
    return this.notice(message.key, message.params);
  }

  async run(command: SessionCommand): Promise<void> {
    switch (command.type) {
      case 'sessionNew':
        return this.newSession(command.title);
      case 'sessionInfo': {
        const session = await this.find(command.code);
        if (session) await post(this.context, renderCard('session', sessionCardView(session, this.lang, sessionCardOptions(this.deps, session))), session.title);
        return;
      }
      case 'sessionErase':
        return this.askEraseSession(command.code);
      case 'coOrganiser': {
        const session = await this.find(command.code);
        if (!session) return;
        const to = command.mention ? { channelUserId: command.mention.channelUserId, name: command.mention.name } : undefined;
        const result = await this.sessions.addCoOrganiser(session.code, this.actor, to);
        if (result.type === 'error') return void (await this.refuse(result.error));
        const added = result.session.coOrganisers[result.session.coOrganisers.length - 1];
        await this.notice('session.coOrganiserAdded', { name: added?.name ?? '', title: result.session.title }, 'good');
        return;
      }
      case 'overview':
        return this.overview(command.code);
      case 'link':
        if (!command.code.trim()) return void (await this.notice('link.missingCode'));
        return this.announceLink(await this.sessions.link(this.key, this.actor, command.code));
      case 'startWithCode':
        return this.startWithCode(command.code, command.title);
      case 'erase':
        return this.askEraseTable();
      default: {
        const never: never = command;
        throw new Error(`Unhandled session command ${JSON.stringify(never)}`);
      }
    }
  }

  /**
   * The session for a command in the channel: by the code typed, else the session of this thread.
   * With a code from elsewhere only the organisers may look; in the thread everyone in the channel
   * may, as they see the summaries there anyway.
   */
  private async find(typed: string | undefined, opts: { organiserOnly?: boolean } = {}): Promise<SessionState | undefined> {
    if (typed) {
      const code = parseCode(typed);
      const session = code ? await this.sessions.get(code) : undefined;
      if (!session || session.tenantId !== this.key.tenantId) {
        await this.refuse(sessionFail('codeUnknown', { code: typed.trim().toUpperCase() }));
        return undefined;
      }
      const inThread = isChannel(this.context.activity) && session.thread === threadKeyOf(this.context.activity).conversationId;
      if ((opts.organiserOnly || !inThread) && !isOrganiser(session, this.actor)) {
        await this.refuse(sessionFail('notOrganiser', { organiser: session.organiser.name }));
        return undefined;
      }
      return session;
    }
    const session = isChannel(this.context.activity) ? await this.sessions.inThread(threadKeyOf(this.context.activity)) : undefined;
    if (!session) await this.refuse(sessionFail('noSession'));
    return session;
  }

  private async newSession(title: string): Promise<void> {
    const activity = this.context.activity;
    if (!isChannel(activity)) return void (await this.refuse(sessionFail('notInChannel')));
    const existing = await this.sessions.inThread(threadKeyOf(activity));
    if (existing) return void (await this.notice('session.exists', { title: existing.title, code: `${existing.code.slice(0, 3)}-${existing.code.slice(3)}` }));
    const card = renderCard('session-form', sessionFormView(this.lang, { title }, requesterHash(this.actor.id)));
    await post(this.context, card, t(this.lang, 'session.formTitle'));
  }

  private async overview(code: string | undefined): Promise<void> {
    const session = await this.find(code);
    if (!session) return;
    const tables = await this.sessions.tablesOf(session);
    const picture = combineTables(tables, session.language);
    const links = this.deps.sessions.channel.linksFor({ type: 'session', code: session.code }, session.language);
    await post(this.context, overviewCard(picture, session, session.language, links), t(session.language, 'overview.title', { title: session.title }));
  }

  private async askEraseSession(code: string | undefined): Promise<void> {
    const session = await this.find(code, { organiserOnly: true });
    if (!session) return;
    if (!isOrganiser(session, this.actor)) return void (await this.refuse(sessionFail('notOrganiser', { organiser: session.organiser.name })));
    const view = eraseConfirmView(this.lang, { type: 'session', title: session.title, code: session.code, tables: session.tables.length });
    await post(this.context, renderCard('erase-confirm', view), t(this.lang, 'erase.confirmSessionTitle', { title: session.title }));
  }

  private async askEraseTable(): Promise<void> {
    const table = await this.deps.runner.get(this.key);
    if (!table) return void (await this.notice('error.noTable'));
    if (!isLeader(table, this.actor)) return void (await this.notice('error.notLeader', { lead: table.lead.name }));
    const view = eraseConfirmView(this.lang, { type: 'table', title: table.title, createdAt: table.createdAt });
    await post(this.context, renderCard('erase-confirm', view), t(this.lang, 'erase.confirmTitle'));
  }

  /**
   * `start <code>`: the session is checked first, so a wrong code or a full session starts nothing;
   * the table starts with the session's deck and table size, then links (goal, policy goals).
   */
  private async startWithCode(typed: string, title: string | undefined): Promise<void> {
    const code = parseCode(typed);
    const session = code ? await this.sessions.get(code) : undefined;
    if (!session) return void (await this.refuse(sessionFail('codeUnknown', { code: typed.trim().toUpperCase() })));
    const check = linkTable(session, { token: tableToken(this.key), title: title ?? '', tenantId: this.key.tenantId, conversationId: this.key.conversationId }, Date.now());
    if (check.type === 'error') return void (await this.refuse(check));

    const started = await this.deps.runner.start(this.key, this.actor, {
      ...(title ? { title } : {}),
      defaultTitle: t(this.lang, 'welcome.defaultTitle'),
      maxParticipants: session.maxParticipants,
      language: this.lang,
      deck: () => structuredClone(session.deck),
    });
    if (started.type === 'exists') return void (await this.notice('error.tableExists', { title: started.state.title }));
    const linked = await this.sessions.link(this.key, this.actor, typed);
    const state = linked.type === 'linked' ? linked.table : started.state;
    const welcome = renderCard('welcome', welcomeView(state, this.lang, { retentionDays: this.deps.settings.retentionDays }));
    const id = await post(this.context, welcome, state.title);
    if (id) await this.deps.store.setRef(this.key, refNames.welcome, id);
    await this.deps.store.setRef(this.key, TABLE_CONVERSATION_REF, JSON.stringify(TurnContext.getConversationReference(this.context.activity)));
    if (linked.type === 'error') await this.refuse(linked.error, linked.table);
    else await this.notice('link.done', { title: linked.session.title, organiser: linked.session.organiser.name }, 'good');
    await askLeaderConsent(this.context, state, this.actor);
  }

  /** After `koppel`: what changed, and the cards that show the session's goal and deck. */
  private async announceLink(result: LinkResult): Promise<void> {
    if (result.type === 'error') return void (await this.refuse(result.error, result.table));
    const { session, table } = result;
    if (result.alreadyLinked) return void (await this.notice('link.already', { title: session.title }, 'accent'));
    await this.notice('link.done', { title: session.title, organiser: session.organiser.name }, 'good');
    if (result.previous) await this.notice('link.moved', { previous: result.previous }, 'accent');
    await this.deps.updater.schedule(this.key, this.context.activity, 'welcome');
    if (table.phase === 'round1') {
      // The Round 1 card in the chat lists the old deck: post the session's cards in its place.
      await this.notice('link.deckChanged', {}, 'accent');
      const lang = table.settings.language;
      await post(this.context, renderCard('round1', round1View(table, lang, 1)), t(lang, 'phase.round1'));
    }
  }
}
