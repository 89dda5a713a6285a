// finding(): how a rule builds a Finding, instead of writing the literal out. The severity defaults to
// the rule's default in the registry (check.ts then applies the configured level), the span is one
// line unless it says otherwise.
import type { Finding, RuleId } from '../types';
import { ruleMeta } from './registry';

/** Where a finding is: a line and a column range in it (0-based, end exclusive), or a range of lines. */
export interface Span {
  line: number;
  col: number;
  endCol: number;
  endLine?: number;
}

/** A finding of `rule` at `at`; `extra` adds the evidence (domain, indicator, draft, upstream, related, fix…). */
export function finding(
  rule: RuleId,
  at: Span,
  message: string,
  extra: Omit<Partial<Finding>, 'rule' | 'line' | 'col' | 'endLine' | 'endCol' | 'message'> = {},
): Finding {
  return {
    rule,
    severity: extra.severity ?? ruleMeta(rule)?.defaultSeverity ?? 'warning',
    line: at.line,
    col: at.col,
    endLine: at.endLine ?? at.line,
    endCol: at.endCol,
    message,
    ...extra,
  };
}
