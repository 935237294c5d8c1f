import { currentPickRound, type Language, type TableView } from '../domain';
import { joinNames, t } from '../i18n';
import { pickRoundTitle } from './pick-round-name';
import { heading, plain, rich } from './rich-text';

/** Where the table is: phase, leiders, participants and, in a silent round, how many submitted. */
export function statusView(state: TableView, lang: Language) {
  const round = currentPickRound(state);
  const rows = [
    { label: t(lang, 'status.phase'), value: plain(t(lang, `phase.${state.phase}`)) },
    { label: t(lang, 'status.leader'), value: plain(state.lead.name) },
    {
      label: t(lang, 'status.coLeads'),
      value: plain(
        state.coLeads.length
          ? joinNames(
              lang,
              state.coLeads.map((c) => c.name),
            )
          : t(lang, 'status.none'),
      ),
    },
    {
      label: t(lang, 'status.participants'),
      value: rich(lang, 'status.participantsValue', { count: state.participants.length, max: state.settings.maxParticipants }),
    },
  ];
  if (round) {
    const handedIn = new Set(round.submitted);
    const done = state.participants.filter((p) => handedIn.has(p.id)).length;
    const value = rich(lang, 'status.picksValue', { done, total: state.participants.length });
    if (round.revealedAt !== undefined) value.push({ type: 'TextRun', text: ` (${t(lang, 'status.revealed')})` });
    rows.push({ label: pickRoundTitle(lang, round.number, 'status'), value });
  }
  // Leiders and the notulist open their own question about their name in the report from here.
  return {
    heading: heading(t(lang, 'status.title', { title: state.title }), 'Medium'),
    rows,
    leaderConsent: t(lang, 'status.leaderConsent'),
  };
}
