// numbering-gap: a list at one outline level skips a number (（一）（二）（四）), does not start at one,
// or an item lost its number (an unnumbered paragraph between 10. and 12.: reported on that paragraph).
// The fix renumbers the rest of the list from the gap, or puts the lost number back.
import type { Finding } from '../types';
import type { RuleContext, RuleImpl } from './index';
import { markerWithNumber, numberingModel, relatedOf, renumberFix, textStart } from './numbering-lists';

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
        const text = plan.lines[issue.lostLine - 1] ?? '';
        const col = textStart(text);
        const clause = /^[^。，；：,;:]*[。，；：,;:]?/.exec(text.slice(col))?.[0] ?? '';
        const endCol = Math.min(text.length, col + Math.max(1, Math.min(clause.length, 30)));
        // the separator the siblings use after their marker ("1. " or "1.")
        const sep = /^[ \t\u3000]/.test(plan.lines[item.line - 1]?.slice(item.endCol) ?? '') ? ' ' : '';
        out.push({
          rule: 'numbering-gap',
          severity: 'warning',
          line: issue.lostLine,
          col,
          endLine: issue.lostLine,
          endCol,
          message: issue.after
            ? ctx.t('This item has lost its number: expected “{0}” (after “{1}”)', want, item.marker)
            : prev
              ? ctx.t('This item has lost its number: expected “{0}” (between “{1}” and “{2}”)', want, prev.marker, item.marker)
              : ctx.t('This item has lost its number: expected “{0}” (before “{1}”)', want, item.marker),
          expected: want,
          related,
          fix: {
            title: ctx.t('Add the number “{0}”', want),
            edits: [{ line: issue.lostLine, col, endLine: issue.lostLine, endCol: col, newText: want + sep }],
          },
        });
        continue;
      }
      out.push({
        rule: 'numbering-gap',
        severity: 'warning',
        line: item.line,
        col: item.col,
        endLine: item.line,
        endCol: item.endCol,
        message:
          issue.kind === 'start'
            ? ctx.t('The list starts at “{1}”: expected “{0}”', want, item.marker)
            : ctx.t('Numbering skips a number: expected “{0}” after “{2}”, found “{1}”', want, item.marker, prev?.marker ?? ''),
        expected: want,
        related,
        fix: renumberFix(ctx.t('Renumber this list from “{0}”', want), model, list, pos, expected),
      });
    }
    if (left) ctx.omit?.('numbering-gap', left);
    return out;
  },
};
export default rule;
