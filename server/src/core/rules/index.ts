// The rule registry: one rule a file, registered here by explicit import (as markdownlint does).
import type { Baseline, Finding, Locale, PlanDocument, PlanlintConfig, RuleId, Segmenter, Severity } from '../types';
import missingDomain from './missing-domain';
import weakerTarget from './weaker-target';
import missingTarget from './missing-target';
import numberingGap from './numbering-gap';
import numberingDuplicate from './numbering-duplicate';
import numberingStyle from './numbering-style';
import numberingLevel from './numbering-level';

export interface RuleContext {
  plan: PlanDocument;
  baselines: Baseline[];
  config: PlanlintConfig;
  locale: Locale;
  segmenter?: Segmenter;
  /** Localise a message template (English text with {0} placeholders) for ctx.locale. */
  t(key: string, ...args: Array<string | number>): string;
  /**
   * Findings a rule needs to build at most (a rule whose findings grow with a list stops there, so
   * that a document of 100,000 numbered lines costs no more than the report shows)…
   */
  limit?: number;
  /** … and tells how many it left unbuilt (they count in the too-many-findings summary). */
  omit?(rule: string, n: number): void;
}

export interface RuleDef {
  id: RuleId;
  defaultSeverity: Severity;
  meta: { zh: string; en: string };
  /** Needs upstream baselines (and alignment, hence the segmenter): skipped by structural-only checks. */
  needsBaselines: boolean;
  check(ctx: RuleContext): Finding[];
}

export const RULES: RuleDef[] = [
  missingDomain,
  weakerTarget,
  missingTarget,
  numberingGap,
  numberingDuplicate,
  numberingStyle,
  numberingLevel,
];

export function getRule(id: string): RuleDef | undefined {
  return RULES.find((r) => r.id === id);
}
