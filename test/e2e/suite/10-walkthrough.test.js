'use strict';
// The getting-started walkthrough: it opens, and each step's button, clicked in the real workbench (the
// code-server route's [ui-click]), runs its command with a visible effect: a new plan from the skeleton,
// the Problems panel beside the plan, the upstream quick pick, the quick fix on a finding, the comparison,
// the report. Screenshots of the walkthrough and of each step (the walkthrough's own images come from these).
const assert = require('assert');
const fs = require('fs');
const vscode = require('vscode');
const { api, codeOf, waitForDiagnostics, mutantLabels, screenshot, wsUri, sleep } = require('./helpers');

const UI = process.env.PLANLINT_E2E_UI === '1';
const MUTANT = 'jinlin-district-2021-2025_m1';

async function waitFor(pred, what, ms = 15000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await pred();
    if (v) return v;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe('getting-started walkthrough', function () {
  let a;
  let plan;
  // the manifest as written (ext.packageJSON has the %keys% already replaced by the display language's text)
  const manifest = () => JSON.parse(fs.readFileSync(require('path').join(process.env.PLANLINT_E2E_ROOT, 'package.json'), 'utf8'));
  const steps = () => manifest().contributes.walkthroughs[0].steps;

  /** Clicks a step's button in the workbench (code-server route) or runs the link's command (electron route). */
  async function clickStep(stepId, nth = 0) {
    const step = steps().find((s) => s.id === stepId);
    if (!UI) {
      const nls = JSON.parse(fs.readFileSync(require('path').join(process.env.PLANLINT_E2E_ROOT, 'package.nls.json'), 'utf8'));
      const links = [...nls[step.description.replace(/%/g, '')].matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]);
      return vscode.commands.executeCommand(links[nth]);
    }
    await a.walkthrough.open();
    await sleep(600);
    // the step's title (expands the step; its centre could be a button of an expanded step)
    console.log(`[ui-click] [x-step-title-for$="${stepId}"]`);
    await sleep(900);
    const sel = `[x-step-description-for$="${stepId}"] .button-container${' ~ .button-container'.repeat(nth)} .monaco-button`;
    console.log(`[ui-click] ${sel}`);
    return undefined;
  }

  const ran = (id) => a.walkthrough.ran.includes(id);

  before(async () => {
    a = await api();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    // the draft of 09 (草案.txt with the original as its upstream), written here when this file runs alone
    const draft = wsUri('draft/草案.txt');
    if (!fs.existsSync(draft.fsPath)) {
      fs.mkdirSync(require('path').dirname(draft.fsPath), { recursive: true });
      fs.writeFileSync(
        wsUri('draft/.planlintrc.json').fsPath,
        JSON.stringify({ upstream: ['../jinlin/jinlin-district-2021-2025.txt'] }),
      );
      fs.copyFileSync(wsUri(`jinlin/${MUTANT}.txt`).fsPath, draft.fsPath);
    }
    const doc = await vscode.workspace.openTextDocument(draft);
    await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
    plan = draft;
    await waitForDiagnostics(plan, (ds) => ds.some((d) => codeOf(d) === 'weaker-target'), 'weaker-target findings');
  });

  it('contributes a walkthrough with six steps, each with an image, a button and a completion event', () => {
    const w = vscode.extensions.getExtension('planlint.planlint').packageJSON.contributes.walkthroughs;
    assert.strictEqual(w.length, 1);
    assert.ok(
      !/%/.test(w[0].title) && /儿童发展规划/.test(w[0].title),
      `the title in the display language (zh-cn): ${w[0].title}`,
    );
    assert.deepStrictEqual(
      steps().map((s) => s.id),
      ['openPlan', 'problems', 'upstream', 'quickFix', 'comparison', 'report'],
    );
    const root = process.env.PLANLINT_E2E_ROOT;
    for (const lang of ['package.nls.json', 'package.nls.zh-cn.json']) {
      const nls = JSON.parse(fs.readFileSync(require('path').join(root, lang), 'utf8'));
      for (const s of steps()) {
        const text = nls[s.description.replace(/%/g, '')];
        assert.ok(/\]\(command:[\w.]+\)/.test(text), `${lang} ${s.id}: a button`);
        assert.ok(nls[s.title.replace(/%/g, '')], `${lang} ${s.id}: a title`);
      }
    }
    for (const s of steps()) {
      assert.ok(fs.existsSync(require('path').join(root, s.media.image)), `image ${s.media.image}`);
      assert.ok(s.completionEvents.length > 0);
    }
  });

  it('opens (Welcome editor with the walkthrough)', async () => {
    await a.walkthrough.open();
    await waitFor(
      () =>
        vscode.window.tabGroups.activeTabGroup.activeTab &&
        !(vscode.window.tabGroups.activeTabGroup.activeTab.input instanceof vscode.TabInputText),
      'the walkthrough tab',
    );
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    console.log(`[10] walkthrough tab: ${tab.label}`);
    assert.ok(tab.label.length > 0);
    await sleep(1200);
    await screenshot('walkthrough');
  });

  it('step 1: "New plan from the skeleton" creates an untitled plan with the whole-plan skeleton', async () => {
    await clickStep('openPlan', 1);
    const doc = await waitFor(
      () =>
        vscode.workspace.textDocuments.find((d) => d.isUntitled && d.languageId === 'plan' && /儿童与法律保护/.test(d.getText())),
      'an untitled plan with the skeleton',
    );
    assert.ok(ran('planlint.newPlan'));
    for (const d of ['健康', '安全', '教育', '福利', '家庭', '环境', '法律保护']) assert.ok(doc.getText().includes(`儿童与${d}`));
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('step 2: "Show the Problems panel" shows the plan and the panel', async () => {
    await clickStep('problems');
    await waitFor(() => ran('planlint.walkthrough.showProblems'), 'the command');
    await waitFor(
      () => vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === plan.toString()),
      'the plan visible',
    );
    await sleep(1000);
    await screenshot('walkthrough-problems');
  });

  it('step 3: "Choose upstream plans" opens the upstream quick pick', async () => {
    await clickStep('upstream');
    await waitFor(() => ran('planlint.walkthrough.chooseUpstream'), 'the command');
    await sleep(2500); // baselines request + workspace scan, then the quick pick
    await screenshot('walkthrough-upstream');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  it('step 4: "Show a quick fix" puts the cursor on a finding and opens its fixes', async () => {
    await clickStep('quickFix');
    await waitFor(() => ran('planlint.walkthrough.quickFix'), 'the command');
    const editor = await waitFor(
      () => vscode.window.activeTextEditor?.document.uri.toString() === plan.toString() && vscode.window.activeTextEditor,
      'the plan active',
    );
    const weakened = mutantLabels(MUTANT).injected.weakened_indicators.map((w) => w.line - 1);
    await waitFor(
      () => weakened.includes(editor.selection.start.line),
      `the cursor on a weakened target (lines ${weakened.map((l) => l + 1)})`,
    );
    await sleep(1200);
    await screenshot('walkthrough-quickfix');
    await vscode.commands.executeCommand('hideCodeActionWidget').then(undefined, () => undefined);
  });

  it('step 5: "Show the comparison" opens the comparison of the plan', async () => {
    await clickStep('comparison');
    await waitFor(() => ran('planlint.walkthrough.showComparison'), 'the command');
    await waitFor(() => a.comparison.uri && a.comparison.uri.toString() === plan.toString(), 'the comparison of the plan', 20000);
    await sleep(1500);
    await screenshot('walkthrough-comparison');
  });

  it('step 6: "Export the report" writes the report of the plan beside it', async () => {
    const dir = require('path').dirname(plan.fsPath);
    const before = new Set(fs.readdirSync(dir));
    // the comparison (a webview) is active: the report is of the plan used last
    await clickStep('report');
    await waitFor(() => ran('planlint.walkthrough.exportReport'), 'the command');
    // the extension's review-opinions export (a .docx) when it has one, else the CLI's HTML report
    const made = await waitFor(
      () => fs.readdirSync(dir).find((f) => !before.has(f) && /^草案.*\.(docx|html)$/.test(f)),
      'the report file',
      30000,
    );
    const bytes = fs.readFileSync(require('path').join(dir, made));
    assert.ok(bytes.length > 1000, `${made}: ${bytes.length} bytes`);
    if (made.endsWith('.docx')) assert.ok(bytes.includes(Buffer.from('word/document.xml')), 'a docx package');
    else
      assert.ok(
        /<html/i.test(bytes.toString('utf8')) && bytes.toString('utf8').includes('儿童与安全'),
        'an HTML report of the plan',
      );
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
