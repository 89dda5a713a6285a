// numbering-duplicate: a number repeats within one list (1. 1. 3.). Reported on the repeat, with the first
// occurrence as related information; the item after it is not reported again when the repeat explains it.
// The fix renumbers the list from the repeat.
import type { Finding } from '../types';
import type { RuleContext, RuleImpl } from './index';
import { markerWithNumber, numberingModel, relatedOf, renumberFix } from './numbering-lists';

const rule: RuleImpl = {
  check(ctx: RuleContext): Finding[] {
    const model = numberingModel(ctx.plan);
    const out: Finding[] = [];
    const limit = ctx.limit ?? Infinity;
    let left = 0;
    for (const issue of model.issues) {
      if (issue.kind !== 'duplicate' || issue.first === undefined) continue;
      if (out.length >= limit) {
        left++;
        continue;
      }
      const item = model.nodes[issue.list.items[issue.pos]];
      const first = model.nodes[issue.first];
      const want = markerWithNumber(item, issue.expected);
      out.push({
        rule: 'numbering-duplicate',
        severity: 'warning',
        line: item.line,
        col: item.col,
        endLine: item.line,
        endCol: item.endCol,
        message: ctx.t('Duplicate number “{0}” (already on line {1}): expected “{2}”', item.marker, first.line, want),
        expected: want,
        related: [relatedOf(first, ctx.t('First “{0}” of this list', first.marker))],
        fix: renumberFix(ctx.t('Renumber this list from “{0}”', want), model, issue.list, issue.pos, issue.expected),
      });
    }
    if (left) ctx.omit?.('numbering-duplicate', left);
    return out;
  },
};
export default rule;
