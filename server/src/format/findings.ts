// Findings for people (compiler-style text) and for scripts (the JSON of the CLI contract).
import type { Baseline, Finding, Locale, PlanDocument } from '../core/types';
import { localize } from '../core/i18n';

interface Checked {
  file: string;
  plan: PlanDocument;
  baselines: Baseline[];
  findings: Finding[];
}

/** 1-based column counted in characters (code points), as people and editors count Chinese text. */
export function charColumn(lineText: string | undefined, col: number): number {
  return Array.from((lineText ?? '').slice(0, col)).length + 1;
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

export function findingJson(f: Finding, plan: PlanDocument, withFix = true) {
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
    ...(f.draft ? { draft: f.draft } : {}),
    ...(f.upstream ? { upstream: f.upstream } : {}),
    ...(f.expected ? { expected: f.expected } : {}),
    ...(f.related?.length ? { related: f.related.map((r) => ({ ...r, col: undefined, endCol: undefined, column: charColumn(plan.lines[r.line - 1], r.col) })) } : {}),
    ...(f.fix && withFix ? { fix: { title: f.fix.title, edits: f.fix.edits } } : {}),
  };
}

export function findingsJson(results: Checked[]) {
  return {
    files: results.map((r) => ({
      file: r.file,
      isPlan: r.plan.isPlan,
      upstream: r.baselines.map((b) => ({ id: b.id, title: b.title, ...(b.path ? { path: b.path } : {}) })),
      summary: countBySeverity(r.findings),
      findings: ((fixes) => r.findings.map((f) => findingJson(f, r.plan, fixes.has(f))))(fixesWithinBudget(r.findings)),
    })),
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
    if (!r.plan.isPlan) out.push(`${r.file}: ${localize(locale, 'not a plan (no plan title and no domain heading): nothing to check')}`);
    for (const f of r.findings) {
      out.push(`${r.file}:${f.line}:${charColumn(r.plan.lines[f.line - 1], f.col)}: ${SEV[locale][f.severity]} [${f.rule}] ${f.message}`);
    }
    const c = countBySeverity(r.findings);
    total = { error: total.error + c.error, warning: total.warning + c.warning, info: total.info + c.info };
  }
  const upstream = [...new Set(results.flatMap((r) => r.baselines.map((b) => b.title)))].join(' + ');
  out.push(
    localize(locale, '{0} file(s) checked against {1}: {2} error(s), {3} warning(s), {4} info.', results.length, upstream || '—', total.error, total.warning, total.info),
  );
  return out.join('\n') + '\n';
}
