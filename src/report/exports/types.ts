import type { GroupView, Language, SessionState } from '../../domain';

export const EXPORT_KINDS = ['md', 'csv', 'json', 'pptx', 'docx'] as const;
/** Markdown report, CSV for Excel, JSON for monitoring over time, PowerPoint for the visual report, Word for the written report. */
export type ExportKind = (typeof EXPORT_KINDS)[number];

export function isExportKind(value: string): value is ExportKind {
  return (EXPORT_KINDS as readonly string[]).includes(value);
}

/**
 * One table, or a whole session with the tables that are still there (deleted ones are simply absent).
 * A download leaves the chat: it is built from what everyone at the table may see, never the raw state.
 */
export type ExportScope = { type: 'table'; state: GroupView } | { type: 'session'; session: SessionState; tables: GroupView[] };

export interface ExportFile {
  contentType: string;
  filename: string;
  body: Buffer;
}

/** A table as the exports number it: 1 for a table on its own, its link order within a session. */
export interface NumberedTable {
  number: number;
  state: GroupView;
}

export function numberedTables(scope: ExportScope): NumberedTable[] {
  return scope.type === 'table' ? [{ number: 1, state: scope.state }] : scope.tables.map((state, i) => ({ number: i + 1, state }));
}

export interface ExportContext {
  scope: ExportScope;
  lang: Language;
}
