import { currentPickRound, type Language, type Participant, type TableView } from '../domain';
import { joinNames, t } from '../i18n';
import { pickRoundTitle } from './pick-round-name';
import { namedPeople } from './names';
import { bold, rich } from './rich-text';

/**
 * The shared progress of a silent round. It says how many submitted and who is still busy, by name
 * only for those who consented; never what anyone chose.
 */
export function progressView(state: TableView, lang: Language) {
  const round = currentPickRound(state);
  const number = round?.number ?? 1;
  const total = state.participants.length;
  const handedIn = new Set(round?.submitted ?? []);
  const done = state.participants.filter((p) => handedIn.has(p.id)).length;
  const waiting = state.participants.filter((p) => !handedIn.has(p.id));
  return {
    heading: bold(pickRoundTitle(lang, number, 'progress')),
    count: rich(lang, 'progress.count', { done, total }),
    detail: detail(),
  };

  function detail() {
    if (round?.revealedAt !== undefined) return rich(lang, 'progress.revealed');
    if (total === 0) return rich(lang, 'progress.noParticipants');
    if (waiting.length === 0) return rich(lang, 'progress.allDone');
    const names = namedPeople(waiting, lang);
    if (names) return rich(lang, 'progress.waiting', { names });
    return waiting.length === 1 ? rich(lang, 'progress.waitingOne') : rich(lang, 'progress.waitingCount', { count: waiting.length });
  }
}

/**
 * The leider's own view of the progress: who is still busy, by name, guests marked as such. Everyone
 * sits in the same meeting, so the leider may know whom to nudge; the shared card and the report keep
 * following consent. Never what anyone chose.
 */
export function leaderProgressView(state: TableView, lang: Language) {
  const shared = progressView(state, lang);
  const round = currentPickRound(state);
  const handedIn = new Set(round?.submitted ?? []);
  const waiting = state.participants.filter((p) => !handedIn.has(p.id));
  if (round?.revealedAt !== undefined || waiting.length === 0) return shared;
  const name = (p: Participant) => (p.guest ? t(lang, 'guest.label', { name: p.name }) : p.name);
  return { ...shared, detail: rich(lang, 'progress.waitingLeader', { names: joinNames(lang, waiting.map(name)) }) };
}
