import { currentPickRound, type Language, type TableView } from '../domain';
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
