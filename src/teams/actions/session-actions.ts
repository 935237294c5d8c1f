import { z } from 'zod';
import { formatCode } from '../../domain';
import { t } from '../../i18n';
import { refusalMessage, renderCard, VERB, type AdaptiveCard } from '../../views';
import { sessionCardView, sessionFormView, type SessionFormValues } from '../../views/session-view';
import { sessionRefs } from '../../app/session-runner';
import { requesterHash, sessionCardOptions } from '../commands/session-commands';
import { cardInteger } from '../routing/card-number';
import { field } from '../routing/card-fields';
import { isChannel, threadKeyOf, threadReference } from '../routing/channel-thread';
import { sessionVerb } from '../routing/verb-spec';
import { leaveNoRecord } from '../turn-record';
import type { Turn } from '../turn';

const createData = z.object({
  by: z.string().max(100).optional(),
  title: field.text,
  goal: field.text,
  outcomeUse: field.text,
  policyGoals: field.text,
  maxParticipants: z.union([z.string().max(20), z.number()]).optional(),
  stepMinutes: field.text,
  ingredientsMode: z.string().max(20).optional(),
  ingredientCards: field.text,
  intentionsMode: z.string().max(20).optional(),
  intentionCards: field.text,
});

const mode = (value: string | undefined) => (value === 'replace' ? 'replace' : 'extend');

/** The organiser's form after `sessie nieuw`: the session, its code in the thread, or the form again with what is wrong. */
async function createSession(turn: Turn, data: z.output<typeof createData>): Promise<AdaptiveCard> {
  const runner = turn.deps.sessions.runner;
  if (!isChannel(turn.activity)) return turn.noticeCard('session.error.notInChannel');
  const thread = threadKeyOf(turn.activity);
  const values: SessionFormValues = {
    title: data.title ?? '',
    goal: data.goal ?? '',
    outcomeUse: data.outcomeUse ?? '',
    policyGoals: data.policyGoals ?? '',
    maxParticipants: data.maxParticipants ?? '',
    ...(data.stepMinutes !== undefined ? { stepMinutes: data.stepMinutes } : {}),
    ingredientsMode: mode(data.ingredientsMode),
    ingredientCards: data.ingredientCards ?? '',
    intentionsMode: mode(data.intentionsMode),
    intentionCards: data.intentionCards ?? '',
  };
  const existing = await runner.inThread(thread);
  if (existing) return turn.noticeCard('session.exists', { title: existing.title, code: formatCode(existing.code) }, 'accent');
  // The form belongs to whoever typed `sessie nieuw`; someone else pressing it gets it explained.
  if (data.by !== requesterHash(turn.actor.id)) return turn.noticeCard('session.error.notRequester');

  const result = await runner.create(thread, {
    actor: turn.actor,
    language: turn.lang,
    form: {
      title: values.title,
      goal: values.goal,
      outcomeUse: values.outcomeUse,
      policyGoals: values.policyGoals,
      maxParticipants: values.maxParticipants,
      ...(values.stepMinutes !== undefined ? { stepMinutes: values.stepMinutes } : {}),
      ingredients: { mode: mode(values.ingredientsMode), text: values.ingredientCards ?? '' },
      intentions: { mode: mode(values.intentionsMode), text: values.intentionCards ?? '' },
    },
    defaultTitle: t(turn.lang, 'session.defaultTitle'),
    defaultDeck: turn.deps.settings.deck(),
  });
  if (result.type === 'error')
    return renderCard('session-form', sessionFormView(turn.lang, values, data.by, refusalMessage(result.error, turn.lang)));
  if (result.type === 'exists')
    return turn.noticeCard('session.exists', { title: result.session.title, code: formatCode(result.session.code) }, 'accent');

  const { session } = result;
  await runner.setRef(session.code, sessionRefs.conversation, JSON.stringify(threadReference(turn.activity)));
  // For everyone in the channel: the code, big, in the thread.
  const card = renderCard('session', sessionCardView(session, turn.lang, sessionCardOptions(turn.deps, session, result.merged)));
  const id = await turn.post(card, t(turn.lang, 'session.createdTitle', { title: session.title }));
  // This card counts the tables as they link, end or are erased.
  await turn.deps.sessions.channel.live.cardPosted(session.code, id);
  return turn.noticeCard('session.createdNotice', { title: session.title, code: formatCode(session.code) }, 'good');
}

/** `wis`, confirmed: the table and everything beside it. The answer names what is gone; the record of it does not stay. */
async function eraseTable(turn: Turn, createdAt: number | undefined): Promise<AdaptiveCard> {
  const result = await turn.deps.sessions.runner.eraseTable(turn.key, turn.actor, createdAt);
  switch (result.type) {
    case 'error':
      return turn.refusalCard(result.error, result.table);
    case 'stale':
      return turn.noticeCard('erase.stale');
    case 'erased':
      leaveNoRecord(turn.context);
      if (result.session && result.summaryId)
        await turn.deps.sessions.channel.summaryErased(result.session, result.summaryId, result.table.title);
      // The session's card and totaalbeeld no longer show the table.
      turn.deps.sessions.channel.live.refresh(result.session?.code);
      turn.deps.log.info(
        { conversation: turn.activity.conversation.id, sessionCode: result.table.sessionCode },
        'table erased by its leider',
      );
      return turn.noticeCard('erase.tableDone', { title: result.table.title }, 'good');
    default: {
      const never: never = result;
      throw new Error(`Unhandled erase result ${JSON.stringify(never)}`);
    }
  }
}

/** `sessie wis`, confirmed: every linked table, then the session. */
async function eraseSession(turn: Turn, code: string | undefined): Promise<AdaptiveCard> {
  if (!code) return turn.noticeCard('error.badCardData');
  const result = await turn.deps.sessions.runner.eraseSession(code, turn.actor);
  if (result.type === 'error') return turn.refusalCard(result.error);
  leaveNoRecord(turn.context);
  turn.deps.sessions.channel.sessionErased(result.session, result.tables, result.threadReference, result.threadMessages);
  turn.deps.log.info({ sessionCode: code, tables: result.tables.length }, 'session erased by its organiser');
  return turn.noticeCard('erase.sessionDone', { title: result.session.title, count: result.tables.length }, 'good');
}

/** The session's buttons, and the erase confirmations: they work where no table is, such as the organiser's channel. */
export const sessionVerbs = [
  sessionVerb({
    verb: VERB.sessionCreate,
    data: createData,
    who: 'anyone',
    phases: 'any',
    handle: createSession,
  }),
  sessionVerb({
    verb: VERB.eraseConfirm,
    data: z.object({
      scope: z.enum(['table', 'session']),
      code: z.string().max(20).optional(),
      createdAt: cardInteger(0, Number.MAX_SAFE_INTEGER).optional(),
    }),
    // The leider for a table, an organiser for a session: checked where the erase is done, with what is erased in hand.
    who: 'anyone',
    phases: 'any',
    handle: (turn, { scope, code, createdAt }) => (scope === 'table' ? eraseTable(turn, createdAt) : eraseSession(turn, code)),
  }),
  sessionVerb({
    verb: VERB.eraseCancel,
    data: z.object({}),
    who: 'anyone',
    phases: 'any',
    handle: (turn) => turn.noticeCard('erase.cancelled', {}, 'good'),
  }),
] as const;
