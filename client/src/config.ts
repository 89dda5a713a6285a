// Reading and writing `upstream` in a workspace folder's .planlintrc.json. The file is data (never executed);
// edits go through a WorkspaceEdit (undoable, keeps the user's comments and formatting via jsonc-parser).
import * as vscode from 'vscode';
// the ESM build: esbuild cannot follow the UMD build's runtime require('./impl/...')
import { applyEdits, modify, parse, type ParseError } from 'jsonc-parser/lib/esm/main';

export const CONFIG_FILE = '.planlintrc.json';

export async function readUpstream(configUri: vscode.Uri): Promise<string[] | undefined> {
  const text = await readText(configUri);
  if (text === undefined) return undefined;
  const errors: ParseError[] = [];
  const obj = parse(text, errors, { allowTrailingComma: true });
  if (!obj || typeof obj !== 'object' || !Array.isArray(obj.upstream)) return undefined;
  return obj.upstream.filter((x: unknown): x is string => typeof x === 'string');
}

/**
 * Sets `upstream` in `configUri`, creating the file when absent. Returns true when the edit was applied.
 * The document is saved afterwards so the language server (which reads the file from disk) sees it.
 */
export async function writeUpstream(configUri: vscode.Uri, upstream: string[]): Promise<boolean> {
  const edit = new vscode.WorkspaceEdit();
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === configUri.toString());
  const text = open ? open.getText() : await readText(configUri);
  if (text === undefined) {
    const body = JSON.stringify({ upstream }, null, 2) + '\n';
    edit.createFile(configUri, { ignoreIfExists: false, contents: new TextEncoder().encode(body) });
    return vscode.workspace.applyEdit(edit);
  }
  const errors: ParseError[] = [];
  const current = parse(text, errors, { allowTrailingComma: true });
  let newText: string;
  if (text.trim() === '' || current === undefined || typeof current !== 'object' || Array.isArray(current)) {
    if (text.trim() !== '' && errors.length > 0) {
      throw new Error(vscode.l10n.t('{0} is not valid JSON: fix it first.', configUri.fsPath || configUri.toString()));
    }
    newText = JSON.stringify({ upstream }, null, 2) + '\n';
  } else {
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const edits = modify(text, ['upstream'], upstream, { formattingOptions: { insertSpaces: true, tabSize: 2, eol } });
    newText = applyEdits(text, edits);
  }
  const doc = open ?? (await vscode.workspace.openTextDocument(configUri));
  const whole = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
  edit.replace(configUri, whole, newText);
  const ok = await vscode.workspace.applyEdit(edit);
  if (ok) await doc.save();
  return ok;
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    const bytes = await vscode.workspace.fs.readFile(uri);
    return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}
