import type { Baseline, DomainId, Finding, Locale, PlanDocument, PlanlintConfig, RuleId, Segmenter, Severity } from '../types';

export interface RuleContext {
  plan: PlanDocument;
  baselines: Baseline[];
  config: PlanlintConfig;
  locale: Locale;
  segmenter?: Segmenter;
  /** Localise a message template ("{0}" placeholders) for ctx.locale. */
  t(key: string, ...args: Array<string | number>): string;
}

export interface RuleDef {
  id: RuleId;
  defaultSeverity: Severity;
  meta: { zh: string; en: string };
  /** Needs upstream baselines (and alignment, hence the segmenter). */
  needsBaselines: boolean;
  check(ctx: RuleContext): Finding[];
}

export const RULES: RuleDef[] = [];
export function getRule(id: string): RuleDef | undefined {
  return RULES.find((r) => r.id === id);
}
export type { DomainId };
