import { isSessionError, type Language, type RuleError, type TableState, type TextField } from '../domain';
import { t, type LooseParams, type Message, type PlainKey } from '../i18n';

export type { Message } from '../i18n';

/** Session refusals name a form field by its label as the form shows it. */
const FIELD_LABELS: Record<string, PlainKey> = {
  goal: 'session.settings.goal',
  outcomeUse: 'session.settings.outcome',
  policyGoal: 'session.field.policyGoal',
};

/** A table's refusal of a too long text names the field as people know it. */
const TEXT_FIELD_LABELS: Record<TextField, PlainKey> = {
  introRole: 'field.introRole',
  introInvolvement: 'field.introInvolvement',
  ownCardTitle: 'field.ownCardTitle',
  ownCardDescription: 'field.ownCardDescription',
  purpose: 'field.purpose',
  trait: 'field.trait',
  conclusion: 'field.conclusion',
  note: 'field.note',
  agreements: 'field.agreements',
  disagreements: 'field.disagreements',
  policyRelation: 'field.policyRelation',
  policyGoal: 'field.policyGoal',
  learned: 'field.learned',
  action: 'field.action',
};

/**
 * The message for any refused rule, a table's (`error.<code>`) or a session's (`session.error.<code>`),
 * with the values it names made readable: a role's label, a deck's or a field's name, the leider's
 * name. `state`: only the leider's name and the phase are read, which everyone at the table may know.
 */
export function refusalMessage(error: RuleError, lang: Language, state?: Pick<TableState, 'lead' | 'phase'>): Message {
  const params: LooseParams = { ...(error.params ?? {}) };
  if (isSessionError(error)) {
    if (params.deck === 'ingredients' || params.deck === 'intentions') params.deck = t(lang, `session.deck.${params.deck}`);
    const field = typeof params.field === 'string' ? FIELD_LABELS[params.field] : undefined;
    if (field) params.field = t(lang, field);
    if (error.code === 'tooManyAttempts' && params.minutes === 1) return { key: 'session.error.tooManyAttemptsMinute' };
    return ruleMessage(`session.error.${error.code}`, params);
  }
  const role = params.role;
  // Placing or polling names no pick role: the card is simply not in the deck.
  if (error.code === 'unknownCard' && role === undefined) return { key: 'error.unknownCardToPlace' };
  if (role === 'in' || role === 'out' || role === 'doubt') params.role = t(lang, `role.${role}`);
  if (error.code === 'notLeader') params.lead = state?.lead.name ?? '';
  if (error.code === 'wrongPhase' && state) params.phase = t(lang, `phase.${state.phase}`);
  if (error.code === 'textTooLong') {
    const field = typeof params.field === 'string' && Object.hasOwn(TEXT_FIELD_LABELS, params.field) ? params.field : undefined;
    params.field = field ? t(lang, TEXT_FIELD_LABELS[field as TextField]) : t(lang, 'field.text');
  }
  return ruleMessage(`error.${error.code}`, params);
}

/**
 * Where a key and its params are paired without the compiler: a refusal's values come from the domain
 * as a record per code (the domain knows no messages), so a rule that leaves one out shows `{name}`.
 */
export function ruleMessage(key: Message['key'], params: LooseParams): Message {
  return { key, params } as Message;
}
