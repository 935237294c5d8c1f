import type { DomainError, TableState } from '../domain';
import { t, type MessageKey, type Params } from '../i18n';
import type { Language } from '../domain';

export interface Message {
  key: MessageKey;
  params?: Params;
}

/** The message for a refused action, with the values it names made readable (a role's label, the leider's name). */
/** `state`: only the leider's name and the phase are read, which everyone at the table may know. */
export function errorMessage(error: DomainError, lang: Language, state?: Pick<TableState, 'lead' | 'phase'>): Message {
  const params: Params = { ...(error.params ?? {}) };
  const role = params.role;
  if (role === 'in' || role === 'out' || role === 'doubt') params.role = t(lang, `role.${role}`);
  if (error.code === 'notLeader') params.lead = state?.lead.name ?? '';
  if (error.code === 'wrongPhase' && state) params.phase = t(lang, `phase.${state.phase}`);
  return { key: `error.${error.code}`, params };
}
