import { createHash } from 'node:crypto';
import {
  defaultDeck,
  groupView,
  isLeader,
  isOrganiser,
  linkRefusal,
  decideSession,
  parseCode,
  sessionFail,
  type RuleError,
  type SessionError,
  type SessionState,
  type TableState,
} from '../../domain';
import { t, type MessageKey, type ParamArgs } from '../../i18n';
import { tableToken } from '../../store';
import { renderCard, round1View, type NoticeStyle } from '../../views';
import { eraseConfirmView, sessionCardView, sessionFormView, type SessionCardOptions } from '../../views/session-view';
import type { LinkResult } from '../../app/session-runner';
import type { BotDeps } from '../deps';
import { post } from '../outbound/outbound';
import type { Mention } from '../routing/activity-text';
import { isChannel, threadKeyOf } from '../routing/channel-thread';
import { chatCommand, type CommandSpec } from '../routing/command-spec';
import type { Turn } from '../turn';
import { askStarterConsent, openTable } from './command-turns';

/** Who asked for a session form, without putting their id on a card everyone in the channel sees. */
export function requesterHash(userId: string): string {
  return createHash('sha256').update(`session-form\n${userId}`).digest('base64url').slice(0, 16);
}

const DEFAULT_DECK = defaultDeck();

/** A typed code looked up: found in the sender's tenant, not (unknown, mistyped, another organisation's), or not tried (too many attempts). */
type Lookup = { type: 'found'; session: SessionState; attempt: string } | { type: 'unknown' } | { type: 'limited'; error: SessionError };

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
 * The organiser's commands and a table's own commands that name a session by its code. Each looks a
 * typed code up at most once, counted against the sender's attempts (see `lookUp`).
 */
class SessionTurn {
  constructor(private readonly turn: Turn) {}

  private get deps() {
    return this.turn.deps;
  }

  private get sessions() {
    return this.turn.deps.sessions.runner;
  }

  private get actor() {
    return this.turn.actor;
  }

  private get key() {
    return this.turn.key;
  }

  private get lang() {
    return this.turn.lang;
  }

  private get context() {
    return this.turn.context;
  }

  private notice<K extends MessageKey>(key: K, ...args: ParamArgs<K, [style?: NoticeStyle]>): Promise<string | undefined> {
    return this.turn.notify(key, ...args);
  }

  /** `sessie` and `totaalbeeld` only inform: an organiser's are always answered, anyone else's within their allowance. */
  private mayInform(session: SessionState): Promise<boolean> {
    return this.turn.mayInform(isOrganiser(session, this.actor));
  }

  private refuse(error: RuleError, table?: TableState): Promise<string | undefined> {
    return this.turn.refuse(error, table);
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

  async sessionInfo(code: string | undefined): Promise<void> {
    const session = await this.find(code);
    if (!session || !(await this.mayInform(session))) return;
    const id = await post(
      this.context,
      renderCard('session', sessionCardView(session, this.lang, sessionCardOptions(this.deps, session))),
      session.title,
    );
    // A fresh copy at the bottom of the session's thread: from now on that one counts the tables.
    if (this.inThreadOf(session)) await this.deps.sessions.channel.live.cardPosted(session.code, id);
  }

  /** Whether this turn is in the session's own thread (not a copy asked for elsewhere with the code). */
  private inThreadOf(session: SessionState): boolean {
    return isChannel(this.context.activity) && session.thread === threadKeyOf(this.context.activity).conversationId;
  }

  async coOrganiser(code: string | undefined, mention: Mention | undefined): Promise<void> {
    const session = await this.find(code);
    if (!session) return;
    const to = mention ? { channelUserId: mention.channelUserId, name: mention.name } : undefined;
    const result = await this.sessions.addCoOrganiser(session.code, this.actor, to);
    if (result.type === 'error') return void (await this.refuse(result.error));
    const added = result.session.coOrganisers[result.session.coOrganisers.length - 1];
    await this.notice('session.coOrganiserAdded', { name: added?.name ?? '', title: result.session.title }, 'good');
  }

  async linkCode(typed: string): Promise<void> {
    if (!typed.trim()) return void (await this.notice('link.missingCode'));
    return this.link(typed);
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
        const inThread = this.inThreadOf(session);
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

  async newSession(title: string): Promise<void> {
    const activity = this.context.activity;
    if (!isChannel(activity)) return void (await this.refuse(sessionFail('notInChannel')));
    const existing = await this.sessions.inThread(threadKeyOf(activity));
    if (existing)
      return void (await this.notice('session.exists', {
        title: existing.title,
        code: `${existing.code.slice(0, 3)}-${existing.code.slice(3)}`,
      }));
    const card = renderCard('session-form', sessionFormView(this.lang, { title }, requesterHash(this.actor.id)));
    await post(this.context, card, t(this.lang, 'session.formTitle'));
  }

  async overview(code: string | undefined): Promise<void> {
    const session = await this.find(code);
    if (!session || !(await this.mayInform(session))) return;
    const live = this.deps.sessions.channel.live;
    if (!this.inThreadOf(session)) {
      // Asked for elsewhere by an organiser: a copy here; the thread keeps its one totaalbeeld.
      const card = await live.overviewCard(session);
      return void (await post(this.context, card, t(session.language, 'overview.title', { title: session.title })));
    }
    const shown = await live.showOverview(this.context, session);
    if (shown === 'updated') await this.notice('overview.updated', { title: session.title }, 'good');
  }

  async askEraseSession(code: string | undefined): Promise<void> {
    const session = await this.find(code, { organiserOnly: true });
    if (!session) return;
    if (!isOrganiser(session, this.actor)) return void (await this.refuse(sessionFail('notOrganiser')));
    const view = eraseConfirmView(this.lang, { type: 'session', title: session.title, code: session.code, tables: session.tables.length });
    await post(this.context, renderCard('erase-confirm', view), t(this.lang, 'erase.confirmSessionTitle', { title: session.title }));
  }

  async askEraseTable(): Promise<void> {
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
  async startWithCode(typed: string, title: string | undefined): Promise<void> {
    const running = await this.deps.runner.get(this.key);
    if (running && running.phase !== 'ended') return void (await this.notice('error.tableExists', { title: running.title }));
    const found = await this.lookUp(typed);
    if (found.type === 'limited') return void (await this.refuse(found.error));
    if (found.type === 'unknown') return void (await this.refuse(sessionFail('codeUnknown', { code: typed.trim().toUpperCase() })));
    // Anyone with the code may start a table with it: a code that works does not count.
    await this.giveBack(found.attempt);
    const { session } = found;
    // The session's side first, as it will be asked: a full session or another tenant starts nothing.
    const table = { token: tableToken(this.key), title: title ?? '', tenantId: this.key.tenantId, conversationId: this.key.conversationId };
    const check = decideSession(session, { actor: this.actor, command: { type: 'linkTable', table } }, Date.now());
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
    await openTable(this.turn, state);
    if (linked.type === 'error') await this.refuse(linked.error, linked.table);
    // The organiser is not named at the table: only the session's own people see who organises it.
    else {
      this.linked(linked);
      await this.notice('link.done', { title: linked.session.title }, 'good');
    }
    await askStarterConsent(this.turn, state);
  }

  /** The session's card and totaalbeeld count the new table; a session it moved from no longer does. */
  private linked(result: Extract<LinkResult, { type: 'linked' }>): void {
    const live = this.deps.sessions.channel.live;
    live.refresh(result.session.code);
    live.refresh(result.previousCode);
  }

  /** After `koppel`: what changed, and the cards that show the session's goal and deck. */
  private async announceLink(result: LinkResult): Promise<void> {
    if (result.type === 'error') return void (await this.refuse(result.error, result.table));
    const { session, table } = result;
    if (result.alreadyLinked) return void (await this.notice('link.already', { title: session.title }, 'accent'));
    this.linked(result);
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

/** A code typed after a command, possibly in two halves ("KX7 M4P"); undefined when there is none. */
function codeIn(words: string[]): string | undefined {
  const joined = words.join(' ').trim();
  return joined ? joined : undefined;
}

/**
 * The first code among words that also hold a mention's name (Teams leaves the name where it was
 * typed: "mede-organisator @Anna KX7-M4P" or "... KX7-M4P @Anna"), as typed: in one, two or three parts.
 */
function codeAmong(words: string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    for (const n of [1, 2, 3]) {
      if (i + n > words.length) break;
      const candidate = words.slice(i, i + n).join(' ');
      if (parseCode(candidate)) return candidate;
    }
  }
  return undefined;
}

/** "start KX7-M4P", "start kx7 m4p Tafel Noord": the code first, an optional title after it; undefined when no code leads. */
function codeFirst(rest: string[]): { code: string; title?: string } | undefined {
  for (const n of [1, 2, 3]) {
    const candidate = rest.slice(0, n).join(' ');
    if (!parseCode(candidate)) continue;
    const title = rest.slice(n).join(' ').trim();
    return { code: candidate, ...(title ? { title } : {}) };
  }
  return undefined;
}

/** Every pairing of a session word with a second word: "sessie wis", "session erase", "sessie delete", ... */
function phrases(seconds: ReadonlyArray<string>): string[] {
  return ['sessie', 'session'].flatMap((head) => seconds.map((second) => `${head} ${second}`));
}

const INFO_WORDS = new Set(['info', 'code', 'status']);
const optionalCode = (code: string | undefined) => (code ? { code } : {});
const on = (turn: Turn) => new SessionTurn(turn);

/**
 * The session's commands. `start <code>` is only one when a code leads (a code always has a digit and
 * a letter of its own alphabet, so "start Tafel Noord" never reads as one); otherwise `start` is the
 * table's own. `wis` is the table's erase only on its own.
 */
export const sessionCommands: ReadonlyArray<CommandSpec> = [
  chatCommand({
    name: 'sessionNew',
    words: { nl: phrases(['nieuw', 'nieuwe', 'maak']), en: phrases(['new', 'create']) },
    who: 'anyone',
    phases: 'any',
    // Keep the organiser's own spacing in the title, only without the command words.
    args: ({ restText }) => ({ title: restText.trim() }),
    handle: (turn, { title }) => on(turn).newSession(title),
  }),
  chatCommand({
    name: 'sessionErase',
    words: { nl: phrases(['wis', 'wissen', 'verwijder']), en: phrases(['erase', 'delete']) },
    who: 'organiser',
    phases: 'any',
    args: ({ rest }) => optionalCode(codeIn(rest)),
    handle: (turn, { code }: { code?: string }) => on(turn).askEraseSession(code),
  }),
  chatCommand({
    name: 'coOrganiser',
    words: {
      nl: phrases(['mede-organisator', 'medeorganisator', 'coorganisator', 'co-organisator']),
      en: phrases(['coorganiser', 'co-organiser', 'coorganizer', 'co-organizer']),
    },
    who: 'organiser',
    phases: 'any',
    args: ({ rest, mention }) => ({ ...optionalCode(codeAmong(rest)), ...(mention ? { mention } : {}) }),
    handle: (turn, { code, mention }: { code?: string; mention?: Mention }) => on(turn).coOrganiser(code, mention),
  }),
  chatCommand({
    name: 'overview',
    words: { nl: ['totaalbeeld', 'totaal', ...phrases(['totaalbeeld', 'totaal'])], en: ['overview', ...phrases(['overview'])] },
    who: 'anyone',
    phases: 'any',
    args: ({ rest }) => optionalCode(codeIn(rest)),
    handle: (turn, { code }: { code?: string }) => on(turn).overview(code),
  }),
  chatCommand({
    name: 'sessionInfo',
    words: { nl: ['sessie'], en: ['session'] },
    who: 'anyone',
    phases: 'any',
    // "sessie", "sessie info KX7-M4P", "sessie KX7-M4P"; any other word after it still shows this thread's session.
    args: ({ rest }) => {
      const second = (rest[0] ?? '').toLowerCase();
      if (!second || INFO_WORDS.has(second)) return optionalCode(codeIn(rest.slice(1)));
      const direct = codeIn(rest);
      return direct && parseCode(direct) ? { code: direct } : {};
    },
    handle: (turn, { code }: { code?: string }) => on(turn).sessionInfo(code),
  }),
  chatCommand({
    name: 'link',
    words: { nl: ['koppel', 'koppelen'], en: ['link'] },
    who: 'leader',
    phases: 'any',
    args: ({ rest }) => ({ code: codeIn(rest) ?? '' }),
    handle: (turn, { code }) => on(turn).linkCode(code),
  }),
  chatCommand({
    name: 'startWithCode',
    words: { nl: ['start', 'begin'], en: ['start'] },
    who: 'anyone',
    phases: 'any',
    args: ({ rest }) => codeFirst(rest),
    handle: (turn, { code, title }) => on(turn).startWithCode(code, title),
  }),
  chatCommand({
    name: 'erase',
    words: { nl: ['wis', 'wissen', 'verwijder'], en: ['erase', 'delete'] },
    who: 'leader',
    phases: 'any',
    args: ({ rest }) => (rest.length === 0 ? {} : undefined),
    handle: (turn) => on(turn).askEraseTable(),
  }),
];
