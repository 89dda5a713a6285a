// `planlint baselines import` and `planlint baselines verify` through the CLI (dist/cli.js):
//  - import of each corpus plan gives the targets `extract` gives, each with official-text evidence whose
//    quoted sentence is found at its line and column in the file, and the file validates against the schema;
//  - an imported baseline is found by id under .planlint/baselines/ (from --upstream and .planlintrc.json),
//    and its figures are reported as official text;
//  - verify national against a text made from the baseline itself, with some figures changed, reports exactly
//    those as differs; --write gives a corrected baseline that validates against the schema.
'use strict';
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const Ajv2020 = require('ajv/dist/2020');
const addFormats = require('ajv-formats');
const core = require('../../dist/core.js');

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const CORPUS = path.join(ROOT, 'test', 'fixtures', 'corpus');
const SCHEMA = JSON.parse(fs.readFileSync(path.join(ROOT, 'server', 'data', 'baselines', 'baseline.schema.json'), 'utf8'));

function run(args, cwd) {
  const e = { ...process.env };
  for (const k of ['LANG', 'LANGUAGE', 'LC_ALL', 'LC_MESSAGES', 'PLANLINT_LOCALE']) delete e[k];
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env: e, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function validator() {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  return ajv.compile(SCHEMA);
}

function tmpdir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-import-'));
}

/** A plan text made from a baseline file: every target as a 主要目标 item, `change` indicators with another figure. */
function textFromBaseline(file, change) {
  const labels = {
    健康: '儿童与健康',
    安全: '儿童与安全',
    教育: '儿童与教育',
    福利: '儿童与福利',
    家庭: '儿童与家庭',
    环境: '儿童与环境',
    法律保护: '儿童与法律保护',
  };
  const cn = ['一', '二', '三', '四', '五', '六', '七'];
  const lines = [file.title, ''];
  Object.keys(labels).forEach((d, di) => {
    lines.push(`（${cn[di]}）${labels[d]}`, '主要目标：');
    file.targets
      .filter((t) => t.domain === d)
      .forEach((t, i) => {
        const v = change.has(t.indicator) ? (t.kind === 'max' ? t.value + 1 : t.value - 1) : t.value;
        let s;
        if (t.measure === 'relative_reduction') s = `${t.indicator}以${t.baselineYear}年为基数下降${v}${t.unit}。`;
        else if (t.kind === 'max') s = `${t.indicator}降至${v}${t.unit}以下。`;
        else s = `${t.indicator}达到${v}${t.unit}以上。`;
        lines.push(`${i + 1}. ${s}`);
      });
    lines.push('策略措施：', '1. 加强组织领导。', '');
  });
  return lines.join('\n') + '\n';
}

describe('baselines import', function () {
  this.timeout(120000);
  const files = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.txt'));

  for (const f of files) {
    it(`${f}: the targets extract gives, each with its sentence found at its position; valid against the schema`, () => {
      const dir = tmpdir();
      const src = path.join(dir, f);
      fs.copyFileSync(path.join(CORPUS, f), src);
      const id = f.replace(/\.txt$/, '').toLowerCase();
      const r = run(['baselines', 'import', f, '--id', id], dir);
      assert.equal(r.code, 0, r.stderr);
      const out = path.join(dir, '.planlint', 'baselines', `${id}.json`);
      const json = JSON.parse(fs.readFileSync(out, 'utf8'));
      const validate = validator();
      assert.ok(validate(json), JSON.stringify(validate.errors, null, 2));
      assert.ok(
        fs.existsSync(path.join(dir, '.planlint', 'baselines', 'baseline.schema.json')),
        'the schema is written beside it',
      );
      const ex = JSON.parse(run(['extract', '--format', 'json', f], dir).stdout);
      assert.ok(ex.targets.length > 0);
      assert.deepEqual(
        json.targets.map((t) => [t.domain, t.indicator, t.kind, t.value, t.unit]),
        ex.targets.map((t) => [t.domain, t.indicator, t.kind, t.value, t.unit]),
      );
      const lines = core.parsePlan(fs.readFileSync(src, 'utf8')).lines;
      json.targets.forEach((t, i) => {
        const [e] = t.evidence;
        assert.equal(typeof e, 'object', 'official-text evidence first');
        assert.equal(path.resolve(path.dirname(out), e.file), src, 'the file, relative to the baseline file');
        assert.equal(e.line, ex.targets[i].line);
        const chars = Array.from(lines[e.line - 1]);
        assert.equal(
          chars.slice(e.column - 1, e.column - 1 + Array.from(e.quote).length).join(''),
          e.quote,
          `L${e.line}: ${e.quote}`,
        );
        assert.ok(
          e.quote.includes(String(t.value)) || e.quote.includes(ex.targets[i].value.toFixed(1)),
          `the figure is in its sentence: ${e.quote}`,
        );
        assert.equal(t.confidence, 'high');
      });
      assert.equal(path.resolve(path.dirname(out), json.source.file), src);
      assert.match(json.source.sha256, /^[0-9a-f]{64}$/);
    });
  }

  it('an imported baseline is used by id (--upstream and .planlintrc.json), listed, and its figures are official text', () => {
    const dir = tmpdir();
    const f = files.find((x) => x.startsWith('jinlin'));
    fs.copyFileSync(path.join(CORPUS, f), path.join(dir, 'city.txt'));
    fs.writeFileSync(path.join(dir, '.planlintrc.json'), '{ "upstream": ["city-2025"] }\n');
    assert.equal(run(['baselines', 'import', 'city.txt', '--id', 'city-2025'], dir).code, 0);
    assert.match(run(['baselines'], dir).stdout, /^city-2025\t.+\timported$/m);
    // a draft weaker than the city on one figure
    const text = fs.readFileSync(path.join(CORPUS, f), 'utf8');
    const m = /学前教育毛入园率[^\n。]*?(\d+(?:\.\d+)?)%/.exec(text);
    assert.ok(m, 'the fixture states a 学前教育毛入园率');
    const draft = text.replace(m[0], m[0].replace(`${m[1]}%`, `${Number(m[1]) - 10}%`));
    fs.mkdirSync(path.join(dir, 'drafts'));
    fs.writeFileSync(path.join(dir, 'drafts', 'draft.txt'), draft);
    for (const args of [
      ['check', '--format', 'json', 'drafts/draft.txt'],
      ['check', '--format', 'json', '--upstream', 'city-2025', 'drafts/draft.txt'],
    ]) {
      const r = run(args, dir);
      assert.equal(r.code, 1, r.stderr);
      const j = JSON.parse(r.stdout).files[0];
      assert.deepEqual(
        j.upstream.map((u) => [u.id, u.kind]),
        [['city-2025', 'official']],
      );
      const w = j.findings.find((x) => x.rule === 'weaker-target' && x.indicator.includes('学前教育毛入园率'));
      assert.ok(w, JSON.stringify(j.findings.map((x) => x.message)));
      assert.equal(w.upstream.provenance.kind, 'official');
      assert.match(w.upstream.provenance.text, /上级规划原文（city\.txt，第 \d+ 行）：「.*学前教育毛入园率.*」/);
      assert.equal(path.resolve(w.upstream.path), path.join(dir, 'city.txt'), 'findings point at the official text');
    }
  });

  it('refuses a bad id, an existing file without --force, a file with no targets', () => {
    const dir = tmpdir();
    fs.copyFileSync(path.join(CORPUS, files[0]), path.join(dir, 'a.txt'));
    fs.writeFileSync(path.join(dir, 'empty.txt'), '你好\n');
    assert.equal(run(['baselines', 'import', 'a.txt', '--id', 'Bad Id'], dir).code, 2);
    assert.equal(run(['baselines', 'import', 'a.txt', '--id', 'national-2021-2030'], dir).code, 2);
    assert.equal(run(['baselines', 'import', 'a.txt', '--id', 'ok-1'], dir).code, 0);
    const again = run(['baselines', 'import', 'a.txt', '--id', 'ok-1'], dir);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /--force/);
    assert.equal(run(['baselines', 'import', 'a.txt', '--id', 'ok-1', '--force'], dir).code, 0);
    assert.equal(run(['baselines', 'import', 'empty.txt'], dir).code, 2);
  });
});

describe('baselines verify', function () {
  this.timeout(120000);
  const national = core.getBuiltinBaselineFile('national');
  const CHANGED = ['婴儿死亡率', '九年义务教育巩固率', '儿童伤害死亡率', '12岁儿童龋患率'];

  it('a text made from the national baseline agrees on every figure', () => {
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'official.txt'), textFromBaseline(national, new Set()));
    const r = run(['baselines', 'verify', 'national', 'official.txt', '--format', 'json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.deepEqual(j.counts, { agree: national.targets.length, differs: 0, notFound: 0, lacking: 0 });
  });

  it('with some figures changed: exactly those differ (both figures and sources); --write validates and carries the official text', () => {
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'official.txt'), textFromBaseline(national, new Set(CHANGED)));
    const out = path.join(dir, 'checked', 'national.json');
    const r = run(['baselines', 'verify', 'national', 'official.txt', '--format', 'json', '--write', out], dir);
    assert.equal(r.code, 1, 'a figure differs → exit 1');
    const j = JSON.parse(r.stdout);
    assert.deepEqual(
      j.targets
        .filter((t) => t.status === 'differs')
        .map((t) => t.indicator)
        .sort(),
      [...CHANGED].sort(),
    );
    assert.equal(j.counts.agree, national.targets.length - CHANGED.length);
    for (const t of j.targets.filter((x) => x.status === 'differs')) {
      assert.notEqual(t.official.value, t.baseline.value);
      assert.match(t.baseline.source, /内置数值/);
      assert.match(t.official.source, /上级规划原文（official\.txt，第 \d+ 行）：「.+」/);
    }
    const fixed = JSON.parse(fs.readFileSync(out, 'utf8'));
    const validate = validator();
    assert.ok(validate(fixed), JSON.stringify(validate.errors, null, 2));
    for (const t of fixed.targets) {
      const e = t.evidence[0];
      assert.equal(typeof e, 'object', `${t.indicator}: the official text is its first evidence`);
      assert.equal(path.resolve(path.dirname(out), e.file), path.join(dir, 'official.txt'));
    }
    const infant = fixed.targets.find((t) => t.indicator === '婴儿死亡率');
    assert.equal(infant.value, national.targets.find((t) => t.indicator === '婴儿死亡率').value + 1);
    // the corrected file is a baseline: checking with it reports its figures as official text
    const b = core.fileToBaseline(fixed, { origin: 'imported' });
    assert.ok(b.targets.every((t) => core.provenanceOf(t).kind === 'official'));
  });

  it('official targets the baseline lacks, and baseline targets the text lacks', () => {
    const dir = tmpdir();
    const text = textFromBaseline(national, new Set()).replace(
      /^\d+\. 九年义务教育巩固率.*$/m,
      '2. 残疾儿童义务教育入学率达到97%以上。',
    );
    fs.writeFileSync(path.join(dir, 'official.txt'), text);
    const j = JSON.parse(run(['baselines', 'verify', 'national', 'official.txt', '--format', 'json'], dir).stdout);
    assert.deepEqual(
      j.targets.filter((t) => t.status === 'not-found').map((t) => t.indicator),
      ['九年义务教育巩固率'],
    );
    assert.deepEqual(
      j.lacking.map((t) => [t.indicator, t.value]),
      [['残疾儿童义务教育入学率', 97]],
    );
  });
});
