// Shared by the four numbering rules: the outline nodes grouped into sibling lists, and the sequence
// problems of each list (gaps, duplicates, a lost number), computed once per PlanDocument.
//
// A sibling list = the nodes of one level under the same parent (the last node of a smaller level).
// A list restarts legitimately at 1 under the same parent (主要目标 1… then 策略措施 1…): a "1" that is
// not explained as a duplicate (1. 1. 3.) opens a new list. A marker of another family standing in a
// higher level's slot ("2、" between 一、 and 三、) is counted at that level (numbering-style reports it).
// Invariants: reads only the PlanDocument (plan.outline, and plan.lineModel for the lines between siblings);
// never throws on any outline; every edit it builds lies inside one line.
import type { FindingFix, MarkerFamily, OutlineNode, PlanDocument, RelatedInfo, TextEdit } from '../types';
import { numberToCircled, numberToCn } from '../text';
import { lineAt, lineCount } from '../lines';

export interface SiblingList {
  /** Effective outline level (1 一、 … 5 ①). */
  level: number;
  family: MarkerFamily;
  /** Outline index of the parent node, -1 at the top. */
  parent: number;
  /** Outline indices of the items, in document order. */
  items: number[];
}

export interface SequenceIssue {
  /** 'start': the list does not start at 1; 'gap': a number skipped; 'duplicate': a number repeated. */
  kind: 'start' | 'gap' | 'duplicate';
  list: SiblingList;
  /** Position in list.items of the item reported (for a lost number: the item after it). */
  pos: number;
  /** The number that belongs at `pos` (or on the lost line). */
  expected: number;
  /** Duplicate: outline index of the earlier item with the same number. */
  first?: number;
  /** A plain line between the siblings that lost its number, when exactly one can be located. */
  lostLine?: number;
  /** The lost line comes after the item at `pos` (the list's last item), not before it. */
  after?: boolean;
}

export interface NumberingModel {
  plan: PlanDocument;
  nodes: OutlineNode[];
  /** Effective level per outline index (0: unnumbered markdown heading). */
  level: number[];
  /** Parent outline index per node (-1: none). */
  parent: number[];
  lists: SiblingList[];
  /** Index into `lists` per outline index, -1 for unnumbered nodes. */
  listOf: number[];
  /** Nodes written in another family than the level they stand at (2、 where 二、 belongs) → a sibling to copy. */
  misfamily: Map<number, number>;
  issues: SequenceIssue[];
}

const cache = new WeakMap<PlanDocument, NumberingModel>();

export function numberingModel(plan: PlanDocument): NumberingModel {
  let m = cache.get(plan);
  if (!m) {
    m = build(plan);
    cache.set(plan, m);
  }
  return m;
}

function build(plan: PlanDocument): NumberingModel {
  const nodes = plan.outline;
  const n = nodes.length;
  const level = nodes.map((o) => (o.number === null ? 0 : o.level));
  const misfamily = new Map<number, number>();

  // 1. A marker of another family in a higher level's slot: 一、 … "2、" … 三、.
  const open: number[] = []; // the chain of open ancestors (effective levels), as in step 2
  for (let i = 0; i < n; i++) {
    if (level[i] === 0) continue;
    const x = nodes[i];
    // It must open its would-be list (no sibling of its level since its structural parent) …
    let hasSibling = false;
    while (open.length && level[open[open.length - 1]] >= level[i]) {
      if (level[open[open.length - 1]] === level[i]) hasSibling = true;
      open.pop();
    }
    if (level[i] >= 2 && x.number !== null && x.number !== 1 && !hasSibling) {
      // … and have no following sibling either.
      const q = forward(level, i, level[i]);
      if (!(q >= 0 && level[q] === level[i] && nodes[q].family === x.family)) {
        for (let L = 1; L < level[i]; L++) {
          const a = neighbour(level, i, L, -1);
          if (a < 0) continue;
          const A = nodes[a];
          if (A.family === x.family || A.number === null || A.number + 1 !== x.number) continue;
          const b = neighbour(level, i, L, 1);
          const okAfter = b >= 0 ? nodes[b].number === x.number + 1 && nodes[b].family === A.family : x.heading && A.heading;
          if (!okAfter) continue;
          level[i] = L;
          misfamily.set(i, a);
          // its would-be ancestors deeper than L are closed too
          while (open.length && level[open[open.length - 1]] >= L) open.pop();
          break;
        }
      }
    }
    open.push(i);
  }

  // 2. Parents.
  const parent = new Array<number>(n).fill(-1);
  const stack: number[] = [];
  for (let i = 0; i < n; i++) {
    if (level[i] === 0) continue;
    while (stack.length && level[stack[stack.length - 1]] >= level[i]) stack.pop();
    parent[i] = stack.length ? stack[stack.length - 1] : -1;
    stack.push(i);
  }

  // 3. Raw groups: same parent, same level, in order. A domain heading without a number is a level of its
  // own: the lists under two such headings are not one list.
  // Its level: one below the numbered heading the domains stand under (二、发展领域…).
  const unnumberedDomains = plan.domains
    .filter((d) => d.node < 0 || nodes[d.node]?.number === null)
    .map((d) => d.line)
    .sort((a, b) => a - b);
  /** how many unnumbered domain headings stand strictly between lines `from` and `to` (binary searches: no scan per node) */
  const domainsBetween = (from: number, to: number) =>
    Math.max(0, firstAbove(unnumberedDomains, to - 1) - firstAbove(unnumberedDomains, from));
  let domainLevel = 1;
  if (plan.domains.length) {
    for (let i = 0; i < n && nodes[i].line < plan.domains[0].line; i++)
      if (level[i] > 0 && nodes[i].heading) domainLevel = level[i] + 1;
  }
  const groups = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    if (level[i] === 0) continue;
    const from = parent[i] >= 0 ? nodes[parent[i]].line : 0;
    const barrier = level[i] < domainLevel ? 0 : domainsBetween(from, nodes[i].line);
    const key = `${parent[i]}|${level[i]}|${barrier}`;
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  }

  // 4. Sequence analysis, splitting each group at legitimate restarts.
  const lists: SiblingList[] = [];
  const issues: SequenceIssue[] = [];
  const ordered = [...groups.values()].sort((a, b) => a[0] - b[0]);
  for (const g of ordered) analyse(plan, nodes, level, parent, g, lists, issues);
  for (const l of lists) {
    const lost = locateLostLast(plan, nodes, level, l);
    if (lost !== undefined) {
      const last = nodes[l.items[l.items.length - 1]];
      issues.push({
        kind: 'gap',
        list: l,
        pos: l.items.length - 1,
        expected: (last.number ?? 0) + 1,
        lostLine: lost,
        after: true,
      });
    }
  }
  lists.sort((a, b) => a.items[0] - b.items[0]);
  const listOf = new Array<number>(n).fill(-1);
  lists.forEach((l, li) => l.items.forEach((i) => (listOf[i] = li)));
  return { plan, nodes, level, parent, lists, listOf, misfamily, issues };
}

/** Walks are bounded so that a pathological outline stays linear. */
const MAX_WALK = 2000;

/** The nearest node of level L before (dir -1) or after (dir 1) i with no node of a smaller level between; -1 if none. */
function neighbour(level: number[], i: number, L: number, dir: 1 | -1): number {
  for (let k = i + dir, steps = 0; k >= 0 && k < level.length && steps < MAX_WALK; k += dir, steps++) {
    if (level[k] === 0 || level[k] > L) continue;
    return level[k] === L ? k : -1;
  }
  return -1;
}

/** The next node after i of level ≤ L (skipping unnumbered headings and deeper nodes); -1 if none. */
function forward(level: number[], i: number, L: number): number {
  for (let k = i + 1, steps = 0; k < level.length && steps < MAX_WALK; k++, steps++) {
    if (level[k] === 0 || level[k] > L) continue;
    return k;
  }
  return -1;
}

function analyse(
  plan: PlanDocument,
  nodes: OutlineNode[],
  level: number[],
  parent: number[],
  group: number[],
  lists: SiblingList[],
  issues: SequenceIssue[],
): void {
  const num = (i: number) => nodes[i].number ?? 0;
  // the first item of the current list with each number: a duplicate finds its first in O(1)
  let firstOf = new Map<number, number>();
  const newList = (i: number): SiblingList => {
    const fam = nodes[i].family;
    const l: SiblingList = { level: level[i], family: fam, parent: parent[i], items: [i] };
    lists.push(l);
    firstOf = new Map([[num(i), i]]);
    return l;
  };
  const push = (l: SiblingList, i: number) => {
    l.items.push(i);
    if (!firstOf.has(num(i))) firstOf.set(num(i), i);
  };
  let cur = newList(group[0]);
  const start = (l: SiblingList, before: number) => {
    const first = l.items[0];
    const from = before >= 0 ? nodes[before].line : 0;
    // "主要目标：1.……" carries the first item on the label line
    if (num(first) > 1 && !inlineItem(plan, from, nodes[first].line, num(first) - 1)) {
      const lost = num(first) === 2 ? locateLost(plan, nodes, l, before, first) : undefined;
      issues.push({ kind: 'start', list: l, pos: 0, expected: 1, lostLine: lost });
    }
  };
  start(cur, parent[group[0]]);
  let prev = num(group[0]);
  for (let k = 1; k < group.length; k++) {
    const i = group[k];
    const v = num(i);
    const e = prev + 1;
    const next = k + 1 < group.length ? num(group[k + 1]) : undefined;
    if (v === e) {
      push(cur, i);
      prev = v;
      continue;
    }
    if (v > e) {
      push(cur, i);
      const pos = cur.items.length - 1;
      if (next === e + 1) {
        // Only this item is off (1. 2. 4. 4. 5.): the rest follow the right sequence.
        issues.push({ kind: 'gap', list: cur, pos, expected: e });
        prev = e;
      } else {
        const lost = v === e + 1 ? locateLost(plan, nodes, cur, group[k - 1], i) : undefined;
        issues.push({ kind: 'gap', list: cur, pos, expected: e, lostLine: lost });
        prev = v;
      }
      continue;
    }
    // v < e: a restart, a new list that lost its first number(s), or a duplicate.
    // After a longer list, "1" restarts unless it sits in the slot (1. 2. 1. 4.); after "1." alone, it restarts
    // when a new list follows (1. | 1. 2.) or a label separates them (主要目标：1. 策略措施：1.).
    // labels count only after the previous item's own sub-lists (the last numbered line before this one)
    let before = i - 1;
    while (before > 0 && level[before] === 0) before--;
    const lineBefore = before >= 0 ? nodes[before].line : 0;
    const restart = v === 1 && (prev >= 2 ? next !== e + 1 : next === 2 || labelBetween(plan, lineBefore, nodes[i].line));
    if (restart) {
      cur = newList(i);
      prev = 1;
      continue;
    }
    if (
      v !== 1 &&
      v <= prev &&
      (inlineItem(plan, lineBefore, nodes[i].line, v - 1) || labelBetween(plan, lineBefore, nodes[i].line))
    ) {
      // 1 … 10, 策略措施：, 2. 3. …: the second list lost its "1.".
      cur = newList(i);
      start(cur, group[k - 1]);
      prev = v;
      continue;
    }
    const first = firstOf.get(v);
    push(cur, i);
    const pos = cur.items.length - 1;
    issues.push(
      first !== undefined
        ? { kind: 'duplicate', list: cur, pos, expected: e, first }
        : { kind: 'gap', list: cur, pos, expected: e },
    );
    prev = next === e + 1 ? e : v;
  }
}

/** A label line such as "策略措施：" (or a markdown heading) between two lines. */
function labelBetween(plan: PlanDocument, from: number, to: number): boolean {
  for (let l = from + 1; l < to; l++) {
    const row = lineAt(plan, l);
    if (row.labelLine || row.part !== null || row.mdDepth !== null) return true;
  }
  return false;
}

/** A label line that carries an item numbered n after its colon ("策略措施：1.加大……"), between two lines. */
function inlineItem(plan: PlanDocument, from: number, to: number, n: number): boolean {
  for (let l = from + 1; l < to; l++) if (lineAt(plan, l).inlineItem === n) return true;
  return false;
}

interface Shape {
  titles: boolean;
  leads: boolean;
  md: boolean;
  /** Markdown depths of the items (a lost one has one of them). */
  depths: number[];
  /** Some items end with a colon (so a lost one may too). */
  colons: boolean;
  indents: number[];
}

/** What the items of a list look like: titles or prose, led by a short title sentence, markdown headings, indentation. */
function shapeOf(plan: PlanDocument, sibs: OutlineNode[]): Shape {
  const titles = sibs.filter((o) => o.heading).length * 2 > sibs.length;
  return {
    titles,
    // items led by a short title sentence ("加强教师队伍建设。完善……"): a lost one is too
    leads: !titles && sibs.filter((o) => lineAt(plan, o.line).leadSentence).length * 3 >= sibs.length * 2,
    md: sibs.every((o) => o.mdDepth !== null),
    depths: sibs.map((o) => o.mdDepth ?? 0),
    colons: sibs.some((o) => lineAt(plan, o.line).colonEnd),
    indents: sibs.map((o) => lineAt(plan, o.line).indentWidth),
  };
}

/**
 * The paragraph starts strictly between lines `from` and `to` that are not numbered outline lines: after a
 * blank line, a heading line or a finished sentence; not bullets or labels. With `shape`, only those that
 * look like an item of that shape.
 */
function paragraphs(
  plan: PlanDocument,
  nodes: OutlineNode[],
  from: number,
  fromNode: OutlineNode | undefined,
  to: number,
  shape?: Shape,
): number[] {
  const nodeAt = (l: number): OutlineNode | undefined => {
    const k = lineAt(plan, l).node;
    return k >= 0 ? nodes[k] : undefined;
  };
  const found: number[] = [];
  for (let l = from + 1; l < to; l++) {
    const row = lineAt(plan, l);
    if (row.kind === 'blank' || row.noise !== null || row.domain !== null) continue;
    const o = nodeAt(l);
    if (o && o.number !== null) continue;
    // bullets, asides, labels ("策略措施：", "主要目标：到2025年……", "策略措施：1.……")
    if (row.bullet || row.aside || row.labelLine || row.inlineItem !== null || row.part !== null || row.colonLead) continue;
    // a paragraph start: the previous non-blank line ends a sentence or is a heading (a line broken
    // mid-sentence, even across a blank line or a page break, continues; so does a line after one that
    // fills the width a PDF copy was wrapped at)
    let pl = l - 1;
    while (pl > 0 && (lineAt(plan, pl).kind === 'blank' || (pl > from && lineAt(plan, pl).noise !== null))) pl--;
    const prev = pl > 0 ? lineAt(plan, pl) : null;
    if (pl >= from && prev && prev.wrapped) continue;
    const prevNode = pl === from ? fromNode : nodeAt(pl);
    if (
      prev &&
      prev.kind !== 'blank' &&
      !(prevNode && prevNode.heading) &&
      !prev.finished &&
      !(pl < from || (!prevNode && prev.titleLike && prev.endCol - prev.col <= 16))
    )
      continue;
    if (shape) {
      if (shape.md !== (o !== undefined) || !row.hasHan) continue;
      if (o && !shape.depths.includes(o.mdDepth ?? 0)) continue;
      if (row.colonEnd && !shape.colons) continue;
      if (shape.titles ? !row.titleLike : row.titleLike && row.content.length <= 8) continue;
      if (shape.leads && !row.leadSentence) continue;
    }
    found.push(l);
  }
  return found;
}

/** Keeps the lines indented like every sibling. */
function sameIndent(plan: PlanDocument, lines: number[], shape: Shape): number[] {
  return lines.filter((l) => shape.indents.every((c) => c === lineAt(plan, l).indentWidth));
}

/**
 * The plain line between `before` (outline index or -1) and `item` that lost its number, when exactly one line
 * looks like a sibling (or exactly one of several is indented like the siblings).
 */
function locateLost(
  plan: PlanDocument,
  nodes: OutlineNode[],
  list: SiblingList,
  before: number,
  item: number,
): number | undefined {
  const from = before >= 0 ? nodes[before].line : 0;
  const to = nodes[item].line;
  if (to - from > 200) return undefined;
  const sibs = [...list.items.filter((i) => i !== item), item].map((i) => nodes[i]);
  const shape = shapeOf(plan, sibs);
  const found = paragraphs(plan, nodes, from, before >= 0 ? nodes[before] : undefined, to, shape);
  if (found.length > 1) {
    const same = sameIndent(plan, found, shape);
    if (same.length === 1) return same[0];
  }
  return found.length === 1 ? found[0] : undefined;
}

/**
 * The last item of a list lost its number: between the items, no paragraph looks like an item (same shape,
 * an indentation the items use), so the first such paragraph after the last item, before the list's scope
 * ends, is the lost one.
 */
function locateLostLast(plan: PlanDocument, nodes: OutlineNode[], level: number[], list: SiblingList): number | undefined {
  if (list.items.length < 2) return undefined;
  const sibs = list.items.map((i) => nodes[i]);
  const shape = shapeOf(plan, sibs);
  const indents = new Set(shape.indents);
  const itemLike = (from: OutlineNode, to: number) =>
    paragraphs(plan, nodes, from.line, from, to, shape).filter((l) => indents.has(lineAt(plan, l).indentWidth));
  for (let k = 1; k < list.items.length; k++) {
    if (itemLike(sibs[k - 1], sibs[k].line).length) return undefined; // the shape does not tell items from prose
  }
  // the scope of the last item: up to the next node of its level or above (or an unnumbered heading)
  const last = list.items[list.items.length - 1];
  let end = last + 1;
  while (end < nodes.length && level[end] > list.level) end++;
  let to = Math.min(end < nodes.length ? nodes[end].line : lineCount(plan) + 1, nodes[last].line + 300);
  // the document's trailer (公开方式, 抄送, the issuer, the date) is not part of any list
  for (let l = nodes[last].line + 1; l < to; l++) if (lineAt(plan, l).trailer) to = l;
  const found = itemLike(nodes[last], to)[0];
  if (found === undefined) return undefined;
  // siblings that are titles have bodies: the first paragraph after the last title is its body, and a
  // sentence (…。) is not a lost title when no sibling title ends like one
  if (sibs.every((x) => x.heading)) {
    let first = nodes[last].line + 1;
    while (first < found && lineAt(plan, first).kind === 'blank') first++;
    if (first === found) return undefined;
    if (lineAt(plan, found).sentenceEnd && !sibs.some((x) => lineAt(plan, x.line).sentenceEnd)) return undefined;
  }
  // items with sub-lists: the lost one is followed by its own sub-list, which restarts at 1
  const kidOf = (i: number) => {
    let j = i + 1;
    while (j < nodes.length && level[j] === 0) j++;
    return j < nodes.length && level[j] > list.level;
  };
  const withKids = list.items.filter(kidOf).length * 2 >= list.items.length;
  if (!withKids) {
    // prose after the last item's own sub-items belongs to them ("三、… （一）… 各部门按职责落实。"):
    // only a paragraph before any child of the last item can be a sibling that lost its number
    for (let j = last + 1; j < end && nodes[j].line < found; j++) if (level[j] > list.level) return undefined;
  }
  if (withKids) {
    // … and the last item keeps its own sub-list before it
    let own = last + 1;
    while (own < nodes.length && level[own] === 0) own++;
    if (own >= nodes.length || level[own] <= list.level || nodes[own].line > found) return undefined;
    let k = own;
    while (k < nodes.length && (nodes[k].line < found || level[k] === 0)) k++;
    if (k >= nodes.length || level[k] <= list.level || nodes[k].number !== 1) return undefined;
  }
  return found;
}

// ---- markers and edits -------------------------------------------------------------------------

const RE_CN_NUM = /[一二三四五六七八九十百零〇两]+/;
const FW_DIGITS = '０１２３４５６７８９';

/** The node's marker as written, with another number (（三） → （四）, 3. → 4., １０． → １１．). */
export function markerWithNumber(node: OutlineNode, n: number): string {
  const m = node.marker;
  switch (node.family) {
    case 'cn':
    case 'paren-cn':
      return m.replace(RE_CN_NUM, numberToCn(n));
    case 'arabic':
    case 'paren-arabic':
      return m.replace(/[0-9０-９]+/, (d) =>
        /[０-９]/.test(d) ? String(n).replace(/\d/g, (c) => FW_DIGITS[Number(c)]) : String(n),
      );
    case 'circled':
      return numberToCircled(n);
    default:
      return m;
  }
}

/** The node's marker in another style: bracket width ('full'/'half') or punctuation ('.', '、', '．'). */
export function markerInStyle(node: OutlineNode, style: string): string {
  const m = node.marker;
  if (node.family === 'paren-cn' || node.family === 'paren-arabic') {
    const inner = m.slice(1, -1);
    return style === 'half' ? `(${inner})` : `（${inner}）`;
  }
  if (node.family === 'cn' || node.family === 'arabic') return m.slice(0, -1) + style;
  return m;
}

export function markerEdit(node: OutlineNode, newText: string): TextEdit {
  return { line: node.line, col: node.col, endLine: node.line, endCol: node.endCol, newText };
}

/** Edits that renumber list.items[pos..] as start, start+1, … (only the items whose number is off). */
export function renumberEdits(model: NumberingModel, list: SiblingList, pos: number, start: number): TextEdit[] {
  const edits: TextEdit[] = [];
  for (let p = pos; p < list.items.length; p++) {
    const o = model.nodes[list.items[p]];
    const want = start + (p - pos);
    if (o.number !== want) edits.push(markerEdit(o, markerWithNumber(o, want)));
  }
  return edits;
}

/**
 * The fix that renumbers list.items[pos..] from `start`. Its edits are computed when first read (a code
 * action asks for them), not when the finding is made: a list of n repeated numbers has n findings, and
 * carrying every renumbering in every finding would cost n² (10,000 lines of "（1）"). `maxEdits` bounds
 * their number without computing them.
 */
export function renumberFix(title: string, model: NumberingModel, list: SiblingList, pos: number, start: number): FindingFix {
  let edits: TextEdit[] | undefined;
  return {
    title,
    maxEdits: Math.max(0, list.items.length - pos),
    get edits(): TextEdit[] {
      edits ??= renumberEdits(model, list, pos, start);
      return edits;
    },
  };
}

export function relatedOf(node: OutlineNode, message: string): RelatedInfo {
  return { line: node.line, col: node.col, endCol: node.endCol, message };
}

/** Most frequent value; ties go to the one seen first (or to `prefer` when it is among the tied). */
export function majority<T>(values: T[], prefer?: (a: T, b: T) => number): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: T | undefined;
  let bestN = 0;
  for (const [v, c] of counts) {
    if (c > bestN || (c === bestN && prefer && best !== undefined && prefer(v, best) < 0)) {
      best = v;
      bestN = c;
    }
  }
  return best;
}

/** The index of the first element of the ascending `xs` greater than `x` (xs.length when none). */
function firstAbove(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
