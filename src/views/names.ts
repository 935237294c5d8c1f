import { isNamed, type Language, type Participant, type TableState } from '../domain';
import { joinNames, t } from '../i18n';

/** A participant's name only with their consent (and a name that shows); otherwise "deelnemer 3". */
export function shownName(p: Participant, lang: Language): string {
  return isNamed(p) ? p.name : t(lang, 'participant.anonymous', { number: p.number });
}

export function participantById(state: Pick<TableState, 'participants'>, id: string): Participant | undefined {
  return state.participants.find((p) => p.id === id);
}

/**
 * "Anna, Piet en nog 2 anderen": names of those who consented, the rest as a count, so that a shared
 * card never shows a name without consent. Undefined when nobody consented.
 */
export function namedPeople(people: Participant[], lang: Language): string | undefined {
  const named = people.filter(isNamed).map((p) => p.name);
  if (named.length === 0) return undefined;
  const others = people.length - named.length;
  if (others > 0) named.push(others === 1 ? t(lang, 'list.other') : t(lang, 'list.others', { count: others }));
  return joinNames(lang, named);
}
