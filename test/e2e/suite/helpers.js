// Helpers for the e2e suites (they run inside the VS Code extension host: `vscode` is the real API).
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');

const EXT_ID = 'planlint.planlint';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function wsFolder() {
  const f = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  assert.ok(f, 'a workspace folder is open');
  return f.uri;
}
const wsUri = (rel) => vscode.Uri.joinPath(wsFolder(), ...rel.split('/'));

/** Tests after which the server was found not running (restarted for the next one; failed at the end). */
const foundStopped = [];
let lastTest = '(start)';

/**
 * Activates PlanLint and returns its API (activate()'s return value), with the server running. If an
 * earlier test left the server stopped, it is restarted here, so that the next suite does not fail for
 * it, and the run fails at the end with the test it followed (rootHooks below).
 */
async function api() {
  const ext = vscode.extensions.getExtension(EXT_ID);
  assert.ok(ext, `extension ${EXT_ID} is installed`);
  const a = ext.isActive ? ext.exports : await ext.activate();
  try {
    await a.ready();
  } catch (e) {
    foundStopped.push(`after "${lastTest}": ${e.message}`);
    console.log(`[e2e] the language server was not running after "${lastTest}" (${e.message}): restarting it`);
    await vscode.commands.executeCommand('planlint.restartServer');
    await a.ready();
  }
  return a;
}

/** Mocha root hooks of the dev suite: every test starts from a running server; a stopped one fails the run. */
const rootHooks = {
  async beforeEach() {
    await api();
  },
  afterEach() {
    lastTest = this.currentTest ? this.currentTest.fullTitle() : lastTest;
  },
  afterAll() {
    assert.deepStrictEqual(foundStopped, [], 'the language server was left stopped');
  },
};

async function open(rel) {
  const doc = await vscode.workspace.openTextDocument(wsUri(rel));
  const editor = await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
  return { doc, editor, uri: doc.uri };
}

const codeOf = (d) =>
  d.code && typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
const planlintDiags = (uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'planlint');

/** Polls until pred(diagnostics) is true; returns the diagnostics (or fails with what was there). */
async function waitForDiagnostics(uri, pred, what, ms = 30000) {
  const end = Date.now() + ms;
  let diags = [];
  while (Date.now() < end) {
    diags = planlintDiags(uri);
    if (pred(diags)) return diags;
    await sleep(200);
  }
  assert.fail(`timed out waiting for ${what} in ${path.basename(uri.fsPath)}; got: ${describe(diags)}`);
}

/**
 * Waits for a planlint/status notification about uri that arrives from now on; `doc` (optional): one for
 * that document's current version or later (the server adds `version` to the contract's fields).
 */
async function waitForStatus(a, uri, doc, ms = 30000) {
  const key = uri.toString();
  const version = doc && typeof doc === 'object' ? doc.version : undefined;
  const now = a.status(uri);
  if (version !== undefined && now && typeof now.version === 'number' && now.version >= version) return now;
  return new Promise((resolve, reject) => {
    const sub = a.onDidUpdateStatus((p) => {
      if (vscode.Uri.parse(p.uri).toString() !== key) return;
      if (version !== undefined && typeof p.version === 'number' && p.version < version) return;
      sub.dispose();
      clearTimeout(timer);
      resolve(p);
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no planlint/status for ${path.basename(uri.fsPath)} within ${ms} ms`));
    }, ms);
  });
}

function describe(diags) {
  return (
    JSON.stringify(diags.slice(0, 30).map((d) => `${d.range.start.line + 1}:${codeOf(d)}`)) +
    (diags.length > 30 ? ` …(${diags.length})` : '')
  );
}

/** Asks the e2e driver (code-server route) for a screenshot of the workbench as it is now. */
async function screenshot(name) {
  if (process.env.PLANLINT_E2E_UI !== '1') return;
  console.log(`[screenshot] ${name}`);
  await sleep(1800);
}

function readJson(p) {
  return JSON.parse(fs.readFileSync(p, 'utf8'));
}

/** The labels of a mutant (test/fixtures/mutants/X.expected.json). */
function mutantLabels(name) {
  return readJson(path.join(process.env.PLANLINT_E2E_FIXTURES, 'mutants', `${name}.expected.json`));
}

function contributedCommands() {
  const ext = vscode.extensions.getExtension(EXT_ID);
  return ext.packageJSON.contributes.commands.map((c) => c.command);
}

const hasCjk = (s) => /[\u4e00-\u9fff]/.test(s);

module.exports = {
  EXT_ID,
  sleep,
  wsFolder,
  wsUri,
  api,
  rootHooks,
  open,
  codeOf,
  planlintDiags,
  waitForDiagnostics,
  waitForStatus,
  describe,
  screenshot,
  readJson,
  mutantLabels,
  contributedCommands,
  hasCjk,
};
