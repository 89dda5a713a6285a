// Navigation from the parsed plan: the hierarchical outline (parts → domains → 主要目标/策略措施)
// and folding ranges for sections. Pure; ranges clamped to the document's lines.
import { DocumentSymbol, FoldingRange, FoldingRangeKind, SymbolKind } from 'vscode-languageserver';
import type { Locale, OutlineNode, PlanDocument } from '../core';
import { clampRange } from './convert';
import { msg } from './messages';

/** Last non-blank line (0-based) in [from, to], or `from` when all are blank. */
function trimEnd(lines: readonly string[], from: number, to: number): number {
  let e = Math.min(to, lines.length - 1);
  while (e > from && !(lines[e] ?? '').trim()) e--;
  return e;
}

function lineRange(lines: readonly string[], startLine0: number, endLine0: number) {
  return clampRange(lines, startLine0, 0, endLine0, Number.MAX_SAFE_INTEGER);
}

/** For each outline node, the 0-based last line of its section (up to the next node of the same or a higher level). */
export function sectionEnds(plan: PlanDocument): number[] {
  const lines = plan.lines;
  const out: number[] = new Array(plan.outline.length);
  const stack: number[] = []; // indices of open nodes, levels increasing
  const level = (n: OutlineNode) => (n.level > 0 ? n.level : (n.mdDepth ?? 9));
  for (let i = 0; i < plan.outline.length; i++) {
    const n = plan.outline[i];
    while (stack.length && level(plan.outline[stack[stack.length - 1]]) >= level(n)) {
      const j = stack.pop()!;
      out[j] = trimEnd(lines, plan.outline[j].line - 1, n.line - 2);
    }
    stack.push(i);
  }
  for (const j of stack) out[j] = trimEnd(lines, plan.outline[j].line - 1, lines.length - 1);
  return out;
}

function nodeName(n: OutlineNode): string {
  const s = `${n.marker}${n.text}`.trim();
  return s || '…';
}

export function documentSymbols(plan: PlanDocument, locale: Locale): DocumentSymbol[] {
  const lines = plan.lines;
  if (!plan.isPlan) return [];
  const ends = sectionEnds(plan);
  const domainByNode = new Map<number, (typeof plan.domains)[number]>();
  for (const d of plan.domains) domainByNode.set(d.node, d);

  const domainSymbol = (d: (typeof plan.domains)[number]): DocumentSymbol => {
    const range = lineRange(lines, d.line - 1, Math.max(d.line - 1, d.endLine - 1));
    const selectionRange = clampRange(lines, d.line - 1, d.col, d.line - 1, d.endCol);
    const children: DocumentSymbol[] = [];
    const part = (p: { start: number; end: number } | null, key: 'symbolGoals' | 'symbolMeasures', kind: SymbolKind) => {
      if (!p) return;
      const r = lineRange(lines, p.start - 1, Math.max(p.start - 1, p.end - 1));
      children.push({
        name: msg(locale, key),
        kind,
        range: r,
        selectionRange: lineRange(lines, p.start - 1, p.start - 1),
        children: [],
      });
    };
    part(d.goals, 'symbolGoals', SymbolKind.Number);
    part(d.measures, 'symbolMeasures', SymbolKind.Event);
    return {
      name: d.label || d.domain,
      detail: d.domain,
      kind: SymbolKind.Module,
      range,
      selectionRange: containedIn(selectionRange, range),
      children,
    };
  };

  const top: DocumentSymbol[] = [];
  let currentPart: DocumentSymbol | null = null;
  let partEnd = -1;
  const usedDomains = new Set<number>();
  for (let i = 0; i < plan.outline.length; i++) {
    const n = plan.outline[i];
    const d = domainByNode.get(i);
    const line0 = n.line - 1;
    if (currentPart && line0 > partEnd) currentPart = null;
    if (d) {
      usedDomains.add(i);
      (currentPart ? currentPart.children! : top).push(domainSymbol(d));
      continue;
    }
    if (n.level === 1 || (n.level === 0 && n.mdDepth !== null && n.mdDepth <= 2 && !currentPart)) {
      const range = lineRange(lines, line0, Math.max(line0, ends[i]));
      const sel = clampRange(lines, line0, n.col, line0, Math.max(n.endCol, (lines[line0] ?? '').length));
      currentPart = {
        name: nodeName(n),
        kind: SymbolKind.Namespace,
        range,
        selectionRange: containedIn(sel, range),
        children: [],
      };
      partEnd = range.end.line;
      top.push(currentPart);
    } else if (n.level === 2 && n.heading && currentPart) {
      const range = lineRange(lines, line0, Math.max(line0, ends[i]));
      const sel = clampRange(lines, line0, n.col, line0, Math.max(n.endCol, (lines[line0] ?? '').length));
      currentPart.children!.push({
        name: nodeName(n),
        kind: SymbolKind.String,
        range,
        selectionRange: containedIn(sel, range),
        children: [],
      });
    }
  }
  // Domains whose heading node is not in the outline (defensive): list them at the top level.
  for (const d of plan.domains) if (!usedDomains.has(d.node)) top.push(domainSymbol(d));
  // A part's range must contain its children's.
  for (const p of top) for (const c of p.children ?? []) p.range = union(p.range, c.range);
  return top;
}

type R = DocumentSymbol['range'];
const lePos = (a: R['start'], b: R['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
function union(a: R, b: R): R {
  return { start: lePos(a.start, b.start) ? a.start : b.start, end: lePos(a.end, b.end) ? b.end : a.end };
}
function containedIn(sel: R, range: R): R {
  if (lePos(range.start, sel.start) && lePos(sel.end, range.end)) return sel;
  return { start: range.start, end: range.start };
}

export function foldingRanges(plan: PlanDocument): FoldingRange[] {
  if (!plan.isPlan) return [];
  const lines = plan.lines;
  const byStart = new Map<number, FoldingRange>();
  const add = (start0: number, end0: number, kind?: FoldingRangeKind) => {
    const last = lines.length - 1;
    if (start0 < 0 || start0 > last) return;
    const end = Math.min(end0, last);
    if (end <= start0) return;
    const prev = byStart.get(start0);
    if (!prev || prev.endLine < end)
      byStart.set(start0, kind ? { startLine: start0, endLine: end, kind } : { startLine: start0, endLine: end });
  };
  const ends = sectionEnds(plan);
  plan.outline.forEach((n, i) => add(n.line - 1, ends[i]));
  for (const d of plan.domains) {
    add(d.line - 1, trimEnd(lines, d.line - 1, d.endLine - 1));
    if (d.goals) add(d.goals.start - 1, trimEnd(lines, d.goals.start - 1, d.goals.end - 1));
    if (d.measures) add(d.measures.start - 1, trimEnd(lines, d.measures.start - 1, d.measures.end - 1));
  }
  for (const r of plan.noise) if (r.kind === 'toc' || r.kind === 'table') add(r.start - 1, r.end - 1, FoldingRangeKind.Region);
  return [...byStart.values()].sort((a, b) => a.startLine - b.startLine);
}
