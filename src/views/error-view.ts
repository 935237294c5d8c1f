import type { DomainError, TableState } from '../domain';
import { t, type LooseParams, type Message } from '../i18n';
import type { Language } from '../domain';

export type { Message } from '../i18n';

/** The message for a refused action, with the values it names made readable (a role's label, the leider's name). */
/** `state`: only the leider's name and the phase are read, which everyone at the table may know. */
export function errorMessage(error: DomainError, lang: Language, state?: Pick<TableState, 'lead' | 'phase'>): Message {
  const params: LooseParams = { ...(error.params ?? {}) };
  const role = params.role;
  if (role === 'in' || role === 'out' || role === 'doubt') params.role = t(lang, `role.${role}`);
  if (error.code === 'notLeader') params.lead = state?.lead.name ?? '';
  if (error.code === 'wrongPhase' && state) params.phase = t(lang, `phase.${state.phase}`);
  return ruleMessage(`error.${error.code}`, params);
}

/**
 * Where a key and its params are paired without the compiler: a refusal's values come from the domain
 * as a record per code (the domain knows no messages), so a rule that leaves one out shows `{name}`.
 */
export function ruleMessage(key: Message['key'], params: LooseParams): Message {
  return { key, params } as Message;
}
