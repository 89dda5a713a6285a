'use strict';
// The mutant against its original as the upstream plan (chosen with planlint.chooseBaseline, saved to
// .planlintrc.json): the three weakened targets are reported; a quick fix restores one; hovers explain.
const assert = require('assert');
const fs = require('fs');
const vscode = require('vscode');
const { api, open, codeOf, waitForDiagnostics, planlintDiags, mutantLabels, screenshot, wsUri, sleep } = require('./helpers');

const MUTANT = 'jinlin-district-2021-2025_m1';
const ORIGINAL = 'jinlin/jinlin-district-2021-2025.txt';

describe('upstream baseline, weaker targets, quick fix, hover', () => {
  const labels = mutantLabels(MUTANT);
  const weakened = labels.injected.weakened_indicators;
  let uri;
  let editor;

  before(async () => {
    await api();
    ({ uri, editor } = await open(`jinlin/${MUTANT}.txt`));
    await waitForDiagnostics(uri, (ds) => ds.length > 0, 'the first findings');
  });

  it('planlint.chooseBaseline writes upstream into a new .planlintrc.json', async () => {
    const cfg = wsUri('.planlintrc.json');
    assert.ok(!fs.existsSync(cfg.fsPath), 'no .planlintrc.json at the start');
    const chosen = await vscode.commands.executeCommand('planlint.chooseBaseline', [ORIGINAL]);
    assert.deepStrictEqual(chosen, [ORIGINAL]);
    const saved = JSON.parse(fs.readFileSync(cfg.fsPath, 'utf8'));
    assert.deepStrictEqual(saved.upstream, [ORIGINAL]);
  });

  it('reports every weakened target at its labelled line (weaker-target)', async () => {
    const want = weakened.map((w) => w.line - 1);
    const diags = await waitForDiagnostics(
      uri,
      (ds) => want.every((l) => ds.some((d) => codeOf(d) === 'weaker-target' && d.range.start.line === l)),
      `weaker-target at lines ${weakened.map((w) => w.line)}`,
    );
    const w = diags.find((d) => codeOf(d) === 'weaker-target' && d.range.start.line === want[1]);
    assert.ok(w.message.includes(String(weakened[1].original_value)), `the message gives the upstream value: ${w.message}`);
    assert.strictEqual(
      w.severity,
      vscode.DiagnosticSeverity.Error,
      'against a same-horizon upstream plan, a weaker target is an error',
    );
  });

  it('shows the Problems panel (screenshot)', async () => {
    editor = await vscode.window.showTextDocument(editor.document, vscode.ViewColumn.One);
    const line = weakened[1].line - 1;
    editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.InCenter);
    editor.selection = new vscode.Selection(line, 0, line, 0);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await sleep(800);
    await screenshot('problems');
  });

  it('hover on a weakened target gives the upstream value and its source', async () => {
    const w = weakened[1];
    const d = planlintDiags(uri).find((x) => codeOf(x) === 'weaker-target' && x.range.start.line === w.line - 1);
    assert.ok(d, 'the weaker-target diagnostic is there');
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, d.range.start);
    const text = (hovers || [])
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    assert.ok(text.length > 0, 'a hover is returned');
    assert.ok(
      text.includes(String(w.original_value)),
      `the hover mentions the upstream ${w.original_value}: ${text.slice(0, 300)}`,
    );
    assert.ok(/金林区儿童发展规划/.test(text), `the hover names the upstream plan: ${text.slice(0, 300)}`);
    // the same hover, as a user sees it
    editor = await vscode.window.showTextDocument(editor.document, vscode.ViewColumn.One);
    editor.selection = new vscode.Selection(d.range.start, d.range.start);
    editor.revealRange(d.range, vscode.TextEditorRevealType.InCenter);
    await sleep(300);
    await vscode.commands.executeCommand('editor.action.showHover');
    await sleep(1200);
    await screenshot('hover');
    await vscode.commands.executeCommand('editor.action.hideHover');
  });

  it('applying the quick fix of a weaker target removes the finding', async () => {
    const w = weakened[0];
    const line = w.line - 1;
    const d = planlintDiags(uri).find((x) => codeOf(x) === 'weaker-target' && x.range.start.line === line);
    assert.ok(d, 'the weaker-target diagnostic is there');
    const actions = await vscode.commands.executeCommand(
      'vscode.executeCodeActionProvider',
      uri,
      d.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fixes = (actions || []).filter((a) => a.edit && a.kind && a.kind.value.startsWith('quickfix'));
    console.log('quick fixes:', JSON.stringify(fixes.map((a) => a.title)));
    const fix =
      fixes.find((a) => a.isPreferred) ||
      fixes.find((a) => a.edit.get(uri).some((e) => e.newText.includes(String(w.original_value))));
    assert.ok(fix, `a quick fix that restores ${w.original_value}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the edit applies');
    assert.ok(editor.document.lineAt(line).text.includes(String(w.original_value)), `line ${w.line} now has ${w.original_value}`);
    await waitForDiagnostics(
      uri,
      (ds) => !ds.some((x) => codeOf(x) === 'weaker-target' && x.range.start.line === line),
      `the finding at ${w.line} to go`,
    );
    // the other weakened targets stay reported
    assert.ok(planlintDiags(uri).some((x) => codeOf(x) === 'weaker-target' && x.range.start.line === weakened[2].line - 1));
  });
});
