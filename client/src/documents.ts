// Word/WPS/PDF/web-page plans in VS Code: a read-only plan view of the text the server extracts
// (a TextDocumentContentProvider on the planlint-source: scheme, so the language server checks it
// like any plan: diagnostics, hovers, outline, comparison), opened by the command 规划对标：检查
// Word/PDF 文件 or by opening the file itself (a custom editor that hands over to the view), and a
// command that saves the view as an editable .plan.txt / .plan.md.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ReadSourceRequest, SOURCE_VIEW_SCHEME, SOURCE_VIEW_SUFFIX, type ReadSourceResult } from './protocol';

export const DOCUMENT_VIEW_TYPE = 'planlint.documentView';
const DOCUMENT_EXTENSIONS = ['docx', 'doc', 'wps', 'pdf', 'html', 'htm'];

/** file:///a/b.docx → planlint-source:///a/b.docx.plan.txt */
export function viewUriOf(file: vscode.Uri): vscode.Uri {
  return file.with({ scheme: SOURCE_VIEW_SCHEME, path: file.path + SOURCE_VIEW_SUFFIX });
}

/** planlint-source:///a/b.docx.plan.txt → file:///a/b.docx */
export function fileUriOf(view: vscode.Uri): vscode.Uri {
  const p = view.path.endsWith(SOURCE_VIEW_SUFFIX) ? view.path.slice(0, -SOURCE_VIEW_SUFFIX.length) : view.path;
  return view.with({ scheme: 'file', path: p });
}

export class SourceViewProvider implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  /** The last text served per view (the save command writes it). */
  readonly texts = new Map<string, string>();

  constructor(
    private readonly client: () => LanguageClient,
    private readonly ready: () => Promise<void>,
  ) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    await this.ready();
    const c = this.client();
    const res = await c.sendRequest<ReadSourceResult>(ReadSourceRequest, { uri: c.code2ProtocolConverter.asUri(fileUriOf(uri)) });
    if (res.error !== undefined || res.text === undefined) {
      const msg = res.error ?? vscode.l10n.t('Cannot read {0}', fileUriOf(uri).fsPath);
      void vscode.window.showErrorMessage(msg);
      throw new Error(msg);
    }
    this.texts.set(uri.toString(), res.text);
    return res.text;
  }

  /** The file changed on disk: read it again. */
  refresh(file: vscode.Uri): void {
    this.changed.fire(viewUriOf(file));
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Opens the read-only plan view of a Word/WPS/PDF/HTML file. */
export async function openSourceView(file: vscode.Uri, column?: vscode.ViewColumn): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(viewUriOf(file));
  if (doc.languageId !== 'plan') await vscode.languages.setTextDocumentLanguage(doc, 'plan');
  return vscode.window.showTextDocument(doc, { viewColumn: column, preview: false });
}

/** Opening a .docx/.doc/.wps/.pdf in VS Code: hand over to the plan view (a binary file has no text editor). */
class DocumentEditorProvider implements vscode.CustomReadonlyEditorProvider {
  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  async resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): Promise<void> {
    panel.webview.options = { enableScripts: false };
    panel.webview.html = `<!DOCTYPE html><html><body><p>${escapeHtml(vscode.l10n.t('Opening the plan text of {0}…', document.uri.fsPath))}</p></body></html>`;
    try {
      await openSourceView(document.uri, panel.viewColumn);
      panel.dispose();
    } catch (e) {
      panel.webview.html = `<!DOCTYPE html><html><body><p>${escapeHtml(e instanceof Error ? e.message : String(e))}</p></body></html>`;
    }
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
}

function argUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && /^[a-z][\w+.-]*:/i.test(arg)) return vscode.Uri.parse(arg);
  if (arg && typeof arg === 'object' && 'uri' in arg) return argUri((arg as { uri: unknown }).uri);
  return undefined;
}

/** 规划对标：检查 Word/PDF 文件 — a file from the argument, the active tab, or an open dialog. */
export async function openDocumentCommand(arg?: unknown): Promise<vscode.TextEditor | undefined> {
  let file = argUri(arg);
  if (file?.scheme === SOURCE_VIEW_SCHEME) file = fileUriOf(file);
  if (!file) {
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab?.input as { uri?: vscode.Uri } | undefined;
    if (tab?.uri && DOCUMENT_EXTENSIONS.some((e) => tab.uri!.path.toLowerCase().endsWith('.' + e))) file = tab.uri;
  }
  if (!file) {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      openLabel: vscode.l10n.t('Check'),
      filters: { [vscode.l10n.t('Word, WPS, PDF and web pages')]: DOCUMENT_EXTENSIONS },
    });
    file = picked?.[0];
  }
  if (!file) return undefined;
  return openSourceView(file);
}

/** Saves a plan view as an editable .plan.txt (or .plan.md) beside the document and opens it. */
export async function saveAsPlanTextCommand(views: SourceViewProvider, arg?: unknown): Promise<vscode.Uri | undefined> {
  let view = argUri(arg) ?? vscode.window.activeTextEditor?.document.uri;
  if (view && view.scheme === 'file') view = viewUriOf(view);
  if (!view || view.scheme !== SOURCE_VIEW_SCHEME) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Open the plan view of a Word or PDF file first (PlanLint: Check a Word/PDF file).'),
    );
    return undefined;
  }
  const file = fileUriOf(view);
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === view!.toString());
  const text = doc?.getText() ?? views.texts.get(view.toString());
  if (text === undefined) return undefined;
  const base = file.path.replace(/\.[^./]+$/, '');
  const target =
    arg && typeof arg === 'object' && 'target' in arg
      ? argUri((arg as { target: unknown }).target)
      : await vscode.window.showSaveDialog({
          defaultUri: file.with({ path: `${base}.plan.txt` }),
          filters: { [vscode.l10n.t('Plan text')]: ['plan.txt', 'txt'], Markdown: ['plan.md', 'md'] },
        });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text.endsWith('\n') ? text : text + '\n'));
  await vscode.window.showTextDocument(target, { preview: false });
  return target;
}

export function registerDocumentViews(
  client: () => LanguageClient,
  ready: () => Promise<void>,
): { provider: SourceViewProvider; disposables: vscode.Disposable[] } {
  const provider = new SourceViewProvider(client, ready);
  const watcher = vscode.workspace.createFileSystemWatcher(`**/*.{${DOCUMENT_EXTENSIONS.join(',')}}`, true, false, true);
  return {
    provider,
    disposables: [
      provider,
      watcher,
      watcher.onDidChange((u) => provider.refresh(u)),
      vscode.workspace.registerTextDocumentContentProvider(SOURCE_VIEW_SCHEME, provider),
      vscode.window.registerCustomEditorProvider(DOCUMENT_VIEW_TYPE, new DocumentEditorProvider(), {
        supportsMultipleEditorsPerDocument: true,
      }),
      vscode.commands.registerCommand('planlint.openDocument', (arg?: unknown) => openDocumentCommand(arg)),
      vscode.commands.registerCommand('planlint.saveAsPlanText', (arg?: unknown) => saveAsPlanTextCommand(provider, arg)),
    ],
  };
}
