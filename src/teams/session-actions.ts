import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { formatCode, type Language } from '../domain';
import { languageOf, messageOf, t, type Message, type MessageKey, type ParamArgs } from '../i18n';
import { noticeView, renderCard, type AdaptiveCard, type NoticeStyle } from '../views';
import { sessionCardView, sessionErrorMessage, sessionFormView, type SessionFormValues } from '../views/session-view';
import { actorOf, tableKeyOf } from './activity-identity';
import { isChannel, threadKeyOf, threadReference } from './channel-thread';
import type { BotDeps } from './deps';
import { post } from './outbound';
import { cardInteger } from './card-number';
import { sessionRefs } from './session-runner';
import { requesterHash, sessionCardOptions } from './session-handler';
import { leaveNoRecord } from './turn-record';

/**
 * The session's buttons, checked at the edge like the table's (card-actions.ts). They are kept apart
 * from the table's schema because they work where no table is: in the organiser's channel.
 */
const text = z.string().max(20000).optional();
const sessionActionSchema = z.discriminatedUnion('verb', [
  z.object({
    verb: z.literal('session.create'),
    by: z.string().max(100).optional(),
    title: text,
    goal: text,
    outcomeUse: text,
    policyGoals: text,
    maxParticipants: z.union([z.string().max(20), z.number()]).optional(),
    ingredientsMode: z.string().max(20).optional(),
    ingredientCards: text,
    intentionsMode: z.string().max(20).optional(),
    intentionCards: text,
  }),
  z.object({ verb: z.literal('erase.confirm'), scope: z.enum(['table', 'session']), code: z.string().max(20).optional(), createdAt: cardInteger(0, Number.MAX_SAFE_INTEGER).optional() }),
  z.object({ verb: z.literal('erase.cancel') }),
]);

const VERBS = new Set(['session.create', 'erase.confirm', 'erase.cancel']);

const invokeSchema = z.object({
  action: z.object({ type: z.literal('Action.Execute'), verb: z.string().max(100), data: z.record(z.string(), z.unknown()).nullish() }),
});

function notice<K extends MessageKey>(lang: Language, key: K, ...args: ParamArgs<K, [style?: NoticeStyle]>): AdaptiveCard {
  return noticeOf(lang, messageOf(key, ...args), args[1]);
}

function noticeOf(lang: Language, message: Message, style: NoticeStyle = 'attention'): AdaptiveCard {
  return renderCard('notice', noticeView(lang, message, style));
}

const mode = (value: string | undefined) => (value === 'replace' ? 'replace' : 'extend');

/**
 * A button of the session's cards; undefined when the invoke is not one of them (the table's
 * handler takes it). The answer is the card the pressing user sees in place of the one they used.
 */
export async function handleSessionAction(context: TurnContext, deps: BotDeps): Promise<AdaptiveCard | undefined> {
  const invoke = invokeSchema.safeParse(context.activity.value);
  if (!invoke.success || !VERBS.has(invoke.data.action.verb)) return undefined;
  const lang = languageOf(context.activity.locale);
  const parsed = sessionActionSchema.safeParse({ ...(invoke.data.action.data ?? {}), verb: invoke.data.action.verb });
  if (!parsed.success) return notice(lang, 'error.badCardData');
  const action = parsed.data;
  switch (action.verb) {
    case 'session.create':
      return createSession(context, deps, lang, action);
    case 'erase.confirm':
      return action.scope === 'table' ? eraseTable(context, deps, lang, action.createdAt) : eraseSession(context, deps, lang, action.code);
    case 'erase.cancel':
      return notice(lang, 'erase.cancelled', {}, 'good');
    default: {
      const never: never = action;
      throw new Error(`Unhandled session verb ${JSON.stringify(never)}`);
    }
  }
}

type CreateAction = Extract<z.infer<typeof sessionActionSchema>, { verb: 'session.create' }>;

async function createSession(context: TurnContext, deps: BotDeps, lang: Language, action: CreateAction): Promise<AdaptiveCard> {
  const activity = context.activity;
  const runner = deps.sessions.runner;
  if (!isChannel(activity)) return notice(lang, 'session.error.notInChannel');
  const actor = actorOf(activity);
  const thread = threadKeyOf(activity);
  const values: SessionFormValues = {
    title: action.title ?? '',
    goal: action.goal ?? '',
    outcomeUse: action.outcomeUse ?? '',
    policyGoals: action.policyGoals ?? '',
    maxParticipants: action.maxParticipants ?? '',
    ingredientsMode: mode(action.ingredientsMode),
    ingredientCards: action.ingredientCards ?? '',
    intentionsMode: mode(action.intentionsMode),
    intentionCards: action.intentionCards ?? '',
  };
  const existing = await runner.inThread(thread);
  if (existing) return notice(lang, 'session.exists', { title: existing.title, code: formatCode(existing.code) }, 'accent');
  // The form belongs to whoever typed `sessie nieuw`; someone else pressing it gets it explained.
  if (action.by !== requesterHash(actor.id)) return notice(lang, 'session.error.notRequester');

  const result = await runner.create(thread, {
    actor,
    language: lang,
    form: {
      title: values.title,
      goal: values.goal,
      outcomeUse: values.outcomeUse,
      policyGoals: values.policyGoals,
      maxParticipants: values.maxParticipants,
      ingredients: { mode: mode(values.ingredientsMode), text: values.ingredientCards ?? '' },
      intentions: { mode: mode(values.intentionsMode), text: values.intentionCards ?? '' },
    },
    defaultTitle: t(lang, 'session.defaultTitle'),
    defaultDeck: deps.settings.deck(),
  });
  if (result.type === 'error') return renderCard('session-form', sessionFormView(lang, values, action.by, sessionErrorMessage(result.error, lang)));
  if (result.type === 'exists') return notice(lang, 'session.exists', { title: result.session.title, code: formatCode(result.session.code) }, 'accent');

  const { session } = result;
  await runner.setRef(session.code, sessionRefs.conversation, JSON.stringify(threadReference(activity)));
  // For everyone in the channel: the code, big, in the thread.
  const card = renderCard('session', sessionCardView(session, lang, sessionCardOptions(deps, session, result.merged)));
  await post(context, card, t(lang, 'session.createdTitle', { title: session.title }));
  return notice(lang, 'session.createdNotice', { title: session.title, code: formatCode(session.code) }, 'good');
}

async function eraseTable(context: TurnContext, deps: BotDeps, lang: Language, createdAt: number | undefined): Promise<AdaptiveCard> {
  const result = await deps.sessions.runner.eraseTable(tableKeyOf(context.activity), actorOf(context.activity), createdAt);
  switch (result.type) {
    case 'error': {
      const message = sessionErrorMessage(result.error, lang, result.table);
      return noticeOf(lang, message);
    }
    case 'stale':
      return notice(lang, 'erase.stale');
    case 'erased':
      leaveNoRecord(context);
      if (result.session && result.summaryId) await deps.sessions.channel.summaryErased(result.session, result.summaryId, result.table.title);
      deps.log.info({ conversation: context.activity.conversation.id, sessionCode: result.table.sessionCode }, 'table erased by its leider');
      return notice(lang, 'erase.tableDone', { title: result.table.title }, 'good');
    default: {
      const never: never = result;
      throw new Error(`Unhandled erase result ${JSON.stringify(never)}`);
    }
  }
}

async function eraseSession(context: TurnContext, deps: BotDeps, lang: Language, code: string | undefined): Promise<AdaptiveCard> {
  if (!code) return notice(lang, 'error.badCardData');
  const result = await deps.sessions.runner.eraseSession(code, actorOf(context.activity));
  if (result.type === 'error') {
    const message = sessionErrorMessage(result.error, lang);
    return noticeOf(lang, message);
  }
  leaveNoRecord(context);
  deps.sessions.channel.sessionErased(result.session, result.tables, result.threadReference);
  deps.log.info({ sessionCode: code, tables: result.tables.length }, 'session erased by its organiser');
  return notice(lang, 'erase.sessionDone', { title: result.session.title, count: result.tables.length }, 'good');
}
