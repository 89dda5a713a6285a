#!/usr/bin/env node
// `npm run test:e2e`: the extension in a real VS Code extension host.
//   1. builds the bundles (node esbuild.mjs)
//   2. suite "dev" (test/e2e/suite): the extension loaded from this folder, VS Code in Chinese (zh-cn):
//      diagnostics on labelled plans, quick fix, hover, snippet, every command, the task, a server crash
//   3. `npm run package` → dist/planlint.vsix; its file list is checked
//   4. suite "vsix" (test/e2e/vsix): that VSIX installed with --install-extension into a fresh
//      extensions dir, VS Code in English: activates and shows (English) diagnostics
//   5. (code-server route) test/unit/grammar.test.js again with VS Code's own vscode-textmate + oniguruma
// Route: @vscode/test-electron when a VS Code build is present ($VSCODE_EXECUTABLE or .vscode-test/),
// otherwise code-server + headless Chromium (installed by scripts/setup.sh into .cache/e2e). Nothing is
// installed here: what is missing fails the run with the command that installs it.
// A suite fails on a failing test and on any `[error]` line of the extension host's log.
// Options: --route electron|code-server, --screenshots DIR (default .e2e/screenshots),
//   --only dev|vsix, --skip-build, --grep PATTERN (mocha grep in the dev suite), --timeout SECONDS.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInCodeServer, toolsFrom } from './lib/code-server.mjs';
import { findVSCode, runInElectron } from './lib/electron.mjs';
import { listZip } from './lib/zip.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : dflt;
};
const flag = (name) => argv.includes(name);
const t0 = Date.now();
const say = (s) => console.log(`[e2e ${((Date.now() - t0) / 1000).toFixed(1)}s] ${s}`);

function sh(cmd, args, what) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    say(`${what} failed (exit ${r.status})`);
    process.exit(2);
  }
}

// --- route -----------------------------------------------------------------------------------------
let route = opt('--route', process.env.E2E_ROUTE);
const vscodeExe = route === 'code-server' ? null : findVSCode(root);
if (!route) route = vscodeExe ? 'electron' : 'code-server';
let tools = null;
if (route === 'electron' && !vscodeExe) {
  say('--route electron: no VS Code build (set VSCODE_EXECUTABLE)');
  process.exit(2);
}
if (route === 'code-server') {
  const toolsDir = resolve(root, process.env.E2E_TOOLS_DIR || '.cache/e2e');
  tools = toolsFrom(toolsDir);
  const missing = [];
  if (!tools) missing.push(`node 24 + code-server in ${toolsDir}`);
  const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(chromium)) missing.push(`chromium (${chromium})`);
  if (missing.length) {
    say(`missing: ${missing.join(', ')}. Run scripts/setup.sh (README "Set-up"), then npm run test:e2e again.`);
    process.exit(2);
  }
}
if (!existsSync(join(root, 'node_modules', 'playwright-core'))) {
  say('node_modules/playwright-core missing: run npm ci first');
  process.exit(2);
}
say(`route: ${route}${vscodeExe ? ` (${vscodeExe})` : ''}`);

// --- build -----------------------------------------------------------------------------------------
if (!flag('--skip-build')) {
  say('building the bundles');
  sh(process.execPath, ['esbuild.mjs'], 'the build');
}

const screenshotDir = resolve(root, opt('--screenshots', '.e2e/screenshots'));
const resultsDir = mkdtempSync(join(tmpdir(), 'planlint-e2e-results-'));
process.on('exit', () => rmSync(resultsDir, { recursive: true, force: true }));
const only = opt('--only', null);
const timeoutS = Number(opt('--timeout', '900')); // a hang guard per suite, not a speed limit (a loaded machine is slow)

/** A fresh copy of the workspace fixture: the template plus labelled plans from test/fixtures. */
function prepareWorkspace(name) {
  const ws = mkdtempSync(join(tmpdir(), `planlint-e2e-ws-${name}-`));
  cpSync(join(here, 'workspace'), ws, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(here, 'workspace.json'), 'utf8'));
  for (const [to, from] of Object.entries(manifest.files)) {
    const src = join(root, from);
    if (!existsSync(src)) throw new Error(`fixture missing: ${from}`);
    mkdirSync(dirname(join(ws, to)), { recursive: true });
    cpSync(src, join(ws, to));
  }
  return ws;
}

async function runSuite(name, { devPath, testsPath, locale, installVsix, grep }) {
  const ws = prepareWorkspace(name);
  const resultFile = join(resultsDir, `${name}.json`);
  const env = {
    PLANLINT_E2E_RESULT: resultFile,
    PLANLINT_E2E_FIXTURES: join(root, 'test', 'fixtures'),
    PLANLINT_E2E_ROOT: root,
    PLANLINT_E2E_UI: route === 'code-server' ? '1' : '',
    ...(grep ? { PLANLINT_E2E_GREP: grep } : {}),
  };
  say(`suite "${name}": ${testsPath} (locale ${locale}${installVsix ? ', installed from the VSIX' : ''})`);
  // a Chinese VS Code = one with a language pack for zh-cn; code-server gets an empty one (see lib/code-server.mjs)
  const languagePack = locale && !locale.startsWith('en') ? join(here, 'lib', 'empty-language-pack.i18n.json') : undefined;
  mkdirSync(join(root, '.e2e'), { recursive: true });
  const failureShot = join(root, '.e2e', `failure-${name}.png`);
  const common = {
    devPath,
    testsPath,
    workspace: ws,
    locale,
    installVsix,
    languagePack,
    failureShot,
    env,
    timeoutS,
    screenshotDir,
  };
  const { code, hostErrors = [] } =
    route === 'electron'
      ? await runInElectron({ ...common, executable: vscodeExe })
      : await runInCodeServer({ ...common, tools });
  rmSync(ws, { recursive: true, force: true });
  let result = null;
  try {
    result = JSON.parse(readFileSync(resultFile, 'utf8'));
  } catch {
    /* the suite did not get to write it */
  }
  say(
    `suite "${name}": exit ${code}${result ? `, ${result.passes} passing, ${result.failures} failing, ${result.pending} pending` : ''}`,
  );
  for (const l of hostErrors) say(`  extension host error [${name}]: ${l}`);
  return { name, code, result, hostErrors };
}

const suites = [];
if (!only || only === 'dev') {
  suites.push(
    await runSuite('dev', {
      devPath: root,
      testsPath: join(here, 'suite', 'index.js'),
      locale: 'zh-cn',
      grep: opt('--grep', undefined),
    }),
  );
}

// --- VSIX ------------------------------------------------------------------------------------------
let vsixChecks = null;
if (!only || only === 'vsix') {
  say('packaging: npm run package');
  const vsix = join(root, 'dist', 'planlint.vsix');
  rmSync(vsix, { force: true });
  sh(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'package'], 'npm run package');
  vsixChecks = checkVsix(vsix);
  suites.push(
    await runSuite('vsix', {
      devPath: join(here, 'probe'),
      testsPath: join(here, 'vsix', 'index.js'),
      locale: 'en',
      installVsix: vsix,
    }),
  );
}

function checkVsix(vsix) {
  const entries = listZip(vsix);
  const names = entries.map((e) => e.name);
  const size = statSync(vsix).size;
  const has = (re) => names.some((n) => re.test(n));
  const checks = [
    [
      'dist/extension.js, dist/server.js, dist/cli.js',
      ['extension', 'server', 'cli'].every((b) => names.includes(`extension/dist/${b}.js`)),
    ],
    ['dist/native/nodejieba.node', names.includes('extension/dist/native/nodejieba.node')],
    [
      'dist/report.js, dist/pdf.js (loaded on first use)',
      ['report', 'pdf'].every((b) => names.includes(`extension/dist/${b}.js`)),
    ],
    ['dist/cmaps/ (Chinese PDFs)', has(/^extension\/dist\/cmaps\/.+\.bcmap$/)],
    ['dist/dict/', has(/^extension\/dist\/dict\/./)],
    ['dist/baselines/', has(/^extension\/dist\/baselines\/.+\.json$/)],
    ['dist/docs/rules/*.md', has(/^extension\/dist\/docs\/rules\/.+\.md$/)],
    [
      'package.nls.json + package.nls.zh-cn.json',
      names.includes('extension/package.nls.json') && names.includes('extension/package.nls.zh-cn.json'),
    ],
    ['l10n/bundle.l10n.zh-cn.json', names.includes('extension/l10n/bundle.l10n.zh-cn.json')],
    ['syntaxes/*.tmLanguage.json', has(/^extension\/syntaxes\/.+\.tmLanguage\.json$/)],
    ['snippets/plan.code-snippets', names.includes('extension/snippets/plan.code-snippets')],
    ['LICENSE', has(/^extension\/LICENSE(\.(txt|md))?$/i)],
    ['no node_modules/', !has(/(^|\/)node_modules\//)],
    [
      'no sources, tests or test bundles',
      !has(/^extension\/(server\/src|client\/src|test)\//) &&
        !names.includes('extension/dist/core.js') &&
        !names.includes('extension/dist/node.js'),
    ],
    ['no source maps', !has(/\.map$/)],
  ];
  say(`VSIX ${vsix}: ${(size / 1024 / 1024).toFixed(2)} MB, ${names.length} files`);
  for (const [what, ok] of checks) say(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
  return { size, files: names.length, failed: checks.filter(([, ok]) => !ok).map(([w]) => w) };
}

// --- VS Code's own TextMate tokenizer over the grammars (test/unit/grammar.test.js) ----------------
let grammar = null;
if (tools && !only) {
  const vs = join(dirname(tools.entry), '..', '..', 'lib', 'vscode');
  say(`grammar: test/unit/grammar.test.js with VS Code's vscode-textmate (${vs})`);
  const mocha = join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
  const r = spawnSync(process.execPath, [mocha, '--reporter', 'dot', 'test/unit/grammar.test.js'], {
    cwd: root,
    env: { ...process.env, PLANLINT_TEXTMATE_FROM: vs },
    encoding: 'utf8',
  });
  process.stdout.write(r.stdout + r.stderr);
  const n = (re) => Number((re.exec(r.stdout) || [])[1] || 0);
  grammar = { code: r.status, passes: n(/(\d+) passing/), failures: n(/(\d+) failing/), pending: n(/(\d+) pending/) };
}

// --- summary ---------------------------------------------------------------------------------------
let ok = true;
let passes = 0;
let failures = 0;
let pending = 0;
for (const s of suites) {
  if (s.code !== 0 || !s.result || s.hostErrors.length) ok = false;
  if (s.code !== 0 && !s.result) say(`  suite "${s.name}" did not finish (exit ${s.code})`);
  if (s.result) {
    passes += s.result.passes;
    failures += s.result.failures;
    pending += s.result.pending;
    for (const f of s.result.failed ?? []) say(`  failed [${s.name}] ${f.title}: ${f.error}`);
  }
}
if (vsixChecks?.failed.length) ok = false;
if (grammar) {
  passes += grammar.passes;
  failures += grammar.failures;
  pending += grammar.pending;
  if (grammar.code !== 0) ok = false;
}
const hostErrorCount = suites.reduce((n, s) => n + s.hostErrors.length, 0);
const summary =
  `e2e (${route}): ${passes} passing, ${failures} failing, ${pending} pending` +
  (hostErrorCount ? `, ${hostErrorCount} extension host error${hostErrorCount === 1 ? '' : 's'}` : '') +
  (vsixChecks
    ? `; VSIX ${(vsixChecks.size / 1024 / 1024).toFixed(2)} MB, ${vsixChecks.failed.length ? `missing/unwanted: ${vsixChecks.failed.join(', ')}` : 'contents ok'}`
    : '') +
  ` in ${((Date.now() - t0) / 1000).toFixed(0)} s`;
say(`${summary}: ${ok ? 'ok' : 'FAILED'}`);
process.exit(ok ? 0 : 1);
