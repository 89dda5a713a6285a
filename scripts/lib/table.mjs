// The markdown table every bench and campaign script prints: first column left, figures right, CJK counted
// as two columns so the pipes line up in a terminal.

/** Display width: CJK and full-width characters count 2 columns. */
export function width(s) {
  let w = 0;
  for (const ch of String(s)) {
    const c = ch.codePointAt(0);
    w +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6)
        ? 2
        : 1;
  }
  return w;
}
export function table(title, head, rows, notes = []) {
  const cols = head.length;
  const w = Array.from({ length: cols }, (_, i) => Math.max(width(head[i]), ...rows.map((r) => width(r[i] ?? ''))));
  const pad = (s, i) => {
    s = String(s ?? '');
    const p = ' '.repeat(w[i] - width(s));
    return i === 0 ? s + p : p + s; // first column left, figures right
  };
  const line = (r) => '| ' + r.map(pad).join(' | ') + ' |';
  console.log(`\n### ${title}\n`);
  console.log(line(head));
  console.log('|' + w.map((n, i) => (i === 0 ? ':' + '-'.repeat(n + 1) : '-'.repeat(n + 1) + ':')).join('|') + '|');
  for (const r of rows) console.log(line(r));
  for (const n of notes) console.log(`\n${n}`);
}
