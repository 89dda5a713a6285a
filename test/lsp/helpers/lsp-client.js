// A minimal LSP client for the tests: spawns the bundled server (`node dist/server.js --stdio`)
// and speaks JSON-RPC to it with vscode-jsonrpc. Real process, real protocol.
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const rpc = require('vscode-jsonrpc/node');
const { TextDocument } = require('vscode-languageserver-textdocument');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const { serverEnv } = require(path.join(ROOT, 'dist', 'node.js'));
// PLANLINT_LSP_SERVER: another build of the server (scripts/fuzz-lsp.mjs --server, to compare builds)
const SERVER = process.env.PLANLINT_LSP_SERVER || path.join(ROOT, 'dist', 'server.js');

const DEFAULT_CAPABILITIES = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    applyEdit: true,
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
    didChangeConfiguration: { dynamicRegistration: false },
    didChangeWatchedFiles: { dynamicRegistration: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
      isPreferredSupport: true,
    },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    foldingRange: {},
    inlayHint: {},
  },
};

function fileUri(p) {
  return pathToFileURL(p).href;
}

function delay(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

class LspClient {
  /**
   * @param {object} [opts]
   * @param {object} [opts.capabilities] client capabilities (default: push diagnostics, no pull)
   * @param {object} [opts.settings] the `planlint` settings section returned to workspace/configuration
   * @param {object} [opts.initializationOptions]
   * @param {string} [opts.rootPath] workspace folder
   * @param {string} [opts.locale]
   * @param {object} [opts.env] extra environment variables for the server process
   */
  static async start(opts = {}) {
    const c = new LspClient(opts);
    await c.initialize();
    return c;
  }

  constructor(opts) {
    this.opts = opts;
    this.settings = opts.settings ?? {};
    this.proc = spawn(process.execPath, [SERVER, '--stdio'], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
      // started the way the VS Code client starts it (the same environment additions)
      env: serverEnv({ ...process.env, ...(opts.env ?? {}) }),
    });
    this.stderr = '';
    this.proc.stderr.on('data', (d) => (this.stderr += d));
    this.exited = false;
    this.proc.on('exit', () => (this.exited = true));
    this.conn = rpc.createMessageConnection(
      new rpc.StreamMessageReader(this.proc.stdout),
      new rpc.StreamMessageWriter(this.proc.stdin),
    );
    /** uri → array of publishDiagnostics params, in arrival order */
    this.published = new Map();
    /** uri → array of { status, diagnostics } */
    this.statuses = new Map();
    this.logs = [];
    this.registrations = [];
    this.refreshes = 0;
    this.waiters = [];
    this.conn.onNotification('textDocument/publishDiagnostics', (p) => {
      const list = this.published.get(p.uri) ?? [];
      list.push(p);
      this.published.set(p.uri, list);
      this.wake();
    });
    this.conn.onNotification('planlint/status', (s) => {
      const list = this.statuses.get(s.uri) ?? [];
      const pub = this.published.get(s.uri);
      list.push({ status: s, diagnostics: pub ? pub[pub.length - 1] : null });
      this.statuses.set(s.uri, list);
      this.wake();
    });
    this.conn.onNotification('window/logMessage', (m) => this.logs.push(m.message));
    this.conn.onNotification('window/showMessage', (m) => this.logs.push(m.message));
    this.conn.onRequest('workspace/configuration', (p) => p.items.map((i) => (i.section === 'planlint' ? this.settings : null)));
    this.conn.onRequest('client/registerCapability', (p) => {
      this.registrations.push(...p.registrations);
      return null;
    });
    this.conn.onRequest('client/unregisterCapability', () => null);
    this.conn.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes++;
      this.wake();
      return null;
    });
    this.conn.onRequest('workspace/inlayHint/refresh', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.listen();
    this.versions = new Map();
  }

  wake() {
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }

  /** Resolves when `pred()` returns a truthy value (re-checked on every message), rejects after timeoutMs. */
  async waitFor(pred, timeoutMs = 15000, what = 'condition') {
    const t0 = Date.now();
    for (;;) {
      const v = pred();
      if (v) return v;
      if (this.exited) throw new Error(`server exited while waiting for ${what}\n${this.stderr}`);
      const left = timeoutMs - (Date.now() - t0);
      if (left <= 0) throw new Error(`timeout waiting for ${what}`);
      await new Promise((r) => {
        const timer = setTimeout(r, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          r();
        });
      });
    }
  }

  async initialize() {
    const root = this.opts.rootPath ?? ROOT;
    this.initResult = await this.conn.sendRequest('initialize', {
      processId: process.pid,
      clientInfo: { name: 'planlint-test' },
      locale: this.opts.locale,
      rootUri: fileUri(root),
      workspaceFolders: [{ uri: fileUri(root), name: path.basename(root) }],
      capabilities: this.opts.capabilities ?? DEFAULT_CAPABILITIES,
      initializationOptions: this.opts.initializationOptions,
    });
    await this.conn.sendNotification('initialized', {});
    return this.initResult;
  }

  open(uri, text, languageId = 'plaintext', version = 1) {
    this.versions.set(uri, version);
    this.docs = this.docs ?? new Map();
    this.docs.set(uri, TextDocument.create(uri, languageId, version, text));
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Incremental change(s): [{ range, text }]; returns the new version. */
  change(uri, changes) {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    const doc = this.docs.get(uri);
    TextDocument.update(doc, changes, version);
    this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  text(uri) {
    return this.docs.get(uri).getText();
  }

  close(uri) {
    this.docs.delete(uri);
    return this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request(method, params) {
    return this.conn.sendRequest(method, params);
  }

  notify(method, params) {
    return this.conn.sendNotification(method, params);
  }

  lastPublished(uri) {
    const list = this.published.get(uri);
    return list ? list[list.length - 1] : null;
  }

  /** How many status notifications arrived for `uri` so far (a mark for fullDiagnostics' `after`). */
  mark(uri) {
    return (this.statuses.get(uri) ?? []).length;
  }

  /**
   * The diagnostics of the complete check (structural + alignment) of `version`, from the status
   * notifications after index `after` (see mark()).
   */
  async fullDiagnostics(uri, version, timeoutMs = 20000, after = 0) {
    const hit = await this.waitFor(
      () =>
        (this.statuses.get(uri) ?? [])
          .slice(after)
          .find((s) => s.status.version === version && !s.status.partial && s.diagnostics && s.diagnostics.version === version),
      timeoutMs,
      `complete diagnostics for ${uri} v${version}`,
    );
    return hit.diagnostics.diagnostics;
  }

  /**
   * Waits for a complete check (after index `after`, see mark()) whose diagnostics satisfy `pred`
   * (for changes that re-check the same version: settings, config files).
   */
  async diagnosticsWhere(uri, pred, after = 0, timeoutMs = 20000, what = 'matching diagnostics') {
    const hit = await this.waitFor(
      () =>
        (this.statuses.get(uri) ?? [])
          .slice(after)
          .find((s) => !s.status.partial && s.diagnostics && pred(s.diagnostics.diagnostics, s.status)),
      timeoutMs,
      what,
    );
    return hit.diagnostics.diagnostics;
  }

  async stop() {
    if (this.exited) return;
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), delay(2000)]);
      this.conn.sendNotification('exit');
    } catch {
      // already gone
    }
    await Promise.race([new Promise((r) => this.proc.once('exit', r)), delay(2000)]);
    if (!this.exited) this.proc.kill();
    this.conn.dispose();
  }
}

/** Applies LSP TextEdits (one document) to a text. */
function applyEdits(text, edits) {
  const doc = TextDocument.create('file:///x', 'plaintext', 0, text);
  return TextDocument.applyEdits(doc, edits);
}

/** The edits a WorkspaceEdit makes to `uri` (documentChanges or changes). */
function editsFor(edit, uri) {
  if (edit.documentChanges) {
    return edit.documentChanges.filter((c) => c.textDocument && c.textDocument.uri === uri).flatMap((c) => c.edits);
  }
  return (edit.changes && edit.changes[uri]) || [];
}

function rangeInside(r, text) {
  const lines = text.split(/\r\n|\r|\n/);
  const ok = (p) =>
    Number.isInteger(p.line) &&
    Number.isInteger(p.character) &&
    p.line >= 0 &&
    p.line < lines.length &&
    p.character >= 0 &&
    p.character <= lines[p.line].length;
  const ordered = r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character);
  return ok(r.start) && ok(r.end) && ordered;
}

module.exports = { LspClient, DEFAULT_CAPABILITIES, ROOT, SERVER, fileUri, applyEdits, editsFor, rangeInside, delay };
