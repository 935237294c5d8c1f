import type { TurnContext } from 'botbuilder';
import type { Actor, Language, RuleError, TableState } from '../domain';
import { languageOf, messageOf, textOf, type Message, type MessageKey, type ParamArgs } from '../i18n';
import type { TableKey } from '../store';
import { noticeCard, refusalMessage, type AdaptiveCard, type NoticeStyle } from '../views';
import type { BotDeps } from './deps';
import { mayAnswer } from './outbound/fair-share';
import { post } from './outbound/outbound';
import { actorOf, tableKeyOf } from './routing/activity-identity';

/**
 * One activity, as every handler sees it: who acts (from the authenticated activity, never from
 * card data), at which table (the conversation), in which language, and the ways to answer.
 */
export class Turn {
  readonly actor: Actor;
  readonly key: TableKey;
  readonly lang: Language;
  private loaded?: Promise<TableState | undefined>;

  constructor(
    readonly context: TurnContext,
    readonly deps: BotDeps,
  ) {
    this.actor = actorOf(context.activity);
    this.key = tableKeyOf(context.activity);
    this.lang = languageOf(context.activity.locale);
  }

  get activity() {
    return this.context.activity;
  }

  /** The table of this conversation, read once per turn. */
  table(): Promise<TableState | undefined> {
    this.loaded ??= this.deps.runner.get(this.key);
    return this.loaded;
  }

  /** A short message as a card, for an invoke's answer; a refusal's style unless another is given. */
  noticeCard<K extends MessageKey>(key: K, ...args: ParamArgs<K, [style?: NoticeStyle]>): AdaptiveCard {
    return noticeCard(this.lang, key, ...args);
  }

  /** A short message posted into the chat. */
  notify<K extends MessageKey>(key: K, ...args: ParamArgs<K, [style?: NoticeStyle]>): Promise<string | undefined> {
    return this.say(messageOf(key, ...args), args[1] as NoticeStyle | undefined);
  }

  /** A message chosen elsewhere (a refusal, a form's error), posted into the chat. */
  say(message: Message, style: NoticeStyle = 'attention'): Promise<string | undefined> {
    return post(this.context, noticeCard(this.lang, message, style), textOf(this.lang, message));
  }

  /** A refused rule, posted as the message that says what to do instead. */
  refuse(error: RuleError, state?: TableState): Promise<string | undefined> {
    return this.say(refusalMessage(error, this.lang, state));
  }

  /** The card of a refused rule, for an invoke's answer. */
  refusalCard(error: RuleError, state?: TableState): AdaptiveCard {
    return noticeCard(this.lang, refusalMessage(error, this.lang, state));
  }

  post(card: AdaptiveCard, summary?: string): Promise<string | undefined> {
    return post(this.context, card, summary);
  }

  /**
   * Whether to answer what only informs the asker: always for whoever steers (a leider, a session's
   * organiser), for anyone else within their allowance (see fair-share.ts).
   */
  mayInform(steers: boolean): Promise<boolean> {
    return mayAnswer(this.context, this.deps, { steers });
  }
}
