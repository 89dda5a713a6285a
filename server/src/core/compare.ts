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

/** The figure fields an upstream target and a finding's upstream share. */
type FigureSource = Pick<UpstreamFigure, 'indicator' | 'value' | 'unit' | 'kind' | 'year' | 'confidence' | 'evidence'> & {
  measure?: string;
  line?: number;
  official?: OfficialEvidence;
};

/** An upstream figure: the target's fields and its baseline's identity, optional fields only when set. */
export function upstreamFigure(baseline: Baseline, target: BaselineTarget): UpstreamFigure {
  return figureOf(target, baseline);
}

function figureOf(source: FigureSource, baseline: { id: string; title: string; level?: string; path?: string }): UpstreamFigure {
  return {
    indicator: source.indicator,
    value: source.value,
    unit: source.unit,
    kind: source.kind,
    year: source.year,
    baselineId: baseline.id,
    baselineTitle: baseline.title,
    baselineLevel: baseline.level,
    confidence: source.confidence,
    evidence: source.evidence,
    ...(source.measure ? { measure: source.measure } : {}),
    ...(baseline.path ? { path: baseline.path } : {}),
    ...(source.line ? { line: source.line } : {}),
    ...(source.official ? { official: source.official } : {}),
  };
}

/** The upstream figure a missing-target finding names. */
function figureOfFinding(finding: Finding, baselines: Baseline[]): UpstreamFigure | null {
  const upstream = finding.upstream;
  if (!upstream) return null;
  return figureOf(
    { ...upstream, indicator: upstream.indicator ?? finding.indicator ?? '' },
    {
      id: upstream.baselineId,
      title: upstream.baselineTitle,
      level: baselines.find((baseline) => baseline.id === upstream.baselineId)?.level,
      path: upstream.path,
    },
  );
}

function targetText(plan: PlanDocument, target: Target): string {
  return (plan.lines[target.line - 1] ?? '').trim();
}

export function compare(plan: PlanDocument, baselines: Baseline[], findings: Finding[], segmenter?: Segmenter): Comparison {
  const aligned = new Map<Target, Array<{ baseline: Baseline; upstream: BaselineTarget }>>();
  for (const alignment of alignTargets(plan.targets, plan.period?.end ?? null, baselines, segmenter)) {
    const list = aligned.get(alignment.draft) ?? [];
    list.push({ baseline: alignment.baseline, upstream: alignment.upstream });
    aligned.set(alignment.draft, list);
  }
  // the weaker-target findings by line, in their order (a row takes those on its line that overlap it)
  const weakerOn = new Map<number, Finding[]>();
  for (const finding of findings) {
    if (finding.rule !== 'weaker-target') continue;
    const list = weakerOn.get(finding.line);
    if (list) list.push(finding);
    else weakerOn.set(finding.line, [finding]);
  }
  // one figure per upstream target and baseline, shared by every row compared with it
  const figures = new Map<BaselineTarget, Map<Baseline, UpstreamFigure>>();
  const figure = (upstream: BaselineTarget, baseline: Baseline): UpstreamFigure => {
    let byBaseline = figures.get(upstream);
    if (!byBaseline) figures.set(upstream, (byBaseline = new Map()));
    let f = byBaseline.get(baseline);
    if (!f) byBaseline.set(baseline, (f = figureOf(upstream, baseline)));
    return f;
  };
  const rows: ComparisonRow[] = [];
  for (const target of plan.targets) {
    const own = (weakerOn.get(target.line) ?? []).filter(
      (finding) => finding.col <= target.endCol && finding.endCol >= target.col,
    );
    const matches = aligned.get(target) ?? [];
    const upstream = matches.map((match) => figure(match.upstream, match.baseline));
    let verdict: Verdict = 'unmatched';
    if (matches.length) {
      const draftYear = target.year ?? plan.period?.end ?? null;
      const weaker = matches.filter((match) => isWeaker(target, match.upstream));
      if (weaker.length || own.length) {
        const sameYear = weaker.some(
          (match) => draftYear === null || (match.upstream.year ?? match.baseline.period?.end ?? null) === draftYear,
        );
        verdict = sameYear || !weaker.length ? 'weaker' : 'horizon';
      } else verdict = 'ok';
    }
    rows.push({
      domain: target.domain,
      indicator: target.indicator,
      line: target.line - 1,
      character: target.col,
      endCharacter: target.endCol,
      draft: {
        value: target.value,
        unit: target.unit,
        kind: target.kind,
        year: target.year,
        text: targetText(plan, target),
        ...(target.measure ? { measure: target.measure } : {}),
      },
      upstream,
      verdict,
      findings: own,
    });
  }
  const missing: Comparison['missing'] = [];
  for (const finding of findings) {
    if (finding.rule !== 'missing-target') continue;
    const figure = figureOfFinding(finding, baselines);
    if (figure) missing.push({ domain: finding.domain ?? null, indicator: finding.indicator ?? '', upstream: figure });
  }
  return { rows, missing };
}

/** Short name of a baseline for an inlay hint: 国家 / 省 / 市 / 区, or the file's title. */
export function shortBaselineName(level: string | undefined, title: string, locale: 'zh-cn' | 'en'): string {
  const zh: Record<string, string> = { national: '国家', provincial: '省', city: '市', district: '区' };
  const en: Record<string, string> = { national: 'national', provincial: 'province', city: 'city', district: 'district' };
  if (level && level in zh) return locale === 'en' ? en[level] : zh[level];
  const bare = title.replace(/（[^）]*）|\([^)]*\)/g, '');
  return bare.length > 8 ? `${bare.slice(0, 8)}…` : bare;
}

/**
 * Comparison rows an output lists at most (the CLI's JSON and HTML, the editor's comparison view): a real plan
 * has a few hundred targets at most, a pathological one tens of thousands, whose rows would make a reply or a
 * file of tens of megabytes. The counts by verdict always cover every row.
 */
export const MAX_LISTED_ROWS = 500;

/**
 * The rows to list (at most `max`, in document order): every row a reviewer must act on first (weaker, then
 * another year's target), then the others in document order; `omitted` = how many are left out.
 */
export function listedRows<T extends { verdict: Verdict }>(
  rows: readonly T[],
  max = MAX_LISTED_ROWS,
): { rows: T[]; omitted: number } {
  if (rows.length <= max) return { rows: [...rows], omitted: 0 };
  const rank = (v: Verdict) => (v === 'weaker' ? 0 : v === 'horizon' ? 1 : 2);
  const keep = rows
    .map((row, i) => ({ i, r: rank(row.verdict) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .slice(0, Math.max(0, max))
    .map((x) => x.i)
    .sort((a, b) => a - b);
  return { rows: keep.map((i) => rows[i]), omitted: rows.length - keep.length };
}

/** How many rows have each verdict. */
export function verdictCounts(rows: ReadonlyArray<{ verdict: Verdict }>): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { ok: 0, weaker: 0, horizon: 0, unmatched: 0 };
  for (const r of rows) counts[r.verdict]++;
  return counts;
}
