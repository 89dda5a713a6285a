// planlint: the command-line adapter over the core.
//   planlint extract [--format json|text] FILE...
//   planlint check [--upstream ID|PATH]... [--format text|json|sarif|html] [--config PATH] [--locale zh-cn|en] FILE|DIR...
//   planlint baselines [--format text|json]
// Exit codes: 0 ok / no error-severity finding; 1 some error-severity finding; 2 usage or I/O error.
import { parseArgs } from 'node:util';
import { dirname, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { parsePlan, checkPlan, planToBaseline, getBuiltinBaseline, BUILTIN_BASELINES, resolveLocale, RULES } from './core';
import type { Baseline, Finding, Locale, PlanDocument, PlanlintConfig } from './core';
import { readPlanFile, collectPlanFiles, findConfigFile, loadConfig, mergeConfig, defaultConfig } from './node';
import { tryLoadSegmenter } from './node/segmenter';
import { extractJson, extractText } from './format/extract';
import { findingsText, findingsJson } from './format/findings';
import { toSarif } from './format/sarif';
import { toHtml } from './format/html';

const VERSION = '0.1.0';

class UsageError extends Error {}

const HELP = `planlint ${VERSION} — 儿童发展规划对标检查 / checks children's development plans against upstream plans

Usage:
  planlint check [--upstream ID|PATH]... [--format text|json|sarif|html] [--config PATH] [--locale zh-cn|en] FILE|DIR...
  planlint extract [--format json|text] FILE...
  planlint baselines [--format text|json]

Options:
  --upstream ID|PATH   upstream baseline: a built-in id (national, healthy-children) or a plan file (.txt/.md); repeatable
  --format F           output format (check: text|json|sarif|html, extract: json|text)
  --config PATH        use this .planlintrc.json instead of the one found by walking up from each file
  --no-config          ignore .planlintrc.json files
  --locale L           message language: zh-cn (default) or en
  -h, --help           this help
  -v, --version        the version

Exit codes: 0 no error-severity finding, 1 some error-severity finding, 2 usage or I/O error.`;

function fail(msg: string): never {
  throw new UsageError(msg);
}

function envLocale(): Locale {
  const raw = process.env.PLANLINT_LOCALE || process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG;
  return raw && /^en/i.test(raw) ? 'en' : resolveLocale(raw && /^zh/i.test(raw) ? raw : undefined);
}

function readPlan(file: string): PlanDocument {
  const { text } = readPlanFile(file);
  return parsePlan(text);
}

const baselineCache = new Map<string, Baseline>();
/** A built-in id or a plan file (parsed with the same parser). */
function resolveUpstream(spec: string, base: string): Baseline {
  const builtin = getBuiltinBaseline(spec);
  if (builtin) return builtin;
  const looksLikePath = /[\\/]/.test(spec) || /\.(txt|md|markdown)$/i.test(spec) || existsSync(resolve(base, spec));
  if (!looksLikePath) {
    fail(`--upstream ${spec}: unknown baseline id (built-in: ${BUILTIN_BASELINES.map((b) => b.id).join(', ')}, national, healthy-children) and not a file path`);
  }
  const path = resolve(base, spec);
  const hit = baselineCache.get(path);
  if (hit) return hit;
  const plan = readPlan(path);
  if (plan.domains.length === 0 && plan.targets.length === 0) fail(`${spec}: not a plan (no domain sections and no targets found)`);
  const b = planToBaseline(plan, path, path);
  baselineCache.set(path, b);
  return b;
}

function configFor(file: string, opts: { config?: string; noConfig?: boolean }): { config: PlanlintConfig; path: string | null } {
  if (opts.noConfig) return { config: defaultConfig(), path: null };
  const path = opts.config ? resolve(opts.config) : findConfigFile(dirname(resolve(file)));
  return { config: path ? mergeConfig(defaultConfig(), loadConfig(path)) : defaultConfig(), path };
}

function cmdExtract(files: string[], format: string): number {
  if (!['json', 'text'].includes(format)) fail(`--format ${format}: extract takes json or text`);
  const results = files.map((f) => ({ f, plan: readPlan(f) }));
  if (format === 'json') {
    const docs = results.map(({ f, plan }) => extractJson(f, plan));
    process.stdout.write(JSON.stringify(docs.length === 1 ? docs[0] : { files: docs }, null, 2) + '\n');
  } else {
    process.stdout.write(results.map(({ f, plan }) => extractText(f, plan)).join('\n\n') + '\n');
  }
  return 0;
}

export interface CheckedFile {
  file: string;
  plan: PlanDocument;
  baselines: Baseline[];
  findings: Finding[];
}

function cmdCheck(paths: string[], opts: { upstream: string[]; format: string; config?: string; noConfig?: boolean; locale?: Locale }): number {
  if (!['text', 'json', 'sarif', 'html'].includes(opts.format)) fail(`--format ${opts.format}: check takes text, json, sarif or html`);
  const files = collectPlanFiles(paths);
  if (!files.length) fail(`no plan files (.txt, .md) in ${paths.join(' ')}`);
  const results: CheckedFile[] = [];
  let reportLocale: Locale | undefined = opts.locale;
  for (const file of files) {
    const { config, path: configPath } = configFor(file, opts);
    reportLocale ??= config.locale;
    const fromConfig = !opts.upstream.length && config.upstream.length > 0 && configPath !== null;
    // the same id or path named twice is one upstream
    const specs = [...new Set(opts.upstream.length ? opts.upstream : config.upstream.length ? config.upstream : ['national'])];
    const baselines = specs.map((s, i) => {
      try {
        return resolveUpstream(s, opts.upstream.length ? process.cwd() : dirname(resolve(file)));
      } catch (e) {
        // an upstream named in .planlintrc.json: say which file and key
        if (fromConfig) fail(`${configPath}: upstream[${i}]: ${(e as Error).message.replace(/^--upstream [^:]+: /, '')}`);
        throw e;
      }
    });
    const plan = readPlan(file);
    const locale = opts.locale ?? config.locale ?? envLocale();
    const segmenter = plan.targets.length && baselines.length ? tryLoadSegmenter() : undefined;
    const findings = checkPlan(plan, baselines, { config, locale, segmenter });
    results.push({ file, plan, baselines, findings });
  }
  const locale = reportLocale ?? envLocale();
  if (opts.format === 'json') process.stdout.write(JSON.stringify(findingsJson(results), null, 2) + '\n');
  else if (opts.format === 'sarif') process.stdout.write(JSON.stringify(toSarif(results, locale, VERSION), null, 2) + '\n');
  else if (opts.format === 'html') process.stdout.write(toHtml(results, locale, tryLoadSegmenter()));
  else process.stdout.write(findingsText(results, locale));
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

function cmdBaselines(format: string): number {
  const rows = BUILTIN_BASELINES.map((b) => ({
    id: b.id, title: b.title, level: b.level, period: b.period, coverage: b.coverage ?? null,
    targets: b.targets.length, main: b.targets.filter((t) => t.role === 'main').length,
    lowConfidence: b.targets.filter((t) => t.confidence === 'low').length,
  }));
  if (format === 'json') process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
  else for (const r of rows) process.stdout.write(`${r.id}\t${r.title}\t${r.level}\t${r.targets} targets (${r.main} 主要目标, ${r.lowConfidence} low confidence)\t${r.coverage ?? ''}\n`);
  return 0;
}

export function main(argv: string[]): number {
  try {
    const [cmd, ...rest] = argv;
    if (!cmd || cmd === '-h' || cmd === '--help' || cmd === 'help') {
      process.stdout.write(HELP + '\n');
      return cmd ? 0 : 2;
    }
    if (cmd === '-v' || cmd === '--version') {
      process.stdout.write(VERSION + '\n');
      return 0;
    }
    let parsed;
    try {
      parsed = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          format: { type: 'string' },
          upstream: { type: 'string', multiple: true },
          config: { type: 'string' },
          'no-config': { type: 'boolean' },
          locale: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
      });
    } catch (e) {
      fail((e as Error).message.split('\n')[0]);
    }
    const { values, positionals } = parsed;
    if (values.help) {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    const locale = values.locale ? (['zh-cn', 'en'].includes(values.locale.toLowerCase()) ? (values.locale.toLowerCase() as Locale) : fail(`--locale ${values.locale}: use zh-cn or en`)) : undefined;
    switch (cmd) {
      case 'extract':
        if (!positionals.length) fail('extract: give at least one FILE');
        return cmdExtract(positionals, values.format ?? 'json');
      case 'check':
        if (!positionals.length) fail('check: give at least one FILE or folder');
        return cmdCheck(positionals, { upstream: values.upstream ?? [], format: values.format ?? 'text', config: values.config, noConfig: values['no-config'], locale });
      case 'baselines':
        return cmdBaselines(values.format ?? 'text');
      case 'rules':
        for (const r of RULES) process.stdout.write(`${r.id}\t${r.defaultSeverity}\t${r.meta.zh}\t${r.meta.en}\n`);
        return 0;
      default:
        fail(`unknown command "${cmd}" (use check, extract, baselines, rules; --help for usage)`);
    }
  } catch (e) {
    // read and config errors know their Chinese wording; the locale comes from --locale or the environment
    const li = argv.indexOf('--locale');
    const errLocale: Locale = li >= 0 && /^en/i.test(argv[li + 1] ?? '') ? 'en' : li >= 0 ? 'zh-cn' : envLocale();
    const localized = (e as { localized?: (l: Locale) => string })?.localized;
    const msg = typeof localized === 'function' ? localized.call(e, errLocale) : (e as Error)?.message ?? String(e);
    process.stderr.write(`planlint: ${msg.split('\n')[0]}\n`);
    if (!(e instanceof UsageError) && process.env.PLANLINT_DEBUG) process.stderr.write(String((e as Error).stack) + '\n');
    return 2;
  }
}

if (require.main === module) {
  const code = main(process.argv.slice(2));
  process.stdout.write('', () => process.exit(code));
}
