import type { Language } from '../domain';
import { t } from '../i18n';

/** An input's label with its maximum, so nobody learns the limit from a refusal: "Argument (max. 500 tekens)". */
export function withMax(lang: Language, label: string, max: number): string {
  return t(lang, 'form.withMax', { label, max });
}

/** For a list typed one item per line, whose limit holds per line. */
export function withMaxPerLine(lang: Language, label: string, max: number): string {
  return t(lang, 'form.withMaxPerLine', { label, max });
}
