// weaker-target: a draft target less ambitious than its upstream counterpart.
// Direction-aware (max: lower is better; min: higher is better; reductions compare their size).
// A draft horizon (2025) without an upstream milestone for that year → warning saying so.
// A low-confidence upstream figure → one severity softer, and the message says so.
// Several upstreams: one finding citing the strictest weaker one; the others in related information.
// The message says what kind of source the upstream figure has (provenance.ts).
import type { Finding, RelatedInfo, Severity, Target, BaselineTarget } from '../types';
import { alignTargets, effectiveYear, isWeaker, type Alignment } from '../align';
import { describeProvenance, provenanceSentence } from '../provenance';
import { soften } from '../severity';
import type { RuleContext, RuleImpl } from './index';
import { finding } from './finding';
import { fmtValue, upstreamOf } from './upstream-util';

function figure(u: BaselineTarget): string {
  return `${u.kind === 'max' ? '≤' : '≥'}${fmtValue(u.value)}${u.unit}`;
}

/** x asks more than y of the draft: a lower max, a higher min; otherwise the higher confidence. */
function stricter(x: Alignment, y: Alignment): boolean {
  const a = x.upstream;
  const b = y.upstream;
  if (a.kind === b.kind && (a.measure ?? '') === (b.measure ?? '') && a.value !== b.value)
    return a.kind === 'max' ? a.value < b.value : a.value > b.value;
  const rank = { high: 2, medium: 1, low: 0 } as const;
  return rank[a.confidence] > rank[b.confidence];
}

const rule: RuleImpl = {
  check(ctx: RuleContext): Finding[] {
    const { plan, baselines } = ctx;
    if (!baselines.length || !plan.targets.length) return [];
    const out: Finding[] = [];
    const all = alignTargets(plan.targets, plan.period?.end ?? null, baselines, ctx.segmenter);
    // one finding per draft target: several upstreams (national + province + city) → the strictest
    // weaker one is cited, the others go to related information
    const byDraft = new Map<Target, Alignment[]>();
    for (const a of all) {
      const list = byDraft.get(a.draft) ?? [];
      list.push(a);
      byDraft.set(a.draft, list);
    }
    for (const [d, list] of byDraft) {
      const weaker = list.filter((a) => isWeaker(d, a.upstream));
      if (!weaker.length) continue;
      // the strictest among the upstreams set for the draft's own horizon, else the strictest of all
      const draftYear = effectiveYear(d.year, plan.period?.end ?? null);
      const sameYear = weaker.filter(
        (x) => draftYear === null || effectiveYear(x.upstream.year, x.baseline.period?.end ?? null) === draftYear,
      );
      const a = (sameYear.length ? sameYear : weaker).reduce((best, x) => (stricter(x, best) ? x : best));
      const u = a.upstream;
      const upstreamYear = effectiveYear(u.year, a.baseline.period?.end ?? null);
      let severity: Severity = 'error';
      const notes: string[] = [];
      if (draftYear !== null && upstreamYear !== null && draftYear !== upstreamYear) {
        severity = 'warning';
        notes.push(
          ctx.t(
            "The draft's horizon is {0} while the upstream target is for {1}, and the upstream plan sets no milestone for {0}.",
            draftYear,
            upstreamYear,
          ),
        );
      }
      if (u.confidence === 'low') {
        severity = soften(severity);
        notes.push(ctx.t('The upstream figure has low confidence; check it against the official text.'));
      }
      notes.push(provenanceSentence(u, ctx.locale));
      const upstreamText = `${fmtValue(u.value)}${u.unit}`;
      const draftText = `${d.valueText}${d.unit}`;
      // the upstream's year, unless its title already ends with it (…（2021—2030年）)
      const src = `${a.baseline.title}${upstreamYear && !a.baseline.title.includes(`${upstreamYear}年`) ? ctx.t(' ({0})', upstreamYear) : ''}`;
      let message: string;
      if (u.measure === 'relative_reduction')
        message = ctx.t(
          'The reduction of {0} ({1}) is smaller than the reduction of {2} required by {3}.',
          d.indicator,
          draftText,
          upstreamText,
          src,
        );
      else if (u.measure === 'annual_reduction')
        message = ctx.t(
          'The yearly reduction of {0} ({1}) is smaller than the {2} required by {3}.',
          d.indicator,
          draftText,
          upstreamText,
          src,
        );
      else if (u.kind === 'max')
        message = ctx.t(
          '{0}: the target {1} is weaker than {2} in {3}; it should be at most {2}.',
          d.indicator,
          draftText,
          upstreamText,
          src,
        );
      else
        message = ctx.t(
          '{0}: the target {1} is weaker than {2} in {3}; it should be at least {2}.',
          d.indicator,
          draftText,
          upstreamText,
          src,
        );
      if (notes.length) message += ' ' + notes.join(' ');
      const newText = fmtValue(u.value, d.valueText);
      const at = (x: Alignment, text: string): RelatedInfo =>
        x.baseline.path && x.upstream.line
          ? { line: x.upstream.line, col: 0, endCol: 0, path: x.baseline.path, message: text }
          : { line: d.line, col: d.col, endCol: d.endCol, message: text };
      const related: RelatedInfo[] = [
        at(a, ctx.t('Upstream target in {0}: {1}', a.baseline.title, describeProvenance(u, ctx.locale))),
      ];
      for (const x of list) {
        if (x === a) continue;
        related.push(
          at(
            x,
            ctx.t(
              'Also compared: {0} {1} — {2}',
              x.baseline.title,
              figure(x.upstream),
              describeProvenance(x.upstream, ctx.locale),
            ),
          ),
        );
      }
      out.push(
        finding('weaker-target', d, message, {
          severity,
          domain: d.domain ?? undefined,
          indicator: d.indicator,
          draft: {
            value: d.value,
            unit: d.unit,
            kind: d.kind,
            year: d.year,
            ...(d.measure ? { measure: d.measure } : {}),
            text: d.valueText,
          },
          upstream: upstreamOf(a.baseline, u),
          related,
          fix: {
            title: ctx.t('Set the target to the upstream value {0}', upstreamText),
            edits: [{ line: d.line, col: d.col, endLine: d.line, endCol: d.endCol, newText }],
          },
        }),
      );
    }
    return out;
  },
};
export default rule;
