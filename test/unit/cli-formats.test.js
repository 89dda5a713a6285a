// The command line on Word/PDF/HTML plans (issue 12): check, extract, --upstream and folders read
// them; text and SARIF name the paragraph (第 N 段 + quote) or page (第 N 页); JSON keeps line/column
// and adds the source position; a broken document is a one-line error with exit code 2.
// Needs the bundles (`npm run build`). Runs dist/cli.js as a child process.
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { zipSync, strToU8 } = require('fflate');

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const CORPUS = path.join(ROOT, 'test', 'fixtures', 'corpus');
/** The issue's fixtures (test/unit/helpers/shared-formats.js). */
const { SHARED_FORMATS: SHARED } = require('./helpers/shared-formats');

function run(args, cwd) {
  const env = { ...process.env };
  for (const k of ['LANG', 'LANGUAGE', 'LC_ALL', 'LC_MESSAGES', 'PLANLINT_LOCALE', 'PLANLINT_DEBUG']) delete env[k];
  return spawnSync(process.execPath, [CLI, ...args], { cwd: cwd ?? ROOT, env, encoding: 'utf8', maxBuffer: 64 << 20 });
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
/** A .docx of plain paragraphs (each in two runs). */
function docxOf(lines) {
  const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const body = lines
    .map((l) => {
      const h = Math.ceil(l.length / 2);
      return `<w:p><w:r><w:t xml:space="preserve">${esc(l.slice(0, h))}</w:t></w:r><w:r><w:t xml:space="preserve">${esc(l.slice(h))}</w:t></w:r></w:p>`;
    })
    .join('');
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8(
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
      ),
      'word/document.xml': strToU8(`<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>`),
    }),
  );
}

let tmp;
let plan; // the jinlin plan as a .docx, with 一、 … 三、 (二、 removed: a numbering gap)
let lines;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-cli-formats-'));
  lines = fs
    .readFileSync(path.join(CORPUS, 'jinlin-district-2021-2025.txt'), 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const i = lines.findIndex((l) => /^二、/.test(l));
  assert.ok(i > 0);
  lines[i] = lines[i].replace(/^二、/, '');
  plan = path.join(tmp, 'draft.docx');
  fs.writeFileSync(plan, docxOf(lines));
});
after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('CLI on Word/PDF/HTML files', function () {
  this.timeout(60000);

  it('check (text): findings in a .docx name the paragraph and quote its start', () => {
    const r = run(['check', plan]);
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    const gap = r.stdout.split('\n').find((l) => l.includes('[numbering-gap]'));
    assert.ok(gap, r.stdout);
    // the paragraph is the one whose marker went missing (one line = one paragraph in this file)
    const [, line] = /^.+?:(\d+):\d+: /.exec(gap);
    assert.match(gap, new RegExp(`第 ${line} 段「${lines[Number(line) - 1].slice(0, 4)}`));
  });

  it('check --format json: line/column kept, source position added', () => {
    const r = run(['check', '--format', 'json', plan]);
    const j = JSON.parse(r.stdout);
    assert.equal(j.files[0].format, 'docx');
    const f = j.files[0].findings.find((x) => x.rule === 'numbering-gap');
    assert.ok(Number.isInteger(f.line) && Number.isInteger(f.column));
    assert.equal(f.source.paragraph, f.line);
    assert.ok(lines[f.line - 1].startsWith(f.source.quote.replace(/…$/, '')), f.source.quote);
  });

  it('check --format sarif: the message names the paragraph, the artifact is a Word document', () => {
    const j = JSON.parse(run(['check', '--format', 'sarif', plan]).stdout);
    const res = j.runs[0].results.find((x) => x.ruleId === 'numbering-gap');
    assert.match(res.message.text, /^第 \d+ 段「/);
    assert.ok(res.properties.sourcePosition.paragraph > 0);
    assert.equal(j.runs[0].artifacts[0].mimeType, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });

  it('--locale en: paragraph N “quote”', () => {
    const r = run(['check', '--locale', 'en', plan]);
    assert.match(r.stdout, /\[numbering-gap\] paragraph \d+ “/);
  });

  it('check on the PDF fixture names pages (第 N 页)', function () {
    const r = run(['check', path.join(SHARED, 'jinlin-district-2021-2025.plain.pdf')]);
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    assert.match(r.stdout, /: warning \[weaker-target\] 第 \d+ 页: /);
  });

  it('extract reads a saved web page; --upstream takes a .docx; folders pick documents up', () => {
    const html = path.join(tmp, 'page.html');
    fs.writeFileSync(
      html,
      `<html><head><meta charset="utf-8"><title>x</title></head><body><div class="nav">首页 政务公开</div><div id="zoom">${lines.map((l) => `<p>${l}</p>`).join('')}</div><div class="footer">版权所有</div></body></html>`,
    );
    const ex = JSON.parse(run(['extract', html]).stdout);
    assert.equal(ex.format, 'html');
    assert.equal(ex.domains.length, 7);
    assert.ok(ex.targets.length > 20);
    assert.ok(ex.targets.every((t) => t.source && t.source.paragraph > 0));

    // an upstream plan given as a Word file: the draft compared against itself has no weaker targets
    const up = run(['check', '--format', 'json', '--upstream', plan, plan]);
    const uj = JSON.parse(up.stdout);
    assert.equal(uj.files[0].upstream[0].path, plan);
    assert.equal(uj.files[0].findings.filter((f) => f.rule === 'weaker-target').length, 0);

    const folder = fs.mkdtempSync(path.join(tmp, 'dir-'));
    fs.copyFileSync(plan, path.join(folder, 'a.docx'));
    fs.copyFileSync(html, path.join(folder, 'b.html'));
    fs.writeFileSync(path.join(folder, '~$a.docx'), 'lock');
    const fj = JSON.parse(run(['check', '--format', 'json', folder]).stdout);
    assert.deepEqual(
      fj.files.map((f) => path.basename(f.file)),
      ['a.docx', 'b.html'],
    );
  });

  it('a truncated .docx: one line on stderr, exit 2 (zh-CN by default, English with --locale en)', () => {
    const cut = path.join(tmp, 'cut.docx');
    const z = fs.readFileSync(plan);
    fs.writeFileSync(cut, z.subarray(0, Math.floor(z.length / 2)));
    const r = run(['check', cut]);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /^planlint: .*cut\.docx: 文件已损坏或无法读取/);
    const en = run(['check', '--locale', 'en', cut]);
    assert.match(en.stderr, /^planlint: .*cut\.docx: damaged or unreadable file/);
  });
});
