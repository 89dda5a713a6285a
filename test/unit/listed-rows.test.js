// Comparison rows are listed at most MAX_LISTED_ROWS times in every output (CLI JSON and HTML, the editor's
// comparison view): a pathological draft with tens of thousands of targets made 20–30 MB of JSON and a 21 MB
// planlint/comparison reply. The rows a reviewer acts on (weaker, another year's) are always listed; the counts
// cover every row.
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { listedRows, verdictCounts, MAX_LISTED_ROWS } = require('../../dist/core.js');
const { LspClient } = require('../lsp/helpers/lsp-client');

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');

/** A draft with `n` numbered 婴儿死亡率 targets, one in a hundred weaker than the national 5‰. */
function manyTargets(n) {
  const lines = ['某区儿童发展规划（2021—2030年）', '一、儿童与健康', '主要目标：'];
  for (let i = 1; i <= n; i++) lines.push(`${i}.婴儿死亡率控制在${i % 100 === 7 ? 9 : 5}‰以下。`);
  return lines.join('\n') + '\n';
}

describe('listed comparison rows', () => {
  it('lists every row under the cap, in order', () => {
    const rows = ['ok', 'weaker', 'ok'].map((verdict, i) => ({ i, verdict }));
    assert.deepEqual(listedRows(rows, 3), { rows, omitted: 0 });
  });

  it('over the cap: weaker rows, then another year’s, then the others, shown in document order', () => {
    const verdicts = ['ok', 'ok', 'horizon', 'ok', 'weaker', 'unmatched', 'weaker', 'ok', 'horizon', 'ok'];
    const rows = verdicts.map((verdict, i) => ({ i, verdict }));
    const l = listedRows(rows, 5);
    assert.equal(l.omitted, 5);
    assert.deepEqual(
      l.rows.map((r) => r.i),
      [0, 2, 4, 6, 8],
    );
    assert.deepEqual(
      listedRows(rows, 2).rows.map((r) => r.i),
      [4, 6],
    );
    assert.deepEqual(listedRows(rows, 0), { rows: [], omitted: 10 });
    assert.deepEqual(verdictCounts(rows), { ok: 5, weaker: 2, horizon: 2, unmatched: 1 });
  });

  describe('in the outputs', function () {
    this.timeout(60000);
    let dir;
    let file;
    const n = MAX_LISTED_ROWS + 200;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-rows-'));
      file = path.join(dir, 'many.txt');
      fs.writeFileSync(file, manyTargets(n));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('CLI JSON: at most MAX_LISTED_ROWS rows, every weaker one, the count of those left out and all counts', () => {
      const r = spawnSync(process.execPath, [CLI, 'check', '--no-config', '--format', 'json', file], { encoding: 'utf8' });
      assert.equal(r.status, 1, r.stderr);
      const c = JSON.parse(r.stdout).files[0].comparison;
      assert.equal(c.rows.length, MAX_LISTED_ROWS);
      assert.equal(c.omittedRows, n - MAX_LISTED_ROWS);
      assert.deepEqual(c.counts, { ok: n - 7, weaker: 7, horizon: 0, unmatched: 0 });
      assert.equal(c.rows.filter((x) => x.verdict === 'weaker').length, 7);
      const lines = c.rows.map((x) => x.line);
      assert.deepEqual(
        lines,
        [...lines].sort((a, b) => a - b),
        'document order',
      );
      // a plan under the cap keeps its shape: no omittedRows, no counts
      const small = path.join(dir, 'small.txt');
      fs.writeFileSync(small, manyTargets(20));
      const s = JSON.parse(
        spawnSync(process.execPath, [CLI, 'check', '--no-config', '--format', 'json', small], { encoding: 'utf8' }).stdout,
      );
      assert.equal(s.files[0].comparison.rows.length, 20);
      assert.ok(!('omittedRows' in s.files[0].comparison) && !('counts' in s.files[0].comparison));
    });

    it('CLI HTML: says how many of how many targets it lists', () => {
      const r = spawnSync(process.execPath, [CLI, 'check', '--no-config', '--format', 'html', file], { encoding: 'utf8' });
      assert.match(r.stdout, new RegExp(`仅列出 ${n} 个目标中的 ${MAX_LISTED_ROWS} 个`));
    });

    it('planlint/comparison: a bounded reply with the counts of every row', async () => {
      const c = await LspClient.start({ settings: { debounceMs: 0 } });
      try {
        const uri = 'untitled:many';
        c.open(uri, manyTargets(n));
        await c.fullDiagnostics(uri, 1, 30000);
        const cmp = await c.request('planlint/comparison', { uri });
        assert.equal(cmp.rows.length, MAX_LISTED_ROWS);
        assert.equal(cmp.omittedRows, n - MAX_LISTED_ROWS);
        assert.deepEqual(cmp.counts, { ok: n - 7, weaker: 7, horizon: 0, unmatched: 0 });
        assert.ok(JSON.stringify(cmp).length < 1024 * 1024, 'reply ≤ 1 MB');
      } finally {
        await c.stop();
      }
    });
  });
});
