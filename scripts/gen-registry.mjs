#!/usr/bin/env node
// Writes every file section that lists the rules from the one rule registry
// (server/src/core/rules/registry.ts, read by bundling it with esbuild):
//   - schemas/planlintrc.schema.json   properties.rules.properties, ignore[].rule's enum
//   - package.json                     contributes.configuration planlint.rules.properties
//   - package.nls.json, package.nls.zh-cn.json   config.rules.<id> descriptions (en, zh-CN)
//   - README.md, docs/rules/README.md  the rules tables between <!-- rules:start --> and <!-- rules:end -->
//   - server/src/core/rules/index.ts   the rules' imports between // rules:start and // rules:end
// Usage: `npm run gen` (writes), `node scripts/gen-registry.mjs --check` (writes nothing; exit 1 naming
// each stale file). JSON files are edited in place with jsonc-parser (the rest of each file keeps its
// formatting); the output is stable (a second run changes nothing).
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const jsonc = require('jsonc-parser');
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const REGISTRY = 'server/src/core/rules/registry.ts';
const LEVELS = ['error', 'warning', 'info', 'off'];
const JSON_FORMAT = { tabSize: 2, insertSpaces: true, eol: '\n' };

/** The registry's RULE_REGISTRY, bundled from the TypeScript source (no build needed). */
export async function loadRegistry(root = ROOT) {
  const out = await esbuild.build({
    entryPoints: [join(root, REGISTRY)],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    logLevel: 'silent',
  });
  const code = out.outputFiles[0].text;
  const mod = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  return mod.RULE_REGISTRY;
}

/** `missing-domain` → `missingDomain`. */
function camel(id) {
  return id.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
}

/** Sets each [path, value] in a JSON(C) text, keeping the rest of its formatting. */
function setJson(text, changes, getInsertionIndex) {
  for (const [path, value] of changes) {
    const node = jsonc.findNodeAtLocation(jsonc.parseTree(text), path);
    if (node && JSON.stringify(jsonc.getNodeValue(node)) === JSON.stringify(value)) continue;
    text = jsonc.applyEdits(text, jsonc.modify(text, path, value, { formattingOptions: JSON_FORMAT, getInsertionIndex }));
  }
  return text;
}

/** Every name a configuration may use: ids, then aliases. */
function configNames(rules) {
  const names = [];
  for (const r of rules) names.push({ name: r.id, rule: r });
  for (const r of rules) for (const a of r.aliases) names.push({ name: a, rule: r, alias: true });
  return names;
}

function schema(text, rules) {
  const props = {};
  for (const { name, rule, alias } of configNames(rules)) {
    const zh = alias ? `“${rule.id}”的别名：${rule.description.zh}` : rule.description.zh;
    const en = alias ? `Alias of "${rule.id}": ${rule.description.en}` : rule.description.en;
    props[name] = { $ref: '#/definitions/level', description: `${zh}\n${en}` };
  }
  return setJson(text, [
    [['properties', 'rules', 'properties'], props],
    [['properties', 'ignore', 'items', 'properties', 'rule', 'enum'], configNames(rules).map((n) => n.name)],
  ]);
}

function packageJson(text, rules) {
  const props = {};
  for (const { name } of configNames(rules)) {
    props[name] = { type: 'string', enum: LEVELS, description: `%config.rules.${name}%` };
  }
  return setJson(text, [[['contributes', 'configuration', 'properties', 'planlint.rules', 'properties'], props]]);
}

function nls(text, rules, lang) {
  const changes = [];
  const names = configNames(rules);
  const wanted = new Set(names.map((n) => `config.rules.${n.name}`));
  // stale rule descriptions go (a rule renamed or removed)
  for (const key of Object.keys(jsonc.parse(text))) {
    if (key.startsWith('config.rules.') && !wanted.has(key)) changes.push([[key], undefined]);
  }
  for (const { name, rule, alias } of names) {
    const d = rule.description[lang];
    const text = alias ? (lang === 'zh' ? `“${rule.id}”的别名：${d}` : `Alias of \`${rule.id}\`: ${d}`) : d;
    changes.push([[`config.rules.${name}`], text]);
  }
  // a new rule's description goes after the one before it in the registry (after "config.rules" for the first)
  const order = ['config.rules', ...names.map((n) => `config.rules.${n.name}`)];
  let out = text;
  for (const [path, value] of changes) {
    const before = order.slice(0, Math.max(1, order.indexOf(path[0])));
    const after = (keys) => {
      let at = keys.length;
      keys.forEach((k, i) => {
        if (before.includes(k)) at = i + 1;
      });
      return at;
    };
    if (value === undefined) out = jsonc.applyEdits(out, jsonc.modify(out, path, undefined, { formattingOptions: JSON_FORMAT }));
    else out = setJson(out, [[path, value]], after);
  }
  return out;
}

/** Footnote marks for the rules with a severity note, in table order. */
function footnotes(rules) {
  const marks = ['¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
  const out = new Map();
  for (const r of rules) if (r.severityNote) out.set(r.id, marks[out.size] ?? `(${out.size + 1})`);
  return out;
}

function cell(s) {
  return s.replace(/\|/g, '\\|');
}

function readmeTable(rules) {
  const notes = footnotes(rules);
  const lines = ['| rule | severity | fix | finds |', '|---|---|---|---|'];
  for (const r of rules) {
    const mark = notes.has(r.id) ? ` ${notes.get(r.id)}` : '';
    lines.push(
      `| [\`${r.id}\`](docs/rules/${r.id}.md) | ${r.defaultSeverity} | ${r.fixable ? '✔' : ''} | ${cell(r.description.en)}${mark} |`,
    );
  }
  if (notes.size) lines.push('');
  for (const r of rules) if (notes.has(r.id)) lines.push(`${notes.get(r.id)} ${r.severityNote.en}`);
  return lines;
}

function docsTable(rules) {
  const notes = footnotes(rules);
  const lines = ['| id | 默认级别 default | 可修复 fix | 检查内容 | finds |', '|---|---|---|---|---|'];
  for (const r of rules) {
    const mark = notes.has(r.id) ? ` ${notes.get(r.id)}` : '';
    lines.push(
      `| [\`${r.id}\`](${r.id}.md) | ${r.defaultSeverity} | ${r.fixable ? '✔' : ''} | ${cell(r.description.zh)}${mark} | ${cell(r.description.en)}${mark} |`,
    );
  }
  if (notes.size) lines.push('');
  for (const r of rules) {
    if (notes.has(r.id)) lines.push(`${notes.get(r.id)} ${r.severityNote.zh}`, `  ${r.severityNote.en}`);
  }
  return lines;
}

function indexImports(rules) {
  const lines = [];
  for (const r of rules) lines.push(`import ${camel(r.id)} from './${r.id}';`);
  lines.push('', 'const IMPLEMENTATIONS: Record<RegisteredRuleId, RuleImpl> = {');
  for (const r of rules) lines.push(`  '${r.id}': ${camel(r.id)},`);
  lines.push('};');
  return lines;
}

/** Replaces the lines between the start and end marker lines (markers kept); throws when they are missing. */
function between(text, file, start, end, lines) {
  const all = text.split('\n');
  const i = all.findIndex((l) => l.trim().startsWith(start));
  const j = all.findIndex((l, k) => k > i && l.trim().startsWith(end));
  if (i < 0 || j < 0) throw new Error(`${file}: markers ${start} … ${end} not found`);
  return [...all.slice(0, i + 1), ...lines, ...all.slice(j)].join('\n');
}

/** Every generated file: [path relative to the root, function from its current text to the generated one]. */
export function targets(rules) {
  return [
    ['schemas/planlintrc.schema.json', (t) => schema(t, rules)],
    ['package.json', (t) => packageJson(t, rules)],
    ['package.nls.json', (t) => nls(t, rules, 'en')],
    ['package.nls.zh-cn.json', (t) => nls(t, rules, 'zh')],
    ['README.md', (t, f) => between(t, f, '<!-- rules:start', '<!-- rules:end', readmeTable(rules))],
    ['docs/rules/README.md', (t, f) => between(t, f, '<!-- rules:start', '<!-- rules:end', docsTable(rules))],
    ['server/src/core/rules/index.ts', (t, f) => between(t, f, '// rules:start', '// rules:end', indexImports(rules))],
  ];
}

/** The stale files (relative paths); writes them unless `check`. */
export async function generate({ root = ROOT, check = false } = {}) {
  const rules = await loadRegistry(root);
  const stale = [];
  for (const [file, gen] of targets(rules)) {
    const path = join(root, file);
    const before = readFileSync(path, 'utf8');
    const after = gen(before, file);
    if (after === before) continue;
    stale.push(file);
    if (!check) writeFileSync(path, after);
  }
  return stale;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes('--check');
  try {
    const stale = await generate({ check });
    if (check && stale.length) {
      for (const f of stale) process.stderr.write(`gen-registry: ${f} is stale: run \`npm run gen\`\n`);
      process.exit(1);
    }
    if (!check) for (const f of stale) process.stdout.write(`gen-registry: wrote ${f}\n`);
  } catch (e) {
    process.stderr.write(`gen-registry: ${e instanceof Error ? e.message : e}\n`);
    process.exit(2);
  }
}
