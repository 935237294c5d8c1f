/**
 * Writes the model picture of the sample tables (test/report/session-fixtures.ts) as PNG, to look at
 * by hand: `npx tsx scripts/write-sample-picture.ts [folder]`. docs/sample-model.png is the first one.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { groupView } from '../src/domain';
import { renderPicturePng } from '../src/report/picture-render';
import { sessionPictureSvg, tablePictureSvg } from '../src/report/picture-svg';
import { crowdedTable, threeTables } from '../test/report/session-fixtures';
import { maxTable } from '../test/views/max-table';

const dir = process.argv[2] ?? join(tmpdir(), 'sociale-basis-picture');
mkdirSync(dir, { recursive: true });
const tables = threeTables().map(groupView);
const pictures: Array<[string, string]> = [
  ['model-tafel.png', tablePictureSvg(tables[0]!)],
  ['model-totaal.png', sessionPictureSvg('Sessie Eindhoven', tables, 'nl')],
  // What the fitting does when there is more than fits: long titles, a crowded model, a 100-card deck.
  ['model-vol.png', tablePictureSvg(groupView(crowdedTable()))],
  ['model-100.png', tablePictureSvg(groupView(maxTable({ deck: 100, text: 'max', placeAll: true, until: 'round2' })))],
];
async function main(): Promise<void> {
  for (const [name, svg] of pictures) {
    writeFileSync(join(dir, name), await renderPicturePng(svg));
    console.log(join(dir, name));
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
