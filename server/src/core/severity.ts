// Severities and their order: a leaf module, so that rules and the check runner share it without an
// import cycle (check.ts imports the rules; the rules import this, not check.ts).
import type { Severity } from './types';

/** From the most to the least severe. */
export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info'];

/** The rank of a severity: 0 for error, 1 for warning, 2 for info. */
export function severityRank(severity: Severity): number {
  return SEVERITY_ORDER.indexOf(severity);
}

/** One step softer: error → warning → info. */
export function soften(severity: Severity, steps = 1): Severity {
  return SEVERITY_ORDER[Math.min(SEVERITY_ORDER.length - 1, severityRank(severity) + steps)];
}
