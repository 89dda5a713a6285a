// weaker-target: a draft target less ambitious than its upstream counterpart.
// Direction-aware (max: lower is better; min: higher is better; reductions compare their size).
// A draft horizon (2025) without an upstream milestone for that year → warning saying so.
// A low-confidence upstream figure → one severity softer, and the message says so.
import type { Finding, Severity } from '../types';
import { alignTargets, effectiveYear, isWeaker } from '../align';
import { soften } from '../check';
import type { RuleDef, RuleContext } from './index';
import { fmtValue, upstreamOf } from './upstream-util';

const rule: RuleDef = {
  id: 'weaker-target',
  defaultSeverity: 'error',
  meta: { zh: '目标弱于上级规划', en: 'Target weaker than the upstream plan' },
  needsBaselines: true,
  check(ctx: RuleContext): Finding[] {
    const { plan, baselines } = ctx;
    if (!baselines.length || !plan.targets.length) return [];
    const out: Finding[] = [];
    for (const a of alignTargets(plan.targets, plan.period?.end ?? null, baselines, ctx.segmenter)) {
      const d = a.draft;
      const u = a.upstream;
      if (!isWeaker(d, u)) continue;
      const dy = effectiveYear(d.year, plan.period?.end ?? null);
      const uy = effectiveYear(u.year, a.baseline.period?.end ?? null);
      let severity: Severity = 'error';
      const notes: string[] = [];
      if (dy !== null && uy !== null && dy !== uy) {
        severity = 'warning';
        notes.push(ctx.t("The draft's horizon is {0} while the upstream target is for {1}, and the upstream plan sets no milestone for {0}.", dy, uy));
      }
      if (u.confidence === 'low') {
        severity = soften(severity);
        notes.push(ctx.t('The upstream figure has low confidence; check it against the official text.'));
      }
      const up = `${fmtValue(u.value)}${u.unit}`;
      const dv = `${d.valueText}${d.unit}`;
      // the upstream's year, unless its title already ends with it (…（2021—2030年）)
      const src = `${a.baseline.title}${uy && !a.baseline.title.includes(`${uy}年`) ? ctx.t(' ({0})', uy) : ''}`;
      let message: string;
      if (u.measure === 'relative_reduction') message = ctx.t('The reduction of {0} ({1}) is smaller than the reduction of {2} required by {3}.', d.indicator, dv, up, src);
      else if (u.measure === 'annual_reduction') message = ctx.t('The yearly reduction of {0} ({1}) is smaller than the {2} required by {3}.', d.indicator, dv, up, src);
      else if (u.kind === 'max') message = ctx.t('{0}: the target {1} is weaker than {2} in {3}; it should be at most {2}.', d.indicator, dv, up, src);
      else message = ctx.t('{0}: the target {1} is weaker than {2} in {3}; it should be at least {2}.', d.indicator, dv, up, src);
      if (notes.length) message += ' ' + notes.join(' ');
      const newText = fmtValue(u.value, d.valueText);
      out.push({
        rule: 'weaker-target',
        severity,
        line: d.line,
        col: d.col,
        endLine: d.line,
        endCol: d.endCol,
        message,
        domain: d.domain ?? undefined,
        indicator: d.indicator,
        draft: { value: d.value, unit: d.unit, kind: d.kind, year: d.year, ...(d.measure ? { measure: d.measure } : {}), text: d.valueText },
        upstream: upstreamOf(a.baseline, u),
        related: a.baseline.path && u.line ? [{ line: u.line, col: 0, endCol: 0, path: a.baseline.path, message: ctx.t('Upstream target in {0}', a.baseline.title) }] : undefined,
        fix: { title: ctx.t('Set the target to the upstream value {0}', up), edits: [{ line: d.line, col: d.col, endLine: d.line, endCol: d.endCol, newText }] },
      });
    }
    return out;
  },
};
export default rule;
