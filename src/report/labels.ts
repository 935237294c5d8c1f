import type { Agreement, Language, Zone } from '../domain';
import { joinNames, t } from '../i18n';
import type { ParticipantsSummary, PersonRef, RankRow, ZoneCount } from './summary-types';

/**
 * The words of the report, shared by the Markdown and the card. They return plain text: whoever
 * puts them into Markdown escapes them, a card puts them into TextRuns.
 */

/** "12 maart 2025", in Dutch time, since the workshops take place in the Netherlands. */
export function formatDate(ms: number, lang: Language): string {
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Amsterdam',
  }).format(new Date(ms));
}

export function zoneName(lang: Language, zone: Zone): string {
  return t(lang, `report.zone.${zone}`);
}

export function zoneShort(lang: Language, zone: Zone): string {
  return t(lang, `report.zoneShort.${zone}`);
}

export function agreementLabel(lang: Language, agreement: Agreement): string {
  return t(lang, `report.agreement.${agreement}`);
}

/** "institutioneel 4, gemeenschappelijk 2" */
export function spreadText(lang: Language, spread: ReadonlyArray<ZoneCount>): string {
  return spread.map((s) => `${zoneShort(lang, s.zone)} ${s.count}`).join(', ');
}

export function movedText(lang: Language, zones: ReadonlyArray<Zone>): string {
  return t(lang, 'report.moved', { zones: zones.map((z) => zoneShort(lang, z)).join(' → ') });
}

/** "deelnemer 7 (gast, ingevoerd door de gespreksleider)" */
export function personText(lang: Language, person: PersonRef, details: { role?: string; enteredByLeader?: boolean } = {}): string {
  const extra = [
    ...(person.guest ? [t(lang, 'report.guest')] : []),
    ...(details.role ? [details.role] : []),
    ...(details.enteredByLeader ? [t(lang, 'report.enteredByLeader')] : []),
  ];
  return extra.length ? `${person.label} (${extra.join(', ')})` : person.label;
}

/** "7 deelnemers, van wie 1 gast aan tafel zonder eigen apparaat" */
export function countText(lang: Language, participants: ParticipantsSummary): string {
  const count = participants.count === 1 ? t(lang, 'report.count.one') : t(lang, 'report.count.many', { count: participants.count });
  if (participants.guests === 0) return count;
  const guests = participants.guests === 1 ? t(lang, 'report.guests.one') : t(lang, 'report.guests.many', { count: participants.guests });
  return `${count}, ${guests}`;
}

/** "2 (gedeeld)" for a rank that more intentions share. */
export function rankText(lang: Language, row: RankRow): string {
  return row.tied ? `${row.rank} (${t(lang, 'report.tied')})` : String(row.rank);
}

export function titleWithMark(lang: Language, title: string, own: boolean, kind: 'ingredient' | 'intention' = 'ingredient'): string {
  if (!own) return title;
  return `${title} (${t(lang, kind === 'ingredient' ? 'report.ownCard' : 'report.ownIntention')})`;
}

export function leadersText(lang: Language, names: ReadonlyArray<string>): string {
  return joinNames(lang, [...names]);
}
