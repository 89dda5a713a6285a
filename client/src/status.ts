// Status bar item: the active baseline and the finding counts of the active document, from the server's
// planlint/status notifications. Click → Problems panel.
import * as vscode from 'vscode';
import type { StatusParams } from './protocol';

export class PlanStatus implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly byUri = new Map<string, StatusParams>();
  private readonly emitter = new vscode.EventEmitter<StatusParams>();
  private serverState: 'running' | 'starting' | 'stopped' = 'starting';
  private readonly disposables: vscode.Disposable[] = [];
  /** Fires after each planlint/status notification (used by commands waiting for a re-check, and tests). */
  readonly onDidUpdate = this.emitter.event;

  constructor() {
    this.item = vscode.window.createStatusBarItem('planlint.status', vscode.StatusBarAlignment.Left, 50);
    this.item.name = vscode.l10n.t('PlanLint');
    this.item.command = 'workbench.actions.view.problems';
    this.disposables.push(
      this.item,
      this.emitter,
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidCloseTextDocument((d) => this.byUri.delete(d.uri.toString())),
    );
  }

  update(p: StatusParams): void {
    if (!p || typeof p.uri !== 'string') return;
    this.byUri.set(normalise(p.uri), p);
    this.render();
    this.emitter.fire(p);
  }

  get(uri: vscode.Uri | string): StatusParams | undefined {
    return this.byUri.get(normalise(uri.toString()));
  }

  setServerState(state: 'running' | 'starting' | 'stopped'): void {
    this.serverState = state;
    this.render();
  }

  private render(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const st = doc ? this.get(doc.uri) : undefined;
    if (this.serverState === 'stopped') {
      this.item.text = `$(error) ${vscode.l10n.t('PlanLint stopped')}`;
      this.item.tooltip = vscode.l10n.t(
        'The PlanLint language server is not running. Run "PlanLint: Restart the language server".',
      );
      this.item.command = 'planlint.restartServer';
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      this.item.show();
      return;
    }
    this.item.backgroundColor = undefined;
    this.item.command = 'workbench.actions.view.problems';
    if (!st) {
      this.item.hide();
      return;
    }
    // each upstream with its kind of source: 中国儿童发展纲要（…）（重建） + 某市儿童发展规划（…）（原文）
    const baseline = st.upstream?.length
      ? st.upstream.map((u) => u.label).join(' + ')
      : st.baseline || vscode.l10n.t('no baseline');
    if (st.skipped) {
      this.item.text = `$(circle-slash) ${baseline}`;
    } else {
      this.item.text = `$(checklist) ${baseline}  $(error) ${st.errors}  $(warning) ${st.warnings}  $(info) ${st.infos}`;
    }
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**${vscode.l10n.t('PlanLint')}**\n\n`);
    if (st.upstream?.length) {
      md.appendText(vscode.l10n.t('Upstream baseline: {0}', ''));
      for (const u of st.upstream) {
        md.appendMarkdown('\n- ');
        md.appendText(u.text);
      }
    } else md.appendText(vscode.l10n.t('Upstream baseline: {0}', baseline));
    md.appendMarkdown('\n\n');
    if (st.notSupplied?.length) {
      md.appendText(st.notSupplied.join('\n'));
      md.appendMarkdown('\n\n');
    }
    if (st.confidence) {
      md.appendText(st.confidence);
      md.appendMarkdown('\n\n');
    }
    md.appendText(vscode.l10n.t('{0} errors, {1} warnings, {2} infos', st.errors, st.warnings, st.infos));
    if (st.skipped) {
      md.appendMarkdown('\n\n');
      md.appendText(vscode.l10n.t('Not checked: {0}', st.skipped));
    }
    md.appendMarkdown('\n\n');
    md.appendText(vscode.l10n.t('Click to open the Problems panel.'));
    this.item.tooltip = md;
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** Servers may spell file URIs differently (encoded colon, drive-letter case): compare parsed forms. */
export function normalise(uri: string): string {
  try {
    return vscode.Uri.parse(uri).toString();
  } catch {
    return uri;
  }
}
