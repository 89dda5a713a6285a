// The bundled server over stdio: diagnostics as the CLI gives them, as the text changes, for
// non-plans, CRLF text, oversized files, core failures, locales, pull diagnostics and settings.
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { LspClient, DEFAULT_CAPABILITIES, fileUri, rangeInside } = require('./helpers/lsp-client');
const { corpusPlans, mutantPlans, read, cliFindings, cliKey, diagKey, DOMAINS } = require('./helpers/fixtures');

// the registered rules (server/src/core/rules/registry.ts)
const { RULE_IDS } = require('../../dist/core.js');

describe('lsp: diagnostics', function () {
  this.timeout(60000);
  let client;
  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    if (client) await client.stop();
  });

  it('initialize announces incremental sync, hover, code actions, outline, folding, inlay hints', () => {
    const caps = client.initResult.capabilities;
    assert.equal(caps.textDocumentSync.change, 2);
    assert.equal(caps.textDocumentSync.openClose, true);
    assert.ok(caps.hoverProvider);
    assert.deepEqual(caps.codeActionProvider.codeActionKinds, ['quickfix', 'source.fixAll.planlint']);
    assert.ok(caps.documentSymbolProvider && caps.foldingRangeProvider && caps.inlayHintProvider);
    assert.equal(caps.diagnosticProvider, undefined, 'no pull diagnostics for a client that does not support them');
  });

  it('a corpus plan and its mutants: the same findings (rule, line, column) as `planlint check --format json`', async () => {
    const files = [...corpusPlans(), ...mutantPlans()];
    const cli = cliFindings(files);
    for (const f of files) {
      const uri = fileUri(f);
      const text = read(f);
      client.open(uri, text);
      const diags = await client.fullDiagnostics(uri, 1);
      const expected = (cli.get(f) ?? []).map(cliKey).sort();
      const got = diags.map(diagKey).sort();
      assert.deepEqual(got, expected, path.basename(f));
      for (const d of diags) {
        assert.ok(rangeInside(d.range, text), `${path.basename(f)}: range inside the document`);
        assert.equal(d.source, 'planlint');
        assert.ok(RULE_IDS.includes(d.code), d.code);
        assert.equal(d.data.rule, d.code);
        assert.equal(d.data.message, undefined, 'data is the finding without its message');
        assert.match(d.codeDescription.href, new RegExp(`^file://.*/docs/rules/${d.code}\\.md$`));
        assert.ok(fs.existsSync(new URL(d.codeDescription.href)), `${d.codeDescription.href} exists beside the bundle`);
        for (const r of d.relatedInformation ?? []) {
          if (r.location.uri === uri) assert.ok(rangeInside(r.location.range, text));
          else assert.ok(fs.existsSync(new URL(r.location.uri)), `related ${r.location.uri}`);
        }
      }
      const status = client.statuses.get(uri).at(-1).status;
      assert.equal(status.errors + status.warnings + status.infos, diags.length);
      assert.match(status.baseline, /中国儿童发展纲要/);
      client.close(uri);
    }
  });

  it('weaker-target diagnostics link the upstream document in relatedInformation', async () => {
    const f = corpusPlans().find((p) => p.includes('jinlin'));
    const uri = fileUri(f);
    client.open(uri, read(f));
    const diags = await client.fullDiagnostics(uri, 1);
    const weaker = diags.filter((d) => d.code === 'weaker-target');
    assert.ok(weaker.length > 0, 'the jinlin plan has weaker targets');
    for (const d of weaker) {
      assert.ok(d.data.upstream && d.data.upstream.baselineId, 'data carries the upstream figure');
      assert.ok(
        d.relatedInformation.some((r) => /baselines\/.*\.json$/.test(r.location.uri)),
        'the upstream baseline is linked',
      );
    }
    client.close(uri);
  });

  it('didChange that weakens a target → weaker-target for that version; undone → gone', async () => {
    const f = corpusPlans().find((p) => p.includes('qujiang')) ?? corpusPlans()[0];
    const uri = fileUri(f);
    const text = read(f);
    client.open(uri, text);
    const before = await client.fullDiagnostics(uri, 1);
    const cmp = await client.request('planlint/comparison', { uri });
    const lines = text.split(/\r\n|\r|\n/);
    const row = cmp.rows.find((r) => r.verdict === 'ok' && /^\d+(\.\d+)?/.test(lines[r.line].slice(r.character)));
    assert.ok(row, 'a target that meets its upstream figure');
    const old = /^\d+(\.\d+)?/.exec(lines[row.line].slice(row.character))[0];
    const weakerValue =
      row.draft.kind === 'max' ? String(row.draft.value * 3 + 5) : String(Math.round((row.draft.value / 3) * 10) / 10);
    const range = {
      start: { line: row.line, character: row.character },
      end: { line: row.line, character: row.character + old.length },
    };
    assert.ok(!before.some((d) => d.code === 'weaker-target' && d.range.start.line === row.line));
    const v2 = client.change(uri, [{ range, text: weakerValue }]);
    const after = await client.fullDiagnostics(uri, v2);
    const hit = after.find((d) => d.code === 'weaker-target' && d.range.start.line === row.line);
    assert.ok(hit, `weaker-target on line ${row.line + 1} after ${old} → ${weakerValue}`);
    assert.equal(client.lastPublished(uri).version >= v2, true);
    const v3 = client.change(uri, [
      { range: { start: range.start, end: { line: row.line, character: row.character + weakerValue.length } }, text: old },
    ]);
    const undone = await client.fullDiagnostics(uri, v3);
    assert.ok(!undone.some((d) => d.code === 'weaker-target' && d.range.start.line === row.line), 'gone when undone');
    assert.deepEqual(undone.map(diagKey).sort(), before.map(diagKey).sort());
    client.close(uri);
  });

  it('a text that is not a plan gets an empty diagnostics list', async () => {
    const uri = 'untitled:notes-1';
    client.open(uri, '会议纪要\n今天讨论了下周的工作安排。\n1. 整理资料\n3. 提交报告\n婴儿死亡率控制在9‰以下。\n');
    await client.waitFor(() => client.lastPublished(uri), 10000, 'a publish for the non-plan');
    assert.deepEqual(client.lastPublished(uri).diagnostics, []);
    client.close(uri);
  });

  it('CRLF text: the same findings as LF, every range inside the text', async () => {
    const f = mutantPlans()[0];
    const lf = read(f).replace(/\r\n/g, '\n');
    const crlf = lf.replace(/\n/g, '\r\n');
    client.open('untitled:lf', lf);
    client.open('untitled:crlf', crlf);
    const a = await client.fullDiagnostics('untitled:lf', 1);
    const b = await client.fullDiagnostics('untitled:crlf', 1);
    assert.ok(a.length > 0);
    assert.deepEqual(b.map(diagKey).sort(), a.map(diagKey).sort());
    for (const d of b) assert.ok(rangeInside(d.range, crlf));
    // an edit at the very end of a CRLF file
    const lines = crlf.split('\r\n');
    const last = lines.length - 1;
    const v = client.change('untitled:crlf', [
      {
        range: { start: { line: last, character: lines[last].length }, end: { line: last, character: lines[last].length } },
        text: '\r\n（九）\r\n',
      },
    ]);
    const c = await client.fullDiagnostics('untitled:crlf', v);
    for (const d of c) assert.ok(rangeInside(d.range, client.text('untitled:crlf')));
    client.close('untitled:lf');
    client.close('untitled:crlf');
  });
});

describe("lsp: node IPC transport (the VS Code client's TransportKind.ipc)", function () {
  this.timeout(30000);
  it('--node-ipc: initialize, didOpen, the same diagnostics', async () => {
    const { fork } = require('node:child_process');
    const rpc = require('vscode-jsonrpc/node');
    const { SERVER, ROOT } = require('./helpers/lsp-client');
    const child = fork(SERVER, ['--node-ipc'], { cwd: ROOT, silent: true });
    const conn = rpc.createMessageConnection(new rpc.IPCMessageReader(child), new rpc.IPCMessageWriter(child));
    const got = [];
    conn.onNotification('textDocument/publishDiagnostics', (p) => got.push(p));
    conn.onRequest('workspace/configuration', (p) => p.items.map(() => null));
    conn.listen();
    try {
      const init = await conn.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: {},
        initializationOptions: { locale: 'zh-cn' },
      });
      assert.equal(init.capabilities.textDocumentSync.change, 2);
      conn.sendNotification('initialized', {});
      const f = mutantPlans()[0];
      const uri = fileUri(f);
      conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plan', version: 1, text: read(f) } });
      const expected = cliFindings([f]).get(f).map(cliKey).sort();
      const t0 = Date.now();
      while (Date.now() - t0 < 20000) {
        const last = got.filter((p) => p.uri === uri).at(-1);
        if (last && JSON.stringify(last.diagnostics.map(diagKey).sort()) === JSON.stringify(expected)) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.deepEqual(
        got
          .filter((p) => p.uri === uri)
          .at(-1)
          .diagnostics.map(diagKey)
          .sort(),
        expected,
      );
      await conn.sendRequest('shutdown');
      conn.sendNotification('exit');
    } finally {
      conn.dispose();
      child.kill();
    }
  });
});

describe('lsp: limits, failures, locale', function () {
  this.timeout(60000);
  let client;
  const MARKER = 'PLANLINT-FAULT-7f3a';
  before(async () => {
    client = await LspClient.start({ env: { PLANLINT_LSP_FAULT_MARKER: MARKER }, initializationOptions: { locale: 'en' } });
  });
  after(async () => {
    if (client) await client.stop();
  });

  it('above maxFileSize (default 2 MB; a 5 MB plan): one information diagnostic saying why, and the server keeps serving', async () => {
    const base = read(corpusPlans()[0]);
    let big = base;
    while (Buffer.byteLength(big) < 5_000_000) big += '\n' + base;
    const uri = 'untitled:big';
    client.open(uri, big);
    const diags = await client.diagnosticsWhere(uri, () => true, 0, 20000, 'publish for the 5 MB plan');
    assert.equal(diags.length, 1);
    assert.equal(diags[0].severity, 3);
    assert.match(diags[0].message, /maxFileSize/);
    assert.match(diags[0].message, /bytes/, 'English messages for locale en');
    assert.ok(rangeInside(diags[0].range, big));
    assert.ok(client.statuses.get(uri).at(-1).status.skipped);
    // typing in the large file does not stall the server
    for (let i = 0; i < 50; i++)
      client.change(uri, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: '字' }]);
    const small = corpusPlans()[1];
    client.open(fileUri(small), read(small));
    const d = await client.fullDiagnostics(fileUri(small), 1);
    assert.ok(Array.isArray(d));
    client.close(uri);
    client.close(fileUri(small));
  });

  it('a document that makes the core throw gets one diagnostic saying so; other documents are still checked', async () => {
    const text = read(mutantPlans()[0]);
    client.open('untitled:faulty', `${text}\n${MARKER}\n`);
    await client.waitFor(() => client.lastPublished('untitled:faulty'), 10000, 'publish for the faulty document');
    const diags = client.lastPublished('untitled:faulty').diagnostics;
    assert.equal(diags.length, 1);
    assert.equal(diags[0].code, 'internal-error');
    assert.match(diags[0].message, /internal error/);
    await client.waitFor(
      () => client.logs.some((l) => l.includes('injected fault') && l.includes('at ')),
      5000,
      'the stack in the log',
    );
    client.open('untitled:healthy', text);
    const ok = await client.fullDiagnostics('untitled:healthy', 1);
    assert.ok(ok.length > 0 && ok.every((d) => d.code !== 'internal-error'));
    // and English messages for locale en
    const weaker = ok.filter((d) => d.code === 'weaker-target');
    assert.ok(weaker.length > 0 && weaker.every((d) => /weaker|smaller/.test(d.message)), 'messages in English');
    client.close('untitled:faulty');
    client.close('untitled:healthy');
  });
});

describe('lsp: pull diagnostics, settings, .planlintrc.json', function () {
  this.timeout(60000);
  let tmp;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-lsp-'));
  });
  after(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('a client with textDocument.diagnostic gets pull diagnostics (the same findings) and no pushes', async () => {
    const caps = JSON.parse(JSON.stringify(DEFAULT_CAPABILITIES));
    caps.textDocument.diagnostic = { dynamicRegistration: false };
    caps.workspace.diagnostics = { refreshSupport: false };
    const c = await LspClient.start({ capabilities: caps });
    try {
      assert.ok(c.initResult.capabilities.diagnosticProvider);
      const f = corpusPlans().find((p) => p.includes('jinlin'));
      const uri = fileUri(f);
      c.open(uri, read(f));
      const r = await c.request('textDocument/diagnostic', { textDocument: { uri } });
      assert.equal(r.kind, 'full');
      const expected = cliFindings([f]).get(f).map(cliKey).sort();
      assert.deepEqual(r.items.map(diagKey).sort(), expected);
      const again = await c.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: r.resultId });
      assert.equal(again.kind, 'unchanged');
      // after a change (a line inserted at the top) the pull answers for the new text
      c.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }]);
      const moved = await c.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: r.resultId });
      assert.equal(moved.kind, 'full');
      assert.deepEqual(
        moved.items.map((d) => d.range.start.line),
        r.items.map((d) => d.range.start.line + 1),
      );
      assert.equal(c.published.get(uri), undefined, 'no push diagnostics in pull mode');
    } finally {
      await c.stop();
    }
  });

  it('settings (workspace/configuration) and a changed .planlintrc.json (didChangeWatchedFiles) re-check open plans', async () => {
    const src = corpusPlans().find((p) => p.includes('jinlin'));
    const plan = path.join(tmp, 'plan.txt');
    fs.copyFileSync(src, plan);
    const c = await LspClient.start({ rootPath: tmp, settings: { rules: { 'weaker-target': 'info' } } });
    try {
      await c.waitFor(
        () => c.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'),
        5000,
        'a watcher for .planlintrc.json',
      );
      const uri = fileUri(plan);
      c.open(uri, read(plan));
      const first = await c.fullDiagnostics(uri, 1);
      const weaker = first.filter((d) => d.code === 'weaker-target');
      assert.ok(weaker.length > 0 && weaker.every((d) => d.severity === 3), 'the setting sets the severity');
      // a config file turning the rule off, then the settings no longer mention it
      fs.writeFileSync(
        path.join(tmp, '.planlintrc.json'),
        '{\n  // comments are fine\n  "rules": { "weaker-target": "off" }\n}\n',
      );
      c.settings = {};
      let mark = c.mark(uri);
      c.notify('workspace/didChangeConfiguration', { settings: { planlint: {} } });
      c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(path.join(tmp, '.planlintrc.json')), type: 1 }] });
      await c.diagnosticsWhere(
        uri,
        (ds) => !ds.some((d) => d.code === 'weaker-target'),
        mark,
        20000,
        'weaker-target off in .planlintrc.json',
      );
      // settings override the file
      c.settings = { rules: { 'weaker-target': 'error' } };
      mark = c.mark(uri);
      c.notify('workspace/didChangeConfiguration', { settings: { planlint: c.settings } });
      await c.diagnosticsWhere(
        uri,
        (ds) => ds.some((d) => d.code === 'weaker-target' && d.severity <= 2),
        mark,
        20000,
        'settings override .planlintrc.json',
      );
      // maxFileSize from the settings
      c.settings = { maxFileSize: 1000 };
      mark = c.mark(uri);
      c.notify('workspace/didChangeConfiguration', { settings: { planlint: c.settings } });
      const skipped = await c.diagnosticsWhere(uri, (ds, st) => !!st.skipped, mark, 20000, 'skipped status');
      assert.equal(skipped.length, 1);
      assert.match(skipped[0].message, /maxFileSize/);
      // enable: false → nothing
      c.settings = { enable: false };
      mark = c.mark(uri);
      c.notify('workspace/didChangeConfiguration', { settings: { planlint: c.settings } });
      await c.diagnosticsWhere(uri, (ds) => ds.length === 0, mark, 20000, 'no diagnostics when disabled');
      // an upstream plan file as the baseline: the draft compared with itself has no weaker targets
      c.settings = { upstream: ['plan.txt'] };
      mark = c.mark(uri);
      c.notify('workspace/didChangeConfiguration', { settings: { planlint: c.settings } });
      await c.diagnosticsWhere(
        uri,
        (ds, st) => /金林区/.test(st.baseline) && !ds.some((d) => d.code === 'weaker-target'),
        mark,
        20000,
        'the draft compared with itself as upstream: no weaker targets',
      );
    } finally {
      fs.rmSync(path.join(tmp, '.planlintrc.json'), { force: true });
      await c.stop();
    }
  });

  it('planlint/baselines lists the built-in baselines; planlint/checkFiles checks files from disk', async () => {
    const c = await LspClient.start();
    try {
      const list = await c.request('planlint/baselines', {});
      assert.ok(list.some((b) => b.id === 'national-2021-2030' && b.targets > 0 && b.level === 'national'));
      const files = corpusPlans();
      const r = await c.request('planlint/checkFiles', { uris: files.map(fileUri) });
      assert.equal(r.files, files.length);
      const cli = cliFindings(files);
      let n = 0;
      for (const f of files) {
        n += cli.get(f).length;
        const pub = c.lastPublished(fileUri(f));
        assert.ok(pub, `published for ${path.basename(f)}`);
        assert.deepEqual(pub.diagnostics.map(diagKey).sort(), cli.get(f).map(cliKey).sort());
      }
      assert.equal(r.findings, n);
      assert.ok(DOMAINS.length === 7);
    } finally {
      await c.stop();
    }
  });
});
