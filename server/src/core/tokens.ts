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
  const word = RE_PART_WORD.exec(line.slice(from));
  if (!word) return null;
  return { col: from + word.index, endCol: from + word.index + word[0].length };
}

/**
 * The plan's tokens, sorted by position, never overlapping, each on one line and inside it.
 * `comparison` gives the targets' verdicts (its rows are the plan's targets, in order); without it every
 * target is a plain `planTarget`.
 */
export function planTokens(plan: PlanDocument, comparison?: Comparison | null): PlanToken[] {
  const lines = plan.lines;
  const out: PlanToken[] = [];
  const add = (lineNumber: number, col: number, endCol: number, type: TokenType, modifiers: TokenModifier[] = []): void => {
    const text = lines[lineNumber - 1];
    if (text === undefined) return;
    const start = Math.max(0, Math.min(col, text.length));
    const end = Math.max(start, Math.min(endCol, text.length));
    if (end > start) out.push({ line: lineNumber - 1, col: start, endCol: end, type, modifiers });
  };
  try {
    for (const node of plan.outline) {
      if (node.marker && node.endCol > node.col) add(node.line, node.col, node.endCol, 'planListMarker');
    }
    for (const domain of plan.domains) {
      const node = domain.node >= 0 ? plan.outline[domain.node] : undefined;
      const text = lines[domain.line - 1] ?? '';
      let start = node && node.marker ? Math.max(domain.col, node.endCol) : domain.col;
      // the label, not the "## " or the spaces before it
      while (start < domain.endCol && /[#\s\u3000]/.test(text[start] ?? '')) start++;
      add(domain.line, start, domain.endCol, 'planDomain');
      for (const part of [domain.goals, domain.measures]) {
        if (!part) continue;
        const labelLine = lines[part.start - 1] ?? '';
        // a goals part without a label starts on the line after the heading: no token then
        if (part.start <= domain.line || part.start > domain.endLine) continue;
        const word = partWord(labelLine);
        if (word && RE_LABEL_LINE.test(labelLine)) add(part.start, word.col, word.endCol, 'planPartLabel');
      }
    }
    const rows = comparison?.rows;
    plan.targets.forEach((target, index) => {
      const row =
        rows && rows.length === plan.targets.length
          ? rows[index]
          : rows?.find((candidate) => candidate.line === target.line - 1 && candidate.character === target.col);
      add(target.line, target.col, target.endCol, 'planTarget', row ? [VERDICT_MODIFIER[row.verdict]] : []);
    });
  } catch {
    // total: a malformed PlanDocument gives the tokens collected so far
  }
  out.sort((a, b) => a.line - b.line || a.col - b.col || a.endCol - b.endCol);
  const kept: PlanToken[] = [];
  for (const token of out) {
    const prev = kept[kept.length - 1];
    if (prev && prev.line === token.line && token.col < prev.endCol) continue; // overlap: the earlier one stays
    kept.push(token);
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
  let at = 0;
  for (const token of tokens) {
    const deltaLine = token.line - line;
    const deltaStart = deltaLine === 0 ? token.col - col : token.col;
    let bits = 0;
    for (const modifier of token.modifiers) bits |= 1 << TOKEN_MODIFIERS.indexOf(modifier);
    data[at++] = deltaLine;
    data[at++] = deltaStart;
    data[at++] = token.endCol - token.col;
    data[at++] = TOKEN_TYPES.indexOf(token.type);
    data[at++] = bits;
    line = token.line;
    col = token.col;
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
  const shorter = Math.min(prev.length, next.length);
  let prefix = 0;
  while (prefix < shorter && prev[prefix] === next[prefix]) prefix++;
  if (prefix === prev.length && prefix === next.length) return [];
  let suffix = 0;
  while (suffix < shorter - prefix && prev[prev.length - 1 - suffix] === next[next.length - 1 - suffix]) suffix++;
  return [{ start: prefix, deleteCount: prev.length - prefix - suffix, data: next.slice(prefix, next.length - suffix) }];
}

/** Applies edits (sorted, non-overlapping, positions in `data`'s numbering) as an LSP client does. */
export function applyTokenEdits(data: readonly number[], edits: readonly TokensEdit[]): number[] {
  const out: number[] = [];
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    for (; at < edit.start && at < data.length; at++) out.push(data[at]);
    out.push(...edit.data);
    at = Math.max(at, edit.start + edit.deleteCount);
  }
  for (; at < data.length; at++) out.push(data[at]);
  return out;
}
