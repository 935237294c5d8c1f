import type { Language, Participant, TableView } from '../domain';
import { t } from '../i18n';
import { rich, type TextRun } from './rich-text';

export interface SubjectSwitch {
  current: TextRun[];
  switches: Array<{ title: string; for: string }>;
}

/**
 * For a leider at a hybrid table: whom this form is filled in for, and buttons to fill it in for a
 * guest instead (or for themselves again). Empty for everyone else, so the form looks as usual.
 */
export function subjectSwitch(
  state: TableView,
  lang: Language,
  isLeader: boolean,
  viewer: Participant | undefined,
  subject: Participant | undefined,
): SubjectSwitch {
  const guests = state.participants.filter((p) => p.guest);
  if (!isLeader || guests.length === 0) return { current: [], switches: [] };
  const switches = guests.filter((g) => g.id !== subject?.id).map((g) => ({ title: t(lang, 'for.switch', { name: g.name }), for: g.id }));
  if (subject?.guest && viewer) switches.unshift({ title: t(lang, 'for.self'), for: '' });
  const name = subject?.guest ? t(lang, 'guest.label', { name: subject.name }) : t(lang, 'for.me');
  return { current: rich(lang, 'for.current', { name }), switches };
}
