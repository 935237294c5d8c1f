/**
 * What the stored table may look like after one activity, worked out without the bot: the card data
 * or chat text is read with the same parsers the bot uses at its edge, turned into the one domain
 * command the button or command stands for, and `decide` says what the rules make of it. Two checks
 * follow from that: the stored table equals decide's (timestamps aside), and, independently of
 * decide, a change touches only what the verb or command may touch and only for whom it may.
 */
import { z } from 'zod';
import {
  decide,
  findParticipant,
  isLeader,
  newTable,
  type Actor,
  type Command,
  type Deck,
  type Language,
  type TableState,
  type LeaderRef,
} from '../../src/domain';
import { t } from '../../src/i18n';
import type { Mention } from '../../src/teams/routing/activity-text';
import type { ParsedCommand } from '../../src/teams/routing/commands';
import type { ParsedAction } from '../../src/teams/routing/verbs';

// --- card actions ------------------------------------------------------------------------------

/** A parsed button as the frame below reads it: its verb and its checked data. */
export type CardAction = { verb: string } & Record<string, any>;

/** The button as one object, for the frame: `{ verb, ...data }`. */
export function cardActionOf(parsed: Extract<ParsedAction, { ok: true }>): CardAction {
  return { verb: parsed.spec.verb, ...(parsed.data as Record<string, unknown>) };
}

/**
 * The session's buttons work where there is no table; at a table only the leider's "erase this
 * table" confirmation changes anything (it deletes the table). The schema of its data, as the bot's.
 */
const eraseConfirm = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.literal('erase.confirm'),
    data: z.record(z.string(), z.unknown()).nullish(),
  }),
});
const eraseData = z.object({
  scope: z.enum(['table', 'session']),
  code: z.string().max(20).optional(),
  createdAt: z.coerce.number().int().optional(),
});
export const SESSION_VERBS = ['session.create', 'erase.confirm', 'erase.cancel'] as const;

/** For an erase confirmation of this table: whether it deletes the table. Undefined: not one. */
export function eraseOfTable(value: unknown, before: TableState, actor: Actor): boolean | undefined {
  const invoke = eraseConfirm.safeParse(value);
  if (!invoke.success) return undefined;
  const data = safely(() => eraseData.safeParse({ ...(invoke.data.action.data ?? {}) }));
  if (!data?.success || data.data.scope !== 'table') return undefined;
  return isLeader(before, actor) && (data.data.createdAt === undefined || data.data.createdAt === before.createdAt);
}

/** A parse that throws (z.coerce on `{"valueOf":1,"toString":1}`) reads as nothing. */
export function safely<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch {
    return undefined;
  }
}

// --- chat commands -----------------------------------------------------------------------------

export type ChatOutcome = { type: 'run'; command: Command } | { type: 'start'; title?: string } | { type: 'none' };

/**
 * What a chat command does to the table, as the README documents it, from its name and arguments as
 * the bot read them; the mention is read from the activity here, not from the parsed arguments.
 */
export function outcomeOfChatCommand(
  parsed: ParsedCommand | undefined,
  state: TableState | undefined,
  mention: Mention | undefined,
): ChatOutcome {
  if (!parsed) return { type: 'none' };
  const args = parsed.args as Record<string, any>;
  const to = mention ? { channelUserId: mention.channelUserId, name: mention.name } : { name: '' };
  switch (parsed.spec.name) {
    case 'help':
    case 'status':
    case 'summary':
    case 'board':
    case 'controls':
      return { type: 'none' };
    case 'start':
      return { type: 'start', ...(args.title ? { title: args.title } : {}) };
    case 'close':
      if (!state) return { type: 'none' };
      return { type: 'run', command: state.phase === 'round3' ? { type: 'closeVoting' } : { type: 'closePoll' } };
    case 'next':
      return { type: 'run', command: { type: 'next' } };
    case 'round':
      return { type: 'run', command: { type: 'goToRound', round: args.round } };
    case 'reveal':
      return { type: 'run', command: { type: 'reveal' } };
    case 'stop':
      return { type: 'run', command: { type: 'stop' } };
    case 'handOver':
      return { type: 'run', command: { type: 'handOver', to } };
    case 'addCoLead':
      return { type: 'run', command: { type: 'addCoLead', to } };
    case 'notetaker':
      return { type: 'run', command: { type: 'setNotetaker', to } };
    case 'guest':
      return { type: 'run', command: { type: 'addGuest', name: args.name } };
    case 'silentRound':
      return { type: 'run', command: { type: 'openPickRound' } };
    case 'conclusion':
      return { type: 'run', command: { type: 'addConclusion', text: args.text } };
    case 'note':
      return { type: 'run', command: { type: 'addNote', text: args.text } };
    case 'timer':
      return { type: 'run', command: { type: 'startTimer', minutes: args.minutes } };
    case 'language':
      return { type: 'run', command: { type: 'setLanguage', language: args.language } };
    default:
      throw new Error(`unknown chat command ${parsed.spec.name}`);
  }
}

// --- the expected table ------------------------------------------------------------------------

/** Stands for "the moment of this activity" in expected and observed tables alike. */
export const NOW = 7_000_000_000_000;

/** The table decide makes of `command`, or the same table when the rules refuse it. */
export function expectedAfter(before: TableState, actor: Actor, command: Command | undefined): TableState {
  if (!command) return before;
  const result = decide(before, { actor, command }, NOW);
  return result.type === 'ok' ? result.state : before;
}

export function expectedStart(
  before: TableState | undefined,
  actor: Actor,
  title: string | undefined,
  lang: Language,
  maxParticipants: number,
  deck: Deck,
): TableState | undefined {
  if (before && before.phase !== 'ended') return before;
  return newTable({
    actor,
    ...(title ? { title } : {}),
    defaultTitle: t(lang, 'welcome.defaultTitle'),
    settings: { maxParticipants, language: lang },
    deck,
    now: NOW,
  });
}

/**
 * Timestamps made during the activity (between t0 and t1) become NOW, in expected and observed
 * tables alike; a timer's end becomes its length.
 */
export function normalise<T>(value: T, t0: number, t1: number): T {
  const walk = (x: unknown): unknown => {
    if (typeof x === 'number') return x >= t0 && x <= t1 ? NOW : x;
    if (Array.isArray(x)) return x.map(walk);
    if (x && typeof x === 'object') {
      const obj = { ...(x as Record<string, unknown>) };
      if (typeof obj.startedAt === 'number' && typeof obj.endsAt === 'number') obj.endsAt = `+${obj.endsAt - obj.startedAt}`;
      return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, walk(v)]));
    }
    return x;
  };
  return walk(value) as T;
}

// --- what may change ---------------------------------------------------------------------------

/** The paths (as keys) where two JSON values differ. An added or removed key is a difference at it. */
export function changedPaths(a: unknown, b: unknown, at: string[] = [], out: string[][] = []): string[][] {
  if (Object.is(a, b)) return out;
  const bothObjects = a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b);
  if (!bothObjects) {
    out.push(at);
    return out;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) {
    if (!Object.hasOwn(ao, k) || !Object.hasOwn(bo, k)) out.push([...at, k]);
    else changedPaths(ao[k], bo[k], [...at, k], out);
  }
  return out;
}

/** Whom a form's input is for: the actor's own participant, or a guest the leider names. */
export function subjectIdOf(before: TableState, actor: Actor, forId: string | undefined): string | undefined {
  if (forId) {
    const guest = before.participants.find((p) => p.guest && p.id === forId);
    return guest && isLeader(before, actor) ? guest.id : undefined;
  }
  return findParticipant(before, actor)?.id;
}

type Frame = Array<Array<string | number>>;

/** Paths a card action may change (prefixes), for this actor at this table; [] when none. */
export function cardActionFrame(action: CardAction, before: TableState, actor: Actor): Frame {
  const leader = isLeader(before, actor);
  const forId = 'for' in action ? action.for : undefined;
  const subject = subjectIdOf(before, actor, forId);
  const me = findParticipant(before, actor);
  const lastRound = before.pickRounds.length - 1;
  const openPoll = before.round2.polls.findIndex((p) => p.closedAt === undefined);
  // A leider's entry for a guest may carry the guest's consent to be named, recorded with it.
  const forGuest = (frame: Frame): Frame => {
    const guest = forId && subject === forId ? before.participants.findIndex((p) => p.id === subject) : -1;
    return frame.length > 0 && guest >= 0 ? [...frame, ['participants', guest, 'nameConsent']] : frame;
  };
  switch (action.verb) {
    case 'join':
      return me ? [] : [['participants', before.participants.length]];
    case 'consent.set':
      return me ? [['participants', before.participants.indexOf(me), 'nameConsent']] : [];
    case 'leader.consent': {
      // Only the presser's own answer: as participant when they joined, else on each of their roles.
      if (me) return [['participants', before.participants.indexOf(me), 'nameConsent']];
      const mine = (ref: LeaderRef) =>
        ref.id === actor.id || (ref.channelUserId !== undefined && ref.channelUserId === actor.channelUserId);
      return [
        ...(mine(before.lead) ? [['lead', 'nameConsent']] : []),
        ...before.coLeads.flatMap((c, i) => (mine(c) ? [['coLeads', i, 'nameConsent']] : [])),
        ...(before.notetaker && mine(before.notetaker) ? [['notetaker', 'nameConsent']] : []),
      ];
    }
    case 'intro.submit':
      return forGuest(subject ? [['intro', subject]] : []);
    case 'picks.submit':
      return forGuest(subject && lastRound >= 0 ? [['pickRounds', lastRound, 'picks', subject]] : []);
    case 'board.place':
      return leader
        ? [
            ['round2', 'placements', action.card ?? ''],
            ['round2', 'history', before.round2.history.length],
          ]
        : [];
    case 'board.remove':
      return leader ? [['round2', 'placements', action.card ?? '']] : [];
    // The leider's controls run the same commands as `volgende`, `onthul`, `sluit`, `timer`, `taal` and `stille ronde`.
    case 'step.next':
      return leader ? [['phase'], ['phaseStartedAt'], ['pickRounds', before.pickRounds.length], ['stoppedAt'], ['timer']] : [];
    case 'step.reveal':
      return leader && lastRound >= 0 ? [['pickRounds', lastRound, 'revealedAt']] : [];
    case 'step.close':
      return leader ? [['round3', 'closedAt'], ...(openPoll >= 0 ? [['round2', 'polls', openPoll, 'closedAt']] : [])] : [];
    case 'step.timer':
      return leader ? [['timer']] : [];
    case 'table.language':
      return leader ? [['settings', 'language']] : [];
    case 'step.pickround':
      return leader ? [['pickRounds', before.pickRounds.length]] : [];
    case 'poll.open':
      return leader ? [['round2', 'polls', before.round2.polls.length]] : [];
    case 'poll.vote':
      return forGuest(subject && openPoll >= 0 ? [['round2', 'polls', openPoll, 'votes', subject]] : []);
    case 'poll.close':
      return leader && openPoll >= 0 ? [['round2', 'polls', openPoll, 'closedAt']] : [];
    case 'owncard.add':
      return me || leader
        ? [
            [
              'deck',
              action.kind === 'intention' ? 'intentions' : 'ingredients',
              (action.kind === 'intention' ? before.deck.intentions : before.deck.ingredients).length,
            ],
          ]
        : [];
    case 'stickers.submit':
      return forGuest(subject ? [['round3', 'stickers', subject]] : []);
    case 'discussion.save':
      return leader
        ? [
            ['round3', 'discussion'],
            ['settings', 'policyGoals'],
          ]
        : [];
    case 'closing.submit':
      return forGuest(subject ? [['closing', subject]] : []);
    default:
      return [];
  }
}

/** Paths a chat command may change, for this actor at this table. */
export function chatFrame(outcome: ChatOutcome, before: TableState, actor: Actor): Frame {
  if (outcome.type !== 'run') return [];
  const command = outcome.command;
  const leader = isLeader(before, actor);
  const notes =
    leader ||
    (before.notetaker !== undefined && (before.notetaker.id === actor.id || before.notetaker.channelUserId === actor.channelUserId));
  const lastRound = before.pickRounds.length - 1;
  const openPoll = before.round2.polls.findIndex((p) => p.closedAt === undefined);
  if (!leader && command.type !== 'addConclusion' && command.type !== 'addNote') return [];
  switch (command.type) {
    case 'next':
    case 'goToRound':
    case 'stop':
      return [['phase'], ['phaseStartedAt'], ['pickRounds', before.pickRounds.length], ['stoppedAt'], ['timer']];
    case 'reveal':
      return lastRound >= 0 ? [['pickRounds', lastRound, 'revealedAt']] : [];
    case 'openPickRound':
      return [['pickRounds', before.pickRounds.length]];
    case 'handOver':
      return [['lead'], ['coLeads']];
    case 'addCoLead':
      return [['coLeads', before.coLeads.length]];
    case 'setNotetaker':
      return [['notetaker']];
    case 'addGuest':
      return [['participants', before.participants.length]];
    case 'addConclusion':
      return notes ? [['round2', 'conclusions', before.round2.conclusions.length]] : [];
    case 'addNote':
      return notes ? [['notes', before.notes.length]] : [];
    case 'startTimer':
      return [['timer']];
    case 'setLanguage':
      return [['settings', 'language']];
    case 'closeVoting':
      return [['round3', 'closedAt']];
    case 'closePoll':
      return openPoll >= 0 ? [['round2', 'polls', openPoll, 'closedAt']] : [];
    default:
      return [];
  }
}

/** The changed paths that no prefix of the frame covers (updatedAt always may change with a change). */
export function outsideFrame(before: TableState, after: TableState, frame: Frame): string[] {
  const changed = changedPaths(before, after);
  const allowed = [...frame.map((p) => p.map(String)), ['updatedAt']];
  return changed
    .filter((p) => !allowed.some((prefix) => prefix.length <= p.length && prefix.every((k, i) => p[i] === k)))
    .map((p) => p.join('.'));
}
