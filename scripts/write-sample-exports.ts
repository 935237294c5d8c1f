/**
 * Writes every export of the three-table sample session (test/report/session-fixtures.ts) to a
 * folder, to look at by hand: `npx tsx scripts/write-sample-exports.ts <folder>`. Used by
 * scripts/render-pptx.sh, which turns the PowerPoint files into PNGs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { groupView } from '../src/domain';
import { buildExport, EXPORT_KINDS, type ExportScope } from '../src/report/exports';
import { crowdedTable, session, threeTables } from '../test/report/session-fixtures';

async function main(): Promise<void> {
  const dir = process.argv[2] ?? join(tmpdir(), 'sociale-basis-exports');
  mkdirSync(dir, { recursive: true });
  const tables = threeTables().map(groupView);
  const scopes: ExportScope[] = [
    { type: 'session', session: session(['t1', 't2', 't3'], tables), tables },
    { type: 'table', state: tables[0]! },
    // The crowded table shows what the fitting does when there is more than fits.
    { type: 'table', state: groupView(crowdedTable()) },
  ];
  for (const scope of scopes) {
    for (const kind of EXPORT_KINDS) {
      const file = await buildExport(kind, scope, 'nl');
      writeFileSync(join(dir, file.filename), file.body);
      console.log(join(dir, file.filename));
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
