// Fixtures and the CLI as the reference the server's diagnostics are compared with.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { ROOT } = require('./lsp-client');

const CORPUS_DIR = path.join(ROOT, 'test', 'fixtures', 'corpus');
const MUTANTS_DIR = path.join(ROOT, 'test', 'fixtures', 'mutants');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const DOMAINS = ['健康', '安全', '教育', '福利', '家庭', '环境', '法律保护'];

function listTxt(dir) {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => path.join(dir, f));
}

const corpusPlans = () => listTxt(CORPUS_DIR);
const mutantPlans = () => listTxt(MUTANTS_DIR);

function read(p) {
  return fs.readFileSync(p, 'utf8');
}

/** `planlint check --format json FILES…` → Map(absolute path → findings). Exit 1 (errors found) is fine. */
function cliFindings(files) {
  let out;
  try {
    out = execFileSync(process.execPath, [CLI, 'check', '--format', 'json', ...files], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
  } catch (e) {
    if (e.status !== 1) throw e;
    out = e.stdout;
  }
  const json = JSON.parse(out);
  const map = new Map();
  for (const f of json.files) map.set(path.resolve(ROOT, f.file), f.findings);
  return map;
}

/** rule:line:column, 1-based like the CLI. */
const cliKey = (f) => `${f.rule}:${f.line}:${f.column}`;
const diagKey = (d) => `${d.code}:${d.range.start.line + 1}:${d.range.start.character + 1}`;

module.exports = { CORPUS_DIR, MUTANTS_DIR, CLI, DOMAINS, corpusPlans, mutantPlans, read, cliFindings, cliKey, diagKey };
