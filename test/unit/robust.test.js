// Issue 10: bounded work on adversarial input, guarded reading of every file (plans, upstreams,
// configuration), encodings that are not what they seem. Real files, real CLI processes; no timed
// assertions (speed and memory are measured by `npm run bench`).
// Needs dist/: `npm run build`.
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync, execFileSync } = require('node:child_process');
const { parsePlan, checkPlan, getBuiltinBaseline, MAX_FINDINGS } = require('../../dist/core.js');
const { decodePlanBytes, parseConfigText, loadConfig, ConfigError, PlanReadError } = require('../../dist/node.js');

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const posix = process.platform !== 'win32';

function cli(args, opts = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    timeout: 60000,
    maxBuffer: 64 * 1024 * 1024,
    ...opts,
  });
  assert.equal(r.error, undefined, `the CLI did not finish: ${r.error}`);
  return r;
}

let tmp;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-robust-'));
});
after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});
const file = (name, data) => {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, data);
  return p;
};

describe('bounded work: a long list of one repeated number (issue 10, case 1)', function () {
  this.timeout(120000);
  const text = `儿童发展规划\n${'（1）\n'.repeat(10000)}`;

  it('the core reports at most MAX_FINDINGS findings and one too-many-findings summary counting the rest', () => {
    const plan = parsePlan(text);
    const findings = checkPlan(plan, [getBuiltinBaseline('national')], { locale: 'en' });
    assert.equal(findings.length, MAX_FINDINGS + 1);
    const summary = findings.filter((f) => f.rule === 'too-many-findings');
    assert.equal(summary.length, 1);
    // 7 missing domains + 9,999 duplicates, MAX_FINDINGS kept
    assert.match(
      summary[0].message,
      new RegExp(
        `at most ${MAX_FINDINGS} findings per document: ${7 + 9999 - MAX_FINDINGS} more are not shown \\(numbering-duplicate ×${7 + 9999 - MAX_FINDINGS}\\)`,
      ),
    );
    // errors are kept first
    assert.equal(findings.filter((f) => f.rule === 'missing-domain').length, 7);
  });

  it('renumbering fixes are computed when read: maxEdits bounds them, and reading one gives the whole renumbering', () => {
    const plan = parsePlan(text);
    const dups = checkPlan(plan, [], { locale: 'en' }).filter((f) => f.rule === 'numbering-duplicate');
    const first = dups[0];
    assert.equal(first.fix.maxEdits, 9999);
    const edits = first.fix.edits;
    assert.equal(edits.length, 9999);
    assert.equal(edits[0].newText, '（2）');
    assert.equal(edits[9998].newText, '（10000）');
    assert.equal(first.fix.edits, edits, 'computed once');
  });

  it('check --format json: one complete report whose fix edits stay within the per-file budget', () => {
    const p = file('dup.plan.txt', text);
    const r = cli(['check', '--no-config', '--format', 'json', p]);
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    const f = out.files[0].findings;
    assert.equal(f.length, MAX_FINDINGS + 1);
    const edits = f.reduce((n, x) => n + (x.fix ? x.fix.edits.length : 0), 0);
    assert.ok(edits > 0 && edits <= 5000, `${edits} fix edits`);
    assert.ok(f.some((x) => x.rule === 'too-many-findings'));
  });

  it('check --format sarif is complete and bounded too', () => {
    const p = file('dup2.plan.txt', text);
    const r = cli(['check', '--no-config', '--format', 'sarif', p]);
    assert.equal(r.status, 1, r.stderr);
    const log = JSON.parse(r.stdout);
    assert.equal(log.runs[0].results.length, MAX_FINDINGS + 1);
    assert.ok(log.runs[0].tool.driver.rules.some((x) => x.id === 'too-many-findings'));
  });
});

describe('bounded work: the adversarial documents (scripts/adversarial.mjs)', function () {
  this.timeout(300000);
  let docs;
  before(async () => {
    const { adversarialDocs } = await import('../../scripts/adversarial.mjs');
    // a tenth of the benchmark's size keeps the suite fast; the bench runs them at 1 MB
    docs = adversarialDocs(100 * 1024);
  });

  it('each is checked by the core with every range inside the document and at most MAX_FINDINGS + 1 findings', () => {
    for (const d of docs) {
      const plan = parsePlan(d.text);
      const findings = checkPlan(plan, [getBuiltinBaseline('national')], { locale: 'zh-cn' });
      assert.ok(findings.length <= MAX_FINDINGS + 1, `${d.name}: ${findings.length} findings`);
      for (const f of findings) {
        const n = plan.lines.length;
        assert.ok(
          f.line >= 1 && f.endLine <= n && f.line <= f.endLine,
          `${d.name}: ${f.rule} lines ${f.line}-${f.endLine} of ${n}`,
        );
        assert.ok(f.col >= 0 && f.col <= plan.lines[f.line - 1].length, `${d.name}: ${f.rule} col`);
        assert.ok(f.endCol <= plan.lines[f.endLine - 1].length, `${d.name}: ${f.rule} endCol`);
        for (const e of f.fix && (f.fix.maxEdits ?? 0) <= 5000 ? f.fix.edits : []) {
          assert.ok(e.line >= 1 && e.endLine <= n, `${d.name}: fix edit inside`);
        }
      }
    }
  });

  it('a target sentence of 100 KB without a full stop still yields its targets (cut at commas)', () => {
    const d = docs.find((x) => x.name === 'one-line-1mb');
    const plan = parsePlan(d.text);
    assert.ok(plan.targets.length > 100, `${plan.targets.length} targets`);
    const line = plan.lines[plan.targets[0].line - 1];
    for (const t of plan.targets.slice(0, 50)) {
      assert.equal(
        plan.lines[t.line - 1].slice(t.col, t.endCol).replace(/[^\d.]/g, ''),
        String(t.value).replace(/\.0$/, ''),
        `target at ${t.col}`,
      );
    }
    assert.ok(line.length > 30000);
  });
});

describe('encodings that are not what they seem (issue 10, case 6)', () => {
  const plan = '某区儿童发展规划（2021—2030年）\n一、儿童与健康\n婴儿死亡率控制在5‰以下。\n';
  it('UTF-16LE and UTF-16BE without a byte order mark are read as text', () => {
    for (const [enc, swap] of [
      ['UTF-16LE', false],
      ['UTF-16BE', true],
    ]) {
      const le = Buffer.from(plan, 'utf16le');
      const buf = swap ? Buffer.from(le).swap16() : le;
      const r = decodePlanBytes(buf);
      assert.equal(r.encoding, enc);
      assert.equal(r.text, plan);
    }
  });
  it('UTF-16 of Chinese only (no NUL byte at all) is read as text', () => {
    const t = '儿童发展规划健康安全教育福利家庭环境法律保护'.repeat(4);
    const r = decodePlanBytes(Buffer.from(t, 'utf16le'));
    assert.equal(r.text, t);
  });
  it('binary data with NUL bytes is still binary', () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    assert.throws(
      () => decodePlanBytes(png),
      (e) => e instanceof PlanReadError && e.kind === 'binary',
    );
  });
  it('random bytes in the GB2312 ideograph rows are not text (mostly rare characters)', () => {
    let a = 7;
    const rnd = () => (a = (a * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const bytes = [];
    for (let i = 0; i < 20000; i++) {
      bytes.push(0xb0 + Math.floor(rnd() * (0xf7 - 0xb0 + 1)), 0xa1 + Math.floor(rnd() * (0xfe - 0xa1 + 1)));
      if (i % 40 === 39) bytes.push(0x0a);
    }
    assert.throws(
      () => decodePlanBytes(Buffer.from(bytes)),
      (e) => e instanceof PlanReadError && /random|decode/.test(e.message),
    );
  });
  it('real GBK and Big5 plans are still read (their ideographs are common ones)', () => {
    const enc = path.join(__dirname, '..', 'fixtures', 'encodings');
    const gbk = decodePlanBytes(fs.readFileSync(path.join(enc, 'qujiang-excerpt.gbk.txt')));
    assert.equal(gbk.encoding, 'GB18030');
    assert.equal(gbk.text, fs.readFileSync(path.join(enc, 'qujiang-excerpt.utf8.txt'), 'utf8'));
    const big5 = decodePlanBytes(fs.readFileSync(path.join(enc, 'health-goals-tc.big5.txt')));
    assert.equal(big5.encoding, 'Big5');
  });
});

describe('configuration: the guarded reader and limits (issue 10, case 5)', function () {
  this.timeout(120000);
  const planText = '某区儿童发展规划（2021—2030年）\n一、儿童与健康\n';

  function assertOneLineConfigError(r, file, cause) {
    assert.equal(r.status, 2, `exit ${r.status}: ${r.stderr}`);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.ok(lines[0].startsWith(`planlint: ${file}: `), lines[0]);
    assert.match(lines[0], cause);
  }

  it('--config a FIFO: exit 2 at once naming it ("not a regular file"), no hang', function () {
    if (!posix) this.skip();
    const fifo = path.join(tmp, 'cfg.fifo');
    execFileSync('mkfifo', [fifo]);
    const p = file('p1.plan.txt', planText);
    assertOneLineConfigError(cli(['check', '--config', fifo, '--locale', 'en', p]), fifo, /not a regular file \(named pipe\)/);
  });

  it('--config /dev/zero and /dev/urandom: exit 2 naming the device, nothing read', function () {
    if (!fs.existsSync('/dev/zero')) this.skip();
    const p = file('p2.plan.txt', planText);
    for (const dev of ['/dev/zero', '/dev/urandom'])
      assertOneLineConfigError(cli(['check', '--config', dev, '--locale', 'en', p]), dev, /not a regular file \(device\)/);
  });

  it('--config a symbolic link loop: exit 2 "too many symbolic links"', function () {
    if (!posix) this.skip();
    const a = path.join(tmp, 'cfgA.json');
    const b = path.join(tmp, 'cfgB.json');
    fs.symlinkSync(b, a);
    fs.symlinkSync(a, b);
    const p = file('p3.plan.txt', planText);
    assertOneLineConfigError(cli(['check', '--config', a, '--locale', 'en', p]), a, /too many symbolic links/);
  });

  it('a .planlintrc.json found by walking up that is a FIFO: exit 2 naming it', function () {
    if (!posix) this.skip();
    const dir = path.join(tmp, 'fifo-project');
    fs.mkdirSync(dir);
    const rc = path.join(dir, '.planlintrc.json');
    execFileSync('mkfifo', [rc]);
    const p = path.join(dir, 'p.plan.txt');
    fs.writeFileSync(p, planText);
    // a FIFO is not a config file: findConfigFile skips it, or the reader refuses it; never a hang
    const r = cli(['check', '--locale', 'en', p]);
    assert.ok(r.status === 1 || r.status === 2, r.stderr);
  });

  it('a configuration over 1 MB: exit 2 "file too large"', () => {
    const big = file('big.json', `{"upstream": ["national"], "$schema": "${'x'.repeat(1100 * 1024)}"}`);
    const p = file('p4.plan.txt', planText);
    assertOneLineConfigError(cli(['check', '--config', big, '--locale', 'en', p]), big, /file too large/);
  });

  it('JSON nested 100,000 deep: a one-line error naming the file and the key, no stack overflow', () => {
    const deep = `{"rules": ${'['.repeat(100000)}${']'.repeat(100000)}}`;
    assert.throws(
      () => parseConfigText(deep, 'c.json'),
      (e) =>
        e instanceof ConfigError &&
        e.key.startsWith('rules[0]') &&
        /nested deeper than/.test(e.message) &&
        !e.message.includes('\n'),
    );
    const nested = `{"ignore": [{"rule": "weaker-target", "text": "x"}, ${'{"a": '.repeat(50)}1${'}'.repeat(50)}]}`;
    assert.throws(
      () => parseConfigText(nested, 'c.json'),
      (e) => e instanceof ConfigError && e.key.startsWith('ignore[1].a.a') && /nested deeper than/.test(e.message),
    );
    const p = file('p5.plan.txt', planText);
    const cfg = file('deep.json', deep);
    assertOneLineConfigError(
      cli(['check', '--config', cfg, '--locale', 'en', p]),
      cfg,
      /rules\[0\].*nested deeper than \d+ levels/,
    );
  });

  it('an array of more than 10,000 entries: a one-line error naming the key', () => {
    const many = JSON.stringify({ upstream: Array(10001).fill('national') });
    assert.throws(
      () => parseConfigText(many, 'c.json'),
      (e) => e instanceof ConfigError && e.key === 'upstream' && /more than 10000 entries/.test(e.message),
    );
  });

  it('the same upstream named 10,000 times is one upstream', () => {
    const cfg = parseConfigText(
      JSON.stringify({ upstream: Array(9000).fill('national').concat(['./a.txt', './a.txt']) }),
      path.join(tmp, 'c.json'),
    );
    assert.deepEqual(cfg.upstream, ['national', path.join(tmp, 'a.txt')]);
  });

  it('loadConfig refuses a configuration that is not UTF-8 text', () => {
    const bin = file('bin.json', Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x7d]));
    assert.throws(
      () => loadConfig(bin),
      (e) => e instanceof ConfigError && e.file === bin && /not UTF-8/.test(e.message),
    );
  });

  it('an upstream plan that is a FIFO or a device: exit 2 naming it', function () {
    if (!posix) this.skip();
    const fifo = path.join(tmp, 'up.fifo');
    execFileSync('mkfifo', [fifo]);
    const p = file('p6.plan.txt', planText);
    for (const up of [fifo, '/dev/zero']) {
      const r = cli(['check', '--no-config', '--upstream', up, '--locale', 'en', p]);
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /not a regular file/);
      assert.equal(r.stderr.trim().split('\n').length, 1);
    }
  });
});
