// `planlint report`: the reviewer deliverables read back with independent readers and checked against the
// CLI's JSON findings and the core's comparison rows — every finding and every comparison row present, with
// equal numbers. xlsx: exceljs reading the file; docx: mammoth (HTML of the document, its tables); html: text.
// Needs the bundles (npm run build): dist/cli.js, dist/report.js, dist/core.js, dist/node.js.
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const ExcelJS = require('exceljs');
const mammoth = require('mammoth');

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

function env() {
  const e = { ...process.env };
  for (const k of ['LANG', 'LANGUAGE', 'LC_ALL', 'LC_MESSAGES', 'PLANLINT_LOCALE', 'PLANLINT_DEBUG']) delete e[k];
  return e;
}
function cli(args, cwd) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd, env: env(), encoding: 'utf8', maxBuffer: 64 << 20 });
}
const decodeHtml = (s) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
const cellText = (v) =>
  v == null
    ? ''
    : typeof v === 'object'
      ? (v.text ?? (v.richText ? v.richText.map((x) => x.text).join('') : String(v.result ?? '')))
      : String(v);

describe('planlint report (html, xlsx, docx)', function () {
  this.timeout(120000);
  let dir;
  let drafts;
  let json; // check --format json over the same folder
  let expected; // per file: { file, rows, missing } from the core's compare()

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-reports-'));
    drafts = path.join(dir, 'drafts');
    fs.mkdirSync(drafts);
    // three corpus plans and two mutants: a missing domain and weakened targets
    for (const f of fs.readdirSync(path.join(ROOT, 'test', 'fixtures', 'corpus')))
      if (f.endsWith('.txt')) fs.copyFileSync(path.join(ROOT, 'test', 'fixtures', 'corpus', f), path.join(drafts, f));
    for (const f of ['qujiang-district-2021-2030_m2.txt', 'jinlin-district-2021-2025_m1.txt'])
      fs.copyFileSync(path.join(ROOT, 'test', 'fixtures', 'mutants', f), path.join(drafts, f));
    // a short synthetic draft: one domain, one weaker target, upstream main targets missing
    fs.writeFileSync(
      path.join(drafts, 'zz-short-draft.txt'),
      '某某区儿童发展规划（2021—2030年）\n\n一、儿童与健康\n（一）主要目标\n1. 新生儿死亡率控制在4‰以下。\n2. 婴儿死亡率控制在5‰以下。\n（二）策略措施\n1. 加强妇幼健康服务。\n',
    );
    const r = cli(['check', '--format', 'json', drafts], dir);
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    json = JSON.parse(r.stdout);
    const core = require(path.join(ROOT, 'dist', 'core.js'));
    const node = require(path.join(ROOT, 'dist', 'node.js'));
    const seg = node.tryLoadSegmenter();
    const national = core.getBuiltinBaseline('national');
    expected = json.files.map((f) => {
      const plan = core.parsePlan(node.readPlanFile(f.file).text);
      const findings = core.checkPlan(plan, [national], { config: node.defaultConfig(), locale: 'zh-cn', segmenter: seg });
      assert.equal(findings.length, f.findings.length, `${f.file}: the core and the CLI agree on the findings`);
      return { file: f.file, ...core.compare(plan, [national], findings, seg) };
    });
    assert.ok(
      expected.some((e) => e.rows.some((r) => r.verdict === 'weaker')),
      'the fixtures have weaker targets',
    );
    assert.ok(
      expected.some((e) => e.missing.length),
      'the fixtures have missing targets',
    );
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('xlsx: summary matrix, one sheet per draft with every comparison row, every finding; numbers as numbers', async () => {
    const out = path.join(dir, 'r.xlsx');
    const r = cli(['report', '--format', 'xlsx', '-o', out, drafts], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^已写入 .*r\.xlsx\n$/); // no progress when stderr is not a terminal
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const [summary] = wb.worksheets;
    assert.equal(summary.views[0].state, 'frozen');
    assert.equal(summary.views[0].ySplit, 1);
    assert.ok(summary.autoFilter, 'the summary has a filter');
    const head = summary.getRow(1).values.slice(1).map(cellText);
    const sheetCol = head.indexOf('工作表') + 1;
    const findingsCol = head.indexOf('问题') + 1;
    assert.ok(sheetCol > 0 && findingsCol > 0, head.join('|'));
    assert.equal(summary.rowCount, 1 + json.files.length);
    // the findings sheet
    const fsheet = wb.getWorksheet('问题');
    assert.ok(fsheet, 'a findings sheet');
    const fh = fsheet.getRow(1).values.slice(1).map(cellText);
    const col = (name) => fh.indexOf(name) + 1;
    const frows = [];
    fsheet.eachRow((row, n) => {
      if (n > 1) frows.push(row);
    });
    const total = json.files.reduce((n, f) => n + f.findings.length, 0);
    assert.equal(frows.length, total, 'one row per finding');
    json.files.forEach((f, i) => {
      const srow = summary.getRow(i + 2);
      assert.equal(srow.getCell(findingsCol).value, f.findings.length, `${f.file}: findings count`);
      for (const x of f.findings) {
        const hit = frows.find(
          (row) =>
            row.getCell(col('文件')).value === f.file &&
            row.getCell(col('行')).value === x.line &&
            row.getCell(col('列')).value === x.column &&
            row.getCell(col('规则')).value === x.rule &&
            row.getCell(col('说明')).value === x.message,
        );
        assert.ok(hit, `${f.file}:${x.line}:${x.column} ${x.rule} in the findings sheet`);
        if (x.upstream) assert.equal(hit.getCell(col('上级值')).value, x.upstream.value);
        if (x.draft) assert.equal(hit.getCell(col('规划值')).value, x.draft.value);
      }
      // the draft's own sheet: every comparison row beside each upstream figure, and the missing targets
      const ws = wb.getWorksheet(cellText(srow.getCell(sheetCol).value));
      assert.ok(ws, `sheet for ${f.file}`);
      assert.equal(ws.views[0].ySplit, 1);
      assert.ok(ws.autoFilter);
      const h = ws.getRow(1).values.slice(1).map(cellText);
      const c = (name) => h.indexOf(name) + 1;
      const rows = [];
      ws.eachRow((row, n) => {
        if (n > 1) rows.push(row);
      });
      const e = expected[i];
      const want = e.rows.reduce((n, x) => n + Math.max(1, x.upstream.length), 0) + e.missing.length;
      assert.equal(rows.length, want, `${f.file}: one line per target and upstream figure, plus the missing ones`);
      for (const x of e.rows) {
        // the same indicator can sit twice on a line (a 2025 and a 2030 figure): line, indicator and value identify it
        const mine = rows.filter(
          (row) =>
            row.getCell(c('行')).value === x.line + 1 &&
            row.getCell(c('指标')).value === x.indicator &&
            row.getCell(c('规划值')).value === x.draft.value,
        );
        assert.ok(
          mine.length >= Math.max(1, x.upstream.length),
          `${f.file}: ${x.indicator} ${x.draft.value} (line ${x.line + 1})`,
        );
        for (const row of mine) assert.equal(typeof row.getCell(c('规划值')).value, 'number');
        for (const u of x.upstream) {
          const hit = mine.find(
            (row) => row.getCell(c('上级值')).value === u.value && row.getCell(c('上级指标')).value === u.indicator,
          );
          assert.ok(hit, `${f.file}: ${x.indicator} beside ${u.indicator} ${u.value}`);
          assert.match(cellText(hit.getCell(c('上级文件')).value), /中国儿童发展纲要/);
          assert.match(cellText(hit.getCell(c('可信度')).value), /^[高中低]$/);
        }
      }
      for (const m of e.missing) {
        assert.ok(
          rows.some(
            (row) =>
              row.getCell(c('上级指标')).value === m.upstream.indicator &&
              row.getCell(c('上级值')).value === m.upstream.value &&
              row.getCell(c('结论')).value === '规划缺少该目标',
          ),
          `${f.file}: missing ${m.indicator}`,
        );
      }
    });
  });

  it('docx: a chapter per draft with every finding (text, upstream figure, suggestion) and every comparison row', async () => {
    const out = path.join(dir, 'r.docx');
    const r = cli(['report', '--format', 'docx', '-o', out, drafts], dir);
    assert.equal(r.status, 0, r.stderr);
    const { value: html } = await mammoth.convertToHtml({ path: out });
    const text = decodeHtml(html.replace(/<[^>]+>/g, '\n'));
    const chapters = text.split(/\n(?=关于《)/).filter((c) => c.startsWith('关于《'));
    assert.equal(chapters.length, json.files.length, 'one chapter per draft');
    json.files.forEach((f, i) => {
      const ch = chapters[i];
      assert.match(ch, /一、总体意见/);
      if (f.findings.length) assert.match(ch, /二、分领域意见/);
      for (const x of f.findings) {
        assert.ok(ch.includes(x.message), `${f.file}: finding "${x.message}"`);
        assert.ok(ch.includes(`第 ${x.line} 行`), `${f.file}: line ${x.line}`);
        if (x.upstream)
          assert.ok(ch.includes(`${x.upstream.value}${x.upstream.unit}`), `${f.file}: upstream ${x.upstream.value}`);
        if (x.fix) assert.ok(ch.includes(`修改建议：${x.fix.title}`), `${f.file}: suggestion ${x.fix.title}`);
      }
    });
    // the appendix tables: every comparison row, its line and figures
    const tables = [...html.matchAll(/<table>([^]*?)<\/table>/g)].map((m) =>
      [...m[1].matchAll(/<tr>([^]*?)<\/tr>/g)].map((tr) =>
        [...tr[1].matchAll(/<td>([^]*?)<\/td>/g)].map((td) => decodeHtml(td[1].replace(/<[^>]+>/g, ''))),
      ),
    );
    const withRows = expected.filter((e) => e.rows.length || e.missing.length);
    assert.equal(tables.length, withRows.length, 'one appendix table per draft with targets');
    withRows.forEach((e, i) => {
      const body = tables[i].slice(1);
      assert.equal(body.length, e.rows.length + e.missing.length, `${e.file}: appendix rows`);
      for (const x of e.rows) {
        const hit = body.find(
          (cells) =>
            cells[1] === x.indicator &&
            cells[5] === String(x.line + 1) &&
            new RegExp(`(^|[^\\d.])${String(x.draft.value).replace('.', '\\.')}(?![\\d.])`).test(cells[2]),
        );
        assert.ok(hit, `${e.file}: ${x.indicator} ${x.draft.value} line ${x.line + 1} in the appendix`);
        for (const u of x.upstream) assert.ok(hit[3].includes(`${u.value}${u.unit}`), `${e.file}: upstream ${u.value}${u.unit}`);
      }
    });
  });

  it('docx into a folder: one 审查意见 per plan', async () => {
    const outDir = path.join(dir, 'opinions') + path.sep;
    const r = cli(['report', '--format', 'docx', '-o', outDir, drafts], dir);
    assert.equal(r.status, 0, r.stderr);
    const files = fs.readdirSync(outDir).sort();
    assert.deepEqual(files, json.files.map((f) => path.basename(f.file).replace(/\.txt$/, '.docx')).sort());
    const { value } = await mammoth.extractRawText({ path: path.join(outDir, files[0]) });
    assert.equal(value.match(/关于《/g).length, 1);
  });

  it('html: the cross-draft matrix first, then every draft with every finding; self-contained; A4 landscape', () => {
    const r = cli(['report', '--format', 'html', drafts], dir);
    assert.equal(r.status, 0, r.stderr);
    const html = r.stdout;
    assert.match(html, /^<!DOCTYPE html>/);
    // nothing loaded from elsewhere (evidence URLs are text); the CSP forbids it anyway
    assert.doesNotMatch(html, /<(?:link|img|iframe|object)\b|\ssrc=|url\(/);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
    assert.match(html, /@page\{size:A4 landscape/);
    const overview = /<table class="matrix sortable" id="overview">([^]*?)<\/table>/.exec(html)[1];
    assert.equal((overview.match(/<tr>/g) || []).length, 1 + json.files.length);
    const indicators = /<table class="matrix sortable" id="indicators">([^]*?)<\/table>/.exec(html)[1];
    // the weakened 小学生近视率 of the qujiang mutant: 46% against 38%, coloured as weaker
    assert.match(indicators, /<td class="s-weaker"[^>]*>≤46%<\/td>/);
    assert.match(indicators, /class="s-missing"/);
    assert.ok(html.indexOf('id="indicators"') < html.indexOf('<section'), 'matrix before the sections');
    const text = decodeHtml(html);
    for (const f of json.files) for (const x of f.findings) assert.ok(text.includes(x.message), `${f.file}: ${x.message}`);
    // check --format html keeps working and stays script-free
    const c = cli(['check', '--format', 'html', drafts], dir);
    assert.match(c.stdout, /^<!DOCTYPE html>/);
    assert.doesNotMatch(c.stdout, /<script/);
  });

  it('html matrix with an upstream plan file: its columns cite the official text, never a built-in reconstruction', () => {
    const upstream = path.join(ROOT, 'test', 'fixtures', 'corpus', 'huludao-city-2021-2030.txt');
    const draft = path.join(drafts, 'qujiang-district-2021-2030.txt');
    const r = cli(['report', '--format', 'html', '--locale', 'en', '--upstream', upstream, draft], dir);
    assert.equal(r.status, 0, r.stderr);
    const heads = [...decodeHtml(r.stdout).matchAll(/<th class="[^"]*" title="(Upstream source: [^"]*)"/g)].map((m) => m[1]);
    assert.ok(heads.length > 5, `only ${heads.length} upstream columns`);
    for (const head of heads) {
      assert.match(head, /official text of huludao-city-2021-2030\.txt, line \d+/);
      assert.doesNotMatch(head, /built-in/);
    }
  });

  it('progress: on a terminal (util-linux script gives the CLI a TTY) a progress line on stderr, erased at the end', function () {
    if (spawnSync('script', ['--version'], { encoding: 'utf8' }).status !== 0) this.skip();
    const out = path.join(dir, 'tty.xlsx');
    const cmd = [process.execPath, CLI, 'report', '--format', 'xlsx', '-o', out, drafts].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { env: env(), encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    // eslint-disable-next-line no-control-regex -- the progress line is redrawn with ESC [2K
    assert.match(r.stdout, /\r\x1b\[2Kplanlint: 第 1 个，共 6 个文件/);
    // eslint-disable-next-line no-control-regex -- as above
    assert.match(r.stdout, /正在生成 xlsx 报告…\r\x1b\[2K已写入 /);
  });

  it('usage: a format report does not take is exit 2 with one line; nothing but the report on stdout', () => {
    const r = cli(['report', '--format', 'json', drafts], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^planlint: --format json：report 只支持 html、xlsx 或 docx\n$/);
    const en = cli(['report', '--locale', 'en', '--format', 'json', drafts], dir);
    assert.equal(en.status, 2);
    assert.match(en.stderr, /^planlint: --format json: report takes html, xlsx or docx\n$/);
    const j = cli(['check', '--format', 'json', drafts], dir);
    assert.equal(j.stderr, '', 'no progress in piped --format json output');
  });
});
