// The fuzz client's own text model: applies LSP content changes to a string the way editors
// do, written here from the protocol's wording and independent of the server's code and of
// vscode-languageserver-textdocument (whose handling of a change starting past the end of the
// document is the defect of issue 10).
//   - a change without a range replaces the whole text;
//   - lines end at CRLF, CR or LF; a position's character counts UTF-16 code units;
//   - a line before the first is the start of the text, a line after the last is its end;
//   - a character beyond its line's content is the end of that line (never inside its terminator);
//   - a range whose end comes before its start is the same range in order.
'use strict';

/**
 * The offset of a position, clamped as the header says: walks the line breaks up to the position's
 * line only (no line table).
 */
function offsetAt(text, pos) {
  const line = Number.isInteger(pos.line) ? pos.line : 0;
  const ch = Number.isInteger(pos.character) ? pos.character : 0;
  if (line < 0) return 0;
  let start = 0;
  for (let l = 0; l < line; l++) {
    const n = text.indexOf('\n', start);
    const r = text.indexOf('\r', start);
    if (n < 0 && r < 0) return text.length; // past the last line
    const br = n < 0 ? r : r < 0 ? n : Math.min(n, r);
    start = br + (text[br] === '\r' && text[br + 1] === '\n' ? 2 : 1);
  }
  const n = text.indexOf('\n', start);
  const r = text.indexOf('\r', start);
  const contentEnd = n < 0 && r < 0 ? text.length : n < 0 ? r : r < 0 ? n : Math.min(n, r);
  return start + Math.min(Math.max(ch, 0), contentEnd - start);
}

/** The text after one change. */
function applyChange(text, change) {
  if (!change.range) return change.text;
  let a = offsetAt(text, change.range.start);
  let b = offsetAt(text, change.range.end);
  if (b < a) [a, b] = [b, a];
  return text.slice(0, a) + change.text + text.slice(b);
}

/** The text after a batch of changes, applied in order. */
function applyChanges(text, changes) {
  let t = text;
  for (const c of changes) t = applyChange(t, c);
  return t;
}

/** The lines of a text as LSP counts them (CRLF, CR, LF); the last few texts' lines are kept. */
const linesCache = new Map();
function linesOf(text) {
  let lines = linesCache.get(text);
  if (!lines) {
    lines = text.split(/\r\n|\r|\n/);
    linesCache.set(text, lines);
    if (linesCache.size > 64) linesCache.delete(linesCache.keys().next().value);
  }
  return lines;
}

/** Does a range lie inside the text, start before end? */
function rangeInText(r, lines) {
  const ok = (p) =>
    p &&
    Number.isInteger(p.line) &&
    Number.isInteger(p.character) &&
    p.line >= 0 &&
    p.line < lines.length &&
    p.character >= 0 &&
    p.character <= lines[p.line].length;
  if (!r || !ok(r.start) || !ok(r.end)) return false;
  return r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character);
}

/** Applies non-overlapping LSP TextEdits (one document) to a text, from the last to the first. */
function applyTextEdits(text, edits) {
  const spans = edits
    .map((e, i) => ({ a: offsetAt(text, e.range.start), b: offsetAt(text, e.range.end), t: e.newText, i }))
    .sort((x, y) => y.a - x.a || y.i - x.i);
  let out = text;
  for (const s of spans) out = out.slice(0, s.a) + s.t + out.slice(s.b);
  return out;
}

module.exports = { applyChange, applyChanges, linesOf, rangeInText, applyTextEdits };
