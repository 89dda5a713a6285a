// The draft ↔ upstream comparison shown by hovers, inlay hints, `planlint/comparison` and the HTML report:
// the core's own alignment (alignTargets, as the weaker-target rule uses it) plus the findings.
import { alignTargets, isWeaker } from './align';
import type { Baseline, BaselineTarget, DomainId, Finding, OfficialEvidence, PlanDocument, Segmenter, Target } from './types';

export type Verdict = 'ok' | 'weaker' | 'unmatched' | 'horizon';

export interface UpstreamFigure {
  /** The upstream indicator as the baseline names it. */
  indicator: string;
  value: number;
  unit: string;
  kind: string;
  year: number | null;
  baselineId: string;
  baselineTitle: string;
  baselineLevel?: string;
  confidence: string;
  evidence: string[];
  measure?: string;
  /** For an upstream plan file: its path and the 1-based line of the figure. */
  path?: string;
  line?: number;
  /** Set when the figure was read from an official text (provenance.ts describes both kinds). */
  official?: OfficialEvidence;
}

export interface ComparisonRow {
  domain: DomainId | null;
  indicator: string;
  /** 0-based. */
  line: number;
  character: number;
  endCharacter: number;
  draft: { value: number; unit: string; kind: 'max' | 'min'; year: number | null; text: string; measure?: string };
  upstream: UpstreamFigure[];
  verdict: Verdict;
  findings: Finding[];
}

export interface Comparison {
  rows: ComparisonRow[];
  missing: Array<{ domain: DomainId | null; indicator: string; upstream: UpstreamFigure }>;
}

function figure(b: Baseline, t: BaselineTarget): UpstreamFigure {
  return {
    indicator: t.indicator,
    value: t.value,
    unit: t.unit,
    kind: t.kind,
    year: t.year,
    baselineId: b.id,
    baselineTitle: b.title,
    baselineLevel: b.level,
    confidence: t.confidence,
    evidence: t.evidence,
    ...(t.measure ? { measure: t.measure } : {}),
    ...(b.path ? { path: b.path } : {}),
    ...(t.line ? { line: t.line } : {}),
    ...(t.official ? { official: t.official } : {}),
  };
}

function fromFinding(f: Finding, baselines: Baseline[]): UpstreamFigure | null {
  const u = f.upstream;
  if (!u) return null;
  const b = baselines.find((x) => x.id === u.baselineId);
  return {
    indicator: u.indicator ?? f.indicator ?? '',
    value: u.value,
    unit: u.unit,
    kind: u.kind,
    year: u.year,
    baselineId: u.baselineId,
    baselineTitle: u.baselineTitle,
    baselineLevel: b?.level,
    confidence: u.confidence,
    evidence: u.evidence,
    ...(u.measure ? { measure: u.measure } : {}),
    ...(u.path ? { path: u.path } : {}),
    ...(u.line ? { line: u.line } : {}),
    ...(u.official ? { official: u.official } : {}),
  };
}

function targetText(plan: PlanDocument, t: Target): string {
  return (plan.lines[t.line - 1] ?? '').trim();
}

export function compare(plan: PlanDocument, baselines: Baseline[], findings: Finding[], segmenter?: Segmenter): Comparison {
  const aligned = new Map<Target, Array<{ b: Baseline; t: BaselineTarget }>>();
  for (const a of alignTargets(plan.targets, plan.period?.end ?? null, baselines, segmenter)) {
    const list = aligned.get(a.draft) ?? [];
    list.push({ b: a.baseline, t: a.upstream });
    aligned.set(a.draft, list);
  }
  const rows: ComparisonRow[] = [];
  for (const t of plan.targets) {
    const own = findings.filter((f) => f.line === t.line && f.col <= t.endCol && f.endCol >= t.col && f.rule === 'weaker-target');
    const matches = aligned.get(t) ?? [];
    const upstream = matches.map((m) => figure(m.b, m.t));
    let verdict: Verdict = 'unmatched';
    if (matches.length) {
      const dy = t.year ?? plan.period?.end ?? null;
      const weaker = matches.filter(({ t: u }) => isWeaker(t, u));
      if (weaker.length || own.length) {
        const sameYear = weaker.some(({ b, t: u }) => (u.year ?? b.period?.end ?? null) === dy || dy === null);
        verdict = sameYear || !weaker.length ? 'weaker' : 'horizon';
      } else verdict = 'ok';
    }
    rows.push({
      domain: t.domain,
      indicator: t.indicator,
      line: t.line - 1,
      character: t.col,
      endCharacter: t.endCol,
      draft: {
        value: t.value,
        unit: t.unit,
        kind: t.kind,
        year: t.year,
        text: targetText(plan, t),
        ...(t.measure ? { measure: t.measure } : {}),
      },
      upstream,
      verdict,
      findings: own,
    });
  }
  const missing: Comparison['missing'] = [];
  for (const f of findings) {
    if (f.rule !== 'missing-target') continue;
    const fig = fromFinding(f, baselines);
    if (fig) missing.push({ domain: f.domain ?? null, indicator: f.indicator ?? '', upstream: fig });
  }
  return { rows, missing };
}

/** Short name of a baseline for an inlay hint: 国家 / 省 / 市 / 区, or the file's title. */
export function shortBaselineName(level: string | undefined, title: string, locale: 'zh-cn' | 'en'): string {
  const zh: Record<string, string> = { national: '国家', provincial: '省', city: '市', district: '区' };
  const en: Record<string, string> = { national: 'national', provincial: 'province', city: 'city', district: 'district' };
  if (level && level in zh) return locale === 'en' ? en[level] : zh[level];
  const t = title.replace(/（[^）]*）|\([^)]*\)/g, '');
  return t.length > 8 ? `${t.slice(0, 8)}…` : t;
}
