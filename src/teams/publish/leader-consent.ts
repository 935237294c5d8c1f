import { createHash } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import {
  leaderConsentOf,
  leaderRoleOf,
  type Actor,
  type Language,
  type GroupView,
  type LeaderRef,
  type LeaderRole,
  type TableView,
} from '../../domain';
import { t } from '../../i18n';
import { renderCard, type AdaptiveCard, type Message } from '../../views';
import { leaderConsentView } from '../../views/leader-consent-view';
import { post } from '../outbound/outbound';

type Person = Pick<Actor, 'id' | 'channelUserId'>;

/**
 * Whom a consent card is for, without a user id on a card the whole chat sees. It only lets the
 * adapter tell someone else that the question is not theirs: whose answer is stored always comes
 * from the activity.
 */
export function consentPerson(id: string): string {
  return createHash('sha256').update(`leader-consent\n${id}`).digest('base64url').slice(0, 16);
}

/** Whether a card's `person` is this actor: by Entra id, or by the Teams channel id an @mention gave. */
export function isConsentPerson(person: string, actor: Person): boolean {
  return [actor.id, actor.channelUserId].some((id) => id !== undefined && consentPerson(id) === person);
}

/** The question (with the current answer, once there is one) to one leider or notulist. */
export function leaderConsentCard(
  state: TableView,
  lang: Language,
  holder: { role: LeaderRole; ref: LeaderRef },
  error?: Message,
): AdaptiveCard {
  const person = consentPerson(holder.ref.id);
  return renderCard('leader-consent', leaderConsentView(state, lang, holder.ref, holder.role, { person, ...(error ? { error } : {}) }));
}

/**
 * Asks a gespreksleider, co-leider or notulist whether their name may appear in the report, when
 * they start the table or get the role; not when they already answered, in another role or as a
 * participant on the welcome card.
 */
export async function askLeaderConsent(context: TurnContext, state: GroupView, who: Person): Promise<void> {
  const holder = leaderRoleOf(state, who);
  if (!holder || leaderConsentOf(state, holder.ref) !== undefined) return;
  const lang = state.settings.language;
  await post(context, leaderConsentCard(state, lang, holder), t(lang, 'leaderConsent.title'));
}
