// `planlint check --format json` stays linear in the document (issue 10, bench section G): a plan
// whose targets all sit on one long line gives each comparison row a window of that line, not the
// line (1,000 rows × a 64 KB line was 107 MB of JSON and 18 s), and columns are code points.
// Needs the bundles (`npm run build`). Runs dist/cli.js as a child process.
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');

function checkJson(text) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-bounds-'));
  try {
    const file = path.join(dir, 'plan.txt');
    fs.writeFileSync(file, text);
    const r = spawnSync(process.execPath, [CLI, 'check', '--no-config', '--format', 'json', file], {
      encoding: 'utf8',
      maxBuffer: 256 << 20,
    });
    assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
    return { out: r.stdout, json: JSON.parse(r.stdout) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const HEAD = '某区儿童发展规划（2021—2030年）\n（一）儿童与健康\n主要目标：\n';

describe('check --format json: output bounded by the document', function () {
  this.timeout(120000);

  it('targets on one 64 KB line: each row carries a window of the line, the output grows linearly', () => {
    const unit = '婴儿死亡率控制在5‰以下，孕产妇死亡率下降到12/10万以下，';
    const line = unit.repeat(Math.ceil(64000 / unit.length));
    const { out, json } = checkJson(HEAD + line + '\n');
    const { rows, omittedRows } = json.files[0].comparison;
    // thousands of targets: the listed rows are capped (test/unit/listed-rows.test.js), the others counted
    assert.ok(rows.length + omittedRows > 1000, `${rows.length} + ${omittedRows} rows`);
    assert.equal(rows.length, 500);
    for (const r of rows) assert.ok(r.draft.text.length <= 242, `draft text of ${r.draft.text.length} characters`);
    // the row's own figure is inside its window
    const last = rows[rows.length - 1];
    assert.ok(last.draft.text.includes(String(last.draft.value)), last.draft.text);
    // linear: a few hundred bytes per row, not the line per row (64 KB × rows)
    assert.ok(out.length < rows.length * 4096, `${out.length} bytes for ${rows.length} rows`);
  });

  it('columns count code points: an astral character before a target counts as one', () => {
    const { json } = checkJson(HEAD + '😀婴儿死亡率控制在5‰以下。\n');
    const row = json.files[0].comparison.rows.find((r) => r.line === 4);
    assert.ok(row, JSON.stringify(json.files[0].comparison.rows));
    const plain = checkJson(HEAD + '婴儿死亡率控制在5‰以下。\n').json.files[0].comparison.rows.find((r) => r.line === 4);
    assert.equal(row.column, plain.column + 1);
  });
});
