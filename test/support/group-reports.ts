import { groupView, type Language, type TableState } from '../../src/domain';
import { combineTables as combineViews, type CombinedPicture } from '../../src/report/combined';
import { buildTableSummary as summaryOfView, type TableSummary } from '../../src/report/table-summary';

/**
 * The report builders as the bot calls them: on the table as everyone may see it. Tests build raw
 * tables with `decide`; these take them as they are.
 */
export function buildTableSummary(state: TableState, lang: Language): TableSummary {
  return summaryOfView(groupView(state), lang);
}

export function combineTables(tables: ReadonlyArray<TableState>, lang: Language): CombinedPicture {
  return combineViews(tables.map(groupView), lang);
}
