import { isSessionError, type Language, type RuleError, type TableState } from '../domain';
import { t, type MessageKey, type Params } from '../i18n';

export interface Message {
  key: MessageKey;
  params?: Params;
}

/** Session refusals name a form field by its label as the form shows it. */
const FIELD_LABELS: Record<string, MessageKey> = { goal: 'session.settings.goal', outcomeUse: 'session.settings.outcome', policyGoal: 'session.field.policyGoal' };

/**
 * The message for any refused rule, a table's (`error.<code>`) or a session's (`session.error.<code>`),
 * with the values it names made readable: a role's label, a deck's or a field's name, the leider's
 * name. `state`: only the leider's name and the phase are read, which everyone at the table may know.
 */
export function refusalMessage(error: RuleError, lang: Language, state?: Pick<TableState, 'lead' | 'phase'>): Message {
  const params: Params = { ...(error.params ?? {}) };
  if (isSessionError(error)) {
    if (params.deck === 'ingredients' || params.deck === 'intentions') params.deck = t(lang, `session.deck.${params.deck}`);
    const field = typeof params.field === 'string' ? FIELD_LABELS[params.field] : undefined;
    if (field) params.field = t(lang, field);
    if (error.code === 'tooManyAttempts' && params.minutes === 1) return { key: 'session.error.tooManyAttemptsMinute', params };
    return { key: `session.error.${error.code}`, params };
  }
  const role = params.role;
  if (role === 'in' || role === 'out' || role === 'doubt') params.role = t(lang, `role.${role}`);
  if (error.code === 'notLeader') params.lead = state?.lead.name ?? '';
  if (error.code === 'wrongPhase' && state) params.phase = t(lang, `phase.${state.phase}`);
  return { key: `error.${error.code}`, params };
}
