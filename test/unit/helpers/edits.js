// Applies non-overlapping fix edits (1-based lines, 0-based columns, as Finding.fix carries them) to a "\n" text.
function applyEdits(text, edits) {
  const lines = text.split('\n');
  const offset = (l, c) => lines.slice(0, l - 1).reduce((n, x) => n + x.length + 1, 0) + c;
  const sorted = [...edits].sort((a, b) => offset(b.line, b.col) - offset(a.line, a.col));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.line, e.col)) + e.newText + out.slice(offset(e.endLine, e.endCol));
  return out;
}
module.exports = { applyEdits };
