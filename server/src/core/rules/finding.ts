// finding(): how every rule makes a Finding. The rule's id and its registry default severity, the range
// clamped into the plan (a line that exists, columns inside it, never ending before it starts), the message,
// then whatever the finding carries (expected, related, fix, domain, upstream…).
import type { Finding, PlanDocument, Severity } from '../types';
import type { RuleDef } from './index';
import { lineCount, lineText } from '../lines';

/** A range in the plan: 1-based lines, 0-based columns (endLine defaults to line). */
export interface At {
  line: number;
  col: number;
  endLine?: number;
  endCol: number;
}

type Data = Omit<Finding, 'rule' | 'severity' | 'line' | 'col' | 'endLine' | 'endCol' | 'message'> & { severity?: Severity };

export function finding(
  rule: Pick<RuleDef, 'id' | 'defaultSeverity'>,
  plan: PlanDocument,
  at: At,
  message: string,
  data: Data = {},
): Finding {
  const { severity, ...rest } = data;
  const last = Math.max(1, lineCount(plan));
  const clampLine = (l: number) => Math.min(Math.max(1, Number.isNaN(l) ? 1 : Math.trunc(l)), last);
  const clampCol = (l: number, c: number) => Math.min(Math.max(0, Number.isNaN(c) ? 0 : Math.trunc(c)), lineText(plan, l).length);
  const line = clampLine(at.line);
  const endLine = Math.max(line, clampLine(at.endLine ?? at.line));
  const col = clampCol(line, at.col);
  const endCol = endLine === line ? Math.max(col, clampCol(endLine, at.endCol)) : clampCol(endLine, at.endCol);
  return { rule: rule.id, severity: severity ?? rule.defaultSeverity, line, col, endLine, endCol, message, ...rest };
}
