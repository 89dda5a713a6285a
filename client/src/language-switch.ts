// A plan opens as a plan: VS Code gives `.txt` to Plain Text before any `firstLine` pattern is tried, so
// a plan saved as 草案.txt would never get the plan language (grammar, semantic colours, wrap, no word
// suggestions). When a Plain Text document passes the core's plan test (looksLikePlan: the `isPlan` the
// server checks with, on the first lines), it is switched to `plan`, once. A user who switches it back is
// remembered (per URI, in globalState) and never switched again; `planlint.autoDetectLanguage: false`
// turns the switching off. Markdown plans stay Markdown (the injection grammar colours them, and VS Code's
// own [markdown] defaults already wrap and keep suggestions quiet).
import * as vscode from 'vscode';
import { looksLikePlan } from '../../server/src/core/parse';

export const PLAN_LANGUAGE = 'plan';
const DECLINED_KEY = 'planlint.languageSwitch.declined';
const MAX_REMEMBERED = 1000;
/** Plain Text documents that were not plans when opened are looked at again while short edits arrive. */
const RECHECK_DELAY_MS = 400;
/** The lines the plan test reads (core looksLikePlan reads at most 400). */
const HEAD_LINES = 400;

export interface LanguageSwitch {
  /** Fires after a document was switched to the plan language (the new document). */
  readonly onDidSwitch: vscode.Event<vscode.TextDocument>;
  /** URIs whose switch back the user made (and that are therefore left alone). */
  declined(): string[];
  /** The last switches: when the document was seen (opened or edited) and when it was in the plan language (ms). */
  readonly history: Array<{ uri: string; seenAt: number; switchedAt: number }>;
}

/** Is the document a plan? The core's test on its first lines only (never copies a large file's whole text). */
export function documentLooksLikePlan(doc: vscode.TextDocument): boolean {
  const end = Math.min(doc.lineCount, HEAD_LINES);
  return looksLikePlan(doc.getText(doc.validateRange(new vscode.Range(0, 0, end, 0))));
}

function enabledFor(uri: vscode.Uri): boolean {
  return vscode.workspace.getConfiguration('planlint', uri).get<boolean>('autoDetectLanguage', true) !== false;
}

/** Documents we may switch: Plain Text on disk or untitled (never output channels, git views …). */
function candidate(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'plaintext' && (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled');
}

export function registerLanguageSwitch(context: vscode.ExtensionContext, log?: vscode.LogOutputChannel): LanguageSwitch {
  const emitter = new vscode.EventEmitter<vscode.TextDocument>();
  const state = context.globalState;
  const declined = (): string[] => state.get<string[]>(DECLINED_KEY, []);
  const setDeclined = (list: string[]): Thenable<void> => state.update(DECLINED_KEY, list.slice(-MAX_REMEMBERED));
  /** URIs being switched by us right now (their close + open is ours, not the user's). */
  const switching = new Set<string>();
  const history: LanguageSwitch['history'] = [];
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The language of a document closed in this same turn: a language change is a close + an open, synchronously. */
  let closing: { uri: string; languageId: string } | undefined;

  async function consider(doc: vscode.TextDocument): Promise<void> {
    const key = doc.uri.toString();
    if (!candidate(doc) || switching.has(key) || !enabledFor(doc.uri) || declined().includes(key)) return;
    const seenAt = Date.now();
    if (!documentLooksLikePlan(doc)) return;
    switching.add(key);
    try {
      const switched = await vscode.languages.setTextDocumentLanguage(doc, PLAN_LANGUAGE);
      history.push({ uri: key, seenAt, switchedAt: Date.now() });
      if (history.length > 50) history.shift();
      log?.info(`${doc.uri.toString(true)}: recognised as a plan, switched to the plan language`);
      emitter.fire(switched);
    } catch (e) {
      log?.warn(
        `${doc.uri.toString(true)}: could not switch to the plan language: ${e instanceof Error ? e.message : String(e)}`,
      );
    } finally {
      switching.delete(key);
    }
  }

  const onOpen = (doc: vscode.TextDocument): void => {
    const key = doc.uri.toString();
    const prev = closing && closing.uri === key ? closing.languageId : undefined;
    closing = undefined;
    if (prev !== undefined && !switching.has(key)) {
      // a language change the user (or another extension) made
      if (prev === PLAN_LANGUAGE && doc.languageId !== PLAN_LANGUAGE) {
        if (!declined().includes(key)) void setDeclined([...declined(), key]);
        log?.info(`${doc.uri.toString(true)}: switched back to ${doc.languageId} by the user; it will be left so`);
        return;
      }
      if (doc.languageId === PLAN_LANGUAGE && declined().includes(key)) void setDeclined(declined().filter((u) => u !== key));
      return;
    }
    void consider(doc);
  };

  context.subscriptions.push(
    emitter,
    vscode.workspace.onDidCloseTextDocument((doc) => {
      const key = doc.uri.toString();
      closing = { uri: key, languageId: doc.languageId };
      queueMicrotask(() => {
        if (closing?.uri === key) closing = undefined;
      });
      const t = timers.get(key);
      if (t) clearTimeout(t);
      timers.delete(key);
    }),
    vscode.workspace.onDidOpenTextDocument(onOpen),
    // A new or empty Plain Text file becomes a plan as the drafter pastes or types it: look again when
    // edits settle (cheap: the plan test reads the first lines only).
    vscode.workspace.onDidChangeTextDocument((e) => {
      const doc = e.document;
      if (!e.contentChanges.length || !candidate(doc)) return;
      const key = doc.uri.toString();
      const t = timers.get(key);
      if (t) clearTimeout(t);
      timers.set(
        key,
        setTimeout(() => {
          timers.delete(key);
          if (!doc.isClosed) void consider(doc);
        }, RECHECK_DELAY_MS),
      );
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('planlint.autoDetectLanguage')) return;
      for (const doc of vscode.workspace.textDocuments) void consider(doc);
    }),
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
  );
  for (const doc of vscode.workspace.textDocuments) void consider(doc);

  return { onDidSwitch: emitter.event, declined, history };
}
