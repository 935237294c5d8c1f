/**
 * Writes the sample Word report (an ended table with consent for some names, test/report/fixtures.ts)
 * to docs/, renders it to PDF with LibreOffice and takes a picture of its first page with Chromium's
 * PDF viewer (pages 1 and 2), so a reader sees what the gespreksleider downloads:
 *   npx tsx scripts/render-docx.ts [folder]       (default: docs)
 * Needs LibreOffice Writer (`soffice`) and Chromium (`/usr/bin/chromium`, or CHROMIUM_PATH). Not part
 * of the automated tests: LibreOffice takes tens of seconds.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { groupView } from '../src/domain';
import { buildExport } from '../src/report/exports';
import { docxPictures } from '../src/report/exports/docx-pictures';
import { endedTable } from '../test/report/fixtures';

async function main(): Promise<void> {
  const dir = resolve(process.argv[2] ?? 'docs');
  const scope = { type: 'table', state: groupView(endedTable()) } as const;
  const file = await buildExport('docx', scope, 'nl', { pictures: await docxPictures(scope, 'nl') });
  const docx = join(dir, `voorbeeld-${file.filename}`);
  writeFileSync(docx, file.body);
  console.log(docx);

  const work = mkdtempSync(join(tmpdir(), 'render-docx-'));
  try {
    // A private LibreOffice profile, so a running office or a read-only home does not get in the way.
    execFileSync('soffice', [`-env:UserInstallation=file://${work}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', work, docx], {
      stdio: 'ignore',
    });
    const pdf = join(work, `voorbeeld-${file.filename.replace(/\.docx$/, '.pdf')}`);
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
    try {
      // A4 in the viewer, fitted to the window: one page fills the picture.
      // Page 1 (who took part), page 2 (the model as a picture); a fresh tab each, as the viewer reads #page only on load.
      for (const n of [1, 2]) {
        const page = await browser.newPage({ viewport: { width: 794, height: 1123 } });
        await page.goto(`file://${pdf}#page=${n}&toolbar=0&navpanes=0&view=Fit`);
        await page.waitForTimeout(5000);
        const png = docx.replace(/\.docx$/, `-pagina-${n}.png`);
        await page.screenshot({ path: png });
        console.log(png);
      }
    } finally {
      await browser.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
