import type { Language } from '../domain';
import { t } from '../i18n';
import type { CardLink } from './session-view';
import { teamsDateTime } from './short-summary-view';

/**
 * Until when a card's download buttons work, for its `expires` line: Teams formats the date and time
 * in each reader's own time zone, but only in a TextBlock, so the line holds our own text only.
 * Nothing when the card has no expiring links.
 */
export function linkExpiry(lang: Language, links: ReadonlyArray<CardLink>): { expires?: string } {
  const expiresAt = Math.min(...links.map((l) => l.expiresAt ?? Infinity));
  return Number.isFinite(expiresAt) ? { expires: t(lang, 'export.expires', teamsDateTime(expiresAt)) } : {};
}
