// Messages the language server itself shows (action titles, skip and error notices, hover labels).
// The templates are English; their zh-CN translations live in the one l10n bundle that the client,
// the server and the CLI share (l10n/bundle.l10n.zh-cn.json), applied by the core's localize().
import { localize, type Locale } from '../core';

const MESSAGES = {
  skipped:
    'PlanLint did not check this file: it is {0} bytes, above planlint.maxFileSize ({1} bytes). Raise the setting to check it.',
  skippedShort: 'above maxFileSize ({0} bytes)',
  internalError:
    'PlanLint could not check this document (internal error: {0}). The details are in the PlanLint output log; other documents are still checked.',
  upstreamUnreadable: 'PlanLint could not read the upstream plan "{0}": {1}',
  upstreamUnknown:
    'Unknown upstream baseline "{0}" (planlint.upstream / .planlintrc.json): neither a built-in id nor a readable file.',
  configUnreadable: 'PlanLint could not read {0}: {1}. The defaults are used.',
  upstreamNotPlan: 'PlanLint did not use the upstream plan "{0}": not a plan (no domain sections and no targets found).',
  upstreamOutside:
    'PlanLint did not read the upstream plan "{0}": it is outside the workspace folders. Set planlint.allowUpstreamOutsideWorkspace to read it.',
  fixTitle: 'Fix: {0}',
  fixAllTitle: 'Fix all numbering problems (PlanLint)',
  ignoreTitle: 'Ignore this {0} finding (add it to .planlintrc.json)',
  disableLineTitle: 'Disable {0} for this line (insert a planlint-disable-next-line comment)',
  docTitle: 'Show the documentation of rule {0}',
  ignoreReason: 'ignored from the editor',
  hoverTarget: 'Target',
  hoverIndicator: 'Indicator',
  hoverDraft: 'Draft',
  hoverUpstream: 'Upstream',
  hoverVerdict: 'Verdict',
  hoverConfidence: 'confidence',
  hoverSource: 'Source',
  hoverNoUpstream: 'no upstream target for this indicator',
  verdict_ok: 'as ambitious as the upstream target, or more',
  verdict_weaker: 'weaker than the upstream target',
  verdict_unmatched: 'no matching upstream target',
  verdict_horizon: "weaker than the upstream target, which is set for another year (no upstream milestone for the draft's year)",
  hoverDomain: 'Domain {0} ({1})',
  hoverDomainTargets: '{0} numeric targets',
  hoverDomainFindings: '{0} findings',
  hoverFindings: 'Findings on this line',
  symbolGoals: 'Main targets',
  symbolMeasures: 'Strategies and measures',
  year: 'in {0}',
  lineOf: 'line {0}',
  upstreamSource: 'Upstream source: {0}',
} satisfies Record<string, string>;

export type MessageKey = keyof typeof MESSAGES;

export function msg(locale: Locale, key: MessageKey, ...args: Array<string | number>): string {
  return localize(locale, MESSAGES[key], ...args);
}
