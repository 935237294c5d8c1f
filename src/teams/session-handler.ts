import { createHash } from 'node:crypto';
import { TurnContext } from 'botbuilder';
import { defaultDeck, groupView, isLeader, isOrganiser, linkRefusal, linkTable, parseCode, sessionFail, type AnyRuleError, type Language, type SessionError, type SessionState, type TableState } from '../domain';
import { languageOf, messageOf, t, textOf, type Message, type MessageKey, type ParamArgs } from '../i18n';
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
import { mayAnswer } from './fair-share';
import { post } from './outbound';
import { parseSessionCommand, type SessionCommand } from './session-command';
import { TABLE_CONVERSATION_REF, type LinkResult } from './session-runner';

/** Who asked for a session form, without putting their id on a card everyone in the channel sees. */
export function requesterHash(userId: string): string {
  return createHash('sha256').update(`session-form\n${userId}`).digest('base64url').slice(0, 16);
}

const DEFAULT_DECK = defaultDeck();

/** A typed code looked up: found in the sender's tenant, not (unknown, mistyped, another organisation's), or not tried (too many attempts). */
type Lookup =
  | { type: 'found'; session: SessionState; attempt: string }
  | { type: 'unknown' }
  | { type: 'limited'; error: SessionError };

function tooManyAttempts(retryAfterMs: number): SessionError {
  return sessionFail('tooManyAttempts', { minutes: Math.max(1, Math.ceil(retryAfterMs / 60_000)) });
}

export function sessionCardOptions(deps: BotDeps, session: SessionState, merged?: SessionCardOptions['merged']): SessionCardOptions {
  return {
    retentionDays: deps.settings.retentionDays,
    defaults: { ingredients: DEFAULT_DECK.ingredients.length, intentions: DEFAULT_DECK.intentions.length },
    ...(merged ? { merged } : {}),
    links: deps.sessions.channel.linksFor({ type: 'session', session }, session.language),
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

  private notice<K extends MessageKey>(key: K, ...args: ParamArgs<K, [style?: NoticeStyle]>): Promise<string | undefined> {
    return this.noticeOf(messageOf(key, ...args), args[1]);
  }

  private noticeOf(message: Message, style: NoticeStyle = 'attention'): Promise<string | undefined> {
    return post(this.context, renderCard('notice', noticeView(this.lang, message, style)), textOf(this.lang, message));
  }

  /** `sessie` and `totaalbeeld` only inform: an organiser's are always answered, anyone else's within their allowance. */
  private mayInform(session: SessionState): Promise<boolean> {
    return mayAnswer(this.context, this.deps, { steers: isOrganiser(session, this.actor) });
  }

  private refuse(error: AnyRuleError, table?: TableState): Promise<string | undefined> {
    return this.noticeOf(sessionErrorMessage(error, this.lang, table));
  }

  /** Whose attempts a code lookup counts against: this person in this tenant. */
  private get attempter(): string {
    return `${this.key.tenantId}\n${this.actor.id}`;
  }

  /**
   * Every lookup of a typed code goes through here: counted against the sender's attempts first, and
   * not done at all when they have had too many. A code that cannot be one (wrong length, letters
   * the alphabet leaves out) is no lookup and is not counted. Another organisation's code is unknown.
   */
  private async lookUp(typed: string): Promise<Lookup> {
    const code = parseCode(typed);
    if (!code) return { type: 'unknown' };
    const taken = await this.deps.sessions.codeAttempts.take(this.attempter);
    if (taken.type === 'refused') return { type: 'limited', error: tooManyAttempts(taken.retryAfterMs) };
    const session = await this.sessions.get(code);
    if (!session || session.tenantId !== this.key.tenantId) return { type: 'unknown' };
    return { type: 'found', session, attempt: taken.attempt };
  }

  /** The code worked for this sender: it does not count against them (only failures limit). */
  private giveBack(attempt: string): Promise<void> {
    return this.deps.sessions.codeAttempts.giveBack(this.attempter, attempt);
  }

  async run(command: SessionCommand): Promise<void> {
    switch (command.type) {
      case 'sessionNew':
        return this.newSession(command.title);
      case 'sessionInfo': {
        const session = await this.find(command.code);
        if (session && (await this.mayInform(session))) await post(this.context, renderCard('session', sessionCardView(session, this.lang, sessionCardOptions(this.deps, session))), session.title);
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
        return this.link(command.code);
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
   * may, as they see the summaries there anyway. Whoever may not look gets the same answer for a real
   * code as for an unknown one, without the organiser's name: a code cannot be probed.
   */
  private async find(typed: string | undefined, opts: { organiserOnly?: boolean } = {}): Promise<SessionState | undefined> {
    if (typed) {
      const found = await this.lookUp(typed);
      if (found.type === 'limited') return void (await this.refuse(found.error));
      if (found.type === 'found') {
        const { session } = found;
        const inThread = isChannel(this.context.activity) && session.thread === threadKeyOf(this.context.activity).conversationId;
        if (isOrganiser(session, this.actor) || (inThread && !opts.organiserOnly)) {
          await this.giveBack(found.attempt);
          return session;
        }
      }
      await this.refuse(sessionFail('codeRefused'));
      return undefined;
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
    if (!session || !(await this.mayInform(session))) return;
    const tables = (await this.sessions.tablesOf(session)).map(groupView);
    const picture = combineTables(tables, session.language);
    const links = this.deps.sessions.channel.linksFor({ type: 'session', session }, session.language);
    await post(this.context, overviewCard(picture, session, session.language, links), t(session.language, 'overview.title', { title: session.title }));
  }

  private async askEraseSession(code: string | undefined): Promise<void> {
    const session = await this.find(code, { organiserOnly: true });
    if (!session) return;
    if (!isOrganiser(session, this.actor)) return void (await this.refuse(sessionFail('notOrganiser')));
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
   * `koppel <code>`: whether this person may link this table is checked before the code is looked up
   * (and counted), so a participant or someone without a table gets the same answer for any code.
   */
  private async link(typed: string): Promise<void> {
    const table = await this.deps.runner.get(this.key);
    const refused = linkRefusal(table, this.actor);
    if (refused) return void (await this.refuse(refused, table));
    const code = parseCode(typed);
    const taken = code ? await this.deps.sessions.codeAttempts.take(this.attempter) : undefined;
    if (taken?.type === 'refused') return void (await this.refuse(tooManyAttempts(taken.retryAfterMs)));
    const result = await this.sessions.link(this.key, this.actor, typed);
    const unknown = result.type === 'error' && result.error.code === 'codeUnknown';
    if (taken?.type === 'allowed' && !unknown) await this.giveBack(taken.attempt);
    return this.announceLink(result);
  }

  /**
   * `start <code>`: the session is checked first, so a wrong code or a full session starts nothing;
   * the table starts with the session's deck and table size, then links (goal, policy goals). A chat
   * with a running table answers so before the code is looked up: the answer never depends on it.
   */
  private async startWithCode(typed: string, title: string | undefined): Promise<void> {
    const running = await this.deps.runner.get(this.key);
    if (running && running.phase !== 'ended') return void (await this.notice('error.tableExists', { title: running.title }));
    const found = await this.lookUp(typed);
    if (found.type === 'limited') return void (await this.refuse(found.error));
    if (found.type === 'unknown') return void (await this.refuse(sessionFail('codeUnknown', { code: typed.trim().toUpperCase() })));
    // Anyone with the code may start a table with it: a code that works does not count.
    await this.giveBack(found.attempt);
    const { session } = found;
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
    const welcome = renderCard('welcome', welcomeView(groupView(state), this.lang, { retentionDays: this.deps.settings.retentionDays }));
    const id = await post(this.context, welcome, state.title);
    if (id) await this.deps.store.setRef(this.key, refNames.welcome, id);
    await this.deps.store.setRef(this.key, TABLE_CONVERSATION_REF, JSON.stringify(TurnContext.getConversationReference(this.context.activity)));
    if (linked.type === 'error') await this.refuse(linked.error, linked.table);
    // The organiser is not named at the table: only the session's own people see who organises it.
    else await this.notice('link.done', { title: linked.session.title }, 'good');
    await askLeaderConsent(this.context, groupView(state), this.actor);
  }

  /** After `koppel`: what changed, and the cards that show the session's goal and deck. */
  private async announceLink(result: LinkResult): Promise<void> {
    if (result.type === 'error') return void (await this.refuse(result.error, result.table));
    const { session, table } = result;
    if (result.alreadyLinked) return void (await this.notice('link.already', { title: session.title }, 'accent'));
    await this.notice('link.done', { title: session.title }, 'good');
    if (result.previous) await this.notice('link.moved', { previous: result.previous }, 'accent');
    await this.deps.updater.schedule(this.key, this.context.activity, 'welcome');
    if (table.phase === 'round1') {
      // The Round 1 card in the chat lists the old deck: post the session's cards in its place.
      await this.notice('link.deckChanged', {}, 'accent');
      const lang = table.settings.language;
      await post(this.context, renderCard('round1', round1View(groupView(table), lang, 1)), t(lang, 'phase.round1'));
    }
  }
}
