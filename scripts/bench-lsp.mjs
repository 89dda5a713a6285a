// Language-server figures (issue 5), printed, never asserted:
//   1. server start → first diagnostics on the largest corpus plan (structural, then complete), median of runs
//   2. didChange → diagnostics latency over ≥ 50 edits, minus the debounce (p50 / p95 / max)
//   3. server RSS after opening every corpus plan (complete checks done, nodejieba loaded)
// Usage: node esbuild.mjs server && node scripts/bench-lsp.mjs [--runs N] [--edits N] [--warmup N]
import { createRequire } from 'node:module';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const { LspClient, fileUri, ROOT } = require('../test/lsp/helpers/lsp-client.js');

const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const RUNS = arg('--runs', 5);
const EDITS = Math.max(50, arg('--edits', 60));
const WARMUP = arg('--warmup', 10); // edits before measuring (JIT warm-up), reported apart
const DEBOUNCE = 200;

const corpusDir = join(ROOT, 'test', 'fixtures', 'corpus');
const plans = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => join(corpusDir, f));
const largest = plans.reduce((a, b) => (statSync(b).size > statSync(a).size ? b : a));

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const ms = (x) => `${x.toFixed(1)} ms`;

function rssMb(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

// 1. start → first diagnostics
const firstAny = [];
const firstFull = [];
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now();
  const c = await LspClient.start();
  const uri = fileUri(largest);
  c.open(uri, readFileSync(largest, 'utf8'));
  await c.waitFor(() => c.lastPublished(uri), 30000, 'first publish');
  firstAny.push(performance.now() - t0);
  await c.fullDiagnostics(uri, 1, 30000);
  firstFull.push(performance.now() - t0);
  await c.stop();
}

// 2. didChange → diagnostics, minus the debounce
const latencies = [];
const warm = [];
{
  const c = await LspClient.start({ settings: { debounceMs: DEBOUNCE } });
  const uri = fileUri(largest);
  const text = readFileSync(largest, 'utf8');
  c.open(uri, text);
  await c.fullDiagnostics(uri, 1, 30000);
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < WARMUP + EDITS; i++) {
    // type at the end of a line spread over the document
    const line = Math.floor((i * 7919) % lines.length);
    const character = c.text(uri).split(/\r\n|\r|\n/)[line].length;
    const t0 = performance.now();
    const v = c.change(uri, [{ range: { start: { line, character }, end: { line, character } }, text: i % 2 ? '。' : '字' }]);
    await c.waitFor(() => (c.published.get(uri) ?? []).some((p) => p.version === v), 30000, `publish v${v}`);
    (i < WARMUP ? warm : latencies).push(performance.now() - t0 - DEBOUNCE);
  }
  await c.stop();
}

// 3. RSS after opening every corpus plan
let rss;
{
  const c = await LspClient.start();
  for (const p of plans) c.open(fileUri(p), readFileSync(p, 'utf8'));
  for (const p of plans) await c.fullDiagnostics(fileUri(p), 1, 30000);
  rss = rssMb(c.proc.pid);
  await c.stop();
}

const size = (statSync(largest).size / 1024).toFixed(0);
console.log(`PlanLint language server (node ${process.version}, ${RUNS} runs, ${EDITS} edits)`);
console.log(`  start → first diagnostics, largest corpus plan (${largest.split('/').pop()}, ${size} KB):`);
console.log(`    first publish (structural): median ${ms(pct(firstAny, 50))}, max ${ms(Math.max(...firstAny))}`);
console.log(
  `    complete check (after nodejieba): median ${ms(pct(firstFull, 50))}, max ${ms(Math.max(...firstFull))}   [target ≤ 1500 ms]`,
);
console.log(
  `  didChange → diagnostics minus the ${DEBOUNCE} ms debounce, over ${latencies.length} edits (after ${warm.length} warm-up edits${warm.length ? `: p50 ${ms(pct(warm, 50))}, max ${ms(Math.max(...warm))}` : ''}):`,
);
console.log(
  `    p50 ${ms(pct(latencies, 50))}, p95 ${ms(pct(latencies, 95))}, max ${ms(Math.max(...latencies))}   [target p95 ≤ 30 ms]`,
);
console.log(`  server RSS after opening all ${plans.length} corpus plans: ${rss.toFixed(0)} MB   [target ≤ 300 MB]`);
