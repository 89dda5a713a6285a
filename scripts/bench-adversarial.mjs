#!/usr/bin/env node
// Adversarial inputs (issue 10), printed as tables, asserting nothing (section E of `npm run bench`).
//   E1. `planlint check --format json` on each document of scripts/adversarial.mjs (1 MB unless said):
//       wall and CPU time, peak RSS of the whole process, output size, exit. Bars: ≤ 2 s, ≤ 300 MB.
//   E2. the language server: open each document in one server, time to its first diagnostics and to
//       its complete ones, the largest reply (diagnostics, code actions over the whole document,
//       symbols, inlay hints, the comparison view's rows). Bars: first diagnostics ≤ 2 s, every reply ≤ 1 MB.
// Usage: node scripts/bench-adversarial.mjs [--size BYTES] [--no-lsp] [--no-cli]   (after `npm run build`)
import { table } from './lib/table.mjs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { adversarialDocs } from './adversarial.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'package.json'));
const CLI = join(ROOT, 'dist', 'cli.js');
const argv = process.argv.slice(2);
const size = argv.includes('--size') ? Number(argv[argv.indexOf('--size') + 1]) : 1024 * 1024;

const tmp = mkdtempSync(join(tmpdir(), 'planlint-adv-'));
const docs = adversarialDocs(size);
// A --require hook: the process's peak RSS and CPU time, written at exit.
const hook = join(tmp, 'usage-hook.cjs');
writeFileSync(
  hook,
  "process.on('exit',()=>{try{const u=process.resourceUsage();require('fs').writeFileSync(process.env.PLANLINT_BENCH_USAGE_OUT,JSON.stringify({rss:u.maxRSS,cpu:(u.userCPUTime+u.systemCPUTime)/1000}))}catch{}});\n",
);

// ---------- E1. CLI ----------
if (!argv.includes('--no-cli')) {
  const rows = [];
  let worst = { ms: 0, rss: 0 };
  for (const d of docs) {
    const file = join(tmp, `${d.name}.txt`);
    writeFileSync(file, d.text);
    const out = join(tmp, 'usage.json');
    rmSync(out, { force: true });
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--require', hook, CLI, 'check', '--no-config', '--format', 'json', file], {
      encoding: 'utf8',
      timeout: 120_000,
      maxBuffer: 512 * 1024 * 1024,
      env: { ...process.env, PLANLINT_BENCH_USAGE_OUT: out },
    });
    const wall = performance.now() - t0;
    const u = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : { rss: NaN, cpu: NaN };
    worst = { ms: Math.max(worst.ms, wall), rss: Math.max(worst.rss, u.rss / 1024) };
    const exit = r.signal ? `killed (${r.signal})` : r.error ? 'timeout' : String(r.status);
    rows.push([
      d.name,
      (Buffer.byteLength(d.text) / 1024).toFixed(0),
      wall.toFixed(0),
      u.cpu.toFixed(0),
      (u.rss / 1024).toFixed(0),
      ((r.stdout ?? '').length / 1024).toFixed(0),
      exit,
    ]);
  }
  table(
    'E1. adversarial documents: `planlint check --format json`',
    ['document', 'KB', 'wall ms', 'CPU ms', 'peak RSS MB', 'output KB', 'exit'],
    rows,
    [
      `bars: ≤ 2000 ms and ≤ 300 MB per document (worst here: ${worst.ms.toFixed(0)} ms wall, ${worst.rss.toFixed(0)} MB). Wall time includes node's start and the segmenter's load; CPU time is the figure that does not depend on the machine's load.`,
    ],
  );
}

// ---------- E2. language server ----------
if (!argv.includes('--no-lsp')) {
  const { LspClient } = require('./test/lsp/helpers/lsp-client.js');
  const c = await LspClient.start({ settings: { debounceMs: 0 } });
  const rows = [];
  let maxReply = 0;
  const sizeOf = (x) => JSON.stringify(x ?? null).length;
  // load the segmenter first, so that "complete" measures the check and not the library's load
  c.open('untitled:warm', docs[0].text.slice(0, 2000));
  await c.fullDiagnostics('untitled:warm', 1, 60000);
  for (const d of docs) {
    const uri = `untitled:adv-${d.name}`;
    const t0 = performance.now();
    c.open(uri, d.text);
    await c.waitFor(() => c.lastPublished(uri), 60000, `first diagnostics of ${d.name}`);
    const first = performance.now() - t0;
    await c.fullDiagnostics(uri, 1, 60000);
    const full = performance.now() - t0;
    const pub = sizeOf(c.lastPublished(uri));
    const n = d.text.split(/\r\n|\r|\n/).length;
    const whole = { start: { line: 0, character: 0 }, end: { line: n, character: 0 } };
    const t1 = performance.now();
    const actions = await c.request('textDocument/codeAction', {
      textDocument: { uri },
      range: whole,
      context: { diagnostics: [] },
    });
    const tActions = performance.now() - t1;
    const fixAll = await c.request('textDocument/codeAction', {
      textDocument: { uri },
      range: whole,
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    const symbols = await c.request('textDocument/documentSymbol', { textDocument: { uri } });
    const hints = await c.request('textDocument/inlayHint', { textDocument: { uri }, range: whole });
    const folding = await c.request('textDocument/foldingRange', { textDocument: { uri } });
    const comparison = await c.request('planlint/comparison', { uri });
    const sizes = {
      diagnostics: pub,
      actions: sizeOf(actions),
      fixAll: sizeOf(fixAll),
      symbols: sizeOf(symbols),
      hints: sizeOf(hints),
      folding: sizeOf(folding),
      comparison: sizeOf(comparison),
    };
    const largest = Object.entries(sizes).sort((a, b) => b[1] - a[1])[0];
    maxReply = Math.max(maxReply, largest[1]);
    rows.push([
      d.name,
      first.toFixed(0),
      full.toFixed(0),
      (pub / 1024).toFixed(0),
      tActions.toFixed(0),
      `${(largest[1] / 1024).toFixed(0)} (${largest[0]})`,
    ]);
    c.close(uri);
  }
  const rss = (() => {
    try {
      return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${c.proc.pid}/status`, 'utf8'))[1]) / 1024;
    } catch {
      return NaN;
    }
  })();
  await c.stop();
  table(
    'E2. adversarial documents in the language server (one server, opened one after the other)',
    ['document', 'first diagnostics ms', 'complete ms', 'diagnostics KB', 'codeAction (whole doc) ms', 'largest reply KB'],
    rows,
    [
      `bars: first diagnostics ≤ 2000 ms, every reply ≤ 1024 KB (largest here: ${(maxReply / 1024).toFixed(0)} KB); server peak RSS over the run: ${rss.toFixed(0)} MB.`,
    ],
  );
}
rmSync(tmp, { recursive: true, force: true });
