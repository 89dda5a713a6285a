// The getting-started walkthrough (package.json contributes.walkthroughs, "planlint.gettingStarted") and the
// commands behind its buttons. The walkthrough itself is an editor tab, so a button never finds a plan in
// the active editor: each step's command works on the plan the drafter used last (the active one, else the
// last plan editor, else any open plan) and shows it beside the walkthrough.
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { PLAN_LANGUAGE, documentLooksLikePlan } from './language-switch';

export const WALKTHROUGH_ID = 'planlint.gettingStarted';
export const SNIPPET_NAME = 'plan-skeleton';

/** The commands the walkthrough's buttons run (command: links; not in the palette except newPlan). */
export const WALKTHROUGH_COMMANDS = {
  open: 'planlint.walkthrough.openPlan',
  newPlan: 'planlint.newPlan',
  problems: 'planlint.walkthrough.showProblems',
  upstream: 'planlint.walkthrough.chooseUpstream',
  quickFix: 'planlint.walkthrough.quickFix',
  comparison: 'planlint.walkthrough.showComparison',
  report: 'planlint.walkthrough.exportReport',
} as const;

export interface Walkthrough {
  /** The walkthrough commands run so far, oldest first (read by the e2e tests). */
  readonly ran: string[];
  open(): Thenable<unknown>;
}

function isPlanDocument(doc: vscode.TextDocument): boolean {
  if (doc.isClosed) return false;
  if (doc.languageId === PLAN_LANGUAGE) return true;
  return (doc.languageId === 'markdown' || doc.languageId === 'plaintext') && documentLooksLikePlan(doc);
}

export function registerWalkthrough(context: vscode.ExtensionContext, cliPath: string): Walkthrough {
  const ran: string[] = [];
  let lastPlan: vscode.Uri | undefined;
  const remember = (e: vscode.TextEditor | undefined): void => {
    if (e && isPlanDocument(e.document)) lastPlan = e.document.uri;
  };
  remember(vscode.window.activeTextEditor);

  /** The plan to work on: the active one, the last one shown, a visible one, any open one. */
  function currentPlan(): vscode.TextDocument | undefined {
    const active = vscode.window.activeTextEditor?.document;
    if (active && isPlanDocument(active)) return active;
    const docs = vscode.workspace.textDocuments;
    const last = lastPlan && docs.find((d) => d.uri.toString() === lastPlan!.toString() && !d.isClosed);
    if (last) return last;
    return vscode.window.visibleTextEditors.map((e) => e.document).find(isPlanDocument) ?? docs.find(isPlanDocument);
  }

  /** Shows the current plan (beside the walkthrough when the walkthrough is what is active). */
  async function showPlan(): Promise<vscode.TextEditor | undefined> {
    const doc = currentPlan();
    if (!doc) {
      const create = vscode.l10n.t('New plan from the skeleton');
      const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Open a plan document first.'), create);
      if (choice === create) await vscode.commands.executeCommand(WALKTHROUGH_COMMANDS.newPlan);
      return undefined;
    }
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    const column = visible?.viewColumn ?? (vscode.window.activeTextEditor ? vscode.ViewColumn.Active : vscode.ViewColumn.Beside);
    return vscode.window.showTextDocument(doc, { viewColumn: column, preview: false });
  }

  const command = (id: string, run: (...args: unknown[]) => unknown): vscode.Disposable =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      ran.push(id);
      return run(...args);
    });

  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(remember),

    command(WALKTHROUGH_COMMANDS.newPlan, async () => {
      // An untitled plan with the whole-plan skeleton (title, the 7 domains with 主要目标/策略措施, numbering)
      const doc = await vscode.workspace.openTextDocument({ language: PLAN_LANGUAGE, content: '' });
      const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
      await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: PLAN_LANGUAGE, name: SNIPPET_NAME });
      lastPlan = doc.uri;
      return editor.document;
    }),

    command(WALKTHROUGH_COMMANDS.open, async () => {
      const picked = await vscode.window.showOpenDialog({
        canSelectMany: false,
        openLabel: vscode.l10n.t('Open plan'),
        filters: { [vscode.l10n.t('Plans')]: ['txt', 'md', 'markdown'] },
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
      });
      if (!picked?.length) return undefined;
      const doc = await vscode.workspace.openTextDocument(picked[0]);
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
      return doc.uri;
    }),

    command(WALKTHROUGH_COMMANDS.problems, async () => {
      const editor = await showPlan();
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      return editor?.document.uri;
    }),

    command(WALKTHROUGH_COMMANDS.upstream, async () => {
      // chooseBaseline offers the workspace's other plans: the draft must be the active editor
      await showPlan();
      return vscode.commands.executeCommand('planlint.chooseBaseline');
    }),

    command(WALKTHROUGH_COMMANDS.quickFix, async () => {
      const editor = await showPlan();
      if (!editor) return undefined;
      const diags = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'planlint');
      // a finding with a mechanical fix first: a weaker target (set to the upstream value), numbering, a missing domain
      const order = [
        'weaker-target',
        'numbering-gap',
        'numbering-duplicate',
        'numbering-style',
        'numbering-level',
        'missing-domain',
      ];
      const code = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' ? d.code.value : (d.code ?? ''));
      const rank = (d: vscode.Diagnostic): number => {
        const i = order.indexOf(code(d));
        return i < 0 ? order.length : i;
      };
      const d = [...diags].sort((a, b) => rank(a) - rank(b) || a.range.start.line - b.range.start.line)[0];
      if (!d) {
        void vscode.window.showInformationMessage(vscode.l10n.t('This plan has no findings: nothing to fix.'));
        return undefined;
      }
      editor.selection = new vscode.Selection(d.range.start, d.range.end);
      editor.revealRange(d.range, vscode.TextEditorRevealType.InCenter);
      await vscode.commands.executeCommand('editor.action.quickFix');
      return { uri: editor.document.uri, line: d.range.start.line, code: code(d) };
    }),

    command(WALKTHROUGH_COMMANDS.comparison, async () => {
      const doc = currentPlan();
      if (!doc) return showPlan();
      return vscode.commands.executeCommand('planlint.showComparison', doc.uri);
    }),

    command(WALKTHROUGH_COMMANDS.report, async () => {
      const doc = currentPlan();
      if (!doc) return showPlan();
      // The review opinions (审查意见, a Word document) when the extension has that export; else another export
      // command; else the CLI's HTML report (check --format html).
      const commands = await vscode.commands.getCommands(true);
      const exporter =
        commands.find((c) => c === 'planlint.writeReviewOpinions') ?? commands.find((c) => /^planlint\.export/i.test(c));
      if (exporter) return vscode.commands.executeCommand(exporter, doc.uri);
      return htmlReport(doc, cliPath);
    }),
  );

  return {
    ran,
    // beside the plan when one is open, so the steps and their effect are seen together
    open: () =>
      vscode.commands.executeCommand(
        'workbench.action.openWalkthrough',
        `${context.extension.id}#${WALKTHROUGH_ID}`,
        !!vscode.window.activeTextEditor,
      ),
  };
}

/**
 * The CLI's HTML report of a saved plan (upstream from its .planlintrc.json), written beside it as
 * `NAME.report.html`; an unsaved plan is saved first (the CLI reads files).
 */
async function htmlReport(doc: vscode.TextDocument, cliPath: string): Promise<vscode.Uri | undefined> {
  if (doc.isUntitled || doc.isDirty) {
    if (!(await doc.save())) return undefined;
  }
  const file = doc.uri.fsPath;
  const out = vscode.Uri.file(path.join(path.dirname(file), `${path.basename(file).replace(/\.[^.]+$/, '')}.report.html`));
  const html = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      [
        cliPath,
        'check',
        '--format',
        'html',
        '--locale',
        vscode.env.language.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en',
        path.basename(file),
      ],
      { cwd: path.dirname(file), maxBuffer: 64 << 20, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } },
      (err, stdout, stderr) => {
        // exit 1 = the plan has error findings: the report is still complete
        if (err && (err as { code?: unknown }).code !== 1) reject(new Error(stderr.trim().split('\n')[0] || err.message));
        else resolve(stdout);
      },
    );
  });
  await vscode.workspace.fs.writeFile(out, new TextEncoder().encode(html));
  const open = vscode.l10n.t('Open');
  void vscode.window
    .showInformationMessage(vscode.l10n.t('Report saved to {0}', vscode.workspace.asRelativePath(out)), open)
    .then((c) => {
      if (c === open) void vscode.env.openExternal(out);
    });
  return out;
}

const WELCOMED_KEY = 'planlint.welcomed';

/**
 * The first time a file is switched to the plan language, one notification says so and offers the
 * walkthrough, or to keep that file as Plain Text (remembered like any switch back). Never shown again.
 */
export function offerWalkthroughOnce(
  context: vscode.ExtensionContext,
  onDidSwitch: vscode.Event<vscode.TextDocument>,
  walkthrough: Walkthrough,
): void {
  if (context.globalState.get<boolean>(WELCOMED_KEY)) return;
  const sub = onDidSwitch((doc) => {
    if (context.globalState.get<boolean>(WELCOMED_KEY)) return;
    void context.globalState.update(WELCOMED_KEY, true);
    sub.dispose();
    const start = vscode.l10n.t('Getting started');
    const keep = vscode.l10n.t('Keep as Plain Text');
    void vscode.window
      .showInformationMessage(
        vscode.l10n.t(
          'PlanLint opened {0} as a plan: figures are coloured by their verdict against the upstream plans.',
          path.basename(doc.uri.path),
        ),
        start,
        keep,
      )
      .then(async (choice) => {
        if (choice === start) await walkthrough.open();
        else if (choice === keep && !doc.isClosed) await vscode.languages.setTextDocumentLanguage(doc, 'plaintext');
      });
  });
  context.subscriptions.push(sub);
}
