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

function splitWithEnds(text) {
  // [{ start, contentEnd, end }] per line
  const lines = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\r' || c === '\n') {
      const contentEnd = i;
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      lines.push({ start, contentEnd, end: i });
      start = i;
    } else {
      i++;
    }
  }
  lines.push({ start, contentEnd: text.length, end: text.length });
  return lines;
}

function offsetOf(lines, text, pos) {
  const line = Number.isInteger(pos.line) ? pos.line : 0;
  const ch = Number.isInteger(pos.character) ? pos.character : 0;
  if (line < 0) return 0;
  if (line >= lines.length) return text.length;
  const l = lines[line];
  return l.start + Math.min(Math.max(ch, 0), l.contentEnd - l.start);
}

/** The text after one change. */
function applyChange(text, change) {
  if (!change.range) return change.text;
  const lines = splitWithEnds(text);
  let a = offsetOf(lines, text, change.range.start);
  let b = offsetOf(lines, text, change.range.end);
  if (b < a) [a, b] = [b, a];
  return text.slice(0, a) + change.text + text.slice(b);
}

/** The text after a batch of changes, applied in order. */
function applyChanges(text, changes) {
  let t = text;
  for (const c of changes) t = applyChange(t, c);
  return t;
}

/** The lines of a text as LSP counts them (CRLF, CR, LF). */
function linesOf(text) {
  return text.split(/\r\n|\r|\n/);
}

/** Does a range lie inside the text, start before end? */
function rangeInText(r, lines) {
  const ok = (p) => p && Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line].length;
  if (!r || !ok(r.start) || !ok(r.end)) return false;
  return r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character);
}

/** Applies non-overlapping LSP TextEdits (one document) to a text, from the last to the first. */
function applyTextEdits(text, edits) {
  const lines = splitWithEnds(text);
  const spans = edits
    .map((e, i) => ({ a: offsetOf(lines, text, e.range.start), b: offsetOf(lines, text, e.range.end), t: e.newText, i }))
    .sort((x, y) => y.a - x.a || y.i - x.i);
  let out = text;
  for (const s of spans) out = out.slice(0, s.a) + s.t + out.slice(s.b);
  return out;
}

module.exports = { applyChange, applyChanges, linesOf, rangeInText, applyTextEdits };
