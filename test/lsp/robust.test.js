// Issue 10 in the language server: an exact document model (checked by a fuzzing client with its
// own text model), replies for the version a request was sent against, bounded replies, and
// unusable upstreams/configs reported visibly while the server keeps serving.
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { LspClient, fileUri, rangeInside } = require('./helpers/lsp-client');
const { corpusPlans, mutantPlans, read, diagKey } = require('./helpers/fixtures');
const { fuzzSession } = require('./helpers/fuzz');
const { applyChanges, applyTextEdits } = require('./helpers/text-model');

function assertClean(stats) {
  const bad = {
    crashes: stats.crashes,
    hangs: stats.hangs,
    errors: stats.errors,
    outOfRange: stats.outOfRange,
    wrongVersion: stats.wrongVersion,
    late: stats.late,
    drift: stats.drift,
  };
  assert.deepEqual(
    bad,
    { crashes: 0, hangs: 0, errors: 0, outOfRange: 0, wrongVersion: 0, late: 0, drift: 0 },
    stats.problems.join('\n'),
  );
}

describe('lsp: the exact document model (issue 10)', function () {
  this.timeout(300000);
  let docs;
  before(async () => {
    const { adversarialDocs } = await import('../../scripts/adversarial.mjs');
    const adv = adversarialDocs(20 * 1024).filter((d) => ['dup-1mb', 'nested-markdown-1mb', 'one-line-1mb'].includes(d.name));
    docs = [
      ...corpusPlans()
        .slice(0, 2)
        .map((p) => ({ name: path.basename(p), text: read(p) })),
      { name: mutantPlans()[0], text: read(mutantPlans()[0]) },
      ...adv,
    ];
  });

  it("a change starting past the end, then ordinary edits: the server keeps the client's text (diagnostics equal a fresh check)", async () => {
    const c = await LspClient.start({ settings: { debounceMs: 0 } });
    try {
      const uri = 'untitled:past-end';
      let text = read(corpusPlans()[0]);
      c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
      const changes = [
        [{ range: { start: { line: 100000, character: 5 }, end: { line: 100001, character: 0 } }, text: '\n（一）儿童与健康\n' }],
        [{ range: { start: { line: 3, character: 500 }, end: { line: 2, character: 1 } }, text: '二、' }],
        [
          { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# ' },
          { range: { start: { line: 5, character: 0 }, end: { line: 9, character: 3 } }, text: '' },
        ],
        [{ range: { start: { line: -1, character: -4 }, end: { line: 0, character: 0 } }, text: 'X' }],
      ];
      let v = 1;
      for (const ch of changes) {
        text = applyChanges(text, ch);
        c.notify('textDocument/didChange', { textDocument: { uri, version: ++v }, contentChanges: ch });
      }
      const mine = await c.fullDiagnostics(uri, v);
      for (const d of mine)
        assert.ok(rangeInside(d.range, text), `${d.code} ${JSON.stringify(d.range)} inside the client's text`);
      c.notify('textDocument/didOpen', {
        textDocument: { uri: 'untitled:past-end-fresh', languageId: 'plaintext', version: 1, text },
      });
      const fresh = await c.fullDiagnostics('untitled:past-end-fresh', 1);
      assert.deepEqual(mine.map(diagKey).sort(), fresh.map(diagKey).sort());
    } finally {
      await c.stop();
    }
  });

  it('a seeded fuzz, push diagnostics, three documents at once: no crash, hang, error, out-of-range or drift', async () => {
    const stats = await fuzzSession({ seed: 101, edits: 300, docs, mode: 'push' });
    assertClean(stats);
    assert.ok(
      stats.requests > 20 && stats.pastEnd > 3 && stats.reversed > 3 && stats.batched > 10 && stats.reopened >= 1,
      JSON.stringify(stats),
    );
    assert.ok(stats.maxReplyBytes < 1024 * 1024, `largest reply ${stats.maxReplyBytes} bytes`);
  });

  it('a seeded fuzz, pull diagnostics: the same', async () => {
    const stats = await fuzzSession({ seed: 202, edits: 200, docs, mode: 'pull' });
    assertClean(stats);
    assert.ok(stats.requests > 20, JSON.stringify(stats));
  });

  it('a seeded fuzz with code actions resolved lazily (codeAction/resolve): edits for the version asked', async () => {
    const stats = await fuzzSession({ seed: 303, edits: 200, docs, mode: 'push', resolve: true });
    assertClean(stats);
  });

  it('a request sent before an edit is answered for the text it was sent against', async () => {
    const c = await LspClient.start({ settings: { debounceMs: 0 } });
    try {
      const uri = 'untitled:inflight';
      const text = read(mutantPlans()[0]);
      c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
      await c.fullDiagnostics(uri, 1);
      const n = text.split(/\r\n|\r|\n/).length;
      // the request goes first; a change deleting most of the text follows at once
      const pending = c.request('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: n - 1, character: 0 } },
        context: { diagnostics: [] },
      });
      const pendingSymbols = c.request('textDocument/documentSymbol', { textDocument: { uri } });
      c.notify('textDocument/didChange', {
        textDocument: { uri, version: 2 },
        contentChanges: [{ range: { start: { line: 2, character: 0 }, end: { line: n, character: 0 } }, text: '' }],
      });
      // answered for version 1, or cancelled as stale ("content modified"): never for version 2
      const stale = (e) => {
        assert.equal(e.code, -32801, String(e && e.message));
        return [];
      };
      const actions = await pending.catch(stale);
      for (const a of actions) {
        for (const dc of a.edit?.documentChanges ?? []) {
          if (dc.textDocument?.uri !== uri) continue;
          assert.equal(dc.textDocument.version, 1, `${a.title}: edits for version 1`);
          for (const e of dc.edits) assert.ok(rangeInside(e.range, text));
        }
      }
      const walk = (list) => list.forEach((s) => (assert.ok(rangeInside(s.range, text)), walk(s.children ?? [])));
      walk(await pendingSymbols.catch(stale));
    } finally {
      await c.stop();
    }
  });

  it('the long list of issue 10 (10,000 lines of （1）): diagnostics capped with a summary, every reply under 1 MB', async () => {
    const c = await LspClient.start({ settings: { debounceMs: 0 } });
    try {
      const uri = 'untitled:dup10000';
      const text = `儿童发展规划\n${'（1）\n'.repeat(10000)}`;
      c.open(uri, text);
      const diags = await c.fullDiagnostics(uri, 1, 120000);
      assert.ok(diags.length <= 502, `${diags.length} diagnostics`);
      assert.ok(diags.some((d) => d.code === 'too-many-findings'));
      assert.ok(JSON.stringify(c.lastPublished(uri)).length < 1024 * 1024);
      const dup = diags.find((d) => d.code === 'numbering-duplicate');
      assert.ok(!dup.data.fix || !('edits' in dup.data.fix), 'no fix edits in Diagnostic.data');
      const actions = await c.request('textDocument/codeAction', {
        textDocument: { uri },
        range: dup.range,
        context: { diagnostics: [dup] },
      });
      assert.ok(JSON.stringify(actions).length < 1024 * 1024);
      // renumbering 9,999 items would pass the reply bound: not offered (the other actions are)
      assert.ok(!actions.some((a) => a.isPreferred) && actions.length > 0, JSON.stringify(actions.map((a) => a.title)));
      const all = await c.request('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 10000, character: 0 } },
        context: { diagnostics: [] },
      });
      assert.ok(JSON.stringify(all).length < 1024 * 1024, "the whole document's actions stay under 1 MB");
      // a list of 2,000: the fix is offered, and applied it leaves no duplicate
      const uri2 = 'untitled:dup2000';
      const text2 = `儿童发展规划\n${'（1）\n'.repeat(2000)}`;
      c.open(uri2, text2);
      const d2 = (await c.fullDiagnostics(uri2, 1, 120000)).find((d) => d.code === 'numbering-duplicate');
      const fix2 = (
        await c.request('textDocument/codeAction', {
          textDocument: { uri: uri2 },
          range: d2.range,
          context: { diagnostics: [d2] },
        })
      ).find((a) => a.isPreferred);
      assert.ok(fix2, 'the renumbering fix is offered');
      const edits = fix2.edit.documentChanges[0].edits;
      assert.equal(edits.length, 1999);
      const fixed = applyTextEdits(text2, edits);
      assert.equal(fixed, `儿童发展规划\n${Array.from({ length: 2000 }, (_, i) => `（${i + 1}）\n`).join('')}`);
    } finally {
      await c.stop();
    }
  });
});

describe('lsp: unusable upstreams and configs are reported (issue 10, case 4)', function () {
  this.timeout(120000);
  let tmp;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-lsp-robust-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const planPath = () => mutantPlans()[0];

  async function openIn(c, dir, name = 'plan.txt') {
    const p = path.join(dir, name);
    fs.copyFileSync(planPath(), p);
    const uri = fileUri(p);
    c.open(uri, read(p));
    return { uri, diags: await c.fullDiagnostics(uri, 1, 60000) };
  }

  it('a non-plan upstream (/etc/passwd-like file in the workspace): a warning naming it, a window message, the built-in findings unaffected by it', async () => {
    const ws = path.join(tmp, 'ws1');
    fs.mkdirSync(ws);
    fs.writeFileSync(
      path.join(ws, 'passwd'),
      'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n',
    );
    fs.writeFileSync(path.join(ws, '.planlintrc.json'), JSON.stringify({ upstream: ['./passwd', 'national'] }));
    const c = await LspClient.start({ rootPath: ws, locale: 'en' });
    try {
      const { diags } = await openIn(c, ws);
      const notice = diags.find((d) => d.code === 'config');
      assert.ok(notice, 'a diagnostic says why');
      assert.equal(notice.severity, 2);
      assert.match(notice.message, /passwd.*not a plan/);
      await c.waitFor(() => c.logs.some((m) => /passwd.*not a plan/.test(m)), 10000, 'a window message');
      assert.ok(
        diags.some((d) => d.code === 'weaker-target' || d.code === 'missing-target'),
        'the national baseline is still used',
      );
    } finally {
      await c.stop();
    }
  });

  it('an upstream path leaving the workspace (../../…): not read without planlint.allowUpstreamOutsideWorkspace, read with it', async () => {
    const ws = path.join(tmp, 'ws2');
    fs.mkdirSync(ws);
    const outside = path.join(tmp, 'outside-upstream.txt');
    fs.copyFileSync(planPath(), outside);
    fs.writeFileSync(path.join(ws, '.planlintrc.json'), JSON.stringify({ upstream: [path.relative(ws, outside)] }));
    const c = await LspClient.start({ rootPath: ws, locale: 'en' });
    try {
      const { uri, diags } = await openIn(c, ws);
      const notice = diags.find((d) => d.code === 'config');
      assert.ok(
        notice && /outside the workspace/.test(notice.message) && notice.message.includes('outside-upstream.txt'),
        JSON.stringify(diags.map((d) => d.message)),
      );
      await c.waitFor(() => c.logs.some((m) => /outside the workspace/.test(m)), 10000, 'a window message');
      // the explicit setting lets it be read
      const mark = c.mark(uri);
      c.settings = { allowUpstreamOutsideWorkspace: true };
      c.notify('workspace/didChangeConfiguration', { settings: {} });
      const after = await c.diagnosticsWhere(
        uri,
        (ds) => !ds.some((d) => d.code === 'config'),
        mark,
        30000,
        'no notice once allowed',
      );
      assert.ok(!after.some((d) => /outside/.test(d.message)));
    } finally {
      await c.stop();
    }
  });

  it('a config nested 100,000 deep, a FIFO upstream, /dev/zero as upstream: notices naming file and cause; the server still serves', async function () {
    if (process.platform === 'win32') this.skip();
    const ws = path.join(tmp, 'ws3');
    fs.mkdirSync(ws);
    const sub = path.join(ws, 'deep');
    fs.mkdirSync(sub);
    fs.writeFileSync(path.join(sub, '.planlintrc.json'), `{"rules": ${'['.repeat(100000)}${']'.repeat(100000)}}`);
    const fifoDir = path.join(ws, 'fifo');
    fs.mkdirSync(fifoDir);
    execFileSync('mkfifo', [path.join(fifoDir, 'up.txt')]);
    fs.writeFileSync(path.join(fifoDir, '.planlintrc.json'), JSON.stringify({ upstream: ['./up.txt'] }));
    const c = await LspClient.start({ rootPath: ws, locale: 'en', settings: {} });
    try {
      const a = await openIn(c, sub);
      const n1 = a.diags.find((d) => d.code === 'config');
      assert.ok(
        n1 && n1.message.includes('.planlintrc.json') && /rules\[0\].*nested deeper than/.test(n1.message),
        JSON.stringify(a.diags.map((d) => d.message)),
      );
      const b = await openIn(c, fifoDir);
      const n2 = b.diags.find((d) => d.code === 'config');
      assert.ok(
        n2 && n2.message.includes('up.txt') && /not a regular file/.test(n2.message),
        JSON.stringify(b.diags.map((d) => d.message)),
      );
      // still serving
      const syms = await c.request('textDocument/documentSymbol', { textDocument: { uri: b.uri } });
      assert.ok(syms.length > 0);
      assert.ok(!c.exited);
    } finally {
      await c.stop();
    }
  });
});
