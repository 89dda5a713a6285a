import type { Baseline, PlanDocument } from './types';
// Placeholder until alignment lands.
export function planToBaseline(plan: PlanDocument, id: string, path?: string): Baseline {
  return { id, title: plan.title ?? id, level: 'file', period: plan.period, path, targets: [] };
}
