// Core data (1-based lines, 0-based UTF-16 columns) → LSP data (0-based lines and characters).
// Every range this module returns lies inside the document it is given: lines and columns are
// clamped to the text's lines, and a start never comes after its end.
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import { Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Position, Range, TextEdit } from 'vscode-languageserver';
import { LruCache, splitLines, type Finding, type Severity, type TextEdit as CoreEdit } from '../core';
import { readFileGuarded } from '../node';

/** The core's line splitting (CRLF, CR, LF: as LSP counts lines), re-exported for the LSP modules. */
export { splitLines };

/** A position clamped into `lines` (line in [0, n-1], character in [0, line length]). */
export function clampPosition(lines: readonly string[], line: number, character: number): Position {
  const n = Math.max(1, lines.length);
  let l = Number.isFinite(line) ? Math.trunc(line) : 0;
  let c = Number.isFinite(character) ? Math.trunc(character) : 0;
  if (l < 0) {
    l = 0;
    c = 0;
  } else if (l > n - 1) {
    l = n - 1;
    c = Number.MAX_SAFE_INTEGER;
  }
  const len = lines[l]?.length ?? 0;
  c = Math.max(0, Math.min(c, len));
  return { line: l, character: c };
}

export function clampRange(lines: readonly string[], sl: number, sc: number, el: number, ec: number): Range {
  const start = clampPosition(lines, sl, sc);
  let end = clampPosition(lines, el, ec);
  if (end.line < start.line || (end.line === start.line && end.character < start.character)) end = { ...start };
  return { start, end };
}

/** Core line (1-based) + columns → a clamped LSP range. */
export function coreRange(lines: readonly string[], line: number, col: number, endLine: number, endCol: number): Range {
  return clampRange(lines, line - 1, col, endLine - 1, endCol);
}

export function toSeverity(s: Severity): DiagnosticSeverity {
  return s === 'error' ? DiagnosticSeverity.Error : s === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information;
}

export function countSeverities(findings: readonly Pick<Finding, 'severity'>[]): {
  errors: number;
  warnings: number;
  infos: number;
} {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}

/** The rule docs ship beside the bundle: dist/docs/rules/<id>.md. */
export function ruleDocUri(ruleId: string, baseDir: string = __dirname): string {
  return pathToFileURL(path.join(baseDir, 'docs', 'rules', `${ruleId}.md`)).href;
}

export function fileUri(p: string): string {
  return pathToFileURL(p).href;
}

/** A built-in baseline file is a few hundred KB; anything far larger is not one of ours. */
const MAX_BASELINE_BYTES = 8 * 1024 * 1024;

/** The lines of the baseline files asked about (a handful: one per built-in baseline), or null when unreadable. */
const baselineLineCache = new LruCache<string, string[] | null>('lsp.baselineLines', 32);

/** Empties the baseline-line cache (the idle server, once its last document is closed). */
export function clearBaselineLines(): void {
  baselineLineCache.clear();
}

function baselineFileLines(file: string): string[] | null {
  return baselineLineCache.getOrSet(file, () => {
    try {
      // the guarded reader: a regular file, size-capped, no FIFO or device; UTF-8 JSON
      return splitLines(readFileGuarded(file, { maxBytes: MAX_BASELINE_BYTES }).toString('utf8'));
    } catch {
      return null;
    }
  });
}

/**
 * Where a built-in baseline's figure lives: dist/baselines/<id>.json, at the line of the target
 * entry with that value, unit and year (else the file's first line). File lines are cached.
 */
export function builtinBaselineLocation(
  baselineId: string,
  figure: { value: number; unit: string; year: number | null },
  baseDir: string = __dirname,
): { uri: string; line: number } | null {
  const file = path.join(baseDir, 'baselines', `${baselineId}.json`);
  const lines = baselineFileLines(file);
  if (!lines) return null;
  const valueRe = new RegExp(`^\\s*"value":\\s*${String(figure.value).replace('.', '\\.')}\\s*,?\\s*$`);
  for (let i = 0; i < lines.length; i++) {
    if (!valueRe.test(lines[i])) continue;
    const near = lines.slice(i + 1, i + 5).join('\n');
    if (!near.includes(`"unit": ${JSON.stringify(figure.unit)}`)) continue;
    if (!near.includes(`"year": ${figure.year === null ? 'null' : figure.year}`) && figure.year !== null) continue;
    // The entry starts at the nearest "indicator" line above.
    for (let j = i; j >= Math.max(0, i - 30); j--) if (/^\s*"indicator":/.test(lines[j])) return { uri: fileUri(file), line: j };
    return { uri: fileUri(file), line: i };
  }
  return { uri: fileUri(file), line: 0 };
}

export interface ConvertContext {
  uri: string;
  lines: readonly string[];
  /** Directory holding docs/ and baselines/ (the bundle's). */
  baseDir?: string;
  /** Resolves an upstream plan path to its text lines (for clamping related ranges), if readable. */
  upstreamLines?: (p: string) => readonly string[] | null;
}

/**
 * What Diagnostic.data carries of a finding: everything but its message, its line's text and its fix
 * edits (the fix's title only: the server computes the edits when a code action asks for them), with
 * long strings cut. The size of a diagnostic therefore does not grow with the document: one long line
 * or a long renumbered list adds nothing to every diagnostic.
 */
export type FindingData = Omit<Finding, 'message' | 'lineText' | 'fix'> & { fix?: { title: string } };

const MAX_DATA_STRING = 200;

function cut(s: string): string {
  return s.length > MAX_DATA_STRING ? `${s.slice(0, MAX_DATA_STRING)}…` : s;
}

export function findingData(f: Finding): FindingData {
  const { message: _m, lineText: _t, fix, draft, upstream, related: _r, ...rest } = f;
  const d: FindingData = { ...rest };
  if (fix) d.fix = { title: cut(fix.title) };
  if (draft) d.draft = draft.text !== undefined ? { ...draft, text: cut(draft.text) } : draft;
  if (upstream) d.upstream = { ...upstream, evidence: upstream.evidence.slice(0, 5).map(cut) };
  if (d.indicator !== undefined) d.indicator = cut(d.indicator);
  if (d.expected !== undefined) d.expected = cut(d.expected);
  return d;
}

export function toDiagnostic(f: Finding, ctx: ConvertContext): Diagnostic {
  const d: Diagnostic = {
    range: coreRange(ctx.lines, f.line, f.col, f.endLine, f.endCol),
    severity: toSeverity(f.severity),
    code: f.rule,
    codeDescription: { href: ruleDocUri(f.rule, ctx.baseDir) },
    source: 'planlint',
    message: f.message,
    data: findingData(f),
  };
  const related: DiagnosticRelatedInformation[] = [];
  for (const r of f.related ?? []) {
    if (r.path) {
      const other = ctx.upstreamLines?.(r.path) ?? null;
      const range = other
        ? coreRange(other, r.line, r.col, r.line, r.endCol)
        : { start: { line: Math.max(0, r.line - 1), character: 0 }, end: { line: Math.max(0, r.line - 1), character: 0 } };
      related.push({ location: { uri: fileUri(r.path), range }, message: r.message });
    } else {
      related.push({
        location: { uri: ctx.uri, range: coreRange(ctx.lines, r.line, r.col, r.line, r.endCol) },
        message: r.message,
      });
    }
  }
  // The upstream document, when the finding compares with one and the core did not already link it.
  const up = f.upstream;
  if (up && !related.some((r) => r.location.uri !== ctx.uri)) {
    const label = `${up.baselineTitle}${up.year ? ` (${up.year})` : ''}: ${formatValue(up.kind, up.value, up.unit)}`;
    if (up.path) {
      const other = ctx.upstreamLines?.(up.path) ?? null;
      const l = up.line ?? 1;
      const range = other
        ? coreRange(other, l, 0, l, Number.MAX_SAFE_INTEGER)
        : { start: { line: Math.max(0, l - 1), character: 0 }, end: { line: Math.max(0, l - 1), character: 0 } };
      related.push({ location: { uri: fileUri(up.path), range }, message: label });
    } else {
      const loc = builtinBaselineLocation(up.baselineId, up, ctx.baseDir);
      if (loc)
        related.push({
          location: { uri: loc.uri, range: { start: { line: loc.line, character: 0 }, end: { line: loc.line, character: 0 } } },
          message: label,
        });
    }
  }
  if (related.length) d.relatedInformation = related;
  return d;
}

/** "≤5.0‰" / "≥95%". */
export function formatValue(kind: 'max' | 'min' | string, value: number, unit: string): string {
  return `${kind === 'max' ? '≤' : '≥'}${value}${unit}`;
}

export function toTextEdit(e: CoreEdit, lines: readonly string[]): TextEdit {
  return { range: coreRange(lines, e.line, e.col, e.endLine, e.endCol), newText: e.newText };
}

/** Do two LSP ranges overlap (touching ends do not)? */
export function rangesOverlap(a: Range, b: Range): boolean {
  const before = (p: Position, q: Position) => p.line < q.line || (p.line === q.line && p.character <= q.character);
  return !(before(a.end, b.start) || before(b.end, a.start));
}

export function positionInRange(p: Position, r: Range): boolean {
  const le = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(r.start, p) && le(p, r.end);
}

export function rangeInside(r: Range, lines: readonly string[]): boolean {
  const ok = (p: Position) =>
    p.line >= 0 && p.line < Math.max(1, lines.length) && p.character >= 0 && p.character <= (lines[p.line]?.length ?? 0);
  return (
    ok(r.start) &&
    ok(r.end) &&
    (r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character))
  );
}
