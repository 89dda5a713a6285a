// Semantic tokens of a plan: its structure (domain headings, 主要目标 / 策略措施 labels, outline markers)
// and every target value with its verdict against the upstream plans (from compare.ts, never re-derived).
// Pure and total. Editors get these as LSP semantic tokens (lsp/semantic.ts); the encoding and the delta
// between two encodings live here too, so they are tested and measured without a server.
import type { Comparison, Verdict } from './compare';
import type { PlanDocument } from './types';
import { indentLength } from './text';

/** Token types, in legend order (the index is what the encoding carries). */
export const TOKEN_TYPES = ['planDomain', 'planPartLabel', 'planListMarker', 'planTarget'] as const;
/** Token modifiers, in legend order (bit i = modifier i). A target carries exactly one of them. */
export const TOKEN_MODIFIERS = ['meets', 'weaker', 'noUpstream', 'yearDiffers'] as const;

export type TokenType = (typeof TOKEN_TYPES)[number];
export type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

export const VERDICT_MODIFIER: Record<Verdict, TokenModifier> = {
  ok: 'meets',
  weaker: 'weaker',
  unmatched: 'noUpstream',
  horizon: 'yearDiffers',
};

export interface PlanToken {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 columns, end exclusive; always inside the line and non-empty. */
  col: number;
  endCol: number;
  type: TokenType;
  modifiers: TokenModifier[];
}

const RE_PART_WORD = /主要目标|策略措施|主要措施|目标|措施/;

/** The 主要目标 / 策略措施 word of a label line (after its marker), or null. */
function partWord(line: string): { col: number; endCol: number } | null {
  const from = indentLength(line);
  const m = RE_PART_WORD.exec(line.slice(from));
  if (!m) return null;
  return { col: from + m.index, endCol: from + m.index + m[0].length };
}

/**
 * The plan's tokens, sorted by position, never overlapping, each on one line and inside it.
 * `comparison` gives the targets' verdicts (its rows are the plan's targets, in order); without it every
 * target is a plain `planTarget`.
 */
export function planTokens(plan: PlanDocument, comparison?: Comparison | null): PlanToken[] {
  const lines = plan.lines;
  const out: PlanToken[] = [];
  const add = (line1: number, col: number, endCol: number, type: TokenType, modifiers: TokenModifier[] = []): void => {
    const text = lines[line1 - 1];
    if (text === undefined) return;
    const c = Math.max(0, Math.min(col, text.length));
    const e = Math.max(c, Math.min(endCol, text.length));
    if (e > c) out.push({ line: line1 - 1, col: c, endCol: e, type, modifiers });
  };
  try {
    for (const n of plan.outline) {
      if (n.marker && n.endCol > n.col) add(n.line, n.col, n.endCol, 'planListMarker');
    }
    for (const d of plan.domains) {
      const node = d.node >= 0 ? plan.outline[d.node] : undefined;
      const text = lines[d.line - 1] ?? '';
      let start = node && node.marker ? Math.max(d.col, node.endCol) : d.col;
      // the label, not the "## " or the spaces before it
      while (start < d.endCol && /[#\s\u3000]/.test(text[start] ?? '')) start++;
      add(d.line, start, d.endCol, 'planDomain');
      for (const part of [d.goals, d.measures]) {
        if (!part) continue;
        const l = lines[part.start - 1] ?? '';
        // a goals part without a label starts on the line after the heading: no token then
        if (part.start <= d.line || part.start > d.endLine) continue;
        const w = partWord(l);
        if (w && RE_LABEL_LINE.test(l)) add(part.start, w.col, w.endCol, 'planPartLabel');
      }
    }
    const rows = comparison?.rows;
    plan.targets.forEach((t, i) => {
      const row =
        rows && rows.length === plan.targets.length ? rows[i] : rows?.find((r) => r.line === t.line - 1 && r.character === t.col);
      add(t.line, t.col, t.endCol, 'planTarget', row ? [VERDICT_MODIFIER[row.verdict]] : []);
    });
  } catch {
    // total: a malformed PlanDocument gives the tokens collected so far
  }
  out.sort((a, b) => a.line - b.line || a.col - b.col || a.endCol - b.endCol);
  const kept: PlanToken[] = [];
  for (const t of out) {
    const prev = kept[kept.length - 1];
    if (prev && prev.line === t.line && t.col < prev.endCol) continue; // overlap: the earlier one stays
    kept.push(t);
  }
  return kept;
}

// A label line as partLabel() reads it: optional "#", optional marker, then the word (and a colon or nothing).
const RE_LABEL_LINE =
  /^[ \t\u3000]*(?:#{1,6}[ \t\u3000]*)?(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十\d]+[.．、])?[ \t\u3000]*(?:主要目标|策略措施|主要措施|目标|措施)/;

/** LSP's relative encoding: 5 integers a token (Δline, Δstart, length, type index, modifier bits). */
export function encodeTokens(tokens: readonly PlanToken[]): number[] {
  const data = new Array<number>(tokens.length * 5);
  let line = 0;
  let col = 0;
  let k = 0;
  for (const t of tokens) {
    const dl = t.line - line;
    const dc = dl === 0 ? t.col - col : t.col;
    let bits = 0;
    for (const m of t.modifiers) bits |= 1 << TOKEN_MODIFIERS.indexOf(m);
    data[k++] = dl;
    data[k++] = dc;
    data[k++] = t.endCol - t.col;
    data[k++] = TOKEN_TYPES.indexOf(t.type);
    data[k++] = bits;
    line = t.line;
    col = t.col;
  }
  return data;
}

export interface TokensEdit {
  start: number;
  deleteCount: number;
  data: number[];
}

/**
 * The edits that turn `prev` into `next` (both encoded): one edit replacing what lies between their
 * common prefix and common suffix, or none when they are equal. Applying the edits to `prev` gives `next`.
 */
export function diffTokens(prev: readonly number[], next: readonly number[]): TokensEdit[] {
  const n = Math.min(prev.length, next.length);
  let p = 0;
  while (p < n && prev[p] === next[p]) p++;
  if (p === prev.length && p === next.length) return [];
  let s = 0;
  while (s < n - p && prev[prev.length - 1 - s] === next[next.length - 1 - s]) s++;
  return [{ start: p, deleteCount: prev.length - p - s, data: next.slice(p, next.length - s) }];
}

/** Applies edits (sorted, non-overlapping, positions in `data`'s numbering) as an LSP client does. */
export function applyTokenEdits(data: readonly number[], edits: readonly TokensEdit[]): number[] {
  const out: number[] = [];
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    for (; at < e.start && at < data.length; at++) out.push(data[at]);
    out.push(...e.data);
    at = Math.max(at, e.start + e.deleteCount);
  }
  for (; at < data.length; at++) out.push(data[at]);
  return out;
}
