import type { Language } from '../../domain';
import { combineTables } from '../combined';
import { tableSummaryMarkdown } from '../markdown';
import { buildTableSummary } from '../table-summary';
import { combinedMarkdown } from './combined-markdown';
import { buildCsv } from './csv';
import type { DocxPictures } from './docx';
import { exportFilename } from './filename';
import { buildJson } from './json';
import { numberedTables, type ExportFile, type ExportKind, type ExportScope } from './types';

export * from './types';
export { exportFilename } from './filename';
export { JSON_FORMAT_VERSION, type JsonExport } from './json';
export type { DocxPictures } from './docx';

export const CONTENT_TYPES: Record<ExportKind, string> = {
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/**
 * One export of a table or of a whole session. Pure apart from the clock in the JSON's `exportedAt`
 * (injectable) and PowerPoint's own creation date. Names appear only under the consent rules of the
 * report; no export holds a Teams or Entra id.
 */
export async function buildExport(
  kind: ExportKind,
  scope: ExportScope,
  lang: Language,
  options: { now?: number; pictures?: DocxPictures } = {},
): Promise<ExportFile> {
  const file = (body: Buffer): ExportFile => ({ contentType: CONTENT_TYPES[kind], filename: exportFilename(scope, kind, lang), body });
  switch (kind) {
    case 'md':
      return file(Buffer.from(markdown(scope, lang), 'utf8'));
    case 'csv':
      return file(buildCsv(numberedTables(scope), scope.type === 'session' ? scope.session.code : undefined, lang));
    case 'json':
      return file(
        Buffer.from(`${JSON.stringify(buildJson(scope, numberedTables(scope), lang, options.now ?? Date.now()), null, 2)}\n`, 'utf8'),
      );
    // The PowerPoint and Word writers (some 25 MiB together) are loaded on the first download.
    case 'pptx': {
      const { buildPptx } = await import('./pptx');
      return file(await buildPptx(scope, lang));
    }
    case 'docx': {
      const { buildSessionDocx, buildTableDocx } = await import('./docx');
      return file(
        scope.type === 'table'
          ? await buildTableDocx(scope.state, lang, options.pictures?.tables?.[0])
          : await buildSessionDocx(scope.session, scope.tables, lang, options.pictures),
      );
    }
    default: {
      const never: never = kind;
      throw new Error(`Unknown export kind ${String(never)}`);
    }
  }
}

/** A table's report; for a session the totaalbeeld followed by each table's report. */
function markdown(scope: ExportScope, lang: Language): string {
  if (scope.type === 'table') return tableSummaryMarkdown(buildTableSummary(scope.state, lang), lang);
  const total = combinedMarkdown(scope.session, combineTables(scope.tables, lang), lang);
  const tables = scope.tables.map((state) => tableSummaryMarkdown(buildTableSummary(state, lang), lang));
  return [total, ...tables].join('\n---\n\n');
}
