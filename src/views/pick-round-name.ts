import { extraPickNumber, type Language } from '../domain';
import { t } from '../i18n';

export type PickRoundText = 'open' | 'progress' | 'reveal' | 'status';

/** The name of a silent pick round where a card or message shows it: Round 1's, or an extra one (see extraPickNumber). */
export function pickRoundTitle(lang: Language, round: number, what: PickRoundText): string {
  if (round === 1) {
    switch (what) {
      case 'open':
        return t(lang, 'r1.title');
      case 'progress':
        return t(lang, 'progress.title', { round });
      case 'reveal':
        return t(lang, 'reveal.title', { round });
      case 'status':
        return t(lang, 'status.picks', { round });
    }
  }
  const n = extraPickNumber(round);
  switch (what) {
    case 'open':
      return t(lang, 'r1.extraTitle', { n });
    case 'progress':
      return t(lang, 'progress.extraTitle', { n });
    case 'reveal':
      return t(lang, 'reveal.extraTitle', { n });
    case 'status':
      return t(lang, 'status.extraPicks', { n });
  }
}
