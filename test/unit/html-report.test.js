// `planlint check --format html`: a self-contained report (no scripts, no remote content) with the
// 7 domains, every target beside its upstream figure, and the findings.
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');
const cli = path.join(root, 'dist', 'cli.js');

describe('check --format html', function () {
  this.timeout(30000);
  it('reports a mutant: missing domain, weaker targets beside the upstream figure, findings', () => {
    const mutant = path.join(root, 'test', 'fixtures', 'mutants', 'qujiang-district-2021-2030_m2.txt');
    const original = path.join(root, 'test', 'fixtures', 'corpus', 'qujiang-district-2021-2030.txt');
    const r = spawnSync(process.execPath, [cli, 'check', '--format', 'html', '--upstream', original, mutant], {
      encoding: 'utf8',
    });
    assert.equal(r.status, 1, r.stderr);
    const html = r.stdout;
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
    assert.doesNotMatch(html, /<script|https?:\/\/(?!www\.w3)/);
    assert.match(html, /✘ 儿童与安全 — 缺失/); // the removed domain
    // the weakened 小学生近视率 (46% vs 38%) is a "weaker" row with both figures
    assert.match(html, /<tr class="bad">\s*<td>健康<\/td><td>小学生近视率<\/td>\s*<td class="num">≤46%[^]*?≤38%/);
    assert.match(html, /<code>weaker-target<\/code>/);
  });
  it('escapes text from the plan', () => {
    const fs = require('node:fs');
    const os = require('node:os');
    const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pl-html-')), 'x.txt');
    fs.writeFileSync(
      f,
      '某区<script>儿童发展规划（2021—2030年）\n（一）儿童与健康\n主要目标：\n1. <b>婴儿死亡率</b>降至9‰以下。\n',
    );
    const r = spawnSync(process.execPath, [cli, 'check', '--format', 'html', f], { encoding: 'utf8' });
    assert.doesNotMatch(r.stdout, /<script>|<b>/);
    assert.match(r.stdout, /&lt;script&gt;/);
  });
});
