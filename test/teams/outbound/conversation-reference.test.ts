import type { Activity } from 'botbuilder';
import { conversationReference } from '../../../src/teams/outbound/conversation-reference';

describe('conversationReference', () => {
  const activity = {
    type: 'invoke',
    id: 'act-1',
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    locale: 'nl-NL',
    from: { id: '29:anna', name: 'Anna de Vries', aadObjectId: 'aad-anna' },
    recipient: { id: '28:bot', name: 'Sociale Basis' },
    conversation: { id: '19:tafel@thread.v2', conversationType: 'groupChat', tenantId: 't1', isGroup: true },
  } as unknown as Activity;

  it('keeps where to send, not who clicked: a shared update carries no participant', () => {
    const ref = conversationReference(activity);
    expect(ref).toEqual({
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      locale: 'nl-NL',
      bot: { id: '28:bot', name: 'Sociale Basis' },
      conversation: activity.conversation,
    });
    expect(JSON.stringify(ref)).not.toContain('Anna');
    expect(ref).not.toHaveProperty('activityId');
  });
});
