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

export function findingJson(f: Finding, plan: PlanDocument) {
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
    ...(f.fix ? { fix: f.fix } : {}),
  };
}

export function findingsJson(results: Checked[]) {
  return {
    files: results.map((r) => ({
      file: r.file,
      isPlan: r.plan.isPlan,
      upstream: r.baselines.map((b) => ({ id: b.id, title: b.title, ...(b.path ? { path: b.path } : {}) })),
      summary: countBySeverity(r.findings),
      findings: r.findings.map((f) => findingJson(f, r.plan)),
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
  out.push(summaryLine(results, total, locale));
  return out.join('\n') + '\n';
}

/** `2 files checked against X: 1 error, 0 warnings, 3 info.` (English plurals), or its Chinese. */
export function summaryLine(results: Checked[], total: { error: number; warning: number; info: number }, locale: Locale): string {
  const upstream = [...new Set(results.flatMap((r) => r.baselines.map((b) => b.title)))].join(' + ');
  const n = results.length;
  const files = n === 1 ? localize(locale, '1 file') : localize(locale, '{0} files', n);
  const errors = total.error === 1 ? localize(locale, '1 error') : localize(locale, '{0} errors', total.error);
  const warnings = total.warning === 1 ? localize(locale, '1 warning') : localize(locale, '{0} warnings', total.warning);
  const infos = localize(locale, '{0} info', total.info);
  return localize(locale, '{0} checked against {1}: {2}, {3}, {4}.', files, upstream || '—', errors, warnings, infos);
}
