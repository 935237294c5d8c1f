import {
  closingView,
  intentionsView,
  introView,
  noticeCard,
  renderCard,
  round1View,
  round2ToolsView,
  welcomeView,
  type AdaptiveCard,
  type Message,
} from '../../views';
import type { ActionContext } from './action-context';

const UNREADABLE: Message = { key: 'error.badCardDataHere' };

/**
 * A button of ours whose data does not read (an old card, a client that sent it oddly): instead of
 * a notice without buttons, the card of the step the table is in, with the message and its buttons,
 * so the next click works. Nothing was changed.
 */
export function unreadableAnswer(a: ActionContext): AdaptiveCard {
  const { view, lang } = a;
  switch (view.phase) {
    case 'setup': {
      const viewer = view.participants.find((p) => p.id === a.actor.id);
      return renderCard(
        'welcome',
        welcomeView(view, lang, { retentionDays: a.deps.settings.retentionDays, error: UNREADABLE, ...(viewer ? { viewer } : {}) }),
      );
    }
    case 'intro':
      return renderCard('intro', introView(view, lang, { type: 'shared', error: UNREADABLE }));
    case 'round1':
      return renderCard('round1', round1View(view, lang, 1, UNREADABLE));
    case 'round2':
      return renderCard('round2-tools', round2ToolsView(lang, UNREADABLE));
    case 'round3':
      return renderCard('intentions', intentionsView(view, lang, UNREADABLE));
    case 'closing':
      return renderCard('closing', closingView(view, lang, { type: 'shared', error: UNREADABLE }));
    case 'ended':
      return noticeCard(lang, 'error.badCardData');
    default: {
      const never: never = view.phase;
      throw new Error(`Unhandled phase ${String(never)}`);
    }
  }
}
