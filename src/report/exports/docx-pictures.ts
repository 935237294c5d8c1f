import type { Language } from '../../domain';
import { renderPicturePng } from '../picture-render';
import { sessionPictureSvg, tablePictureSvg } from '../picture-svg';
import type { DocxPictures } from './docx';
import type { ExportScope } from './types';

/**
 * The filled model as PNG for the Word report: the table's, or the session's combined picture and
 * each table's. Drawn from the same group views as the report, so it shows nothing the report may not.
 */
export async function docxPictures(scope: ExportScope, lang: Language): Promise<DocxPictures> {
  if (scope.type === 'table') return { tables: [await renderPicturePng(tablePictureSvg(scope.state, lang))] };
  const tables: Buffer[] = [];
  // One at a time: each render takes a few hundred ms of CPU and the bot keeps answering meanwhile.
  for (const state of scope.tables) tables.push(await renderPicturePng(tablePictureSvg(state, lang)));
  return { session: await renderPicturePng(sessionPictureSvg(scope.session.title, scope.tables, lang)), tables };
}
