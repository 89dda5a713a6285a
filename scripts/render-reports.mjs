#!/usr/bin/env node
// Renders the reviewer deliverables as a user sees them, to look at: `planlint report` over the labelled
// corpus and its mutants (a folder of drafts with missing domains and weakened targets), then
//   html → headless Chromium (playwright-core) screenshots, screen and A4-landscape print (PDF → PNG);
//   docx → LibreOffice (soffice --headless --convert-to pdf) → pdftoppm PNG pages;
//   xlsx → LibreOffice → PDF → PNG (the summary sheet).
// Output: docs/screenshots/report-*.png (kept) and docs/screenshots/tmp/ (scratch, git-ignored).
// Needs: npm run build; chromium, soffice, pdftoppm on PATH. Usage: node scripts/render-reports.mjs [--all-pages]
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'package.json'));
const CLI = join(ROOT, 'dist', 'cli.js');
const SHOTS = join(ROOT, 'docs', 'screenshots');
const TMP = join(SHOTS, 'tmp');
const allPages = process.argv.includes('--all-pages');

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} → ${r.status}\n${r.stderr}`);
  return r;
}

rmSync(TMP, { recursive: true, force: true });
const drafts = join(TMP, 'drafts');
mkdirSync(drafts, { recursive: true });
// a folder of drafts: the corpus plans and their mutants (removed domains, weakened targets)
const corpus = join(ROOT, 'test', 'fixtures', 'corpus');
const mutants = join(ROOT, 'test', 'fixtures', 'mutants');
for (const dir of [corpus, mutants])
  for (const f of readdirSync(dir)) if (f.endsWith('.txt')) copyFileSync(join(dir, f), join(drafts, f));

const out = {};
for (const format of ['html', 'xlsx', 'docx']) {
  out[format] = join(TMP, `report.${format}`);
  run(process.execPath, [CLI, 'report', '--format', format, '-o', out[format], drafts]);
  console.log(`wrote ${out[format]}`);
}

// html: screen (top of the page) and print (A4 landscape, first pages)
const { chromium } = require('playwright-core');
const browser = await chromium.launch({
  executablePath: ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p)),
  args: ['--no-sandbox'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, deviceScaleFactor: 1 });
  await page.goto('file://' + out.html);
  await page.screenshot({ path: join(SHOTS, 'report-html.png') });
  await page.locator('#indicators').scrollIntoViewIfNeeded();
  await page.locator('#indicators').screenshot({ path: join(TMP, 'report-html-indicators.png') });
  // the sort script: click "Findings" in the overview
  await page
    .locator('#overview thead th', { hasText: /问题|Findings/ })
    .first()
    .click();
  await page
    .locator('#overview thead th', { hasText: /问题|Findings/ })
    .first()
    .click();
  await page.locator('#overview').screenshot({ path: join(TMP, 'report-html-sorted.png') });
  await page.pdf({ path: join(TMP, 'report-html.pdf'), landscape: true, format: 'A4', printBackground: true });
  console.log('html screenshots done');
} finally {
  await browser.close();
}
run('pdftoppm', [
  '-png',
  '-r',
  '70',
  '-f',
  '1',
  '-l',
  allPages ? '99' : '3',
  join(TMP, 'report-html.pdf'),
  join(TMP, 'report-html-print'),
]);

// one 审查意见 for a draft with weakened targets and a missing domain (the README's screenshot)
out.single = join(TMP, 'single.docx');
run(process.execPath, [CLI, 'report', '--format', 'docx', '-o', out.single, join(drafts, 'jinlin-district-2021-2025_m1.txt')]);

// docx (and xlsx, when LibreOffice Calc is installed) through LibreOffice
for (const format of ['single', 'docx', 'xlsx']) {
  const pdf = join(TMP, format === 'single' ? 'single.pdf' : 'report.pdf');
  rmSync(pdf, { force: true });
  spawnSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', TMP, out[format]], {
    encoding: 'utf8',
    env: { ...process.env, HOME: join(TMP, 'lo-home') },
    timeout: 180000,
  });
  if (!existsSync(pdf)) {
    console.log(
      `${format}: LibreOffice could not load it${format === 'xlsx' ? ' (is libreoffice-calc installed?)' : ''}; skipped`,
    );
    continue;
  }
  const pdfOf = join(TMP, `report-${format}.pdf`);
  run('mv', [pdf, pdfOf]);
  run('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', allPages ? '99' : '3', pdfOf, join(TMP, `report-${format}`)]);
  console.log(`${format} → pdf → png done`);
}
const first = (prefix) =>
  readdirSync(TMP)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.png'))
    .sort()[0];
for (const [prefix, name] of [
  ['report-single-', 'report-docx.png'],
  ['report-html-print-', 'report-html-print.png'],
]) {
  // (the README also shows page 2 of the single 审查意见: copy report-single-2.png to report-docx-finding.png)
  const f = first(prefix);
  if (f) copyFileSync(join(TMP, f), join(SHOTS, name));
}
console.log(
  `PNGs in ${TMP}; kept: ${['report-html.png', 'report-html-print.png', 'report-docx.png'].filter((f) => existsSync(join(SHOTS, f))).join(', ')}`,
);
