import type { Language } from '../domain';
import { t } from '../i18n';

/**
 * A part of a card that is folded away until someone presses its button: `Action.ToggleVisibility`
 * shows it in place, so the text is already in the card (no round trip) and a fold only ever holds
 * what the card would otherwise show. The template puts the show button below the visible part and
 * the hide button at the end of the folded part; both toggle the folded part and the show button.
 * Ids are unique within one card: each view gives each fold its own `id`.
 */
export interface Fold {
  /** The folded container's id. */
  id: string;
  /** The id of the ActionSet with the show button. */
  show: string;
  targets: string[];
  showLabel: string;
  hideLabel: string;
}

export type FoldLabel = { type: 'all' } | { type: 'more'; count: number } | { type: 'arguments' } | { type: 'reasons' };

export function fold(lang: Language, id: string, label: FoldLabel): Fold {
  const show = `${id}s`;
  return {
    id,
    show,
    targets: [id, show],
    showLabel: showLabel(lang, label),
    hideLabel: t(lang, 'fold.hide'),
  };
}

function showLabel(lang: Language, label: FoldLabel): string {
  switch (label.type) {
    case 'all':
      return t(lang, 'fold.showAll');
    case 'more':
      return t(lang, 'fold.showMore', { count: label.count });
    case 'arguments':
      return t(lang, 'fold.showArguments');
    case 'reasons':
      return t(lang, 'fold.showReasons');
    default: {
      const never: never = label;
      return never;
    }
  }
}
