import { pollSpread, ZONES, type Language, type Participant, type PollView, type TableView } from '../domain';
import { t } from '../i18n';
import { cardById } from './board-view';
import type { Message } from './error-view';
import { bold, heading, plain, rich } from './rich-text';
import type { SubjectSwitch } from './subject-switch';

function title(state: TableView, poll: PollView): string {
  return cardById(state, poll.cardId)?.title ?? poll.cardId;
}

/**
 * A silent placement: while open, the question with its buttons (posted once, so the form each person
 * opens on it is never replaced by others' votes); once closed, the spread, with a way for the leider
 * to place the card at once, the zone most chose filled in.
 */
export function pollView(state: TableView, lang: Language, poll: PollView, error?: Message) {
  const name = title(state, poll);
  const closed = poll.closedAt !== undefined;
  const spread = closed ? pollSpread(poll) : [];
  return {
    heading: heading(t(lang, closed ? 'poll.closedTitle' : 'poll.title', { title: name }), 'Medium'),
    intro: closed ? [] : rich(lang, 'poll.intro', { title: name }),
    ...(closed && spread.length > 0
      ? { chart: { title: name, data: spread.map((s) => ({ x: t(lang, `zone.short.${s.zone}`), y: s.count })) } }
      : {}),
    spread: closed
      ? spread.length > 0
        ? spread.map((s) => ({ line: rich(lang, 'poll.spread', { zone: t(lang, `zone.short.${s.zone}`), count: s.count }) }))
        : [{ line: plain(t(lang, 'poll.noVotes'), true) }]
      : [],
    ...(closed ? { after: rich(lang, 'poll.afterClose') } : {}),
    // Closing and placing are the leider's, on their own view of this card (leader-controls.ts).
    buttons: closed ? {} : { vote: t(lang, 'poll.vote'), poll: poll.number, for: '' },
    ...(error ? { error: rich(lang, error) } : {}),
  };
}

/** The same card as one participant sees it with their own silent choice (or the leider for a guest). */
export function pollFormView(
  state: TableView,
  lang: Language,
  poll: PollView,
  subject: Participant,
  who: SubjectSwitch & { for?: string },
  opts: { error?: Message; saved?: boolean } = {},
) {
  const base = pollView(state, lang, poll);
  const vote = Object.hasOwn(poll.votes, subject.id) ? poll.votes[subject.id] : undefined;
  const name = title(state, poll);
  if (opts.saved && vote) {
    const zone = t(lang, `zone.${vote.zone}`);
    const saved = subject.guest
      ? rich(lang, 'poll.savedFor', { name: subject.name, zone })
      : rich(lang, 'poll.saved', { title: name, zone });
    // "Wijzig" opens the same person's choice again: the guest's when it was the guest's.
    return { ...base, saved, buttons: { ...base.buttons, vote: t(lang, 'poll.change'), for: who.for ?? '' } };
  }
  return {
    ...base,
    buttons: {},
    form: {
      current: who.current,
      switches: who.switches.map((s) => ({ ...s, poll: poll.number })),
      label: t(lang, 'poll.formTitle', { title: name }),
      choices: ZONES.map((z) => ({ title: t(lang, `zone.${z}`), value: z })),
      value: vote?.zone ?? '',
      required: t(lang, 'place.required'),
      note: rich(lang, 'poll.formPrivate'),
      submit: t(lang, 'poll.submit'),
      poll: poll.number,
      for: who.for ?? '',
    },
    ...(opts.error ? { error: rich(lang, opts.error) } : {}),
  };
}

/** The progress of a silent placement, on a message of its own that is updated as people place. */
export function pollProgressView(state: TableView, lang: Language, poll: PollView) {
  const voted = new Set(poll.voted);
  const done = state.participants.filter((p) => voted.has(p.id)).length;
  return {
    heading: bold(t(lang, 'poll.progressTitle', { title: title(state, poll) })),
    count: rich(lang, 'poll.progress', { done, total: state.participants.length }),
    detail: poll.closedAt !== undefined ? rich(lang, 'poll.progressClosed') : [],
  };
}
