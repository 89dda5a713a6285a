#!/usr/bin/env node
// The bad-input campaign of issue 10, long form (`npm run fuzz`; the test suite runs a short one).
//   1. CLI cases: adversarial documents (1 MB), special files (FIFO, devices, symlink loops, folders),
//      undecodable and disguised encodings, and bad configurations and upstreams, each run with a
//      time limit: exit code, one-line message, CPU time, peak RSS.
//   2. LSP fuzzing: sessions of the fuzzing client (test/lsp/helpers/fuzz.js) over the corpus plans,
//      the mutants and the adversarial documents, push and pull, with and without codeAction/resolve;
//      ≥ 10,000 edits in all by default.
// Prints one table per part and a summary table. Deterministic by seed.
// Usage: node scripts/fuzz-lsp.mjs [--edits N] [--seed S] [--cli PATH] [--server PATH] [--only cli|lsp] [--max-old-space MB]
//   --cli / --server: another build's dist/cli.js / dist/server.js (to compare builds: "before").
import { table } from './lib/table.mjs';
import { spawnSync, execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  copyFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { adversarialDocs } from './adversarial.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'package.json'));
const argv = process.argv.slice(2);
const opt = (name, def) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : def);
const EDITS = Number(opt('--edits', 12000));
const SEED = Number(opt('--seed', 10));
const CLI = resolve(opt('--cli', join(ROOT, 'dist', 'cli.js')));
const SERVER = opt('--server', null);
const ONLY = opt('--only', null);
if (SERVER) process.env.PLANLINT_LSP_SERVER = resolve(SERVER);
// --max-old-space MB: a heap limit for the CLI runs and the server (a quadratic build then dies early
// of "heap out of memory", counted as a crash, instead of taking the machine's memory)
const HEAP = opt('--max-old-space', null);
const NODE_HEAP = HEAP ? [`--max-old-space-size=${Number(HEAP)}`] : [];
if (HEAP) process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=${Number(HEAP)}`.trim();

const summary = [];
const tmp = mkdtempSync(join(tmpdir(), 'planlint-fuzz-'));
const corpusDir = join(ROOT, 'test', 'fixtures', 'corpus');
const mutantDir = join(ROOT, 'test', 'fixtures', 'mutants');
const txt = (dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => join(dir, f));

// ---------- 1. CLI cases ----------
if (ONLY !== 'lsp') {
  const posix = process.platform !== 'win32';
  const hook = join(tmp, 'usage-hook.cjs');
  writeFileSync(
    hook,
    "process.on('exit',()=>{try{const u=process.resourceUsage();require('fs').writeFileSync(process.env.PLANLINT_FUZZ_USAGE_OUT,JSON.stringify({rss:u.maxRSS,cpu:(u.userCPUTime+u.systemCPUTime)/1000}))}catch{}});\n",
  );
  const plan = join(tmp, 'plan.txt');
  copyFileSync(txt(mutantDir)[0], plan);
  const f = (name, data) => {
    const p = join(tmp, name);
    writeFileSync(p, data);
    return p;
  };
  const cases = [];
  for (const d of adversarialDocs())
    cases.push({ name: `adversarial ${d.name}`, args: ['check', '--no-config', '--format', 'json', f(`${d.name}.txt`, d.text)] });
  let a = 3;
  const rnd = () => (a = (a * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const randomBytes = Buffer.from(Array.from({ length: 200000 }, () => Math.floor(rnd() * 256)));
  const gbRandom = [];
  for (let i = 0; i < 100000; i++) {
    gbRandom.push(0xb0 + Math.floor(rnd() * 72), 0xa1 + Math.floor(rnd() * 94));
    if (i % 40 === 39) gbRandom.push(10);
  }
  const planText = readFileSync(plan, 'utf8');
  const special = [];
  if (posix) {
    execFileSync('mkfifo', [join(tmp, 'fifo.txt')]);
    symlinkSync(join(tmp, 'loopB.txt'), join(tmp, 'loopA.txt'));
    symlinkSync(join(tmp, 'loopA.txt'), join(tmp, 'loopB.txt'));
    special.push(['FIFO', join(tmp, 'fifo.txt')], ['symlink loop', join(tmp, 'loopA.txt')]);
    if (existsSync('/dev/zero')) special.push(['/dev/zero', '/dev/zero'], ['/dev/urandom', '/dev/urandom']);
  }
  mkdirSync(join(tmp, 'folder.txt'));
  special.push(['a folder named .txt', join(tmp, 'folder.txt')], ['no such file', join(tmp, 'missing.txt')]);
  for (const [name, p] of special) cases.push({ name: `plan: ${name}`, args: ['check', '--no-config', p] });
  cases.push(
    { name: 'plan: random bytes', args: ['check', '--no-config', f('random.txt', randomBytes)] },
    { name: 'plan: random GB2312 ideographs', args: ['check', '--no-config', f('gbrandom.txt', Buffer.from(gbRandom))] },
    {
      name: 'plan: UTF-16LE without BOM',
      args: ['check', '--no-config', f('u16le.txt', Buffer.from(planText, 'utf16le'))],
      expectRead: true,
    },
    {
      name: 'plan: UTF-16BE without BOM',
      args: ['check', '--no-config', f('u16be.txt', Buffer.from(planText, 'utf16le').swap16())],
      expectRead: true,
    },
    { name: 'plan: 70 MB', args: ['check', '--no-config', f('huge.txt', Buffer.alloc(70 * 1024 * 1024, 0x61))] },
    { name: 'plan: empty', args: ['check', '--no-config', f('empty.txt', '')] },
  );
  for (const [name, p] of special) cases.push({ name: `--config ${name}`, args: ['check', '--config', p, plan] });
  for (const [name, p] of special)
    cases.push({ name: `--upstream ${name}`, args: ['check', '--no-config', '--upstream', p, plan] });
  let cfgN = 0;
  const cfg = (name, text) => ({ name: `--config ${name}`, args: ['check', '--config', f(`config-${cfgN++}.json`, text), plan] });
  cases.push(
    cfg('nested 100,000 deep', `{"rules": ${'['.repeat(100000)}${']'.repeat(100000)}}`),
    cfg('objects nested 50,000 deep', `{"ignore": [${'{"a":'.repeat(50000)}1${'}'.repeat(50000)}]}`),
    cfg('10,000 repeated upstream ids', JSON.stringify({ upstream: Array(9999).fill('national') })),
    cfg('100,000 repeated upstream ids', JSON.stringify({ upstream: Array(100000).fill('national') })),
    cfg('2 MB', `{"$schema": "${'x'.repeat(2 * 1024 * 1024)}"}`),
    cfg('invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d])),
    cfg('upstream /etc/passwd', JSON.stringify({ upstream: ['/etc/passwd'] })),
    cfg('upstream ../../../etc/passwd', JSON.stringify({ upstream: ['../../../../../../../../etc/passwd'] })),
    cfg('not JSON', '{"upstream": ['),
    cfg(
      '20,000 ignore entries',
      JSON.stringify({ ignore: Array.from({ length: 9999 }, (_, i) => ({ rule: 'weaker-target', text: `line ${i}` })) }),
    ),
  );
  const rows = [];
  const tally = { cases: 0, crashes: 0, hangs: 0, overMemory: 0, overTime: 0, badMessage: 0, peakMB: 0 };
  for (const c of cases) {
    const out = join(tmp, 'usage.json');
    rmSync(out, { force: true });
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [...NODE_HEAP, '--require', hook, CLI, ...c.args], {
      encoding: 'utf8',
      timeout: 60_000,
      maxBuffer: 512 * 1024 * 1024,
      env: { ...process.env, PLANLINT_FUZZ_USAGE_OUT: out, LANG: 'en_US.UTF-8' },
    });
    const wall = performance.now() - t0;
    const u = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : { rss: NaN, cpu: NaN };
    const stderr = (r.stderr ?? '').trim();
    const hang = !!(r.error && /ETIMEDOUT/.test(String(r.error.code ?? r.error)));
    const crash =
      !hang &&
      (r.signal !== null ||
        ![0, 1, 2].includes(r.status) ||
        /heap out of memory|Maximum call stack|at .+:\d+:\d+\)/.test(stderr));
    // exit 2: one line, "planlint: <file>: <cause>"
    const badMessage = !hang && !crash && r.status === 2 && (stderr.split('\n').length !== 1 || !/^planlint: \S/.test(stderr));
    const mbPeak = u.rss / 1024;
    tally.cases++;
    if (hang) tally.hangs++;
    if (crash) tally.crashes++;
    if (badMessage) tally.badMessage++;
    if (mbPeak > 300) tally.overMemory++;
    if (u.cpu > 2000) tally.overTime++;
    if (mbPeak > tally.peakMB) tally.peakMB = mbPeak;
    const outcome = hang ? 'HANG' : crash ? `CRASH ${r.signal ?? r.status}` : `exit ${r.status}`;
    rows.push([
      c.name,
      outcome,
      wall.toFixed(0),
      Number.isFinite(u.cpu) ? u.cpu.toFixed(0) : '—',
      Number.isFinite(mbPeak) ? mbPeak.toFixed(0) : '—',
      (stderr.split('\n')[0] || '').slice(0, 90),
    ]);
  }
  table(`CLI cases (${CLI})`, ['case', 'outcome', 'wall ms', 'CPU ms', 'peak MB', 'message'], rows);
  summary.push([
    'CLI bad-input cases',
    tally.cases,
    tally.crashes,
    tally.hangs,
    `${tally.overTime} over 2 s CPU, ${tally.overMemory} over 300 MB, ${tally.badMessage} bad messages`,
    `${tally.peakMB.toFixed(0)} MB`,
  ]);
}

// ---------- 2. LSP fuzzing ----------
if (ONLY !== 'cli') {
  const { fuzzSession } = require('./test/lsp/helpers/fuzz.js');
  const read = (p) => ({ name: basename(p), text: readFileSync(p, 'utf8') });
  const corpus = [...txt(corpusDir), ...txt(mutantDir)].map(read);
  // the adversarial documents at 30 KB: a campaign of 10,000 edits re-checks them thousands of times
  // (those of a fixed size above 200 KB — 100,000 lines, brackets 100,000 deep — are left to the CLI
  // cases and `npm run bench`: re-checked after every edit they would take the campaign's whole time)
  const adv = adversarialDocs(30 * 1024)
    .filter((d) => d.text.length <= 200_000)
    .map((d) => ({ name: d.name, text: d.text }));
  const sessions = [
    { name: 'push, corpus + mutants', mode: 'push', docs: corpus, share: 0.4 },
    { name: 'push, adversarial (30 KB)', mode: 'push', docs: adv, share: 0.2 },
    { name: 'pull, corpus + adversarial', mode: 'pull', docs: [...corpus.slice(0, 3), ...adv.slice(0, 6)], share: 0.2 },
    {
      name: 'push + codeAction/resolve, mixed',
      mode: 'push',
      resolve: true,
      docs: [...adv.slice(6), ...corpus.slice(3)],
      share: 0.2,
    },
  ];
  const rows = [];
  const total = {
    edits: 0,
    requests: 0,
    crashes: 0,
    hangs: 0,
    errors: 0,
    outOfRange: 0,
    wrongVersion: 0,
    late: 0,
    drift: 0,
    peakKB: 0,
    maxReply: 0,
    rssOk: true,
  };
  for (const [i, s] of sessions.entries()) {
    const t0 = performance.now();
    console.error(`session ${i + 1}/${sessions.length}: ${s.name}`);
    let st;
    try {
      st = await fuzzSession({
        seed: SEED + i,
        edits: Math.round(EDITS * s.share),
        docs: s.docs,
        mode: s.mode,
        resolve: s.resolve,
        requestTimeoutMs: 60000,
        log: (m) => console.error(m),
      });
    } catch (e) {
      st = {
        edits: 0,
        requests: 0,
        crashes: 1,
        hangs: 0,
        errors: 0,
        outOfRange: 0,
        wrongVersion: 0,
        late: 0,
        drift: 0,
        peakKB: 0,
        maxReplyBytes: 0,
        rssStartKB: 0,
        rssEndKB: 0,
        problems: [String(e && e.stack)],
      };
    }
    const secs = (performance.now() - t0) / 1000;
    const rssRatio = st.rssStartKB ? st.rssEndKB / st.rssStartKB : NaN;
    rows.push([
      s.name,
      st.edits,
      st.requests,
      st.crashes,
      st.hangs,
      st.errors,
      st.outOfRange + st.wrongVersion,
      st.late,
      st.drift,
      (st.peakKB / 1024).toFixed(0),
      `${(st.rssStartKB / 1024).toFixed(0)} → ${(st.rssEndKB / 1024).toFixed(0)}`,
      (st.maxReplyBytes / 1024).toFixed(0),
      secs.toFixed(0),
    ]);
    for (const k of ['edits', 'requests', 'crashes', 'hangs', 'errors', 'outOfRange', 'wrongVersion', 'late', 'drift'])
      total[k] += st[k] ?? 0;
    total.peakKB = Math.max(total.peakKB, st.peakKB);
    total.maxReply = Math.max(total.maxReply, st.maxReplyBytes);
    if (!(rssRatio <= 1.2)) total.rssOk = false;
    // each session's row as soon as it is done (a long campaign can be stopped and still reported)
    console.log(`session ${s.name}: ${JSON.stringify(rows[rows.length - 1])}`);
    for (const p of st.problems ?? []) console.log(`  ${s.name}: ${p}`);
    console.log(
      `  ${s.name}: ${JSON.stringify({ slow: st.slow, slowestMs: st.slowestMs, unchecked: st.unchecked, pastEnd: st.pastEnd, reversed: st.reversed, fullText: st.fullText, outOfOrder: st.outOfOrder, batched: st.batched, reopened: st.reopened, cancelled: st.cancelled, staleCancelled: st.staleCancelled, resolved: st.resolved, publishes: st.publishes })}`,
    );
  }
  table(
    `LSP fuzzing (${process.env.PLANLINT_LSP_SERVER ?? join(ROOT, 'dist', 'server.js')}, seed ${SEED})`,
    [
      'session',
      'edits',
      'requests',
      'crashes',
      'hangs',
      'error replies',
      'out-of-range',
      'late replies',
      'drift',
      'peak MB',
      'RSS MB start → end',
      'max reply KB',
      's',
    ],
    rows,
  );
  summary.push([
    'LSP fuzzing',
    `${total.edits} edits, ${total.requests} requests`,
    total.crashes,
    total.hangs,
    `${total.errors} error replies, ${total.outOfRange + total.wrongVersion} out-of-range, ${total.late} late replies, ${total.drift} drift, RSS back within 20 %: ${total.rssOk ? 'yes' : 'no'}, max reply ${(total.maxReply / 1024).toFixed(0)} KB`,
    `${(total.peakKB / 1024).toFixed(0)} MB`,
  ]);
}

table('campaign summary', ['part', 'cases', 'crashes', 'hangs', 'other', 'peak memory'], summary);
rmSync(tmp, { recursive: true, force: true });
