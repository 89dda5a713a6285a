// Findings for people (compiler-style text) and for scripts (the JSON of the CLI contract).
import type { Baseline, Finding, Locale, PlanDocument, Segmenter } from '../core/types';
import { localize } from '../core/i18n';
import { sourcePosition, type PlanSource } from '../node/formats/source';
import { compare, listedRows, verdictCounts, type UpstreamFigure } from '../core/compare';
import { declaredChain } from '../core/chain';
import {
  provenanceJson,
  describeBaselineKind,
  baselineSourceKind,
  confidenceLegend,
  confidenceDefinition,
  confidenceLabel,
  CONFIDENCE_DOC_URL,
} from '../core/provenance';

export interface Checked {
  file: string;
  plan: PlanDocument;
  baselines: Baseline[];
  findings: Finding[];
  /** The segmenter the check used (alignment for the comparison rows). */
  segmenter?: Segmenter;
  /** Word/PDF/HTML files: where each line of the extracted text came from. */
  source?: PlanSource;
}

/** "第 12 段「一、指导思想…」" / "第 3 页" for a finding's line in a document; '' for text files. */
export function findingPosition(r: Checked, line: number, locale: Locale): string {
  if (!r.source || r.source.format === 'text') return '';
  return sourcePosition(r.source.lineRefs[line - 1], r.plan.lines[line - 1], locale);
}

/** The last line charColumn looked at and whether it has astral characters (a one-entry cache: columns come line by line). */
let astral: { line: string; has: boolean } | undefined;

/**
 * 1-based column counted in characters (code points), as people and editors count Chinese text. Linear
 * over a file's findings: a line without astral characters (the usual case) is not sliced per column.
 */
export function charColumn(lineText: string | undefined, col: number): number {
  const line = lineText ?? '';
  if (astral?.line !== line) astral = { line, has: /[\uD800-\uDBFF]/.test(line) };
  if (!astral.has) return Math.max(0, Math.min(col, line.length)) + 1;
  return Array.from(line.slice(0, col)).length + 1;
}

/** The longest draft text given with a target in output (a target on a 1 MB line carries a window of it, not the line). */
export const MAX_DRAFT_TEXT = 240;

/**
 * A draft target for output, its text cut to MAX_DRAFT_TEXT characters around `at` (the target's offset
 * in its text, when known) and marked with …: output stays linear in the document whatever its lines.
 */
export function draftJson<T extends { text?: string }>(draft: T, at = 0): T {
  const text = draft.text;
  if (text === undefined || text.length <= MAX_DRAFT_TEXT) return draft;
  const start = Math.max(0, Math.min(at - MAX_DRAFT_TEXT / 4, text.length - MAX_DRAFT_TEXT));
  const end = start + MAX_DRAFT_TEXT;
  return { ...draft, text: `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}` };
}

export function baselineLabel(b: Baseline): string {
  return b.path ? b.path : b.id;
}

/** Fix edits written per file at most (JSON, SARIF): renumbering fixes of a long list repeat one another. */
export const MAX_FIX_EDITS_PER_FILE = 5000;

/**
 * The findings of one file whose fix is written out: in document order, while the edits written stay
 * within `budget` (a fix is written whole or not at all; its size is read from maxEdits before its
 * edits are computed). Keeps the report linear in the document.
 */
export function fixesWithinBudget(findings: readonly Finding[], budget: number = MAX_FIX_EDITS_PER_FILE): Set<Finding> {
  const out = new Set<Finding>();
  let left = budget;
  for (const f of findings) {
    if (!f.fix) continue;
    const bound = f.fix.maxEdits ?? f.fix.edits.length;
    if (bound > left) continue;
    const n = f.fix.edits.length;
    if (n > left) continue;
    left -= n;
    out.add(f);
  }
  return out;
}

/** An upstream figure as data, with its kind of source (provenance.ts): never a bare number. */
export function upstreamJson(u: NonNullable<Finding['upstream']> | UpstreamFigure, locale: Locale) {
  const { baselineLevel: _l, ...rest } = u as UpstreamFigure;
  return { ...rest, provenance: provenanceJson(u, locale) };
}

/** The comparison rows of one file: every draft target with the upstream target(s) it was compared to and the verdict. */
export function comparisonJson(r: Checked, locale: Locale) {
  const c = compare(r.plan, r.baselines, r.findings, r.segmenter);
  // one JSON object per upstream figure, shared by the rows that compare with it (format/json.ts then
  // writes its text once)
  const memo = new Map<object, ReturnType<typeof upstreamJson>>();
  const figure = (u: UpstreamFigure) => {
    let j = memo.get(u);
    if (!j) memo.set(u, (j = upstreamJson(u, locale)));
    return j;
  };
  const listed = listedRows(c.rows);
  return {
    rows: listed.rows.map((row) => ({
      line: row.line + 1,
      column: charColumn(r.plan.lines[row.line], row.character),
      domain: row.domain,
      indicator: row.indicator,
      draft: draftJson(row.draft, row.character),
      upstream: row.upstream.map(figure),
      verdict: row.verdict,
    })),
    // a pathological draft's tens of thousands of rows: the first MAX_LISTED_ROWS (problems first), and the counts of all
    ...(listed.omitted ? { omittedRows: listed.omitted, counts: verdictCounts(c.rows) } : {}),
    missing: c.missing.map((m) => ({ domain: m.domain, indicator: m.indicator, upstream: upstreamJson(m.upstream, locale) })),
  };
}

/** The declared chain in words: 本规划依据《…》，未提供其文本，未作对照 / …已对照. */
export function declaredLines(r: Checked, locale: Locale, compared = true): string[] {
  return declaredChain(r.plan, r.baselines)
    .filter((d) => compared || !d.compared)
    .map((d) =>
      d.compared
        ? localize(
            locale,
            'This plan follows 《{0}》: compared with {1}.',
            d.title,
            describeBaselineKind(
              r.baselines.find((b) => b.id === d.baselineId)!,
              locale,
            ),
          )
        : localize(locale, 'This plan follows 《{0}》: its text was not supplied, so it was not compared.', d.title),
    );
}

export function findingJson(f: Finding, plan: PlanDocument, locale: Locale = 'zh-cn', withFix = true, source?: PlanSource) {
  const ref = source && source.format !== 'text' ? source.lineRefs[f.line - 1] : null;
  return {
    rule: f.rule,
    severity: f.severity,
    line: f.line,
    column: charColumn(plan.lines[f.line - 1], f.col),
    endLine: f.endLine,
    endColumn: charColumn(plan.lines[f.endLine - 1], f.endCol),
    message: f.message,
    ...(f.domain ? { domain: f.domain } : {}),
    ...(f.indicator ? { indicator: f.indicator } : {}),
    ...(f.draft ? { draft: draftJson(f.draft, f.col) } : {}),
    ...(f.upstream ? { upstream: upstreamJson(f.upstream, locale) } : {}),
    ...(f.expected ? { expected: f.expected } : {}),
    ...(f.related?.length
      ? {
          related: f.related.map((r) => ({
            ...r,
            col: undefined,
            endCol: undefined,
            column: charColumn(plan.lines[r.line - 1], r.col),
          })),
        }
      : {}),
    ...(f.fix && withFix ? { fix: { title: f.fix.title, edits: f.fix.edits } } : {}),
    ...(ref
      ? {
          source: {
            ...ref,
            ...(ref.page === undefined
              ? { quote: sourcePosition(ref, plan.lines[f.line - 1], 'zh-cn').replace(/^[^「]*「|」$/g, '') }
              : {}),
          },
        }
      : {}),
  };
}

export function findingsJson(results: Checked[], locale: Locale = 'zh-cn') {
  return {
    files: results.map((r) => ({
      file: r.file,
      ...(r.source && r.source.format !== 'text' ? { format: r.source.format } : {}),
      isPlan: r.plan.isPlan,
      upstream: r.baselines.map((b) => ({
        id: b.id,
        title: b.title,
        ...(b.path ? { path: b.path } : {}),
        kind: baselineSourceKind(b),
        source: describeBaselineKind(b, locale),
      })),
      declaredUpstream: declaredChain(r.plan, r.baselines).map((d, i) => ({ ...d, text: declaredLines(r, locale)[i] })),
      summary: countBySeverity(r.findings),
      findings: ((fixes) => r.findings.map((f) => findingJson(f, r.plan, locale, fixes.has(f), r.source)))(
        fixesWithinBudget(r.findings),
      ),
      comparison: r.plan.isPlan ? comparisonJson(r, locale) : { rows: [], missing: [] },
    })),
    confidence: {
      definition: CONFIDENCE_DOC_URL,
      labels: Object.fromEntries(
        (['high', 'medium', 'low'] as const).map((c) => [
          c,
          { label: confidenceLabel(c, locale), requires: confidenceDefinition(c, locale) },
        ]),
      ),
    },
  };
}

export function countBySeverity(findings: Finding[]): { error: number; warning: number; info: number } {
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

const SEV: Record<Locale, Record<string, string>> = {
  'zh-cn': { error: 'error', warning: 'warning', info: 'info' },
  en: { error: 'error', warning: 'warning', info: 'info' },
};

/** `file:line:col: severity [rule] message` lines, then one summary line. */
export function findingsText(results: Checked[], locale: Locale): string {
  const out: string[] = [];
  let total = { error: 0, warning: 0, info: 0 };
  for (const r of results) {
    if (!r.plan.isPlan)
      out.push(`${r.file}: ${localize(locale, 'not a plan (no plan title and no domain heading): nothing to check')}`);
    for (const f of r.findings) {
      // documents: the extracted text's line:column (for problem matchers), then the place in the source
      const where = findingPosition(r, f.line, locale);
      out.push(
        `${r.file}:${f.line}:${charColumn(r.plan.lines[f.line - 1], f.col)}: ${SEV[locale][f.severity]} [${f.rule}] ${where ? `${where}: ` : ''}${f.message}`,
      );
    }
    // the upstreams the draft names but the user did not supply (the compared ones are in the summary line)
    for (const l of declaredLines(r, locale, false)) out.push(`${r.file}: ${l}`);
    const c = countBySeverity(r.findings);
    total = { error: total.error + c.error, warning: total.warning + c.warning, info: total.info + c.info };
  }
  out.push(summaryLine(results, total, locale));
  // an upstream figure was shown: the confidence labels' definition, one line away
  if (results.some((r) => r.findings.some((f) => f.upstream))) out.push(confidenceLegend(locale));
  return out.join('\n') + '\n';
}

/**
 * `2 files checked against X: 1 error, 0 warnings, 3 info.` (English plurals), or its Chinese; each upstream
 * named with its kind of source.
 */
export function summaryLine(results: Checked[], total: { error: number; warning: number; info: number }, locale: Locale): string {
  const upstream = [...new Set(results.flatMap((r) => r.baselines.map((b) => describeBaselineKind(b, locale))))].join(' + ');
  const n = results.length;
  const files = n === 1 ? localize(locale, '1 file') : localize(locale, '{0} files', n);
  const errors = total.error === 1 ? localize(locale, '1 error') : localize(locale, '{0} errors', total.error);
  const warnings = total.warning === 1 ? localize(locale, '1 warning') : localize(locale, '{0} warnings', total.warning);
  const infos = localize(locale, '{0} info', total.info);
  return localize(locale, '{0} checked against {1}: {2}, {3}, {4}.', files, upstream || '—', errors, warnings, infos);
}
