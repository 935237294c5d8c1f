import { own } from '../../domain';
import {
  discussionFormView,
  intentionsView,
  renderCard,
  slotsOf,
  stickerFormView,
  stickersSavedView,
  type AdaptiveCard,
  type DiscussionValues,
} from '../../views';
import type { CardAction } from '../routing/card-actions';
import type { ActionContext } from './action-context';

type Submit = Extract<CardAction, { verb: 'stickers.submit' }>;

function closedOrWrongPhase(a: ActionContext): boolean {
  return a.view.phase !== 'round3' || a.view.round3.closedAt !== undefined;
}

export function openStickers(a: ActionContext, forId: string | undefined): AdaptiveCard {
  const { subject, who } = a.subject(forId);
  if (!subject) return renderCard('intentions', intentionsView(a.view, a.lang, { key: 'error.notParticipant' }));
  const current = own(a.view.round3.stickers, subject.id);
  if (closedOrWrongPhase(a)) {
    if (current) return renderCard('stickers-saved', stickersSavedView(a.view, a.lang, current, true));
    return renderCard('sticker-form', stickerFormView(a.view, a.lang, undefined, who, { key: 'error.votingClosed' }));
  }
  return renderCard('sticker-form', stickerFormView(a.view, a.lang, current, who));
}

/** Three choices become counts; a client that sends counts itself is checked by the core all the same. */
function countsOf(action: Submit): { counts: Record<string, number>; slots: string[] } {
  if (action.counts) return { counts: action.counts, slots: [] };
  const slots = [action.sticker1, action.sticker2, action.sticker3].map((s) => s ?? '');
  const counts: Record<string, number> = {};
  for (const id of slots) if (id) counts[id] = (counts[id] ?? 0) + 1;
  return { counts, slots };
}

export async function submitStickers(a: ActionContext, action: Submit): Promise<AdaptiveCard> {
  const { counts, slots } = countsOf(action);
  const { onBehalfOf } = a.subject(action.for);
  const result = await a.run({ type: 'setStickers', counts, ...(onBehalfOf ? { onBehalfOf } : {}) });
  const state = a.viewAfter(result);
  const { subject, who } = a.subject(action.for, state);
  const current = subject ? own(state.round3.stickers, subject.id) : undefined;
  if (result.type === 'ok' && current) return renderCard('stickers-saved', stickersSavedView(state, a.lang, current, false, who.for));
  if (result.type === 'ok') return renderCard('sticker-form', stickerFormView(state, a.lang, undefined, who));
  if (result.code === 'votingClosed' && current) return renderCard('stickers-saved', stickersSavedView(state, a.lang, current, true));
  return renderCard('sticker-form', stickerFormView(state, a.lang, current, who, a.error(result), slots.length ? slots : slotsOf(current)));
}

export function openDiscussion(a: ActionContext): AdaptiveCard {
  if (!a.isLeader) return renderCard('discussion-form', discussionFormView(a.view, a.lang, undefined, { key: 'error.notLeader', params: { lead: a.state.lead.name } }));
  if (a.view.round3.closedAt === undefined) return renderCard('discussion-form', discussionFormView(a.view, a.lang, undefined, { key: 'error.votingOpen' }));
  return renderCard('discussion-form', discussionFormView(a.view, a.lang));
}

export async function saveDiscussion(a: ActionContext, action: Extract<CardAction, { verb: 'discussion.save' }>): Promise<AdaptiveCard> {
  const values: DiscussionValues = {
    mainIntention: action.mainIntention ?? 'none',
    agreements: action.agreements ?? '',
    disagreements: action.disagreements ?? '',
    policyRelation: action.policyRelation ?? '',
    policyGoals: action.policyGoals ?? '',
  };
  const result = await a.run({
    type: 'recordDiscussion',
    ...(values.mainIntention && values.mainIntention !== 'none' ? { mainIntention: values.mainIntention } : {}),
    agreements: values.agreements,
    disagreements: values.disagreements,
    policyRelation: values.policyRelation,
    policyGoals: (values.policyGoals ?? '').split('\n'),
  });
  const state = a.viewAfter(result);
  if (result.type === 'error') return renderCard('discussion-form', discussionFormView(state, a.lang, values, a.error(result)));
  return renderCard('discussion-form', discussionFormView(state, a.lang, undefined, undefined, { key: 'discussion.saved' }));
}
