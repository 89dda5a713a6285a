// planToBaseline: an upstream plan file (a city's or province's plan, parsed by the same parser)
// becomes a Baseline whose targets keep their line in that file as evidence.
import type { Baseline, PlanDocument } from './types';

function levelOf(title: string | null): Baseline['level'] {
  const t = title ?? '';
  if (/^中国|国家|全国/.test(t)) return 'national';
  if (/省|自治区/.test(t) && !/市|区|县/.test(t.replace(/自治区/, ''))) return 'provincial';
  if (/[区县旗]儿童/.test(t)) return 'district';
  if (/市/.test(t)) return 'city';
  return 'file';
}

export function planToBaseline(plan: PlanDocument, id: string, path?: string): Baseline {
  const where = path ?? id;
  return {
    id,
    title: plan.title ?? where.replace(/^.*[\\/]/, ''),
    level: levelOf(plan.title),
    period: plan.period,
    path,
    coverage: 'complete',
    targets: plan.targets.map((t) => ({
      domain: t.domain,
      indicator: t.indicator,
      keywords: [],
      kind: t.kind,
      value: t.value,
      unit: t.unit,
      year: t.year ?? plan.period?.end ?? null,
      ...(t.measure ? { measure: t.measure } : {}),
      ...(t.baselineYear !== undefined ? { baselineYear: t.baselineYear } : {}),
      ...(t.valueMax !== undefined ? { valueMax: t.valueMax } : {}),
      confidence: 'high' as const,
      role: 'main' as const,
      evidence: [`${where}:L${t.line}`],
      line: t.line,
    })),
  };
}
