import type { Language, SessionState, TableState } from '../../domain';

export const EXPORT_KINDS = ['md', 'csv', 'json', 'pptx'] as const;
/** Markdown report, CSV for Excel, JSON for monitoring over time, PowerPoint for the visual report. */
export type ExportKind = (typeof EXPORT_KINDS)[number];

export function isExportKind(value: string): value is ExportKind {
  return (EXPORT_KINDS as readonly string[]).includes(value);
}

/** One table, or a whole session with the tables that are still there (deleted ones are simply absent). */
export type ExportScope = { type: 'table'; state: TableState } | { type: 'session'; session: SessionState; tables: TableState[] };

export interface ExportFile {
  contentType: string;
  filename: string;
  body: Buffer;
}

/** A table as the exports number it: 1 for a table on its own, its link order within a session. */
export interface NumberedTable {
  number: number;
  state: TableState;
}

export function numberedTables(scope: ExportScope): NumberedTable[] {
  return scope.type === 'table' ? [{ number: 1, state: scope.state }] : scope.tables.map((state, i) => ({ number: i + 1, state }));
}

export interface ExportContext {
  scope: ExportScope;
  lang: Language;
}
