// numbering-gap: a list at one outline level skips a number (（一）（二）（四）), does not start at one,
// or an item lost its number (an unnumbered paragraph between 10. and 12.: reported on that paragraph).
// The fix renumbers the rest of the list from the gap, or puts the lost number back.
import type { Finding } from '../types';
import type { RuleContext, RuleImpl } from './index';
import { finding } from './finding';
import { markerWithNumber, numberingModel, relatedOf, renumberFix } from './numbering-lists';
import { lineAt } from '../lines';

const rule: RuleImpl = {
  check(ctx: RuleContext): Finding[] {
    const model = numberingModel(ctx.plan);
    const { nodes, plan } = model;
    const out: Finding[] = [];
    const limit = ctx.limit ?? Infinity;
    let left = 0;
    for (const issue of model.issues) {
      if (issue.kind === 'duplicate') continue;
      if (out.length >= limit) {
        left++;
        continue;
      }
      const { list, pos, expected } = issue;
      const item = nodes[list.items[pos]];
      const want = markerWithNumber(item, expected);
      const prev = pos > 0 ? nodes[list.items[pos - 1]] : undefined;
      const related = issue.after
        ? [relatedOf(item, ctx.t('Previous item “{0}”', item.marker))]
        : [
            ...(prev ? [relatedOf(prev, ctx.t('Previous item “{0}”', prev.marker))] : []),
            relatedOf(item, ctx.t('Next item “{0}”', item.marker)),
          ];
      if (issue.lostLine !== undefined) {
        const lost = lineAt(plan, issue.lostLine);
        const col = lost.textCol;
        // its first clause, at most 30 characters (at least one)
        const endCol = Math.min(lost.text.length, col + Math.max(1, Math.min(lost.clauseEnd - col, 30)));
        // the separator the siblings use after their marker ("1. " or "1.")
        const sep = lineAt(plan, item.line).markerGap ? ' ' : '';
        const message = issue.after
          ? ctx.t('This item has lost its number: expected “{0}” (after “{1}”)', want, item.marker)
          : prev
            ? ctx.t('This item has lost its number: expected “{0}” (between “{1}” and “{2}”)', want, prev.marker, item.marker)
            : ctx.t('This item has lost its number: expected “{0}” (before “{1}”)', want, item.marker);
        out.push(
          finding('numbering-gap', { line: issue.lostLine, col, endCol }, message, {
            expected: want,
            related,
            fix: {
              title: ctx.t('Add the number “{0}”', want),
              edits: [{ line: issue.lostLine, col, endLine: issue.lostLine, endCol: col, newText: want + sep }],
            },
          }),
        );
        continue;
      }
      const message =
        issue.kind === 'start'
          ? ctx.t('The list starts at “{1}”: expected “{0}”', want, item.marker)
          : ctx.t('Numbering skips a number: expected “{0}” after “{2}”, found “{1}”', want, item.marker, prev?.marker ?? '');
      out.push(
        finding('numbering-gap', item, message, {
          expected: want,
          related,
          fix: renumberFix(ctx.t('Renumber this list from “{0}”', want), model, list, pos, expected),
        }),
      );
    }
    if (left) ctx.omit?.('numbering-gap', left);
    return out;
  },
};
export default rule;
