// The language server on Word/PDF/HTML plans (issue 12): planlint/readSource gives the plan text of
// a document for VS Code's read-only view (planlint-source: scheme); the view is checked like any
// plan (diagnostics that name 第 N 段, outline, hovers); planlint/checkFiles reads documents from
// disk; upstream documents named in .planlintrc.json are read; a broken file is a one-line error
// and the server keeps running.
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { zipSync, strToU8 } = require('fflate');
const { LspClient, fileUri } = require('./helpers/lsp-client');

const ROOT = path.join(__dirname, '..', '..');
const CORPUS = path.join(ROOT, 'test', 'fixtures', 'corpus');
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

function docxOf(lines) {
  const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const body = lines.map((l) => `<w:p><w:r><w:t xml:space="preserve">${esc(l)}</w:t></w:r></w:p>`).join('');
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8(
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
      ),
      'word/document.xml': strToU8(`<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>`),
    }),
  );
}

/** planlint-source:///…/draft.docx.plan.txt for a file path. */
function viewUri(p) {
  return 'planlint-source' + fileUri(p).slice('file'.length) + '.plan.txt';
}

describe('lsp: Word/PDF plan views', function () {
  this.timeout(60000);
  let client;
  let dir;
  let draft;
  let lines;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-lsp-formats-'));
    lines = fs
      .readFileSync(path.join(CORPUS, 'jinlin-district-2021-2025.txt'), 'utf8')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
    const i = lines.findIndex((l) => /^二、/.test(l));
    lines[i] = lines[i].replace(/^二、/, ''); // a numbering gap
    draft = path.join(dir, 'draft.docx');
    fs.writeFileSync(draft, docxOf(lines));
    client = await LspClient.start({ rootPath: dir });
  });
  after(async () => {
    if (client) await client.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('planlint/readSource returns the text and the paragraph map; the view gets diagnostics that name the paragraph, and an outline', async () => {
    const res = await client.request('planlint/readSource', { uri: fileUri(draft) });
    assert.equal(res.error, undefined, res.error);
    assert.equal(res.format, 'docx');
    assert.equal(res.uri, viewUri(draft));
    assert.deepEqual(res.text.split('\n'), lines);
    assert.deepEqual(res.lineRefs[0], { paragraph: 1 });

    // opened the way VS Code spells the view's URI (no empty authority: planlint-source:/…)
    const uri = 'planlint-source:' + fileUri(draft).slice('file://'.length) + '.plan.txt';
    client.open(uri, res.text, 'plan');
    const diags = await client.fullDiagnostics(uri, 1);
    const gap = diags.find((d) => d.code === 'numbering-gap');
    assert.ok(gap, JSON.stringify(diags.map((d) => d.code)));
    assert.match(gap.message, new RegExp(`^第 ${gap.range.start.line + 1} 段「`));
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    const names = JSON.stringify(symbols);
    for (const d of ['儿童与健康', '儿童与安全', '儿童与教育', '儿童与福利', '儿童与家庭', '儿童与环境', '儿童与法律保护'])
      assert.ok(names.includes(d), d);
    client.close(uri);
  });

  it('a plan view opened without planlint/readSource (a restarted server) still names the paragraphs', async () => {
    const other = await LspClient.start({ rootPath: dir });
    try {
      const uri = 'planlint-source:' + fileUri(draft).slice('file://'.length) + '.plan.txt';
      other.open(uri, lines.join('\n'), 'plan');
      const diags = await other.fullDiagnostics(uri, 1);
      assert.ok(diags.length > 0);
      assert.ok(
        diags.every((d) => /^第 \d+ 段「/.test(d.message)),
        diags.map((d) => d.message).join('\n'),
      );
    } finally {
      await other.stop();
    }
  });

  it('planlint/checkFiles reads a .docx from disk', async () => {
    const r = await client.request('planlint/checkFiles', { uris: [fileUri(draft)] });
    assert.equal(r.files, 1);
    assert.ok(r.findings > 0);
    const pub = await client.waitFor(() => client.lastPublished(fileUri(draft)), 20000, 'diagnostics for the .docx');
    assert.ok(pub.diagnostics.some((d) => /^第 \d+ 段「/.test(d.message)));
  });

  it('an upstream .docx named in .planlintrc.json is read (asynchronously) and used', async () => {
    const sub = fs.mkdtempSync(path.join(dir, 'proj-'));
    fs.copyFileSync(draft, path.join(sub, 'city.docx'));
    fs.writeFileSync(path.join(sub, '.planlintrc.json'), JSON.stringify({ upstream: ['./city.docx'] }));
    const p = path.join(sub, 'draft.txt');
    const text = lines.join('\n');
    fs.writeFileSync(p, text);
    const uri = fileUri(p);
    client.open(uri, text);
    const diags = await client.fullDiagnostics(uri, 1);
    assert.ok(
      !diags.some((d) => /upstream|上级/.test(d.message) && d.severity === 3 && /无法|cannot/.test(d.message)),
      JSON.stringify(diags.map((d) => d.message)),
    );
    const status = client.statuses.get(uri).at(-1).status;
    // the baseline is the Word file's plan (its title), not the national 纲要
    assert.equal(status.baseline, lines[0]);
    client.close(uri);
  });

  it('a broken document: a one-line error, and the server keeps answering', async () => {
    const bad = path.join(dir, 'bad.pdf');
    fs.writeFileSync(bad, '%PDF-1.4\n1 0 obj\n<<');
    const res = await client.request('planlint/readSource', { uri: fileUri(bad) });
    assert.ok(res.error, 'an error');
    assert.equal(res.error.split('\n').length, 1);
    assert.match(res.error, /bad\.pdf/);
    const enc = path.join(dir, 'macro.docm');
    fs.writeFileSync(enc, docxOf(['x']));
    const r2 = await client.request('planlint/readSource', { uri: fileUri(enc) });
    assert.match(r2.error, /宏|macro/);
    const baselines = await client.request('planlint/baselines', {});
    assert.ok(baselines.length >= 1, 'still running');
  });
});
