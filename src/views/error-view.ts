import type { DomainError, TableState } from '../domain';
import { t, type MessageKey, type Params } from '../i18n';
import type { Language } from '../domain';

export interface Message {
  key: MessageKey;
  params?: Params;
}

/** The message for a refused action, with the values it names made readable (a role's label, the leider's name). */
export function errorMessage(error: DomainError, lang: Language, state?: TableState): Message {
  const params: Params = { ...(error.params ?? {}) };
  const role = params.role;
  if (role === 'in' || role === 'out' || role === 'doubt') params.role = t(lang, `role.${role}`);
  if (error.code === 'notLeader') params.lead = state?.lead.name ?? '';
  if (error.code === 'wrongPhase' && state) params.phase = t(lang, `phase.${state.phase}`);
  return { key: `error.${error.code}`, params };
}
