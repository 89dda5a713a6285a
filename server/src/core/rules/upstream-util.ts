// Helpers shared by the rules that compare with upstream baselines.
import type { Baseline, BaselineTarget, Finding } from '../types';

/** A value as the draft would write it: as many decimals as `like` ("6.5" → 5 becomes "5.0"). */
export function fmtValue(v: number, like?: string): string {
  const dec = like && like.includes('.') ? like.split('.')[1].length : 0;
  const own = String(v).includes('.') ? String(v).split('.')[1].length : 0;
  return v.toFixed(Math.max(dec, own));
}

export function upstreamOf(b: Baseline, u: BaselineTarget): NonNullable<Finding['upstream']> {
  return {
    value: u.value,
    unit: u.unit,
    kind: u.kind,
    year: u.year ?? b.period?.end ?? null,
    ...(u.measure ? { measure: u.measure } : {}),
    baselineId: b.id,
    baselineTitle: b.title,
    confidence: u.confidence,
    evidence: u.evidence,
    ...(u.official ? { official: u.official } : {}),
    indicator: u.indicator,
    ...(u.line ? { line: u.line } : {}),
    ...(b.path ? { path: b.path } : {}),
  };
}
