import type { Language } from '../../domain';
import { t } from '../../i18n';
import type { ExportKind, ExportScope } from './types';

/** "Tafel Noord (’s-Gravenzande)" → "tafel-noord-s-gravenzande": safe in every file system and header. */
export function slug(text: string, fallback: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '');
  return s || fallback;
}

/** The date in the Netherlands as yyyy-mm-dd. */
export function isoDay(ms: number): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(ms),
  );
}

/** "verslag-tafel-noord-2025-03-12.md", "totaalbeeld-sociale-basis-hoorn-2025-03-12.pptx" */
export function exportFilename(scope: ExportScope, kind: ExportKind, lang: Language): string {
  const [what, title, date] =
    scope.type === 'table'
      ? [t(lang, 'export.file.table'), scope.state.title, scope.state.createdAt]
      : [t(lang, 'export.file.session'), scope.session.title, scope.session.createdAt];
  return `${what}-${slug(title, 'sociale-basis')}-${isoDay(date)}.${kind}`;
}
