'use strict';
// The plan skeleton snippet (snippets/plan.code-snippets, "plan-skeleton") typed into an empty plan gives a
// plan with all 7 domains: no missing-domain. A title alone gives missing-domain (the rule is live here).
const assert = require('assert');
const fs = require('fs');
const vscode = require('vscode');
const { api, codeOf, planlintDiags, waitForStatus, wsUri, sleep } = require('./helpers');

describe('plan skeleton snippet', () => {
  let a;
  let doc;
  let editor;

  before(async () => {
    a = await api();
    const file = wsUri('new/draft.plan.txt');
    fs.mkdirSync(require('path').dirname(file.fsPath), { recursive: true });
    fs.writeFileSync(file.fsPath, '');
    doc = await vscode.workspace.openTextDocument(file);
    editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One });
    if (doc.languageId !== 'plan') doc = await vscode.languages.setTextDocumentLanguage(doc, 'plan');
  });

  async function settle() {
    await waitForStatus(a, doc.uri, doc, 30000);
    await sleep(300);
    return planlintDiags(doc.uri);
  }

  it('a *.plan.txt file opens as the plan language', () => {
    assert.strictEqual(doc.languageId, 'plan');
  });

  it('a title alone: the 7 domains are missing', async () => {
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '某某区儿童发展规划（2021—2030年）\n\n'));
    const diags = await settle();
    const md = diags.filter((d) => codeOf(d) === 'missing-domain');
    assert.strictEqual(md.length, 7, `7 missing-domain findings, got ${md.length}`);
  });

  it('the skeleton inserted into the empty plan: no missing-domain', async () => {
    await editor.edit((e) => e.delete(new vscode.Range(0, 0, doc.lineCount, 0)));
    assert.strictEqual(doc.getText(), '');
    // insertSnippet works on the focused editor: make it the draft's (an earlier suite may hold the focus)
    editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preserveFocus: false });
    assert.strictEqual(
      vscode.window.activeTextEditor && vscode.window.activeTextEditor.document,
      doc,
      'the draft is the active editor',
    );
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'plan', name: 'plan-skeleton' });
    // the workbench's edit reaches the extension host's copy of the document as an event: wait for it
    for (const end = Date.now() + 30000; doc.getText() === '' && Date.now() < end;) await sleep(100);
    const text = doc.getText();
    assert.ok(text.length > 200 && /儿童发展规划/.test(text), 'the contributed snippet was inserted by its name');
    for (const d of ['健康', '安全', '教育', '福利', '家庭', '环境', '法律保护'])
      assert.ok(text.includes(`儿童与${d}`), `skeleton has 儿童与${d}`);
    const diags = await settle();
    const md = diags.filter((d) => codeOf(d) === 'missing-domain');
    assert.deepStrictEqual(
      md.map((d) => d.message),
      [],
      'no missing-domain',
    );
    const numbering = diags.filter((d) => /^numbering-/.test(codeOf(d)));
    assert.deepStrictEqual(
      numbering.map((d) => `${d.range.start.line + 1}: ${d.message}`),
      [],
      'the skeleton numbers its outline correctly',
    );
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
