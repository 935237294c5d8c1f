import { z } from 'zod';
import { own, votingOpen } from '../../domain';
import {
  discussionFormView,
  intentionsView,
  renderCard,
  slotsOf,
  stickerFormView,
  stickersSavedView,
  STICKER_INPUTS,
  VERB,
  type DiscussionValues,
} from '../../views';
import { field, guestFields, onBehalfOf } from '../routing/card-fields';
import { controlledCard } from '../publish/controlled-cards';
import { tableVerb } from '../routing/verb-spec';

const stickersData = z.object({
  ...guestFields,
  [STICKER_INPUTS[0]]: field.cardId,
  [STICKER_INPUTS[1]]: field.cardId,
  [STICKER_INPUTS[2]]: field.cardId,
  /** Another client may send counts instead of three choices; the core checks them. */
  counts: z.record(z.string().max(100), z.number()).optional(),
});
type StickersData = z.output<typeof stickersData>;

/** The three choices as typed, one per sticker, an empty one for a sticker not given. */
function slotsTyped(data: StickersData): string[] {
  return data.counts ? [] : STICKER_INPUTS.map((input) => data[input] ?? '');
}

/** Three choices become counts; a client that sends counts itself is checked by the core all the same. */
function countsOf(data: StickersData): Record<string, number> {
  if (data.counts) return data.counts;
  const counts: Record<string, number> = {};
  for (const id of slotsTyped(data)) if (id) counts[id] = (counts[id] ?? 0) + 1;
  return counts;
}

const discussionData = z.object({
  mainIntention: field.cardId,
  agreements: field.text,
  disagreements: field.text,
  policyRelation: field.text,
  policyGoals: field.text,
});

function discussionValues(data: z.output<typeof discussionData>): DiscussionValues {
  return {
    mainIntention: data.mainIntention ?? 'none',
    agreements: data.agreements ?? '',
    disagreements: data.disagreements ?? '',
    policyRelation: data.policyRelation ?? '',
    policyGoals: data.policyGoals ?? '',
  };
}

export const stickerVerbs = [
  tableVerb({
    verb: VERB.intentionsView,
    data: z.object({}),
    who: 'anyone',
    phases: 'any',
    handle: (a) => renderCard('intentions', intentionsView(a.view, a.lang)),
  }),
  tableVerb({
    verb: VERB.stickersOpen,
    data: z.object({ for: field.forGuest }),
    who: 'member',
    phases: ['round3'],
    guestForm: true,
    handle(a, { for: forId }) {
      const { subject, who } = a.subject(forId);
      if (!subject) return renderCard('intentions', intentionsView(a.view, a.lang, { key: 'error.notParticipant' }));
      const current = own(a.view.round3.stickers, subject.id);
      if (votingOpen(a.state)) return renderCard('sticker-form', stickerFormView(a.view, a.lang, current, who));
      if (current) return renderCard('stickers-saved', stickersSavedView(a.view, a.lang, current, true));
      return renderCard('sticker-form', stickerFormView(a.view, a.lang, undefined, who, { key: 'error.votingClosed' }));
    },
  }),
  tableVerb({
    verb: VERB.stickersSubmit,
    data: stickersData,
    who: 'member',
    phases: ['round3'],
    guestForm: true,
    command: (data) => ({ type: 'setStickers', counts: countsOf(data), ...onBehalfOf(data.for, data.guestConsent) }),
    async handle(a, data, command) {
      const result = await a.run(command);
      const state = a.viewAfter(result);
      const { subject, who } = a.subject(data.for, state);
      const current = subject ? own(state.round3.stickers, subject.id) : undefined;
      if (result.type === 'ok' && current) return renderCard('stickers-saved', stickersSavedView(state, a.lang, current, false, who.for));
      if (result.type === 'ok') return renderCard('sticker-form', stickerFormView(state, a.lang, undefined, who));
      if (result.code === 'votingClosed' && current) return renderCard('stickers-saved', stickersSavedView(state, a.lang, current, true));
      const slots = slotsTyped(data);
      return renderCard(
        'sticker-form',
        stickerFormView(state, a.lang, current, who, a.error(result), slots.length ? slots : slotsOf(current)),
      );
    },
  }),
  tableVerb({
    verb: VERB.rankingView,
    data: z.object({}),
    who: 'anyone',
    phases: 'any',
    // Back from the discussion form: a leider gets their controls on it again (Bespreking vastleggen).
    handle: (a) => controlledCard(a.state, { card: 'ranking' }, a, { retentionDays: a.deps.settings.retentionDays }),
  }),
  tableVerb({
    verb: VERB.discussionOpen,
    data: z.object({}),
    who: 'leader',
    phases: ['round3', 'closing'],
    handle(a) {
      if (a.view.round3.closedAt === undefined)
        return renderCard('discussion-form', discussionFormView(a.view, a.lang, undefined, { key: 'error.votingOpen' }));
      return renderCard('discussion-form', discussionFormView(a.view, a.lang));
    },
    refused: (a, message) => renderCard('discussion-form', discussionFormView(a.view, a.lang, undefined, message)),
  }),
  tableVerb({
    verb: VERB.discussionSave,
    data: discussionData,
    who: 'leader',
    phases: ['round3', 'closing'],
    command: (data) => {
      const values = discussionValues(data);
      return {
        type: 'recordDiscussion',
        ...(values.mainIntention && values.mainIntention !== 'none' ? { mainIntention: values.mainIntention } : {}),
        agreements: values.agreements ?? '',
        disagreements: values.disagreements ?? '',
        policyRelation: values.policyRelation ?? '',
        policyGoals: (values.policyGoals ?? '').split('\n'),
      };
    },
    async handle(a, data, command) {
      const result = await a.run(command);
      const state = a.viewAfter(result);
      if (result.type === 'error')
        return renderCard('discussion-form', discussionFormView(state, a.lang, discussionValues(data), a.error(result)));
      return renderCard('discussion-form', discussionFormView(state, a.lang, undefined, undefined, { key: 'discussion.saved' }));
    },
  }),
] as const;
