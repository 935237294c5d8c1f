import { leaderRefs, leaderRoleOf } from '../../domain';
import { noticeView, renderCard, type AdaptiveCard, type Message } from '../../views';
import { consentPerson, isConsentPerson, leaderConsentCard } from '../leader-consent';
import type { ActionContext } from './action-context';

function refusal(a: ActionContext, message: Message): AdaptiveCard {
  return renderCard('notice', noticeView(a.lang, message, 'attention'));
}

/**
 * Ja or Nee on a consent card. The answer is always the presser's own; a card that asks someone
 * else gets an explanation and changes nothing.
 */
export async function answerLeaderConsent(a: ActionContext, consent: boolean, person: string | undefined): Promise<AdaptiveCard> {
  if (person !== undefined && !isConsentPerson(person, a.actor)) {
    const addressee = leaderRefs(a.state).find(({ ref }) => consentPerson(ref.id) === person);
    if (!addressee) return refusal(a, { key: 'leaderConsent.gone' });
    return leaderConsentCard(a.view, a.lang, addressee, { key: 'leaderConsent.notYours', params: { name: addressee.ref.name } });
  }
  const result = await a.run({ type: 'setLeaderConsent', consent });
  if (result.type === 'error') return refusal(a, a.error(result));
  const holder = leaderRoleOf(result.state, a.actor);
  return holder ? leaderConsentCard(a.viewAfter(result), a.lang, holder) : refusal(a, { key: 'error.notLeaderOrNotetaker' });
}

/** From the status card: the presser's own consent card, to answer or change. */
export function openLeaderConsent(a: ActionContext): AdaptiveCard {
  const holder = leaderRoleOf(a.state, a.actor);
  return holder ? leaderConsentCard(a.view, a.lang, holder) : refusal(a, { key: 'error.notLeaderOrNotetaker' });
}
