import { own, PICK_ROLES, withDeckIn, type GroupView, type Language, type PickRole, type PickRoundView } from '../domain';
import { t } from '../i18n';
import { cardLookup, type CardLookup } from './cards';
import { leaderLabel, personRef } from './people';
import { round2Summary } from './round2-summary';
import { round3Summary } from './round3-summary';
import type { ClosingEntry, PickedCard, PickRoundSummary, ParticipantsSummary, TableSummary } from './summary-types';

export type * from './summary-types';

/**
 * The table's report as data, built from what everyone at the table may see (`GroupView`): silent
 * input that was never revealed (picks before the reveal, open placements, stickers before the
 * voting closed) is not in it. Pure: the same table and language always give the same summary.
 */
export function buildTableSummary(table: GroupView, lang: Language): TableSummary {
  // The report's language, not necessarily the table's: a session's organiser reads all tables in one.
  const state = withDeckIn(table, lang);
  const card = cardLookup(state);
  return {
    title: state.title,
    date: state.createdAt,
    ...(state.stoppedAt !== undefined ? { endedAt: state.stoppedAt } : {}),
    phase: state.phase,
    goal: state.settings.goal ?? t(lang, 'welcome.defaultGoal'),
    outcomeUse: state.settings.outcomeUse ?? t(lang, 'welcome.defaultOutcome'),
    leaders: {
      lead: leaderLabel(state, state.lead, lang),
      coLeads: state.coLeads.map((c) => leaderLabel(state, c, lang)),
      ...(state.notetaker ? { notetaker: leaderLabel(state, state.notetaker, lang) } : {}),
    },
    participants: participantsSummary(state, lang),
    pickRounds: state.pickRounds.map((round) => pickRoundSummary(state, round, card, lang)),
    round2: round2Summary(state, card, lang),
    round3: round3Summary(state, card, lang),
    closing: closingEntries(state, lang),
    notes: state.notes.map((n) => n.text),
  };
}

function participantsSummary(state: GroupView, lang: Language): ParticipantsSummary {
  const list = state.participants.map((p) => {
    const intro = own(state.intro, p.id);
    return {
      ...personRef(p, lang),
      ...(intro?.role ? { role: intro.role } : {}),
      ...(intro?.involvement ? { involvement: intro.involvement } : {}),
    };
  });
  return {
    count: list.length,
    guests: list.filter((p) => p.guest).length,
    named: list.filter((p) => p.named).length,
    list,
  };
}

function pickRoundSummary(state: GroupView, round: PickRoundView, card: CardLookup, lang: Language): PickRoundSummary {
  const submitted = round.submitted.length;
  const base = { number: round.number, submitted, participants: state.participants.length };
  if (round.revealedAt === undefined) return { type: 'hidden', ...base };
  const groups = new Map<string, PickedCard>();
  for (const p of state.participants) {
    const entry = own(round.picks, p.id);
    if (!entry) continue;
    for (const role of PICK_ROLES) {
      const pick = entry.picks[role];
      let group = groups.get(pick.cardId);
      if (!group) {
        group = { card: card(pick.cardId), counts: { in: 0, out: 0, doubt: 0 }, entries: [] };
        groups.set(pick.cardId, group);
      }
      group.counts[role] += 1;
      group.entries.push({ role, by: personRef(p, lang), argument: pick.argument, enteredByLeader: entry.enteredBy !== undefined });
    }
  }
  const order = (r: PickRole) => PICK_ROLES.indexOf(r);
  const cards = [...groups.values()]
    // Stable sort: within a role the entries stay in join order.
    .map((g) => ({ ...g, entries: [...g.entries].sort((a, b) => order(a.role) - order(b.role)) }))
    // Most-discussed cards first, as on the reveal card, then by title.
    .sort((a, b) => b.entries.length - a.entries.length || a.card.title.localeCompare(b.card.title, 'nl'));
  return { type: 'revealed', ...base, cards };
}

function closingEntries(state: GroupView, lang: Language): ClosingEntry[] {
  const entries: ClosingEntry[] = [];
  for (const p of state.participants) {
    const answer = own(state.closing, p.id);
    if (!answer || (!answer.learned && !answer.action)) continue;
    entries.push({
      by: personRef(p, lang),
      ...(answer.learned ? { learned: answer.learned } : {}),
      ...(answer.action ? { action: answer.action } : {}),
      enteredByLeader: answer.enteredBy !== undefined,
    });
  }
  return entries;
}
