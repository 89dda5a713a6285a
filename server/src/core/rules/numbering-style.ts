// numbering-style: one level mixes marker styles: （二） beside (二), 1. beside 1、, or "2、" where 二、 belongs
// (a marker of another family in a level-1 slot). The style used most at that level in the document wins;
// each run of minority items in a list is reported once, on its first item, and fixed as a whole.
import type { Finding, MarkerFamily, OutlineNode } from '../types';
import type { RuleContext, RuleImpl } from './index';
import { majority, markerEdit, markerInStyle, markerWithNumber, numberingModel, relatedOf } from './numbering-lists';

/** Styles a family can take, the preferred one (GB/T 9704) first: it wins a tie. */
const STYLES: Partial<Record<MarkerFamily, string[]>> = {
  cn: ['、', '．', '.', '，', ','],
  'paren-cn': ['full', 'half', 'mixed'],
  arabic: ['.', '．', '、'],
  'paren-arabic': ['full', 'half', 'mixed'],
};

const rule: RuleImpl = {
  check(ctx: RuleContext): Finding[] {
    const model = numberingModel(ctx.plan);
    const { nodes } = model;
    const out: Finding[] = [];

    // "2、" where 二、 belongs.
    for (const [i, a] of model.misfamily) {
      const x = nodes[i];
      const want = markerWithNumber(nodes[a], x.number ?? 0);
      out.push({
        rule: 'numbering-style',
        severity: 'warning',
        line: x.line,
        col: x.col,
        endLine: x.line,
        endCol: x.endCol,
        message: ctx.t('“{1}” stands where a level-{2} marker belongs: expected “{0}”', want, x.marker, model.level[i]),
        expected: want,
        related: [relatedOf(nodes[a], ctx.t('Previous item at this level “{0}”', nodes[a].marker))],
        fix: { title: ctx.t('Change to “{0}”', want), edits: [markerEdit(x, want)] },
      });
    }

    // The majority style of each family, over the whole document.
    const major = new Map<MarkerFamily, string>();
    for (const [fam, styles] of Object.entries(STYLES) as Array<[MarkerFamily, string[]]>) {
      const used = nodes
        .filter((o, i) => o.family === fam && o.number !== null && !model.misfamily.has(i))
        .map((o) => normStyle(o));
      const m = majority(used, (a, b) => rank(styles, a) - rank(styles, b));
      if (m !== undefined) major.set(fam, m === 'mixed' ? 'full' : m === '，' || m === ',' ? '、' : m);
    }

    // the first node written in the majority style, per family
    const examples = new Map<MarkerFamily, OutlineNode>();
    nodes.forEach((o, i) => {
      if (!examples.has(o.family) && major.get(o.family) === normStyle(o) && !model.misfamily.has(i)) examples.set(o.family, o);
    });
    for (const list of model.lists) {
      let run: OutlineNode[] = [];
      const flush = () => {
        if (!run.length) return;
        const first = run[0];
        const style = major.get(first.family)!;
        const want = markerInStyle(first, style);
        const example =
          list.items.map((i) => nodes[i]).find((o) => normStyle(o) === style && o.family === first.family) ??
          examples.get(first.family);
        out.push({
          rule: 'numbering-style',
          severity: 'warning',
          line: first.line,
          col: first.col,
          endLine: first.line,
          endCol: first.endCol,
          message:
            run.length > 2
              ? ctx.t(
                  'Numbering style differs from the rest of this level: expected “{0}”, found “{1}” (and {2} more items)',
                  want,
                  first.marker,
                  run.length - 1,
                )
              : run.length === 2
                ? ctx.t(
                    'Numbering style differs from the rest of this level: expected “{0}”, found “{1}” (and 1 more item)',
                    want,
                    first.marker,
                  )
                : ctx.t('Numbering style differs from the rest of this level: expected “{0}”, found “{1}”', want, first.marker),
          expected: want,
          related: [
            ...run.slice(1).map((o) => relatedOf(o, ctx.t('Same style: “{0}”', o.marker))),
            ...(example ? [relatedOf(example, ctx.t('The style used at this level: “{0}”', example.marker))] : []),
          ],
          fix: {
            title: ctx.t('Change to “{0}”', want) + (run.length > 1 ? ` (+${run.length - 1})` : ''),
            edits: run.map((o) => markerEdit(o, markerInStyle(o, style))),
          },
        });
        run = [];
      };
      for (const i of list.items) {
        const o = nodes[i];
        const style = major.get(o.family);
        if (
          model.misfamily.has(i) ||
          style === undefined ||
          normStyle(o) === style ||
          (run.length && run[0].family !== o.family)
        ) {
          flush();
          if (model.misfamily.has(i) || style === undefined || normStyle(o) === style) continue;
        }
        run.push(o);
      }
      flush();
    }
    return out;
  },
};

function normStyle(o: OutlineNode): string {
  return o.family === 'cn' && o.style === ',' ? '，' : o.style;
}

function rank(styles: string[], s: string): number {
  const i = styles.indexOf(s);
  return i < 0 ? styles.length : i;
}

export default rule;
