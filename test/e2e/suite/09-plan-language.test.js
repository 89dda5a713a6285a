'use strict';
// A plan opens as a plan: a real plan saved as 草案.txt (VS Code gives .txt to Plain Text) is switched to the
// plan language within 1 s of the server's first answer; its semantic tokens carry the expected types at
// known positions (a domain heading, a weakened target against its original); a .txt that is not a plan
// stays Plain Text; a user's switch back is remembered; the setting turns switching off; a Markdown plan
// stays Markdown with the wrap of VS Code's [markdown] defaults.
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const { api, planlintDiags, codeOf, waitForDiagnostics, mutantLabels, screenshot, wsUri, sleep } = require('./helpers');

const MUTANT = 'jinlin-district-2021-2025_m1';
const labels = mutantLabels(MUTANT);

function write(rel, text) {
  const u = wsUri(rel);
  fs.mkdirSync(path.dirname(u.fsPath), { recursive: true });
  fs.writeFileSync(u.fsPath, text);
  return u;
}

const docOf = (uri) => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && !d.isClosed);

async function waitFor(pred, what, ms = 15000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = pred();
    if (v) return v;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** The document's semantic tokens as VS Code's own command returns them, decoded with the legend. */
async function tokensOf(uri) {
  const legend = await vscode.commands.executeCommand('vscode.provideDocumentSemanticTokensLegend', uri);
  const res = await vscode.commands.executeCommand('vscode.provideDocumentSemanticTokens', uri);
  assert.ok(legend && res && res.data, 'semantic tokens are provided');
  const out = [];
  let line = 0;
  let col = 0;
  for (let i = 0; i < res.data.length; i += 5) {
    line += res.data[i];
    col = res.data[i] === 0 ? col + res.data[i + 1] : res.data[i + 1];
    out.push({
      line,
      col,
      length: res.data[i + 2],
      type: legend.tokenTypes[res.data[i + 3]],
      mods: legend.tokenModifiers.filter((_, b) => res.data[i + 4] & (1 << b)),
    });
  }
  return out;
}

describe('a plan opens as a plan (草案.txt), semantic tokens', () => {
  let a;
  let draft;
  const planText = fs.readFileSync(wsUri(`jinlin/${MUTANT}.txt`).fsPath, 'utf8');

  before(async () => {
    a = await api();
    // its own folder: the original plan as its upstream (config found by walking up from the draft)
    write('draft/.planlintrc.json', JSON.stringify({ upstream: ['../jinlin/jinlin-district-2021-2025.txt'] }, null, 2));
    draft = write('draft/草案.txt', planText);
  });

  it("a real plan saved as 草案.txt opens in the plan language within 1 s of the server's first answer", async () => {
    let firstAnswer = 0;
    const sub = a.onDidUpdateStatus((p) => {
      if (!firstAnswer && vscode.Uri.parse(p.uri).toString() === draft.toString()) firstAnswer = Date.now();
    });
    try {
      const t0 = Date.now();
      const opened = await vscode.workspace.openTextDocument(draft);
      assert.strictEqual(opened.languageId, 'plaintext', 'VS Code opens a .txt as Plain Text');
      await vscode.window.showTextDocument(opened, { preview: false, viewColumn: vscode.ViewColumn.One });
      const doc = await waitFor(() => docOf(draft)?.languageId === 'plan' && docOf(draft), 'the plan language', 10000);
      const switchedAt = Date.now();
      await waitFor(() => firstAnswer, "the server's first answer about the draft", 30000);
      const h = a.languageSwitch.history.find((x) => x.uri === draft.toString());
      console.log(
        `[09] opened at 0, seen by the extension at ${h && h.seenAt - t0}, switched at ${h && h.switchedAt - t0} (seen here at ${switchedAt - t0}), server's first answer at ${firstAnswer - t0} ms`,
      );
      console.log(`[09] switched ${switchedAt - firstAnswer} ms after the server's first answer (negative: before it)`);
      assert.ok(switchedAt - firstAnswer <= 1000, `switched ${switchedAt - firstAnswer} ms after the server's first answer`);
      assert.strictEqual(doc.languageId, 'plan');
      assert.strictEqual(vscode.window.activeTextEditor?.document.languageId, 'plan', 'the editor shows the plan language');
    } finally {
      sub.dispose();
    }
  });

  it("the plan's editor defaults apply (wrap, no word-based suggestions)", () => {
    const cfg = vscode.workspace.getConfiguration('editor', docOf(draft));
    assert.strictEqual(cfg.get('wordWrap'), 'on');
    assert.strictEqual(cfg.get('wordBasedSuggestions'), 'off');
  });

  it('semantic tokens: a domain heading and the weakened targets (modifier weaker) at their labelled lines', async () => {
    const weakened = labels.injected.weakened_indicators;
    await waitForDiagnostics(
      draft,
      (ds) => weakened.every((w) => ds.some((d) => codeOf(d) === 'weaker-target' && d.range.start.line === w.line - 1)),
      'weaker-target findings',
    );
    const lines = docOf(draft)
      .getText()
      .split(/\r\n|\r|\n/);
    let toks = [];
    // the full check may still be replacing the structural one: wait until the verdicts are in
    for (let i = 0; i < 50; i++) {
      toks = await tokensOf(draft);
      if (weakened.every((w) => toks.some((t) => t.line === w.line - 1 && t.mods.includes('weaker')))) break;
      await sleep(200);
    }
    for (const w of weakened) {
      const t = toks.find((x) => x.line === w.line - 1 && x.type === 'planTarget' && x.mods.includes('weaker'));
      assert.ok(t, `a weaker planTarget on line ${w.line}: ${JSON.stringify(toks.filter((x) => x.line === w.line - 1))}`);
      assert.strictEqual(lines[t.line].slice(t.col, t.col + t.length), String(w.mutated_value), 'on the weakened value');
    }
    const heading = lines.findIndex((l) => /^\s*（一）儿童与安全/.test(l));
    assert.ok(heading >= 0);
    const d = toks.find((x) => x.line === heading && x.type === 'planDomain');
    assert.ok(d, `a planDomain token on line ${heading + 1}`);
    assert.strictEqual(lines[heading].slice(d.col, d.col + d.length), '儿童与安全');
    assert.ok(toks.some((x) => x.type === 'planPartLabel' && lines[x.line].slice(x.col, x.col + x.length) === '主要目标'));
    assert.ok(toks.some((x) => x.type === 'planTarget' && x.mods.includes('meets')));
  });

  it('screenshot: the plan with its colours', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const editor = await vscode.window.showTextDocument(docOf(draft), { viewColumn: vscode.ViewColumn.One, preview: false });
    await vscode.commands.executeCommand('workbench.action.closePanel');
    const line = labels.injected.weakened_indicators[1].line - 1;
    editor.selection = new vscode.Selection(line - 6, 0, line - 6, 0);
    editor.revealRange(new vscode.Range(line - 6, 0, line - 6, 0), vscode.TextEditorRevealType.AtTop);
    await sleep(1500);
    await screenshot('plan-colours');
  });

  it('a .txt that is not a plan stays Plain Text', async () => {
    const notes = write(
      'draft/会议记录.txt',
      '会议记录\n\n时间：周三下午\n1. 讨论规划起草进度\n3. 下次会议安排\n\n会上提到儿童发展规划的征求意见稿将于下月印发。\n',
    );
    let answered = false;
    const sub = a.onDidUpdateStatus((p) => {
      if (vscode.Uri.parse(p.uri).toString() === notes.toString()) answered = true;
    });
    try {
      const doc = await vscode.workspace.openTextDocument(notes);
      await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
      await waitFor(() => answered, "the server's answer about the notes", 30000);
      await sleep(1500);
      assert.strictEqual(docOf(notes).languageId, 'plaintext');
      // edits that keep it a non-plan do not switch it either
      const editor = vscode.window.activeTextEditor;
      await editor.edit((e) => e.insert(new vscode.Position(0, 0), '补充：\n'));
      await sleep(1200);
      assert.strictEqual(docOf(notes).languageId, 'plaintext');
      assert.strictEqual(planlintDiags(notes).length, 0);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    } finally {
      sub.dispose();
    }
  });

  it("a switch back to Plain Text is the user's choice: remembered, also after closing and reopening", async () => {
    const doc = docOf(draft);
    const back = await vscode.languages.setTextDocumentLanguage(doc, 'plaintext');
    assert.strictEqual(back.languageId, 'plaintext');
    await sleep(1200);
    assert.strictEqual(docOf(draft).languageId, 'plaintext', 'not switched again');
    assert.ok(a.languageSwitch.declined().includes(draft.toString()), 'remembered');
    // a user who changes their mind: back to plan, forgotten
    await vscode.languages.setTextDocumentLanguage(docOf(draft), 'plan');
    await sleep(300);
    assert.ok(!a.languageSwitch.declined().includes(draft.toString()));
  });

  it('planlint.autoDetectLanguage: false leaves a plan .txt as Plain Text', async () => {
    const cfg = vscode.workspace.getConfiguration('planlint');
    await cfg.update('autoDetectLanguage', false, vscode.ConfigurationTarget.Workspace);
    try {
      const second = write('draft/第二稿.txt', planText);
      const doc = await vscode.workspace.openTextDocument(second);
      await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
      await sleep(1500);
      assert.strictEqual(docOf(second).languageId, 'plaintext');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    } finally {
      await cfg.update('autoDetectLanguage', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('a Markdown plan (规划（征求意见稿）.md) stays Markdown, wraps, and gets the plan tokens', async () => {
    const md = write('draft/规划（征求意见稿）.md', planText);
    const doc = await vscode.workspace.openTextDocument(md);
    await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
    await waitForDiagnostics(md, (ds) => ds.some((d) => codeOf(d) === 'missing-domain'), 'findings on the Markdown plan');
    await sleep(800);
    assert.strictEqual(docOf(md).languageId, 'markdown');
    const cfg = vscode.workspace.getConfiguration('editor', docOf(md));
    assert.strictEqual(cfg.get('wordWrap'), 'on', "VS Code's [markdown] default wraps");
    const quick = cfg.get('quickSuggestions');
    assert.ok(quick && quick.other === 'off', `no suggestions while typing in Markdown: ${JSON.stringify(quick)}`);
    const toks = await tokensOf(md);
    assert.ok(
      toks.some((t) => t.type === 'planDomain'),
      'domain headings are tokens in Markdown too',
    );
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
