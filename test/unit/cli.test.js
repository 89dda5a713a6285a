// The command line as scripts and CI see it (DESIGN.md, "CLI contract"): exit codes 0/1/2, one-line
// errors on stderr (no stack trace), every input encoding giving the same findings, reports over several
// files and folders (text, JSON), character columns, locales, `extract` and `baselines`.
// Needs the bundles: `node esbuild.mjs cli core node`. Runs dist/cli.js as a child process.
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const iconv = require('iconv-lite');

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const FIX = path.join(ROOT, 'test', 'fixtures', 'cli');
const CORPUS = path.join(ROOT, 'test', 'fixtures', 'corpus');
const CLEAN = path.join(FIX, 'clean.txt');
const WEAKER_MD = path.join(FIX, 'weaker.md');

/** The environment without locale variables, so that "default" means the CLI's own default. */
function env(extra = {}) {
  const e = { ...process.env };
  for (const k of ['LANG', 'LANGUAGE', 'LC_ALL', 'LC_MESSAGES', 'PLANLINT_LOCALE', 'PLANLINT_DEBUG']) delete e[k];
  return { ...e, ...extra };
}

function run(args, opts = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd ?? FIX,
    env: env(opts.env),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(args, opts) {
  const r = run(args, opts);
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
  return { ...r, data: JSON.parse(r.stdout) };
}

/** Exit 2, nothing on stdout, exactly one line on stderr, no stack trace; the line matches every pattern. */
function assertUsageError(r, ...patterns) {
  assert.equal(r.code, 2, `expected exit 2, got ${r.code}; stdout=${r.stdout.slice(0, 300)} stderr=${r.stderr}`);
  assert.equal(r.stdout, '', 'nothing on stdout');
  assert.match(r.stderr, /^[^\n]+\n$/, `one line on stderr: ${JSON.stringify(r.stderr)}`);
  assert.doesNotMatch(r.stderr, /\bat .+:\d+:\d+\)?$|Error:|node:internal/m, 'no stack trace');
  for (const p of patterns) assert.match(r.stderr, p);
}

/** The findings of a JSON report's only file, without the file name (for comparing inputs). */
function findingsOf(data) {
  assert.equal(data.files.length, 1);
  return data.files[0].findings;
}

const TEXT_LINE = /^(.+?):(\d+):(\d+): (error|warning|info) \[([\w-]+)\] (.+)$/;

let tmp;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-cli-test-'));
});
after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});
function tmpFile(name, content) {
  const p = path.join(tmp, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
  return p;
}

describe('cli: exit codes', () => {
  it('check with an error-severity finding → 1', () => {
    const r = run(['check', WEAKER_MD]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /error \[weaker-target\]/);
    assert.equal(r.stderr, '');
  });

  it('a clean plan → 0, and the report is the summary line alone', () => {
    const r = run(['check', CLEAN]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 1, r.stdout);
    assert.match(lines[0], /0 个错误，0 个警告，0 个提示/);
  });

  it('warnings only (an upstream target missing) → 0', () => {
    const text = fs.readFileSync(CLEAN, 'utf8').replace('2. 九年义务教育巩固率达到96%以上。', '2. 义务教育均衡发展。');
    const r = run(['check', '--format', 'json', tmpFile('warn-only.txt', text)]);
    assert.equal(r.code, 0, r.stderr);
    const f = findingsOf(JSON.parse(r.stdout));
    assert.deepEqual(
      f.map((x) => [x.rule, x.severity, x.indicator]),
      [['missing-target', 'warning', '九年义务教育巩固率']],
    );
  });

  it('unknown option → 2 naming the option', () => {
    assertUsageError(run(['check', '--bogus', CLEAN]), /--bogus/);
  });

  it('unknown command → 2 naming the command', () => {
    assertUsageError(run(['frobnicate', CLEAN]), /frobnicate/);
  });

  it('no file → 2 (check and extract)', () => {
    assertUsageError(run(['check']), /check/);
    assertUsageError(run(['check', '--format', 'json']), /check/);
    assertUsageError(run(['extract']), /extract/);
  });

  it('no arguments at all → 2 (usage on stdout)', () => {
    const r = run([]);
    assert.equal(r.code, 2);
    assert.match(r.stdout, /planlint check/);
  });

  it('a nonexistent file → 2 naming it', () => {
    assertUsageError(run(['check', 'no-such-plan.txt']), /no-such-plan\.txt/);
    assertUsageError(run(['extract', 'no-such-plan.txt']), /no-such-plan\.txt/);
  });

  it('a folder with no plan files → 2 naming it', () => {
    const dir = path.join(tmp, 'no-plans');
    fs.mkdirSync(path.join(dir, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'data.json'), '{}');
    fs.writeFileSync(path.join(dir, 'sub', 'picture.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    assertUsageError(run(['check', dir]), new RegExp(dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  });

  it('a binary file (PNG bytes) → 2 naming it and the cause, whatever its extension', () => {
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
      'hex',
    );
    for (const name of ['image.png', 'image-named-plan.txt']) {
      const p = tmpFile(name, png);
      assertUsageError(run(['check', '--locale', 'en', p]), new RegExp(name.replace('.', '\\.')), /binary/);
      assertUsageError(run(['extract', '--locale', 'en', p]), new RegExp(name.replace('.', '\\.')), /binary/);
    }
  });

  it('an unknown --upstream id → 2 naming it', () => {
    assertUsageError(run(['check', '--upstream', 'provincial-2099', CLEAN]), /provincial-2099/);
  });

  it('an --upstream path that does not exist → 2 naming it', () => {
    assertUsageError(run(['check', '--upstream', './no-such-upstream.txt', CLEAN]), /no-such-upstream\.txt/);
    assertUsageError(run(['check', '--upstream', path.join(tmp, 'missing', 'city.md'), CLEAN]), /city\.md/);
  });

  it('an --upstream file that is not a plan (no domains, no targets) → 2 naming it', () => {
    assertUsageError(run(['check', '--upstream', './notplan.txt', CLEAN]), /notplan\.txt/, /不是规划文本/);
    assertUsageError(run(['check', '--locale', 'en', '--upstream', './notplan.txt', CLEAN]), /notplan\.txt/, /not a plan/);
    const empty = tmpFile('empty-upstream.txt', '');
    assertUsageError(run(['check', '--upstream', empty, CLEAN]), /empty-upstream\.txt/);
  });

  it('an --upstream binary file given by a path with a folder → 2 naming it', () => {
    const p = tmpFile('up/binary-upstream.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    assertUsageError(run(['check', '--upstream', p, CLEAN]), /binary-upstream\.txt/, /binary/);
  });

  // Regression test (a bug found by this suite, fixed in 3d70212): was: an existing file named without a folder and without a .txt/.md extension is taken for a
  // baseline id: "--upstream img.png: unknown baseline id … and not a file path" (cli.ts resolveUpstream,
  // looksLikePath). Expected: the file is read (here: "img.png: binary file …").
  it('an --upstream existing file in the working folder, named without a folder → read as a file', () => {
    tmpFile('img.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    const r = run(['check', '--locale', 'en', '--upstream', 'img.png', CLEAN], { cwd: tmp });
    assertUsageError(r, /img\.png/, /binary/);
    assert.doesNotMatch(r.stderr, /not a file path/);
  });

  // Regression test (fixed): the one-line errors were English whatever the locale ("planlint: x.txt: no such file or folder"), though
  // PlanReadError and ConfigError carry their Chinese cause (reasonZh, localized()): cli.ts main() prints
  // e.message. Expected (common rule: messages users see are zh-CN by default): "x.txt: 文件或文件夹不存在"
  // by default, the English cause with --locale en.
  it('one-line errors follow the locale: zh-CN by default, English with --locale en', () => {
    assertUsageError(run(['check', 'no-such-plan.txt']), /no-such-plan\.txt: 文件或文件夹不存在/);
    assertUsageError(run(['check', '--locale', 'en', 'no-such-plan.txt']), /no-such-plan\.txt: no such file or folder/);
    const png = tmpFile('zh-binary.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    assertUsageError(run(['check', png]), /zh-binary\.png: .*二进制/);
  });

  it('a bad --format or --locale → 2 naming it', () => {
    assertUsageError(run(['check', '--format', 'xml', CLEAN]), /xml/);
    assertUsageError(run(['extract', '--format', 'sarif', CLEAN]), /sarif/);
    assertUsageError(run(['check', '--locale', 'fr', CLEAN]), /fr/);
    assertUsageError(run(['check', '--upstream']), /upstream/);
  });

  it('an empty file → 0, no findings (not a plan)', () => {
    const p = tmpFile('empty.txt', '');
    const r = run(['check', p]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.doesNotMatch(r.stdout, TEXT_LINE);
    const { data } = json(['check', '--format', 'json', p]);
    assert.deepEqual(findingsOf(data), []);
    const x = json(['extract', '--format', 'json', p]).data;
    assert.deepEqual([x.domains, x.targets, x.outline], [[], [], []]);
  });
});

describe('cli: encodings and line ends give the same findings', function () {
  this.timeout(60000);
  // jinlin is a 2021—2025 plan with weaker targets (warnings against the 2030 national outline) and a gap.
  const name = 'jinlin-district-2021-2025.txt';
  const utf8 = fs.readFileSync(path.join(CORPUS, name), 'utf8');
  let expected;
  before(() => {
    expected = findingsOf(json(['check', '--format', 'json', path.join(CORPUS, name)]).data);
    assert.ok(
      expected.some((f) => f.rule === 'weaker-target'),
      'the UTF-8 original has weaker-target findings',
    );
  });

  it('GBK (encoded with iconv-lite) → the same findings as UTF-8', () => {
    const bytes = iconv.encode(utf8, 'gbk');
    assert.equal(iconv.decode(bytes, 'gbk'), utf8, 'the plan is representable in GBK');
    const p = tmpFile('jinlin.gbk.txt', bytes);
    assert.deepEqual(findingsOf(json(['check', '--format', 'json', p]).data), expected);
    const x = json(['extract', '--format', 'json', p]).data;
    assert.match(x.title, /金林|儿童发展规划/);
  });

  it('UTF-16LE and UTF-16BE with a BOM, UTF-8 with a BOM → the same findings', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf8, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    const u8bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(utf8, 'utf8')]);
    for (const [n, b] of [
      ['le', le],
      ['be', be],
      ['u8bom', u8bom],
    ]) {
      const p = tmpFile(`jinlin.${n}.txt`, b);
      assert.deepEqual(findingsOf(json(['check', '--format', 'json', p]).data), expected, n);
    }
  });

  it('CRLF and lone CR → the same lines and columns', () => {
    for (const [n, eol] of [
      ['crlf', '\r\n'],
      ['cr', '\r'],
    ]) {
      const p = tmpFile(`jinlin.${n}.txt`, utf8.replace(/\r?\n/g, eol));
      assert.deepEqual(findingsOf(json(['check', '--format', 'json', p]).data), expected, n);
    }
  });

  it('a 10 MB plan → a result (the weaker target near its top is found)', () => {
    const head = fs.readFileSync(CLEAN, 'utf8').replace('6.0‰以下', '6.5‰以下');
    const para = '各部门要按照职责分工，制定实施方案，加强督促检查，确保各项目标任务落到实处，推动儿童事业高质量发展。\n\n';
    const n = Math.ceil((10 * 1024 * 1024 - Buffer.byteLength(head)) / Buffer.byteLength(para));
    const text = head.replace('三、组织实施\n', '三、组织实施\n\n' + para.repeat(n));
    const p = tmpFile('ten-mb.txt', text);
    assert.ok(fs.statSync(p).size >= 10 * 1024 * 1024);
    const r = json(['check', '--format', 'json', p]);
    assert.equal(r.code, 1);
    const f = findingsOf(r.data).filter((x) => x.rule === 'weaker-target');
    assert.deepEqual(
      f.map((x) => [x.line, x.indicator, x.draft.value]),
      [[17, '5岁以下儿童死亡率', 6.5]],
    );
  });
});

describe('cli: reports over several files and folders', () => {
  it('text: one report naming each file, compiler-style lines and one summary line', () => {
    const r = run(['check', 'folder', 'clean.txt', 'weaker.md']);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    // the last line defines the confidence labels (an upstream figure was shown)
    assert.match(lines.pop(), /^可信度：高 = .+；中 = .+；低 = .+（详见 https?:\/\/\S+#confidence-levels）$/);
    const summary = lines.pop();
    const counts = { error: 0, warning: 0, info: 0 };
    const files = new Set();
    for (const l of lines) {
      const m = TEXT_LINE.exec(l);
      assert.ok(m, `compiler-style line: ${l}`);
      files.add(m[1]);
      counts[m[4]]++;
      assert.ok(Number(m[2]) >= 1 && Number(m[3]) >= 1);
    }
    // the folder is walked (nested folders too; dot-folders and non-plan files skipped)
    assert.deepEqual([...files].sort(), [
      path.join('folder', 'nested', 'plan-b.md'),
      path.join('folder', 'plan-a.txt'),
      'weaker.md',
    ]);
    assert.doesNotMatch(r.stdout, /skipped\.txt|notes\.json/);
    assert.match(summary, new RegExp(`检查 4 个文件：${counts.error} 个错误，${counts.warning} 个警告，${counts.info} 个提示`));
    assert.ok(counts.error >= 5, 'missing-domain in plan-a and four weaker targets in weaker.md');
    assert.match(r.stdout, /folder[\\/]plan-a\.txt:\d+:\d+: error \[missing-domain\]/);
  });

  it('json: {files:[{file, upstream, findings:[{rule,severity,line,column,endLine,endColumn,message,…}]}]}', () => {
    const { code, data } = json(['check', '--format', 'json', 'folder', 'weaker.md']);
    assert.equal(code, 1);
    assert.deepEqual(
      data.files.map((f) => f.file),
      [path.join('folder', 'nested', 'plan-b.md'), path.join('folder', 'plan-a.txt'), 'weaker.md'],
    );
    for (const f of data.files) {
      assert.deepEqual(
        f.upstream.map((u) => u.id),
        ['national-2021-2030'],
      );
      assert.ok(Array.isArray(f.findings));
      for (const x of f.findings) {
        for (const k of ['rule', 'severity', 'line', 'column', 'endLine', 'endColumn', 'message'])
          assert.ok(k in x, `${k} in ${JSON.stringify(x)}`);
        assert.ok(['error', 'warning', 'info'].includes(x.severity));
        assert.ok(Number.isInteger(x.line) && x.line >= 1 && Number.isInteger(x.column) && x.column >= 1);
        assert.ok(x.endLine > x.line || (x.endLine === x.line && x.endColumn >= x.column));
        assert.equal(typeof x.message, 'string');
      }
    }
    const w = data.files[2].findings.filter((x) => x.rule === 'weaker-target');
    assert.equal(w.length, 4);
    const infant = w.find((x) => x.indicator === '婴儿死亡率');
    assert.deepEqual(
      {
        line: infant.line,
        column: infant.column,
        endColumn: infant.endColumn,
        domain: infant.domain,
        draft: infant.draft.value,
        upstream: infant.upstream.value,
        kind: infant.upstream.kind,
      },
      { line: 10, column: 11, endColumn: 14, domain: '健康', draft: 5.5, upstream: 5, kind: 'max' },
    );
    assert.equal(infant.upstream.baselineId, 'national-2021-2030');
    const md = data.files[1].findings.find((x) => x.rule === 'missing-domain');
    assert.equal(md.domain, '法律保护');
  });

  it('the same file named twice is checked once', () => {
    const { data } = json(['check', '--format', 'json', 'clean.txt', './clean.txt']);
    assert.equal(data.files.length, 1);
  });

  it('--format text columns count characters: a value after Chinese text has column = characters before it + 1', () => {
    const r = run(['check', WEAKER_MD]);
    // "1. 新生儿死亡率降至3.5‰以下。": 11 characters precede "3.5"
    assert.match(r.stdout, /weaker\.md:9:12: error \[weaker-target\]/);
    // a character outside the BMP (two UTF-16 units) counts as one character
    const text = fs.readFileSync(WEAKER_MD, 'utf8').replace('1. 新生儿死亡率降至3.5‰以下。', '1. 𠮷新生儿死亡率降至3.5‰以下。');
    const p = tmpFile('astral.md', text);
    const line = text.split('\n')[8];
    const r2 = run(['check', p]);
    const m = r2.stdout
      .split('\n')
      .map((l) => TEXT_LINE.exec(l))
      .find((x) => x && x[5] === 'weaker-target' && x[2] === '9');
    assert.ok(m, r2.stdout);
    assert.equal(Number(m[3]), Array.from(line.slice(0, line.indexOf('3.5'))).length + 1);
    assert.equal(Number(m[3]), 13);
    const j = findingsOf(json(['check', '--format', 'json', p]).data).find((x) => x.rule === 'weaker-target' && x.line === 9);
    assert.equal(j.column, 13);
  });

  it('--locale en gives English; the default is zh-CN; LANG=en_US gives English', () => {
    const zh = run(['check', WEAKER_MD]);
    assert.match(zh.stdout, /“婴儿死亡率”目标 5\.5‰ 弱于中国儿童发展纲要/);
    assert.match(zh.stdout, /个错误/);
    const en = run(['check', '--locale', 'en', WEAKER_MD]);
    assert.match(en.stdout, /婴儿死亡率: the target 5\.5‰ is weaker than 5‰/);
    assert.match(en.stdout, /^1 file checked against .*: 4 errors, 10 warnings, 1 info\.$/m, 'English plurals');
    assert.doesNotMatch(en.stdout, /个错误|弱于|缺少/);
    const fromEnv = run(['check', WEAKER_MD], { env: { LANG: 'en_US.UTF-8' } });
    assert.match(fromEnv.stdout, /is weaker than/);
    const zhEnv = run(['check', WEAKER_MD], { env: { LANG: 'zh_CN.UTF-8' } });
    assert.match(zhEnv.stdout, /弱于/);
  });

  it('--upstream may repeat: built-in ids and a plan file; one finding cites the strictest upstream, the other is in related', () => {
    const { data } = json([
      'check',
      '--format',
      'json',
      '--upstream',
      'national',
      '--upstream',
      './city-upstream.txt',
      'weaker.md',
    ]);
    const f = data.files[0];
    assert.deepEqual(
      f.upstream.map((u) => u.title),
      ['中国儿童发展纲要（2021—2030年）', '某市儿童发展规划（2021—2030年）'],
    );
    const infant = f.findings.filter((x) => x.rule === 'weaker-target' && x.indicator === '婴儿死亡率');
    assert.deepEqual(
      infant.map((x) => [x.upstream.baselineTitle, x.upstream.value]),
      [['某市儿童发展规划（2021—2030年）', 4]],
    );
    const city = infant[0];
    assert.equal(path.resolve(city.upstream.path), path.join(FIX, 'city-upstream.txt'));
    assert.match(city.message, /某市儿童发展规划/);
    assert.ok(
      city.related.some((r) => /中国儿童发展纲要.*≤5‰/.test(r.message)),
      JSON.stringify(city.related),
    );
  });
});

describe('cli: extract and baselines', () => {
  it('extract --format json has the contract shape', () => {
    const { code, data } = json(['extract', '--format', 'json', 'clean.txt']);
    assert.equal(code, 0);
    for (const k of ['file', 'title', 'period', 'upstreamRefs', 'domains', 'targets', 'outline']) assert.ok(k in data, k);
    assert.equal(data.file, 'clean.txt');
    assert.equal(data.title, '某区儿童发展规划（2021—2030年）');
    assert.deepEqual(data.period, { start: 2021, end: 2030 });
    assert.deepEqual(data.upstreamRefs, ['中国儿童发展纲要（2021—2030年）']);
    assert.deepEqual(
      data.domains.map((d) => [d.domain, d.label, d.line]),
      [
        ['健康', '儿童与健康', 13],
        ['安全', '儿童与安全', 31],
        ['教育', '儿童与教育', 41],
        ['福利', '儿童与福利', 55],
        ['家庭', '儿童与家庭', 65],
        ['环境', '儿童与环境', 75],
        ['法律保护', '儿童与法律保护', 85],
      ],
    );
    assert.equal(data.targets.length, 17);
    for (const t of data.targets) {
      for (const k of ['line', 'domain', 'indicator', 'kind', 'value', 'unit', 'year'])
        assert.ok(k in t, `${k} in ${JSON.stringify(t)}`);
    }
    const infant = data.targets.find((t) => t.indicator === '婴儿死亡率');
    assert.deepEqual(
      [infant.line, infant.domain, infant.kind, infant.value, infant.unit, infant.year],
      [17, '健康', 'max', 5, '‰', null],
    );
    const injury = data.targets.find((t) => t.indicator === '儿童伤害死亡率');
    assert.deepEqual([injury.kind, injury.value, injury.unit, injury.measure], ['min', 20, '%', 'relative_reduction']);
    for (const o of data.outline) for (const k of ['line', 'level', 'marker', 'text']) assert.ok(k in o, k);
    assert.deepEqual(
      data.outline.slice(0, 4).map((o) => [o.line, o.level, o.marker, o.text]),
      [
        [5, 1, '一、', '总体要求'],
        [7, 2, '（一）', '指导思想'],
        [11, 1, '二、', '发展领域、主要目标和策略措施'],
        [13, 2, '（一）', '儿童与健康'],
      ],
    );
  });

  it('extract of several files gives {files:[…]}', () => {
    const { data } = json(['extract', '--format', 'json', 'clean.txt', 'weaker.md']);
    assert.deepEqual(
      data.files.map((f) => f.file),
      ['clean.txt', 'weaker.md'],
    );
  });

  it('extract --format text shows the outline and the target table', () => {
    const r = run(['extract', '--format', 'text', 'clean.txt']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^\s+13\s+（一）儿童与健康\s+◆ 健康$/m);
    assert.match(r.stdout, /^\s+85\s+（七）儿童与法律保护\s+◆ 法律保护$/m);
    assert.match(r.stdout, /目标 Targets \(17\)/);
    assert.match(r.stdout, /^\s+L17:\d+\s+健康\s+婴儿死亡率\s+≤5(\.0)?‰/m);
    assert.match(r.stdout, /^\s+L35:\d+\s+安全\s+儿童伤害死亡率\s+≥20%\s+降幅 vs 2020/m);
  });

  it('baselines lists national-2021-2030 and healthy-children-2021-2025', () => {
    const r = run(['baselines']);
    assert.equal(r.code, 0);
    const ids = r.stdout
      .trim()
      .split('\n')
      .map((l) => l.split('\t')[0]);
    assert.deepEqual(ids, ['national-2021-2030', 'healthy-children-2021-2025']);
    const j = JSON.parse(run(['baselines', '--format', 'json']).stdout);
    assert.deepEqual(
      j.map((b) => b.id),
      ids,
    );
    assert.ok(j.every((b) => b.targets > 0));
  });
});

describe('cli: one language per run, English plurals, --help', () => {
  it('English plurals in the summary: 1 file / 2 files, 1 error / 2 errors, 1 warning / 0 warnings', () => {
    const one = run(['check', '--locale', 'en', '--no-config', WEAKER_MD]).stdout;
    assert.match(one, /^1 file checked against /m);
    assert.doesNotMatch(one, /\(s\)/);
    const two = run(['check', '--locale', 'en', '--no-config', WEAKER_MD, CLEAN]).stdout;
    assert.match(two, /^2 files checked against /m);
    assert.doesNotMatch(two, /\(s\)/);
    const zh = run(['check', '--no-config', WEAKER_MD, CLEAN]).stdout;
    assert.match(zh, /^已对照.+检查 2 个文件：\d+ 个错误，\d+ 个警告，\d+ 个提示。$/m);
  });

  it('numbering-style over two items says "and 1 more item" (English), "其后还有 1 条" (Chinese)', () => {
    const p = tmpFile(
      'two-styles.txt',
      [
        '某区儿童发展规划（2021—2025年）',
        '一、总体要求',
        '（一）指导思想',
        '（二）基本原则',
        '(三)发展目标',
        '(四)工作机制',
        '（五）组织领导',
        '（六）监测评估',
      ].join('\n') + '\n',
    );
    const en = run(['check', '--locale', 'en', '--no-config', p]).stdout;
    assert.match(en, /\[numbering-style\] .*\(and 1 more item\)$/m);
    assert.doesNotMatch(en, /more items/);
    assert.match(run(['check', '--no-config', p]).stdout, /\[numbering-style\] .*（其后还有 1 条）$/m);
  });

  it("usage errors follow the run's language: Chinese by default, English with --locale en or LANG=en", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-noplans-'));
    try {
      assertUsageError(
        run(['check', dir]),
        /^planlint: .+ 中没有规划文件（\.txt、\.md、\.docx、\.doc、\.wps、\.pdf、\.html）\n$/,
      );
      assertUsageError(
        run(['check', '--locale', 'en', dir]),
        /^planlint: no plan files \(\.txt, \.md, \.docx, \.doc, \.wps, \.pdf, \.html\) in /,
      );
      assertUsageError(run(['check', dir], { env: { LANG: 'en_US.UTF-8' } }), /^planlint: no plan files/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    assertUsageError(run(['check', '--bogus', CLEAN]), /^planlint: 未知选项 --bogus/);
    assertUsageError(run(['check', '--locale', 'en', '--bogus', CLEAN]), /^planlint: unknown option --bogus/);
    assertUsageError(run(['frobnicate']), /^planlint: 未知命令“frobnicate”/);
    assertUsageError(run(['check', '--upstream', 'nope-2099', CLEAN]), /national-2021-2030 \(national\)/);
  });

  it('--help lists every command (check, extract, baselines, rules) and the built-in ids with their short ids', () => {
    const r = run(['--help']);
    assert.equal(r.code, 0);
    for (const c of ['check', 'extract', 'baselines', 'rules']) assert.match(r.stdout, new RegExp(`^  planlint ${c}\\b`, 'm'), c);
    assert.match(r.stdout, /national-2021-2030 \(national\)/);
  });

  it('rules: id, default severity and description in one language', () => {
    const zh = run(['rules'])
      .stdout.trim()
      .split('\n')
      .map((l) => l.split('\t'));
    assert.deepEqual(
      zh.map((c) => c[0]),
      [...require('../../dist/core.js').RULE_IDS],
    );
    assert.ok(
      zh.every((c) => c.length === 3 && /[\u4e00-\u9fff]/.test(c[2])),
      JSON.stringify(zh),
    );
    const en = run(['rules', '--locale', 'en'])
      .stdout.trim()
      .split('\n')
      .map((l) => l.split('\t'));
    assert.ok(
      en.every((c) => c.length === 3 && !/[\u4e00-\u9fff]/.test(c[2])),
      JSON.stringify(en),
    );
  });

  it('baselines: the id, then its short id (the one --upstream also takes)', () => {
    const rows = run(['baselines'])
      .stdout.trim()
      .split('\n')
      .map((l) => l.split('\t'));
    assert.deepEqual(
      rows.map((c) => c.slice(0, 2)),
      [
        ['national-2021-2030', 'national'],
        ['healthy-children-2021-2025', 'healthy-children'],
      ],
    );
    assert.match(run(['baselines', '--locale', 'en']).stdout, /\t\d+ targets \(\d+ main, \d+ low confidence\)\t/);
    for (const [, alias] of rows) assert.notEqual(run(['check', '--upstream', alias, CLEAN]).code, 2, alias);
    const j = JSON.parse(run(['baselines', '--format', 'json']).stdout);
    assert.deepEqual(
      j.map((b) => b.alias),
      ['national', 'healthy-children'],
    );
  });
});
