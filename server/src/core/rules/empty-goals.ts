// empty-goals: a domain section whose 主要目标 part is empty: its label is followed directly by the
// 策略措施 (or the next domain), or the heading itself is followed directly by the 策略措施 or the next
// domain. Reads the structural model only (DomainSection.goalsLabel / goalsContent, from core/domains.ts).
// The worked example of docs/CONTRIBUTING.md ("Adding a rule").
import type { DomainSection, Finding } from '../types';
import type { RuleContext, RuleImpl } from './index';
import { finding } from './finding';

const rule: RuleImpl = {
  check(ctx: RuleContext): Finding[] {
    const out: Finding[] = [];
    for (const section of ctx.plan.domains) {
      const message = emptyGoalsMessage(ctx, section);
      if (!message) continue;
      // on the heading (a section's endLine is its last line: not the finding's)
      const heading = { line: section.line, col: section.col, endCol: section.endCol };
      out.push(finding('empty-goals', heading, message, { domain: section.domain }));
    }
    return out;
  },
};

/** Why the section's 主要目标 part is empty, or null when it has content (or the model cannot tell). */
function emptyGoalsMessage(ctx: RuleContext, section: DomainSection): string | null {
  if (section.goalsContent === undefined || section.goalsContent > 0) return null;
  if (section.goalsLabel != null) {
    return ctx.t('{0}: the 主要目标 part (line {1}) is empty', section.label, section.goalsLabel);
  }
  if (section.measures) return ctx.t('{0}: no 主要目标 before the 策略措施', section.label);
  return ctx.t('{0}: the section is empty (no 主要目标)', section.label);
}

export default rule;
