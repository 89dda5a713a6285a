// numbering-level: levels out of order, and markdown heading depths that disagree with the numbering.
// - A list that skips a level ("1." directly under "一、") where the document uses the skipped level
//   ("（一）") under that parent level elsewhere: reported on the list's first item.
// - Markdown plans: a numbered heading not deeper than its parent heading, or at another depth than most
//   of its siblings (ties go to the parent's depth + the usual step); a label heading ("主要目标：") that is
//   not one usual step below the numbered heading it belongs to.
import type { Finding, OutlineNode } from '../types';
import type { RuleContext, RuleImpl } from './index';
import { indentLength } from '../text';
import { isChapterText, partLabel } from '../domains';
import { majority, markerEdit, markerWithNumber, numberingModel, relatedOf, type NumberingModel } from './numbering-lists';

const rule: RuleImpl = {
  check(ctx: RuleContext): Finding[] {
    const model = numberingModel(ctx.plan);
    return [...skippedLevels(ctx, model), ...headingDepths(ctx, model)].sort((a, b) => a.line - b.line);
  },
};

function skippedLevels(ctx: RuleContext, model: NumberingModel): Finding[] {
  const { nodes, level, parent } = model;
  const out: Finding[] = [];
  // children per node, and per level the nodes standing directly under a node one level up
  const kids = new Map<number, number[]>();
  const under = new Map<number, number[]>();
  nodes.forEach((_, j) => {
    const pp = parent[j];
    if (level[j] === 0 || pp < 0) return;
    if (!kids.has(pp)) kids.set(pp, []);
    kids.get(pp)!.push(j);
    if (level[pp] === level[j] - 1 && !model.misfamily.has(j)) {
      if (!under.has(level[j])) under.set(level[j], []);
      under.get(level[j])!.push(j);
    }
  });
  // unnumbered headings (not labels) before each outline index, to count those between two nodes
  const headingsBefore = [0];
  nodes.forEach((o, j) => headingsBefore.push(headingsBefore[j] + (level[j] === 0 && !/[：:]$/.test(o.text) ? 1 : 0)));
  const templates = new Map<number, OutlineNode>();
  for (const list of model.lists) {
    const p = list.parent;
    if (p < 0) continue;
    const pl = level[p];
    if (list.level <= pl + 1) continue;
    const mid = pl + 1;
    // the skipped level, used directly under a node of the parent's level elsewhere
    const usedMid = under.get(mid) ?? [];
    if (!usedMid.length) continue;
    // an unnumbered heading between (a markdown heading that is not a label, or a domain heading) stands for the level
    if (headingsBefore[list.items[0]] - headingsBefore[p + 1] > 0) continue;
    const from = nodes[p].line;
    const to = nodes[list.items[0]].line;
    if (model.plan.domains.some((d) => d.line > from && d.line < to)) continue;
    // … and so does a 主要目标 / 策略措施 label (一、儿童与健康 / 主要目标： / (1) …)
    if (to - from < 400 && model.plan.lines.slice(from, to - 1).some((l) => partLabel(l) !== null)) continue;
    let template = templates.get(mid);
    if (!template) {
      const styleOf = (o: OutlineNode) => `${o.family}|${o.style}`;
      const common = majority(usedMid.map((j) => styleOf(nodes[j])));
      template = nodes[usedMid.find((j) => styleOf(nodes[j]) === common)!];
      templates.set(mid, template);
    }
    const first = nodes[list.items[0]];
    const want = markerWithNumber(template, first.number ?? 1);
    const hasChildren = list.items.some((i) => kids.has(i));
    const parentHasMid = (kids.get(p) ?? []).some((j) => level[j] === mid);
    const example = nodes[usedMid[0]];
    out.push({
      rule: 'numbering-level',
      severity: 'warning',
      line: first.line,
      col: first.col,
      endLine: first.line,
      endCol: first.endCol,
      message: ctx.t(
        '“{1}” directly under “{2}” skips a level (“{3}” is used under that level elsewhere): expected “{0}”',
        want,
        first.marker,
        nodes[p].marker,
        example.marker,
      ),
      expected: want,
      related: [
        relatedOf(nodes[p], ctx.t('Parent “{0}”', nodes[p].marker)),
        relatedOf(example, ctx.t('The level used elsewhere: “{0}”', example.marker)),
      ],
      fix:
        hasChildren || parentHasMid
          ? undefined
          : {
              title: ctx.t('Change to “{0}”', want) + (list.items.length > 1 ? ` (+${list.items.length - 1})` : ''),
              edits: list.items.map((i) => markerEdit(nodes[i], markerWithNumber(template, nodes[i].number ?? 1))),
            },
    });
  }
  return out;
}

function headingDepths(ctx: RuleContext, model: NumberingModel): Finding[] {
  const { nodes, level, parent, plan } = model;
  const out: Finding[] = [];
  const depth = (i: number) => nodes[i].mdDepth;
  const isMd = (i: number) => i >= 0 && nodes[i].mdDepth !== null && level[i] > 0;
  if (!nodes.some((o, i) => isMd(i))) return out;
  // Unnumbered structural headings are levels of their own: a domain heading written without its number
  // (### 儿童与健康), a part or chapter (## 第二部分 …).
  const domainNodes = new Set(plan.domains.map((d) => d.node));
  const structural = (i: number) =>
    i >= 0 && level[i] === 0 && nodes[i].mdDepth !== null && (domainNodes.has(i) || isChapterText(nodes[i].text));
  /** The heading a list's depth is measured from: its numbered parent, or a structural heading after it. */
  const depthParent = (p: number, first: number): number => {
    for (let k = first - 1; k > p && k >= 0; k--) {
      if (structural(k)) return k;
      if (level[k] > 0 && level[k] <= level[first]) break;
    }
    return p;
  };

  // The usual step from a numbered heading to its numbered child headings, per level (1 by default).
  const stepOf = new Map<number, number>();
  for (const L of new Set(level)) {
    const steps = nodes
      .map((_, i) => i)
      .filter((i) => level[i] === L && isMd(i) && isMd(parent[i]))
      .map((i) => depth(i)! - depth(parent[i])!)
      .filter((s) => s > 0);
    stepOf.set(L, majority(steps, (a, b) => a - b) ?? 1);
  }
  // Document-wide depth of each level (for top-level lists that tie).
  const depthOfLevel = new Map<number, number>();
  for (const L of new Set(level)) {
    const d = majority(
      nodes
        .map((_, i) => i)
        .filter((i) => level[i] === L && isMd(i))
        .map(depth) as number[],
      (a, b) => a - b,
    );
    if (d !== undefined) depthOfLevel.set(L, d);
  }

  const hashes = (o: OutlineNode) => {
    const text = plan.lines[o.line - 1] ?? '';
    const c = indentLength(text);
    return { col: c, endCol: c + (o.mdDepth ?? 0) };
  };
  const finding = (o: OutlineNode, want: number, message: string, related: Finding['related']): Finding => {
    const h = hashes(o);
    const expected = `${'#'.repeat(want)} ${o.marker || o.text}`;
    return {
      rule: 'numbering-level',
      severity: 'warning',
      line: o.line,
      col: h.col,
      endLine: o.line,
      endCol: o.number === null ? h.endCol : Math.max(h.endCol, o.endCol),
      message,
      expected,
      related,
      fix: {
        title: ctx.t('Change the heading to “{0}”', '#'.repeat(want)),
        edits: [{ line: o.line, col: h.col, endLine: o.line, endCol: h.endCol, newText: '#'.repeat(want) }],
      },
    };
  };
  const found = (o: OutlineNode) => `${'#'.repeat(o.mdDepth ?? 0)} ${o.marker || o.text}`;

  // Numbered headings, list by list.
  for (const list of model.lists) {
    const md = list.items.filter(isMd);
    if (!md.length) continue;
    const p = depthParent(list.parent, list.items[0]);
    let ref: number;
    const pd = isMd(p) || structural(p) ? depth(p)! : null;
    if (pd !== null) {
      const step = stepOf.get(list.level) ?? 1;
      const valid = md.map((i) => depth(i)!).filter((d) => d > pd);
      ref = valid.length
        ? majority(valid, (a, b) => Math.abs(a - pd - step) - Math.abs(b - pd - step) || a - b)!
        : Math.min(6, pd + step);
    } else {
      const usual = depthOfLevel.get(list.level);
      ref = majority(
        md.map((i) => depth(i)!),
        (a, b) => (usual !== undefined ? Number(a !== usual) - Number(b !== usual) : 0) || a - b,
      )!;
    }
    const example = md.find((i) => depth(i) === ref);
    for (const i of md) {
      const o = nodes[i];
      if (o.mdDepth === ref) continue;
      if (pd !== null && o.mdDepth! <= pd) {
        out.push(
          finding(
            o,
            ref,
            ctx.t(
              'Heading “{1}” is not deeper than its parent heading on line {2}: expected “{0}”',
              `${'#'.repeat(ref)} ${o.marker}`,
              found(o),
              nodes[p].line,
            ),
            [relatedOf(nodes[p], ctx.t('Parent heading “{0}”', found(nodes[p])))],
          ),
        );
      } else {
        out.push(
          finding(
            o,
            ref,
            ctx.t(
              'Heading depth differs from its siblings at this level: expected “{0}”, found “{1}”',
              `${'#'.repeat(ref)} ${o.marker}`,
              found(o),
            ),
            example !== undefined ? [relatedOf(nodes[example], ctx.t('A sibling heading: “{0}”', found(nodes[example])))] : [],
          ),
        );
      }
    }
  }

  // Label headings ("#### 主要目标：") between a numbered heading and its first child item.
  const labels: Array<{ x: number; p: number; step: number }> = [];
  let lastMd = -1;
  for (let i = 0; i < nodes.length; i++) {
    if (level[i] > 0 || structural(i)) {
      if (isMd(i) || structural(i)) lastMd = i;
      continue;
    }
    const x = nodes[i];
    if (x.mdDepth === null || lastMd < 0 || !/[：:]$/.test(x.text)) continue;
    let nx = i + 1;
    while (nx < nodes.length && level[nx] === 0) nx++;
    if (nx >= nodes.length || (parent[nx] !== lastMd && !(structural(lastMd) && parent[nx] < lastMd))) continue;
    labels.push({ x: i, p: lastMd, step: x.mdDepth - depth(lastMd)! });
  }
  const labelStep =
    majority(
      labels.map((l) => l.step).filter((s) => s > 0),
      (a, b) => a - b,
    ) ?? 1;
  for (const { x, p, step } of labels) {
    if (step === labelStep) continue;
    const o = nodes[x];
    const want = Math.min(6, depth(p)! + labelStep);
    out.push(
      finding(
        o,
        want,
        step <= 0
          ? ctx.t(
              'Heading “{1}” is not deeper than its parent heading on line {2}: expected “{0}”',
              `${'#'.repeat(want)} ${o.text}`,
              found(o),
              nodes[p].line,
            )
          : ctx.t(
              'Heading “{1}” skips a level below its parent heading on line {2}: expected “{0}”',
              `${'#'.repeat(want)} ${o.text}`,
              found(o),
              nodes[p].line,
            ),
        [relatedOf(nodes[p], ctx.t('Parent heading “{0}”', found(nodes[p])))],
      ),
    );
  }
  return out;
}

export default rule;
