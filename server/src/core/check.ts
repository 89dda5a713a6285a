import type { Baseline, Finding, Locale, PlanDocument, PlanlintConfig, Segmenter } from './types';
export interface CheckOptions {
  config?: Partial<PlanlintConfig>;
  locale?: Locale;
  /** nodejieba (or any) segmenter; without it only structural rules run. */
  segmenter?: Segmenter;
  /** Run only structural rules (domains, numbering): what the LSP publishes before nodejieba is loaded. */
  structuralOnly?: boolean;
}
// Placeholder until the rules land.
export function checkPlan(_plan: PlanDocument, _baselines: Baseline[], _opts: CheckOptions = {}): Finding[] {
  return [];
}
