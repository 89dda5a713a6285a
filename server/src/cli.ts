// planlint: the command-line adapter over the core.
//   planlint extract [--format json|text] FILE...
//   planlint check [--upstream ID|PATH]... [--format text|json|sarif|html] [--config PATH] [--locale zh-cn|en] FILE|DIR...
//   planlint report [--upstream ID|PATH]... [--format html|xlsx|docx] [-o OUT] [--config PATH] [--locale zh-cn|en] FILE|DIR...
//   planlint baselines [--format text|json]
//   planlint rules
//   planlint baselines import FILE [--id ID] [-o OUT] [--force]
//   planlint baselines verify ID FILE [--write OUT] [--format text|json]
// Exit codes: 0 ok / no error-severity finding; 1 some error-severity finding; 2 usage or I/O error.
import { parseArgs } from 'node:util';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import {
  parsePlan,
  checkPlan,
  planToBaseline,
  getBuiltinBaseline,
  getBuiltinBaselineFile,
  BUILTIN_BASELINES,
  BUILTIN_ALIASES,
  resolveLocale,
  RULES,
  localize,
  translator,
  planToBaselineFile,
  verifyBaseline,
  correctedBaselineFile,
  describeProvenance,
  describeBaselineKind,
} from './core';
import type { Baseline, BaselineFile, Finding, Locale, PlanDocument, PlanlintConfig, VerifyReport } from './core';
// (the node modules one by one, not './node': its index re-exports the format readers, which stay lazy)
import { readPlanSource } from './node/read';
import { collectPlanFiles } from './node/files';
import { findConfigFile, loadConfig, mergeConfig, defaultConfig } from './node/config';
import {
  findImportedBaseline,
  loadBaselineFile,
  listImportedBaselines,
  BaselineFileError,
  IMPORTED_BASELINES_DIR,
} from './node/baselines';
import type { PlanSource } from './node/formats/source';
import { errorText, formatIn, message, type Message } from './node/message';
import { tryLoadSegmenter } from './node/segmenter';
import { extractJson, extractText } from './format/extract';
import { findingsText, findingsJson } from './format/findings';
import { toSarif } from './format/sarif';
import { writeJson } from './format/json';
import { toHtml } from './format/html';
import type * as Reports from './report';

const VERSION = '0.1.0';

/** A usage error: one line on stderr in the run's language (an English template of the l10n bundle), exit 2. */
class UsageError extends Error {
  constructor(private readonly cause_: Message) {
    super(formatIn('en', cause_));
  }

  localized(locale: Locale): string {
    return formatIn(locale, this.cause_);
  }
}

/** An error's one-line message in `locale` (the errors that carry a Message are localized from the bundle). */
const messageIn = errorText;

/** An upstream named in .planlintrc.json that cannot be used: says which file and key. */
class ConfigUpstreamError extends Error {
  constructor(
    private readonly configPath: string,
    private readonly index: number,
    private readonly cause_: unknown,
  ) {
    super('');
    this.message = this.localized('en');
  }

  localized(locale: Locale): string {
    return `${this.configPath}: upstream[${this.index}]: ${messageIn(locale, this.cause_).replace(/^--upstream [^:]+: /, '')}`;
  }
}

/** The short alias of a built-in baseline id (`national` for `national-2021-2030`), if it has one. */
function aliasOf(id: string): string | undefined {
  return Object.keys(BUILTIN_ALIASES).find((a) => BUILTIN_ALIASES[a] === id);
}
const BUILTIN_IDS = BUILTIN_BASELINES.map((b) => (aliasOf(b.id) ? `${b.id} (${aliasOf(b.id)})` : b.id)).join(', ');

const HELP = `planlint ${VERSION} — 儿童发展规划对标检查 / checks children's development plans against upstream plans

Usage:
  planlint check [--upstream ID|PATH]... [--format text|json|sarif|html] [--config PATH] [--locale zh-cn|en] FILE|DIR...
  planlint report [--upstream ID|PATH]... [--format html|xlsx|docx] [-o OUT] [--config PATH] [--locale zh-cn|en] FILE|DIR...
  planlint extract [--format json|text] FILE...
  planlint baselines [--format text|json]     the built-in upstream baselines: id, short id, title
  planlint baselines import FILE [--id ID] [-o OUT] [--force]
  planlint baselines verify ID FILE [--write OUT] [--format text|json]
  planlint rules                              the rules: id, default severity, what each finds

Files: plain text (.txt, .md), Word (.docx, .doc, WPS .wps), PDF with a text layer, saved web pages (.html, .htm).

Options:
  --upstream ID|PATH   upstream baseline, repeatable; default: national. A built-in id or its short id
                       (${BUILTIN_IDS}),
                       the id of a baseline imported into .planlint/baselines/, a baseline .json file
                       or a plan file (.txt, .md, .docx, .doc, .wps, .pdf, .html)
  --id ID              baselines import: the id of the new baseline (default: from the file name, else level and period)
  -o, --output OUT     report: the file to write (default: stdout for html; planlint-report.xlsx /
                       planlint-review.docx in the current folder); a folder (existing, or ending in /):
                       docx gets one document per plan there.
                       baselines import: where to write it (default: .planlint/baselines/ID.json beside .planlintrc.json)
  --write OUT          baselines verify: write the baseline corrected by the official text to OUT
  --force              baselines import: overwrite OUT
  --format F           output format (check: text|json|sarif|html, report: html|xlsx|docx, extract: json|text)
  --config PATH        use this .planlintrc.json instead of the one found by walking up from each file
  --no-config          ignore .planlintrc.json files
  --locale L           message language: zh-cn (default) or en
  -h, --help           this help
  -v, --version        the version

Exit codes: 0 no error-severity finding, 1 some error-severity finding, 2 usage or I/O error
(report: 0 when the report was written, 2 otherwise).
A file that is not a plan (no plan title, no domain heading) is reported as such and not checked.`;

function fail(key: string, ...a: Array<string | number>): never {
  throw new UsageError(message(key, ...a));
}

function envLocale(): Locale {
  const raw = process.env.PLANLINT_LOCALE || process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG;
  return raw && /^en/i.test(raw) ? 'en' : resolveLocale(raw && /^zh/i.test(raw) ? raw : undefined);
}

/** A plan file in any format node/read.ts reads (text, Word, WPS, PDF, web page) and where its lines came from. */
async function readPlanWithSource(file: string): Promise<{ plan: PlanDocument; source: PlanSource }> {
  const source = await readPlanSource(file);
  return { plan: parsePlan(source.text), source };
}

async function readPlan(file: string): Promise<PlanDocument> {
  return (await readPlanWithSource(file)).plan;
}

const baselineCache = new Map<string, Baseline>();
/** A built-in id, an imported baseline's id (.planlint/baselines/ID.json at or above `base`), a baseline .json file, or a plan file (parsed with the same parser). */
async function resolveUpstream(spec: string, base: string, near?: string): Promise<Baseline> {
  const builtin = getBuiltinBaseline(spec);
  if (builtin) return builtin;
  const looksLikePath =
    /[\\/]/.test(spec) || /\.(txt|md|markdown|json|docx|doc|wps|pdf|html?)$/i.test(spec) || existsSync(resolve(base, spec));
  if (!looksLikePath) {
    const imported = wrapBaselineError(
      () =>
        findImportedBaseline(spec, base) ??
        (near ? findImportedBaseline(spec, near) : null) ??
        findImportedBaseline(spec, process.cwd()),
    );
    if (imported) return imported;
    fail(
      '--upstream {0}: unknown baseline id (built-in: {1}; imported: {2}) and not a file path',
      spec,
      BUILTIN_IDS,
      `${IMPORTED_BASELINES_DIR}${sep}ID.json`,
    );
  }
  const path = resolve(base, spec);
  const hit = baselineCache.get(path);
  if (hit) return hit;
  if (/\.json$/i.test(path)) {
    const b = wrapBaselineError(() => loadBaselineFile(path));
    baselineCache.set(path, b);
    return b;
  }
  const plan = await readPlan(path);
  if (plan.domains.length === 0 && plan.targets.length === 0)
    fail('{0}: not a plan (no domain sections and no targets found)', spec);
  const b = planToBaseline(plan, path, path, { paragraphs: !isTextFile(path) });
  baselineCache.set(path, b);
  return b;
}

function wrapBaselineError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof BaselineFileError) throw new UsageError(message('{0}: {1}', e.file, e.cause_));
    throw e;
  }
}

function configFor(file: string, opts: { config?: string; noConfig?: boolean }): { config: PlanlintConfig; path: string | null } {
  if (opts.noConfig) return { config: defaultConfig(), path: null };
  const path = opts.config ? resolve(opts.config) : findConfigFile(dirname(resolve(file)));
  return { config: path ? mergeConfig(defaultConfig(), loadConfig(path)) : defaultConfig(), path };
}

async function cmdExtract(files: string[], format: string): Promise<number> {
  if (!['json', 'text'].includes(format)) fail('--format {0}: extract takes json or text', format);
  const results: Array<{ f: string; plan: PlanDocument; source: PlanSource }> = [];
  for (const f of files) results.push({ f, ...(await readPlanWithSource(f)) });
  if (format === 'json') {
    const docs = results.map(({ f, plan, source }) => extractJson(f, plan, source));
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
  segmenter?: import('./core').Segmenter;
  /** Where each line came from, for Word/PDF/HTML files (paragraph, page). */
  source?: PlanSource;
}

interface CheckOpts {
  upstream: string[];
  format: string;
  config?: string;
  noConfig?: boolean;
  locale?: Locale;
}

/**
 * Progress on a terminal: "planlint: 37/120 plans checked" rewritten in place on stderr, only when stderr is a
 * TTY and there are more than a few files; nothing at all otherwise (pipes, CI logs, --format json).
 */
export function progress(
  total: number,
  label: (done: number, total: number) => string,
  stream: NodeJS.WriteStream = process.stderr,
) {
  const on = total > 3 && !!stream.isTTY && !process.env.PLANLINT_NO_PROGRESS;
  let last = 0;
  let shown = false;
  return {
    tick(done: number): void {
      if (!on) return;
      const now = Date.now();
      if (done < total && now - last < 100) return;
      last = now;
      shown = true;
      stream.write(`\r\x1b[2K${label(done, total)}`);
    },
    done(): void {
      if (on && shown) stream.write('\r\x1b[2K');
    },
  };
}

async function checkAll(
  paths: string[],
  opts: CheckOpts,
  showProgress: boolean,
): Promise<{ results: CheckedFile[]; locale: Locale }> {
  const files = collectPlanFiles(paths);
  if (!files.length) fail('no plan files (.txt, .md, .docx, .doc, .wps, .pdf, .html) in {0}', paths.join(' '));
  const results: CheckedFile[] = [];
  let reportLocale: Locale | undefined = opts.locale;
  const bar = progress(
    showProgress ? files.length : 0,
    (d, n) => `planlint: ${localize(opts.locale ?? envLocale(), '{0} of {1} files', d, n)}`,
  );
  for (const file of files) {
    const { config, path: configPath } = configFor(file, opts);
    reportLocale ??= config.locale;
    const fromConfig = !opts.upstream.length && config.upstream.length > 0 && configPath !== null;
    // the same id or path named twice is one upstream
    const specs = [...new Set(opts.upstream.length ? opts.upstream : config.upstream.length ? config.upstream : ['national'])];
    const baselines: Baseline[] = [];
    for (const [i, s] of specs.entries()) {
      try {
        baselines.push(
          await resolveUpstream(s, opts.upstream.length ? process.cwd() : dirname(resolve(file)), dirname(resolve(file))),
        );
      } catch (e) {
        // an upstream named in .planlintrc.json: say which file and key
        if (fromConfig) throw new ConfigUpstreamError(configPath ?? '', i, e);
        throw e;
      }
    }
    const { plan, source } = await readPlanWithSource(file);
    const locale = opts.locale ?? config.locale ?? envLocale();
    const segmenter = plan.targets.length && baselines.length ? tryLoadSegmenter() : undefined;
    const findings = checkPlan(plan, baselines, { config, locale, segmenter });
    results.push({ file, plan, baselines, findings, segmenter, ...(source.format !== 'text' ? { source } : {}) });
    bar.tick(results.length);
  }
  bar.done();
  return { results, locale: reportLocale ?? envLocale() };
}

/**
 * Standard output for many small pieces (format/json.ts): encoded into a byte buffer written out by
 * 256 KB. Writing each piece, or joining them into strings, spent most of a 40 MB report's time in
 * string concatenation and UTF-8 conversion. A fresh buffer after each write, since a write may complete later.
 */
function bufferedStdout(): { write: (text: string) => void; end: () => void } {
  const SIZE = 1 << 18;
  let buf = Buffer.allocUnsafe(SIZE);
  let pos = 0;
  const flush = () => {
    if (pos) process.stdout.write(buf.subarray(0, pos));
    buf = Buffer.allocUnsafe(SIZE);
    pos = 0;
  };
  return {
    write(text) {
      if (pos + text.length * 3 > buf.length) {
        flush();
        if (text.length * 3 > buf.length) buf = Buffer.allocUnsafe(text.length * 3);
      }
      pos += buf.write(text, pos);
    },
    end: flush,
  };
}

async function cmdCheck(paths: string[], opts: CheckOpts): Promise<number> {
  if (!['text', 'json', 'sarif', 'html'].includes(opts.format))
    fail('--format {0}: check takes text, json, sarif or html', opts.format);
  const { results, locale } = await checkAll(paths, opts, opts.format !== 'json' && opts.format !== 'sarif');
  // written in pieces (format/json.ts): the same text as JSON.stringify, without a string of the whole report
  if (opts.format === 'json' || opts.format === 'sarif') {
    const out = bufferedStdout();
    writeJson(opts.format === 'json' ? findingsJson(results, locale) : toSarif(results, locale, VERSION), out.write);
    out.end();
  } else if (opts.format === 'html') process.stdout.write(toHtml(results, locale, tryLoadSegmenter()));
  else process.stdout.write(findingsText(results, locale));
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

/** dist/report.js: exceljs and docx are loaded only when a report is written. */
function loadReports(): typeof Reports {
  return createRequire(__filename)(join(__dirname, 'report.js')) as typeof Reports;
}

const DEFAULT_NAMES: Record<string, string> = {
  html: 'planlint-report.html',
  xlsx: 'planlint-report.xlsx',
  docx: 'planlint-review.docx',
};

async function cmdReport(paths: string[], opts: CheckOpts & { output?: string }): Promise<number> {
  const format = opts.format;
  if (!['html', 'xlsx', 'docx'].includes(format)) fail('--format {0}: report takes html, xlsx or docx', format);
  let outDir: string | null = null;
  if (opts.output && existsSync(opts.output) && statSync(opts.output).isDirectory()) outDir = opts.output;
  else if (opts.output && /[\\/]$/.test(opts.output)) {
    mkdirSync(opts.output, { recursive: true });
    outDir = opts.output;
  }
  const { results, locale } = await checkAll(paths, opts, true);
  const reports = loadReports();
  const tty = process.stderr.isTTY && results.length > 3 && !process.env.PLANLINT_NO_PROGRESS;
  if (tty) process.stderr.write(`planlint: ${localize(locale, 'writing the {0} report…', format)}`);
  const model = reports.buildReport(results, tryLoadSegmenter());
  const written: string[] = [];
  if (outDir && format === 'docx') {
    // one 审查意见 per plan, named after the plan's file
    const seen = new Set<string>();
    for (const d of model.drafts) {
      let name = basename(d.file).replace(/\.[^.]+$/, '');
      for (let i = 2; seen.has(name); i++) name = `${basename(d.file).replace(/\.[^.]+$/, '')}-${i}`;
      seen.add(name);
      const out = join(outDir, `${name}.docx`);
      writeFileSync(out, await reports.renderReport({ ...model, drafts: [d] }, 'docx', locale));
      written.push(out);
    }
  } else {
    const bytes = await reports.renderReport(model, format as Reports.ReportFormat, locale);
    const out = outDir
      ? join(outDir, DEFAULT_NAMES[format])
      : (opts.output ?? (format === 'html' ? null : DEFAULT_NAMES[format]));
    if (out === null || out === '-') process.stdout.write(bytes);
    else {
      writeFileSync(out, bytes);
      written.push(out);
    }
  }
  if (tty) process.stderr.write('\r\x1b[2K');
  for (const w of written) process.stderr.write(`${localize(locale, 'Wrote {0}', w)}\n`);
  return 0;
}

/** Plain text and markdown are read as lines; Word, PDF and HTML as paragraphs (positions say 第N段). */
function isTextFile(file: string): boolean {
  return /\.(txt|md|markdown|text)$/i.test(file);
}

function sha256(file: string): string | undefined {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    return undefined;
  }
}

/** A path as a baseline file names another file: relative to the baseline's folder, with forward slashes. */
function relFrom(dir: string, file: string): string {
  const rel = relative(dir, file).split(sep).join('/');
  // a file inside the project (up to three folders above .planlint/baselines/) stays relative; others absolute
  if (!rel || /^(\.\.\/){4,}/.test(rel) || /^[a-zA-Z]:|^\//.test(rel)) return file;
  return rel;
}

function cmdBaselines(format: string, locale: Locale): number {
  if (!['json', 'text'].includes(format)) fail('--format {0}: baselines takes text or json', format);
  /** One row of the list: a baseline's identity, period, coverage and how many of its targets are main / low confidence. */
  const row = (id: string, alias: string | null, b: Baseline, origin: 'builtin' | 'imported') => ({
    id,
    alias,
    title: b.title,
    level: b.level,
    period: b.period,
    coverage: b.coverage ?? null,
    targets: b.targets.length,
    main: b.targets.filter((t) => t.role === 'main').length,
    lowConfidence: b.targets.filter((t) => t.confidence === 'low').length,
    origin: origin as string,
    source: describeBaselineKind(b, 'en'),
  });
  const rows = BUILTIN_BASELINES.map((b) => row(b.id, aliasOf(b.id) ?? null, b, 'builtin'));
  for (const i of listImportedBaselines(process.cwd())) {
    const b = loadBaselineFile(i.file);
    rows.push(row(i.id, null, b, 'imported'));
  }
  if (format === 'json') process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
  else {
    for (const r of rows) {
      const counts = localize(locale, '{0} targets ({1} main, {2} low confidence)', r.targets, r.main, r.lowConfidence);
      process.stdout.write(`${r.id}\t${r.alias ?? ''}\t${r.title}\t${r.level}\t${counts}\t${r.coverage ?? ''}\t${r.origin}\n`);
    }
  }
  return 0;
}

function cmdRules(locale: Locale): number {
  for (const r of RULES) process.stdout.write(`${r.id}\t${r.defaultSeverity}\t${locale === 'en' ? r.title.en : r.title.zh}\n`);
  return 0;
}

/** `planlint baselines import FILE`: an upstream plan in any readable format → a baseline file in the schema. */
async function cmdImport(file: string, opts: { id?: string; output?: string; force?: boolean }, locale: Locale): Promise<number> {
  const src = resolve(file);
  const plan = await readPlan(src);
  if (!plan.targets.length)
    fail("{0}: no numeric targets found (a plan's 主要目标 parts or target tables), nothing to import", file);
  if (!plan.period)
    fail("{0}: the plan period (such as （2021—2025年）) is not in its title, so the targets' years are unknown", file);
  const id = (opts.id ?? defaultId(src, plan)).trim();
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id))
    fail('--id {0}: use lowercase letters, digits and hyphens (such as hunan-2021-2025)', id);
  if (getBuiltinBaseline(id)) fail("--id {0}: that is a built-in baseline's id; choose another", id);
  const configPath = findConfigFile(process.cwd());
  const out = resolve(
    opts.output ?? join(configPath ? dirname(configPath) : process.cwd(), IMPORTED_BASELINES_DIR, `${id}.json`),
  );
  if (existsSync(out) && !opts.force) fail('{0}: already exists (use --force to overwrite it)', out);
  const { file: json, skipped } = planToBaselineFile(plan, {
    id,
    file: relFrom(dirname(out), src),
    sha256: sha256(src),
    paragraphs: !isTextFile(src),
  });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(json, null, 2) + '\n');
  // the schema beside it, so editors validate the file the user reviews
  const schema = join(__dirname, 'baselines', 'baseline.schema.json');
  const schemaOut = join(dirname(out), 'baseline.schema.json');
  if (existsSync(schema) && !existsSync(schemaOut)) copyFileSync(schema, schemaOut);
  const t = translator(locale);
  process.stdout.write(
    t('Wrote {0}: {1} targets of {2}, each with the sentence it was read from.', out, json.targets.length, json.title) + '\n',
  );
  if (skipped.length)
    process.stdout.write(
      t(
        'Left out {0} target(s) with no year or base year: {1}',
        skipped.length,
        skipped.map((x) => `L${x.line} ${x.indicator}`).join(', '),
      ) + '\n',
    );
  process.stdout.write(
    t('Review it against the text, commit it, then use it with --upstream {0} or "upstream": ["{0}"] in .planlintrc.json.', id) +
      '\n',
  );
  return 0;
}

/** An id from the file name when it is ASCII, else from the level and period: provincial-2021-2025. */
function defaultId(file: string, plan: PlanDocument): string {
  const stem = basename(file)
    .replace(/\.[^.]+$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (/[a-z]/.test(stem) && stem.length >= 3) return stem;
  const level = planToBaseline(plan, 'x').level;
  return `${level === 'file' ? 'upstream' : level}-${plan.period?.start ?? 0}-${plan.period?.end ?? 0}`;
}

function fmtFigure(kind: string, value: number, unit: string): string {
  return `${kind === 'max' ? '≤' : '≥'}${value}${unit}`;
}

/** `planlint baselines verify ID FILE`: a baseline against the official text. Exit 1 when a figure differs. */
async function cmdVerify(id: string, file: string, opts: { write?: string; format: string }, locale: Locale): Promise<number> {
  if (!['text', 'json'].includes(opts.format)) fail('--format {0}: baselines verify takes text or json', opts.format);
  let baseline: Baseline;
  let original: BaselineFile | undefined;
  const builtin = getBuiltinBaseline(id);
  if (builtin) {
    baseline = builtin;
    original = getBuiltinBaselineFile(id);
  } else {
    const path = /\.json$/i.test(id) ? resolve(id) : null;
    const b = wrapBaselineError(() => (path ? loadBaselineFile(path) : findImportedBaseline(id, process.cwd())));
    if (!b)
      fail(
        '{0}: unknown baseline (built-in: {1}; imported: {2})',
        id,
        BUILTIN_BASELINES.map((x) => x.id).join(', '),
        `${IMPORTED_BASELINES_DIR}${sep}ID.json`,
      );
    baseline = b;
    original = JSON.parse(readFileSync(b.file!, 'utf8').replace(/^\uFEFF/, '')) as BaselineFile;
  }
  const src = resolve(file);
  const plan = await readPlan(src);
  const paragraphs = !isTextFile(src);
  const report = verifyBaseline(baseline, plan, file, tryLoadSegmenter(), { paragraphs });
  if (opts.format === 'json') process.stdout.write(JSON.stringify(verifyJson(report, locale), null, 2) + '\n');
  else process.stdout.write(verifyText(report, locale));
  if (opts.write && original) {
    const out = resolve(opts.write);
    const fixed = correctedBaselineFile(original, report, plan, { file: relFrom(dirname(out), src), sha256: sha256(src) });
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(fixed, null, 2) + '\n');
    const schema = join(__dirname, 'baselines', 'baseline.schema.json');
    const schemaOut = join(dirname(out), 'baseline.schema.json');
    if (existsSync(schema) && !existsSync(schemaOut)) copyFileSync(schema, schemaOut);
    process.stderr.write(
      localize(
        locale,
        'Wrote {0}: the baseline with the official text as evidence ({1} checked, {2} corrected, {3} added).',
        out,
        report.counts.agree,
        report.counts.differs,
        report.counts.lacking,
      ) + '\n',
    );
  }
  return report.counts.differs > 0 ? 1 : 0;
}

function verifyJson(r: VerifyReport, locale: Locale) {
  return {
    baseline: r.baselineId,
    title: r.baselineTitle,
    officialText: { file: r.file, title: r.officialTitle },
    counts: r.counts,
    targets: r.targets.map((v) => ({
      status: v.status,
      domain: v.target.domain,
      indicator: v.target.indicator,
      baseline: {
        kind: v.target.kind,
        value: v.target.value,
        unit: v.target.unit,
        year: v.target.year,
        confidence: v.target.confidence,
        source: describeProvenance(v.target, locale, { maxSources: 6 }),
      },
      ...(v.official
        ? {
            official: {
              indicator: v.official.target.indicator,
              kind: v.official.target.kind,
              value: v.official.target.value,
              unit: v.official.target.unit,
              year: v.official.target.year,
              evidence: v.official.evidence,
              source: describeProvenance({ official: v.official.evidence, confidence: 'high' }, locale),
            },
          }
        : {}),
    })),
    lacking: r.lacking.map((l) => ({
      domain: l.target.domain,
      indicator: l.target.indicator,
      kind: l.target.kind,
      value: l.target.value,
      unit: l.target.unit,
      year: l.target.year,
      evidence: l.evidence,
    })),
  };
}

function verifyText(r: VerifyReport, locale: Locale): string {
  const t = translator(locale);
  const out: string[] = [
    t('{0} against the official text {1}:', r.baselineTitle, `${r.file}${r.officialTitle ? ` (${r.officialTitle})` : ''}`),
  ];
  const src = (e: import('./core').OfficialEvidence) => describeProvenance({ official: e, confidence: 'high' }, locale);
  for (const v of r.targets) {
    const b = `${v.target.domain ?? '—'} ${v.target.indicator} ${fmtFigure(v.target.kind, v.target.value, v.target.unit)}`;
    if (v.status === 'agree') out.push(`  ${t('agree')}: ${b} — ${src(v.official!.evidence)}`);
    else if (v.status === 'differs') {
      const o = v.official!.target;
      out.push(
        `  ${t('differs')}: ${b} — ${t('baseline {0} ({1}); official text {2} ({3})', fmtFigure(v.target.kind, v.target.value, v.target.unit), describeProvenance(v.target, locale), fmtFigure(o.kind, o.value, o.unit), src(v.official!.evidence))}`,
      );
    } else out.push(`  ${t('not found')}: ${b} — ${describeProvenance(v.target, locale)}`);
  }
  for (const l of r.lacking)
    out.push(
      `  ${t('not in the baseline')}: ${l.target.domain ?? '—'} ${l.target.indicator} ${fmtFigure(l.target.kind, l.target.value, l.target.unit)} — ${src(l.evidence)}`,
    );
  out.push(
    t(
      '{0} agree, {1} differ, {2} not found in the text; {3} official target(s) the baseline lacks.',
      r.counts.agree,
      r.counts.differs,
      r.counts.notFound,
      r.counts.lacking,
    ),
  );
  return out.join('\n') + '\n';
}

export async function main(argv: string[]): Promise<number> {
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
          id: { type: 'string' },
          output: { type: 'string', short: 'o' },
          write: { type: 'string' },
          force: { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
        },
      });
    } catch (e) {
      const option = /'(-[^' ]+)/.exec((e as Error).message)?.[1] ?? '';
      const code = (e as { code?: string }).code;
      if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') fail('unknown option {0} (--help for usage)', option);
      if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && /missing/.test((e as Error).message))
        fail('option {0} needs a value', option);
      if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') fail('option {0} takes no value', option);
      fail('{0}', (e as Error).message.split('\n')[0]);
    }
    const { values, positionals } = parsed;
    if (values.help) {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    const locale = values.locale
      ? ['zh-cn', 'en'].includes(values.locale.toLowerCase())
        ? (values.locale.toLowerCase() as Locale)
        : fail('--locale {0}: use zh-cn or en', values.locale)
      : undefined;
    switch (cmd) {
      case 'extract':
        if (!positionals.length) fail('extract: give at least one FILE');
        return await cmdExtract(positionals, values.format ?? 'json');
      case 'check':
        if (!positionals.length) fail('check: give at least one FILE or folder');
        return await cmdCheck(positionals, {
          upstream: values.upstream ?? [],
          format: values.format ?? 'text',
          config: values.config,
          noConfig: values['no-config'],
          locale,
        });
      case 'report':
        if (!positionals.length) fail('report: give at least one FILE or folder');
        return await cmdReport(positionals, {
          upstream: values.upstream ?? [],
          format: values.format ?? 'html',
          config: values.config,
          noConfig: values['no-config'],
          locale,
          output: values.output,
        }).catch((e) => reportError(e, argv));
      case 'baselines': {
        const [sub, ...args] = positionals;
        const loc = locale ?? envLocale();
        if (sub === 'import') {
          if (args.length !== 1) fail('baselines import: give one FILE (an upstream plan)');
          return await cmdImport(args[0], { id: values.id, output: values.output, force: values.force }, loc);
        }
        if (sub === 'verify') {
          if (args.length !== 2) fail('baselines verify: give a baseline ID and the official text FILE');
          return await cmdVerify(args[0], args[1], { write: values.write, format: values.format ?? 'text' }, loc);
        }
        if (sub) fail('baselines {0}: unknown (use baselines, baselines import, baselines verify)', sub);
        return cmdBaselines(values.format ?? 'text', loc);
      }
      case 'rules':
        return cmdRules(locale ?? envLocale());
      default:
        fail('unknown command “{0}” (use check, report, extract, baselines, rules; --help for usage)', cmd);
    }
  } catch (e) {
    return reportError(e, argv);
  }
}

function reportError(e: unknown, argv: string[]): number {
  // the locale comes from --locale or the environment (zh-cn by default)
  const li = argv.indexOf('--locale');
  const errLocale: Locale = li >= 0 && /^en/i.test(argv[li + 1] ?? '') ? 'en' : li >= 0 ? 'zh-cn' : envLocale();
  const msg = messageIn(errLocale, e);
  process.stderr.write(`planlint: ${msg.split('\n')[0]}\n`);
  if (!(e instanceof UsageError) && !(e instanceof ConfigUpstreamError) && process.env.PLANLINT_DEBUG)
    process.stderr.write(String((e as Error).stack) + '\n');
  return 2;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => process.stdout.write('', () => process.exit(code)));
}
