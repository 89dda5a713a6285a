// missing-target: an upstream numeric 主要目标 with no counterpart in the draft's domain.
// Related figures (outside the upstream 主要目标) are never reported missing; a domain the draft
// lacks altogether is missing-domain's business.
import type { Baseline, BaselineTarget, Finding, OutlineNode, RelatedInfo, Severity } from '../types';
import { describeProvenance, provenanceSentence } from '../provenance';
import { alignTargets, canonicalName } from '../align';
import { soften } from '../severity';
import type { RuleContext, RuleImpl } from './index';
import { finding } from './finding';
import { fmtValue, upstreamOf } from './upstream-util';
import { markerLike, targetPhrase } from './skeleton';
import { lineAt, lineText } from '../lines';

/** A dash bullet (——, —): the one a new 主要目标 line copies. */
function isDash(bullet: string): boolean {
  return bullet === '——' || bullet === '—';
}

/** x asks more of the draft than y: a lower max, a higher min; otherwise the higher confidence. */
function stricterTarget(x: BaselineTarget, y: BaselineTarget): boolean {
  if (x.kind === y.kind && x.value !== y.value) return x.kind === 'max' ? x.value < y.value : x.value > y.value;
  const rank = { high: 2, medium: 1, low: 0 } as const;
  return rank[x.confidence] > rank[y.confidence];
}

const rule: RuleImpl = {
  check(ctx: RuleContext): Finding[] {
    const { plan, baselines } = ctx;
    if (!baselines.length || !plan.domains.length) return [];
    const aligned = alignTargets(plan.targets, plan.period?.end ?? null, baselines, ctx.segmenter);
    const matched = new Set(
      aligned.map((a) => `${a.baseline.id}|${canonicalName(a.upstream.indicator)}|${a.upstream.measure ?? ''}`),
    );
    const out: Finding[] = [];
    const spans = new Map<string, { lastItem: OutlineNode | undefined; dashAt: number }>();
    // several upstreams naming the same indicator (national + province + city): one finding citing the
    // strictest, the others in related information
    const groups = new Map<string, Array<{ b: Baseline; u: BaselineTarget }>>();
    for (const b of baselines) {
      for (const u of b.targets) {
        if (u.role !== 'main' || !u.domain) continue;
        const key = `${b.id}|${canonicalName(u.indicator)}|${u.measure ?? ''}`;
        if (matched.has(key)) continue;
        if (!plan.domains.some((d) => d.domain === u.domain)) continue;
        // an indicator one upstream names and the draft matched is not missing because another names it too
        const any = `${canonicalName(u.indicator)}|${u.measure ?? ''}`;
        if ([...matched].some((m) => m.slice(m.indexOf('|') + 1) === any)) continue;
        const list = groups.get(`${u.domain}|${any}`) ?? [];
        if (!list.some((x) => x.b.id === b.id)) list.push({ b, u });
        groups.set(`${u.domain}|${any}`, list);
      }
    }
    for (const list of groups.values()) {
      const { b, u } = list.reduce((best, x) => (stricterTarget(x.u, best.u) ? x : best));
      const section = plan.domains.find((d) => d.domain === u.domain)!;
      const at = section.goals ?? { start: section.line, end: section.line };
      // reported on the 主要目标 label when there is one, else on the domain heading
      const labelLine =
        section.goals && at.start > section.line && lineAt(plan, at.start).part === 'goals' ? at.start : section.line;
      const label = lineAt(plan, labelLine);
      let severity: Severity = 'warning';
      if (u.confidence === 'low') severity = soften(severity);
      const up = `${fmtValue(u.value)}${u.unit}`;
      const phrase = targetPhrase(u, (v) => fmtValue(v));
      // insert the target as the next item of the 主要目标 list, numbered (or bulleted) like the last item
      let insertAfter = at.end;
      while (insertAfter > at.start && lineAt(plan, insertAfter).kind === 'blank') insertAfter--;
      const endText = lineText(plan, insertAfter);
      // the same for every target of the section: computed once per list (linear in the plan whatever the
      // number of missing targets)
      const spanKey = `${section.line}|${at.start}|${insertAfter}`;
      let span = spans.get(spanKey);
      if (!span) {
        let top = Infinity;
        let lastItem: OutlineNode | undefined;
        for (const o of plan.outline) {
          if (!(o.line > section.line && o.line >= at.start && o.line <= insertAfter && o.family !== 'md' && o.number !== null))
            continue;
          // the last item at the top level (the smallest level)
          if (o.level < top) top = o.level;
          if (o.level === top) lastItem = o;
        }
        // the last dash item (——, —), unless a numbered item comes after it
        let dashAt = 0;
        for (let l = insertAfter; l >= at.start && !dashAt; l--) if (isDash(lineAt(plan, l).bullet)) dashAt = l;
        spans.set(spanKey, (span = { lastItem, dashAt }));
      }
      const { lastItem, dashAt } = span;
      let bullet = '';
      if (dashAt && (!lastItem || dashAt > lastItem.line)) {
        const dash = lineAt(plan, dashAt);
        bullet = dash.text.slice(0, dash.col) + dash.bullet;
      } else if (lastItem && lastItem.number !== null) {
        bullet = lineText(plan, lastItem.line).slice(0, lastItem.col) + markerLike(lastItem, lastItem.number + 1);
      }
      let message = ctx.t(
        '{0} sets a target for {1} ({2}) in {3}, but this draft has none.',
        `${b.title}`,
        u.indicator,
        up,
        section.label,
      );
      if (u.confidence === 'low')
        message += ' ' + ctx.t('The upstream figure has low confidence; check it against the official text.');
      message += ' ' + provenanceSentence(u, ctx.locale);
      const where = (x: { b: Baseline; u: BaselineTarget }, m: string): RelatedInfo =>
        x.b.path && x.u.line
          ? { line: x.u.line, col: 0, endCol: 0, path: x.b.path, message: m }
          : { line: labelLine, col: 0, endCol: label.text.length, message: m };
      const related: RelatedInfo[] = [
        where({ b, u }, ctx.t('Upstream target in {0}: {1}', b.title, describeProvenance(u, ctx.locale))),
      ];
      for (const x of list) {
        if (x.b === b) continue;
        related.push(
          where(
            x,
            ctx.t(
              'Also compared: {0} {1} — {2}',
              x.b.title,
              `${x.u.kind === 'max' ? '≤' : '≥'}${fmtValue(x.u.value)}${x.u.unit}`,
              describeProvenance(x.u, ctx.locale),
            ),
          ),
        );
      }
      out.push(
        finding('missing-target', { line: labelLine, col: label.col, endCol: label.endCol }, message, {
          severity,
          domain: u.domain ?? undefined,
          indicator: u.indicator,
          upstream: upstreamOf(b, u),
          related,
          fix: {
            title: ctx.t('Add the target "{0}"', phrase),
            edits: [
              {
                line: insertAfter,
                col: endText.length,
                endLine: insertAfter,
                endCol: endText.length,
                newText: `\n\n${bullet}${phrase}。`,
              },
            ],
          },
        }),
      );
    }
    return out;
  },
};
export default rule;
