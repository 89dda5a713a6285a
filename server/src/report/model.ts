// The reviewer deliverables' data: one DraftReport per checked file, built from the core's comparison rows
// (core/compare.ts) and the findings — never re-derived — plus the cross-draft matrix columns (the upstream
// indicators) and each draft's cell in them. Pure: no I/O.
import type { Baseline, DomainId, Finding, Locale, PlanDocument, Segmenter } from '../core/types';
import { DOMAIN_IDS, RULE_IDS } from '../core/types';
import { ruleMeta } from '../core/rules/registry';
import { DOMAIN_DEFS } from '../core/domains';
import { compare, upstreamFigure, type Comparison, type UpstreamFigure, type Verdict } from '../core/compare';
import { canonicalName } from '../core/align';
import { localize, translator } from '../core/i18n';
import { charColumn, countBySeverity } from '../format/findings';

export interface Checked {
  file: string;
  plan: PlanDocument;
  baselines: Baseline[];
  findings: Finding[];
}

/** A matrix cell: the draft's figure and verdict for one upstream indicator, or that the draft lacks it. */
export type CellState = Exclude<Verdict, 'unmatched'> | 'missing' | 'none';

export interface Cell {
  state: CellState;
  draft?: { value: number; unit: string; kind: string; year: number | null; measure?: string };
  /** 1-based line of the draft's target (or of the missing-target finding). */
  line?: number;
  /** The draft lacks the indicator's whole domain (missing-domain), so no missing-target is reported. */
  noDomain?: boolean;
}

export interface Column {
  key: string;
  baselineId: string;
  domain: DomainId | null;
  indicator: string;
  figure: UpstreamFigure;
}

export interface ReportFinding {
  finding: Finding;
  /** 1-based column in characters. */
  column: number;
  /** The domain the finding belongs to: its own, or the domain section its line lies in. */
  domain: DomainId | null;
  /** The draft's line, trimmed. */
  text: string;
}

export interface DraftReport {
  file: string;
  title: string;
  region: string;
  period: string;
  isPlan: boolean;
  plan: PlanDocument;
  baselines: Baseline[];
  domains: Array<{ id: DomainId; label: string; line: number | null }>;
  byRule: Record<string, number>;
  severity: { error: number; warning: number; info: number };
  comparison: Comparison;
  findings: ReportFinding[];
  cells: Map<string, Cell>;
  /** Draft targets no upstream figure matches. */
  unmatched: number;
}

export interface ReportModel {
  drafts: DraftReport[];
  columns: Column[];
  /** Distinct baselines, in first-seen order. */
  baselines: Baseline[];
  /** Rule ids counted in the matrix. */
  rules: string[];
}

export function columnKey(baselineId: string, indicator: string, measure?: string): string {
  return `${baselineId}|${canonicalName(indicator)}|${measure ?? ''}`;
}

const basename = (p: string) => p.replace(/^.*[\\/]/, '');

/** "葫芦岛市儿童发展规划（2021—2030年）" → "葫芦岛市"; the file name when the title does not say. */
export function regionOf(title: string | null, file: string): string {
  const t = (title ?? '').replace(/^[#\s\u3000]+/, '');
  const m = /^(.{1,30}?)(?:[“"]?十[四五六]五[”"]?)?(?:儿童|未成年人)/.exec(t);
  if (m && m[1].trim()) return m[1].trim();
  return basename(file).replace(/\.(txt|md|markdown)$/i, '');
}

const SEVERITY_RANK: Record<CellState, number> = { weaker: 4, horizon: 3, missing: 2, ok: 1, none: 0 };

export function buildReport(results: Checked[], segmenter?: Segmenter): ReportModel {
  const baselines: Baseline[] = [];
  for (const r of results) for (const b of r.baselines) if (!baselines.some((x) => x.id === b.id)) baselines.push(b);
  const drafts = results.map((r) => draftReport(r, segmenter));
  // columns: every upstream 主要目标 of the baselines used, plus any other upstream figure a draft matched
  const seen = new Map<string, Column>();
  const add = (domain: DomainId | null, u: UpstreamFigure) => {
    const key = columnKey(u.baselineId, u.indicator, u.measure);
    if (!seen.has(key)) seen.set(key, { key, baselineId: u.baselineId, domain, indicator: u.indicator, figure: u });
  };
  for (const b of baselines) {
    for (const t of b.targets) {
      if (t.role !== 'main') continue;
      // the core's figure (with its official-text evidence, so that its provenance reads as the comparison's)
      add(t.domain, { ...upstreamFigure(b, t), year: t.year ?? b.period?.end ?? null });
    }
  }
  for (const d of drafts) {
    for (const row of d.comparison.rows) for (const u of row.upstream) add(row.domain, u);
    for (const m of d.comparison.missing) add(m.domain, m.upstream);
  }
  for (const d of drafts) {
    for (const c of seen.values()) {
      if (c.domain && !d.cells.has(c.key) && d.domains.some((x) => x.id === c.domain && x.line === null))
        d.cells.set(c.key, { state: 'missing', noDomain: true });
    }
  }
  const order = (c: Column) =>
    baselines.findIndex((b) => b.id === c.baselineId) * 100 + (c.domain ? DOMAIN_IDS.indexOf(c.domain) : 99);
  const columns = [...seen.values()]
    .map((c, i) => ({ c, i }))
    .sort((a, b) => order(a.c) - order(b.c) || a.i - b.i)
    .map((x) => x.c);
  const rules: string[] = [...RULE_IDS];
  for (const d of drafts) for (const id of Object.keys(d.byRule)) if (!rules.includes(id)) rules.push(id);
  return { drafts, columns, baselines, rules };
}

function draftReport(r: Checked, segmenter?: Segmenter): DraftReport {
  const plan = r.plan;
  const comparison = plan.isPlan ? compare(plan, r.baselines, r.findings, segmenter) : { rows: [], missing: [] };
  const domains = DOMAIN_IDS.map((id, i) => {
    const d = plan.domains.find((x) => x.domain === id);
    return { id, label: d?.label ?? DOMAIN_DEFS[i].label, line: d ? d.line : null };
  });
  const byRule: Record<string, number> = {};
  for (const f of r.findings) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
  const sectionOf = (line: number): DomainId | null =>
    plan.domains.find((d) => line >= d.line && line <= d.endLine)?.domain ?? null;
  const findings: ReportFinding[] = r.findings.map((f) => ({
    finding: f,
    column: charColumn(plan.lines[f.line - 1], f.col),
    domain: f.domain ?? sectionOf(f.line),
    text: (plan.lines[f.line - 1] ?? '').trim(),
  }));
  const cells = new Map<string, Cell>();
  const put = (key: string, cell: Cell) => {
    const old = cells.get(key);
    if (!old || SEVERITY_RANK[cell.state] > SEVERITY_RANK[old.state]) cells.set(key, cell);
  };
  let unmatched = 0;
  for (const row of comparison.rows) {
    if (!row.upstream.length) unmatched++;
    for (const u of row.upstream) {
      put(columnKey(u.baselineId, u.indicator, u.measure), {
        state: row.verdict === 'unmatched' ? 'ok' : row.verdict,
        draft: {
          value: row.draft.value,
          unit: row.draft.unit,
          kind: row.draft.kind,
          year: row.draft.year,
          ...(row.draft.measure ? { measure: row.draft.measure } : {}),
        },
        line: row.line + 1,
      });
    }
  }
  for (const f of r.findings) {
    if (f.rule !== 'missing-target' || !f.upstream || !f.indicator) continue;
    put(columnKey(f.upstream.baselineId, f.indicator, f.upstream.measure), { state: 'missing', line: f.line });
  }
  const period = plan.period ? `${plan.period.start}—${plan.period.end}` : '';
  return {
    file: r.file,
    title: plan.title ?? basename(r.file),
    region: regionOf(plan.title, r.file),
    period,
    isPlan: plan.isPlan,
    plan,
    baselines: r.baselines,
    domains,
    byRule,
    severity: countBySeverity(r.findings),
    comparison,
    findings,
    cells,
    unmatched,
  };
}

/** A figure as written in the deliverables: "≤5‰", "降低20%" / "reduce by 20%", with "(2030年)". */
export function figureText(
  f: { kind: string; value: number; unit: string; year?: number | null; measure?: string },
  locale: Locale,
  withYear = true,
): string {
  let s: string;
  if (f.measure === 'relative_reduction') s = localize(locale, 'reduce by {0}', `${f.value}${f.unit}`);
  else if (f.measure === 'annual_reduction') s = localize(locale, 'reduce by {0} a year', `${f.value}${f.unit}`);
  else s = `${f.kind === 'max' ? '≤' : '≥'}${f.value}${f.unit}`;
  if (withYear && f.year) s += locale === 'en' ? ` (${f.year})` : `（${f.year}年）`;
  return s;
}

/** Short labels of the matrix states; the verdict sentences for tables. */
export function stateLabels(locale: Locale): Record<CellState, string> {
  const t = translator(locale);
  return {
    ok: t('meets'),
    weaker: t('weaker'),
    horizon: t('weaker (other year)'),
    missing: t('missing'),
    none: t('no counterpart'),
  };
}

export function verdictTexts(locale: Locale): Record<Verdict | 'missing', string> {
  const t = translator(locale);
  return {
    ok: t('as ambitious as the upstream target, or more'),
    weaker: t('weaker than the upstream target'),
    horizon: t('weaker than an upstream target set for another year'),
    unmatched: t('no matching upstream target'),
    missing: t('the draft has no such target'),
  };
}

/** A rule's short label for column headings (缺少领域, 目标偏弱 …): the registry's `short`. */
export function ruleShort(rule: string, locale: Locale): string {
  const meta = ruleMeta(rule);
  if (!meta) return rule;
  return locale === 'en' ? meta.short.en : meta.short.zh;
}
