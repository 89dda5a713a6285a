// checkPlan: runs every rule over a PlanDocument, applies the configuration (severities, `off`,
// the ignore list) and the markdown disable comments, and clamps every range into the document.
// Never throws: a rule that fails yields one internal-error finding instead.
import type { Baseline, Finding, IgnoreEntry, Locale, PlanDocument, PlanlintConfig, RuleId, Segmenter } from './types';
import { RULES, type RuleContext } from './rules';
import { translator } from './i18n';
import { disabledAt, readDisableComments } from './disable';
import { severityRank, soften } from './severity';

export interface CheckOptions {
  config?: Partial<PlanlintConfig>;
  locale?: Locale;
  /** nodejieba (or any) segmenter, used by alignment; without it alignment uses character n-grams only. */
  segmenter?: Segmenter;
  /** Run only the structural rules (domains, numbering): what the LSP publishes before nodejieba is loaded. */
  structuralOnly?: boolean;
  /** Findings reported at most (MAX_FINDINGS by default); beyond, one too-many-findings summary. */
  maxFindings?: number;
}

export function checkPlan(plan: PlanDocument, baselines: Baseline[], opts: CheckOptions = {}): Finding[] {
  const config: PlanlintConfig = {
    upstream: opts.config?.upstream ?? [],
    rules: opts.config?.rules ?? {},
    ignore: opts.config?.ignore ?? [],
    locale: opts.config?.locale,
  };
  const locale: Locale = opts.locale ?? config.locale ?? 'zh-cn';
  const ctx: RuleContext = {
    plan,
    baselines,
    config,
    locale,
    segmenter: opts.segmenter,
    t: translator(locale),
  };
  const maxFindings = Math.max(0, opts.maxFindings ?? MAX_FINDINGS);
  // rules stop building findings well past the cap (ignore entries and disable comments drop some)
  ctx.limit = maxFindings * 4;
  const omitted: Record<string, number> = {};
  ctx.omit = (rule, n) => {
    if (n > 0) omitted[rule] = (omitted[rule] ?? 0) + n;
  };
  if (!plan.isPlan) return [];
  const disables = readDisableComments(plan.lines);
  const ignored = ignoreMatcher(config.ignore);
  const out: Finding[] = [];
  for (const rule of RULES) {
    if (opts.structuralOnly && rule.needsBaselines) continue;
    const setting = config.rules[rule.id as RuleId];
    if (setting === 'off') continue;
    let found: Finding[];
    try {
      found = rule.check(ctx);
    } catch (error) {
      found = [internalError(plan, rule.id, error, ctx)];
    }
    for (const finding of found) {
      if (setting && finding.rule === rule.id) {
        const steps = Math.max(0, severityRank(finding.severity) - severityRank(rule.defaultSeverity));
        finding.severity = soften(setting, steps);
      }
      finding.lineText ??= (plan.lines[finding.line - 1] ?? '').trim();
      if (ignored(finding)) continue;
      if (disabledAt(disables, finding.rule, finding.line)) continue;
      out.push(clampFinding(plan, finding));
    }
  }
  out.sort(byPosition);
  return capFindings(plan, out, maxFindings, omitted, ctx);
}

function byPosition(a: Finding, b: Finding): number {
  return a.line - b.line || a.col - b.col || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

/** Findings reported per document at most; beyond, one too-many-findings summary (see capFindings). */
export const MAX_FINDINGS = 500;

/**
 * Keeps at most `max` findings (errors first, then warnings, then information, each in document
 * order) and adds one too-many-findings finding on the first line left out, naming how many of each
 * rule were left out. Keeps every output (CLI report, diagnostics) bounded whatever the document.
 */
function capFindings(
  plan: PlanDocument,
  sorted: Finding[],
  max: number,
  omitted: Record<string, number>,
  ctx: RuleContext,
): Finding[] {
  const unbuilt = Object.values(omitted).reduce((a, b) => a + b, 0);
  if (sorted.length <= max && !unbuilt) return sorted;
  const keep = sorted
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => severityRank(a.finding.severity) - severityRank(b.finding.severity) || a.index - b.index)
    .slice(0, Math.max(0, max));
  const kept = new Set(keep.map((k) => k.index));
  const left: Record<string, number> = {};
  let firstLeft: Finding | undefined;
  sorted.forEach((finding, index) => {
    if (kept.has(index)) return;
    firstLeft ??= finding;
    left[finding.rule] = (left[finding.rule] ?? 0) + 1;
  });
  for (const [rule, count] of Object.entries(omitted)) left[rule] = (left[rule] ?? 0) + count;
  const notShown = sorted.length - keep.length + unbuilt;
  // on the first finding left out, else after the last one kept (the unbuilt ones come later)
  const at: Finding = firstLeft ??
    sorted[sorted.length - 1] ?? {
      rule: 'too-many-findings',
      severity: 'info',
      line: 1,
      col: 0,
      endLine: 1,
      endCol: 0,
      message: '',
    };
  const summary: Finding = clampFinding(plan, {
    rule: 'too-many-findings',
    severity: 'info',
    line: at.line,
    col: at.col,
    endLine: at.line,
    endCol: at.line === at.endLine ? at.endCol : at.col,
    message: ctx.t(
      'PlanLint reports at most {0} findings per document: {1} more are not shown ({2})',
      max,
      notShown,
      Object.entries(left)
        .map(([rule, count]) => `${rule} ×${count}`)
        .join(', '),
    ),
  });
  return [...keep.map((k) => k.finding), summary].sort(byPosition);
}

/**
 * True when a finding is covered by an ignore entry: same rule, and the same indicator or the entry's
 * text equal to the finding's trimmed line text (so that it survives line moves). Empty values match nothing.
 */
export function isIgnored(
  entries: readonly IgnoreEntry[],
  finding: { rule: string; indicator?: string; lineText?: string },
): boolean {
  return ignoreMatcher(entries)(finding);
}

/**
 * isIgnored for many findings: the entries indexed once by rule and indicator / line text, so that
 * each finding costs O(1) whatever the length of the ignore list.
 */
export function ignoreMatcher(
  entries: readonly IgnoreEntry[],
): (finding: { rule: string; indicator?: string; lineText?: string }) => boolean {
  if (!entries.length) return () => false;
  const keys = new Set<string>();
  for (const entry of entries) {
    if (entry.indicator !== undefined && entry.indicator !== '') keys.add(`${entry.rule}\u0000i\u0000${entry.indicator}`);
    if (entry.text !== undefined && entry.text.trim() !== '') keys.add(`${entry.rule}\u0000t\u0000${entry.text.trim()}`);
  }
  return (finding) => {
    if (
      finding.indicator !== undefined &&
      finding.indicator !== '' &&
      keys.has(`${finding.rule}\u0000i\u0000${finding.indicator}`)
    )
      return true;
    const line = finding.lineText?.trim();
    return line !== undefined && line !== '' && keys.has(`${finding.rule}\u0000t\u0000${line}`);
  };
}

function internalError(plan: PlanDocument, rule: string, error: unknown, ctx: RuleContext): Finding {
  const msg = (error as Error)?.message ?? String(error);
  return {
    rule: 'internal-error',
    severity: 'info',
    line: 1,
    col: 0,
    endLine: 1,
    endCol: Math.min(plan.lines[0]?.length ?? 0, 1),
    message: ctx.t('PlanLint could not run rule {0} on this document: {1}', rule, msg.split('\n')[0]),
  };
}

/** Keeps every range inside the document: lines 1..n, columns 0..line length, start ≤ end. */
export function clampFinding(plan: PlanDocument, finding: Finding): Finding {
  const lineCount = Math.max(1, plan.lines.length);
  const line = Math.min(Math.max(1, finding.line | 0), lineCount);
  const endLine = Math.min(Math.max(line, finding.endLine | 0), lineCount);
  const lengthOf = (lineNumber: number) => plan.lines[lineNumber - 1]?.length ?? 0;
  const col = Math.min(Math.max(0, finding.col | 0), lengthOf(line));
  let endCol = Math.min(Math.max(0, finding.endCol | 0), lengthOf(endLine));
  if (endLine === line && endCol < col) endCol = col;
  return { ...finding, line, col, endLine, endCol };
}
