'use strict';
// Word/PDF plans in VS Code (issue 12): the command 检查 Word/PDF 文件 and opening a .docx show a
// read-only plan view (planlint-source: scheme) checked like any plan — diagnostics naming 第 N 段,
// outline — and 另存为可编辑的规划文本 writes an editable .plan.txt.
const assert = require('assert');
const fs = require('fs');
const vscode = require('vscode');
const { api, codeOf, planlintDiags, waitForDiagnostics, wsUri, sleep, screenshot } = require('./helpers');

const DOCX = 'formats/qujiang-district-2021-2030.docx';

describe('Word/PDF plan views', () => {
  before(async () => {
    await api();
  });

  it('planlint.openDocument shows the read-only plan view of a .docx with diagnostics naming the paragraph', async function () {
    this.timeout(120000);
    const editor = await vscode.commands.executeCommand('planlint.openDocument', wsUri(DOCX));
    assert.ok(editor, 'an editor');
    const doc = editor.document;
    assert.strictEqual(doc.uri.scheme, 'planlint-source');
    assert.strictEqual(doc.languageId, 'plan');
    assert.ok(/儿童与健康/.test(doc.getText()), 'the extracted text');
    const diags = await waitForDiagnostics(doc.uri, (ds) => ds.length > 0, 'diagnostics on the plan view', 60000);
    assert.ok(
      diags.every((d) => /^第 \d+ 段「/.test(d.message)),
      diags.map((d) => d.message).join('\n'),
    );
    assert.ok(
      diags.some((d) => codeOf(d) === 'numbering-style'),
      diags.map(codeOf).join(','),
    );
    await screenshot('document-view');
  });

  it('the plan view has the outline of the plan (7 domains)', async function () {
    this.timeout(120000);
    const doc = vscode.window.activeTextEditor.document;
    assert.strictEqual(doc.uri.scheme, 'planlint-source');
    // the outline (the symbol provider may answer empty until the client has synced the view)
    let names = '';
    for (let i = 0; i < 60 && !names.includes('儿童与法律保护'); i++) {
      const flat = (list) => (list ?? []).flatMap((x) => [x.name, ...flat(x.children)]);
      names = flat(await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', doc.uri)).join(' / ');
      if (!names.includes('儿童与法律保护')) await sleep(500);
    }
    // this plan names its sixth domain 儿童与发展环境 (an alias of 儿童与环境)
    for (const d of ['儿童与健康', '儿童与安全', '儿童与教育', '儿童与福利', '儿童与家庭', '儿童与发展环境', '儿童与法律保护'])
      assert.ok(names.includes(d), `${d} in ${names.slice(0, 300)}`);
  });

  it('opening the .docx itself hands over to the plan view (custom editor)', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('vscode.open', wsUri(DOCX));
    for (let i = 0; i < 100 && !vscode.window.activeTextEditor; i++) await sleep(200);
    for (let i = 0; i < 100 && vscode.window.activeTextEditor?.document.uri.scheme !== 'planlint-source'; i++) await sleep(200);
    const active = vscode.window.activeTextEditor;
    assert.ok(active && active.document.uri.scheme === 'planlint-source', `active: ${active && active.document.uri}`);
  });

  it('planlint.saveAsPlanText writes an editable .plan.txt with the same text', async () => {
    const view = vscode.window.activeTextEditor.document;
    const target = wsUri('formats/qujiang-saved.plan.txt');
    const saved = await vscode.commands.executeCommand('planlint.saveAsPlanText', { uri: view.uri, target });
    assert.strictEqual(saved.toString(), target.toString());
    assert.strictEqual(fs.readFileSync(target.fsPath, 'utf8').replace(/\n$/, ''), view.getText().replace(/\n$/, ''));
    const ed = vscode.window.activeTextEditor;
    assert.strictEqual(ed.document.uri.toString(), target.toString());
    assert.strictEqual(ed.document.languageId, 'plan');
    await waitForDiagnostics(
      target,
      (ds) => ds.some((d) => codeOf(d) === 'numbering-style'),
      'diagnostics on the saved copy',
      60000,
    );
    assert.ok(
      planlintDiags(target).every((d) => !/^第 \d+ 段/.test(d.message)),
      'a text file names lines, not paragraphs',
    );
  });
});
