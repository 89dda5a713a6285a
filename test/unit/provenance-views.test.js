// Every output format of `planlint check` says, for each upstream figure, what kind of source it has:
// the official text of a file the user supplied (file, position, quoted sentence) or a built-in figure
// reconstructed from named sources and not checked against the official text. No view calls a built-in
// figure official. Text, JSON (findings and comparison rows), SARIF and HTML; the LSP views (hover, inlay
// hint, comparison, status) are walked in test/lsp/features.test.js.
'use strict';
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const FIX = path.join(ROOT, 'test', 'fixtures', 'cli');
const ARGS = ['--upstream', 'national', '--upstream', './city-upstream.txt', 'weaker.md'];
const BUILTIN = '中国儿童发展纲要（2021—2030年）';
const CITY = '某市儿童发展规划（2021—2030年）';

function run(args) {
  const e = { ...process.env };
  for (const k of ['LANG', 'LANGUAGE', 'LC_ALL', 'LC_MESSAGES', 'PLANLINT_LOCALE']) delete e[k];
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: FIX, env: e, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return r;
}

/** The kind a figure must carry: official iff it comes from the plan file the user gave. */
const expectedKind = (title, confidenceLowNoSource) =>
  title === CITY ? 'official' : confidenceLowNoSource ? 'unsourced' : 'reconstructed';

describe('provenance in every output format', function () {
  this.timeout(120000);
  let data;
  before(() => {
    const r = run(['check', '--format', 'json', ...ARGS]);
    data = JSON.parse(r.stdout);
  });

  it("json: every finding's upstream figure and every comparison row's upstream figure carries its kind of source", () => {
    const f = data.files[0];
    assert.deepEqual(
      f.upstream.map((u) => [u.title, u.kind]),
      [
        [BUILTIN, 'reconstructed'],
        [CITY, 'official'],
      ],
    );
    const figures = [
      ...f.findings.filter((x) => x.upstream).map((x) => x.upstream),
      ...f.comparison.rows.flatMap((r) => r.upstream),
      ...f.comparison.missing.map((m) => m.upstream),
    ];
    assert.ok(figures.length > 10);
    for (const u of figures) {
      const p = u.provenance;
      assert.ok(p, JSON.stringify(u));
      const unsourced = u.evidence.every((e) => /^unverified:/.test(e));
      assert.equal(p.kind, expectedKind(u.baselineTitle, unsourced), `${u.baselineTitle} ${u.indicator}`);
      if (p.kind === 'official') {
        assert.match(p.text, /^上级规划原文（city-upstream\.txt，第 \d+ 行）：「.+」$/);
        assert.ok(Number.isInteger(p.official.line) && p.official.line >= 1);
        if (u.line !== undefined) assert.equal(p.official.line, u.line);
      } else {
        assert.match(p.text, /^内置数值，.*尚未与官方原文核对$/);
        assert.doesNotMatch(p.text, /上级规划原文/);
      }
      assert.ok(u.indicator, 'the upstream indicator is named');
      assert.match(p.confidenceDefinition, /#confidence-levels$/);
    }
    // the comparison is data: every draft target is a row, with its verdict
    assert.equal(f.comparison.rows.length, JSON.parse(run(['extract', '--format', 'json', 'weaker.md']).stdout).targets.length);
    for (const r of f.comparison.rows) assert.ok(['ok', 'weaker', 'horizon', 'unmatched'].includes(r.verdict));
    assert.ok(
      f.comparison.rows.some((r) => r.upstream.length === 0 && r.verdict === 'unmatched') ||
        f.comparison.rows.every((r) => r.upstream.length),
    );
    assert.deepEqual(Object.keys(data.confidence.labels), ['high', 'medium', 'low']);
  });

  it('text: every upstream finding says its kind of source; the summary names each upstream and its kind; the labels are defined one line below', () => {
    const r = run(['check', ...ARGS]);
    const lines = r.stdout.trimEnd().split('\n');
    const upstreamLines = lines.filter((l) => /\[(weaker-target|missing-target)\]/.test(l));
    assert.ok(upstreamLines.length > 5);
    for (const l of upstreamLines) {
      if (l.includes(`弱于${CITY}`) || l.includes(`${CITY}在`))
        assert.match(l, /上级数值出自原文 city-upstream\.txt（第 \d+ 行）。/, l);
      else assert.match(l, /上级数值为内置(重建数值（依据 .+）|数值，没有来源)，尚未与官方原文核对。/, l);
    }
    const summary = lines[lines.length - 2];
    assert.ok(summary.includes(`${BUILTIN}（内置，依据二手来源重建，未与官方原文核对）`), summary);
    assert.ok(summary.includes(`${CITY}（用户提供的原文 city-upstream.txt）`), summary);
    assert.match(lines[lines.length - 1], /^可信度：高 = /);
  });

  it('sarif: results carry the upstream provenance; the rules comparing with upstream define the confidence labels', () => {
    const log = JSON.parse(run(['check', '--format', 'sarif', ...ARGS]).stdout);
    const run0 = log.runs[0];
    const withUp = run0.results.filter((x) => x.properties.upstream);
    assert.ok(withUp.length > 5);
    for (const x of withUp) {
      const u = x.properties.upstream;
      assert.equal(
        u.provenance.kind,
        expectedKind(
          u.baselineTitle,
          u.evidence.every((e) => /^unverified:/.test(e)),
        ),
      );
      assert.ok(
        x.relatedLocations.some((l) => l.message.text.includes(u.provenance.kind === 'official' ? '上级规划原文' : '内置数值')),
      );
    }
    for (const id of ['weaker-target', 'missing-target']) {
      const rule = run0.tool.driver.rules.find((r) => r.id === id);
      assert.match(rule.help.markdown, /可信度：高 = .+#confidence-levels/);
    }
  });

  it('html: each upstream figure names its indicator and its kind of source; the confidence footnote defines the labels', () => {
    const html = run(['check', '--format', 'html', ...ARGS]).stdout;
    const f = data.files[0];
    const expected = f.comparison.rows.reduce((n, r) => n + r.upstream.length, 0) + f.comparison.missing.length;
    const spans = [...html.matchAll(/<span class="prov prov-(\w+)">([^<]*)<\/span>/g)];
    assert.equal(spans.length, expected);
    // each figure block: document title, then its source line
    const blocks = [
      ...html.matchAll(
        /<span class="muted">([^<]*) · <a href="#confidence">[^<]*<\/a><\/span><br><span class="prov prov-(\w+)">([^<]*)<\/span>/g,
      ),
    ];
    assert.equal(blocks.length, expected);
    for (const [, title, kind, text] of blocks) {
      if (title === CITY) {
        assert.equal(kind, 'official');
        assert.match(text, /上级规划原文（city-upstream\.txt/);
      } else {
        assert.notEqual(kind, 'official');
        assert.match(text, /^内置数值/);
      }
    }
    assert.match(html, /<footer id="confidence">[^]*高 = [^]*中 = [^]*低 = [^]*docs\/PROVENANCE.md#confidence-levels/);
    assert.doesNotMatch(html, /https?:\/\//, 'self-contained: no remote link');
    assert.match(html, /<span class="ind">婴儿死亡率<\/span>/);
  });
});
