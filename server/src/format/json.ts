// JSON written in pieces: the same text as `JSON.stringify(value, null, indent)`, without building the
// whole string. The containers that hold long lists (the files, their findings, the comparison rows) are
// walked here; every small value (one row, one finding) is serialized by JSON.stringify itself and
// indented to its depth — the same characters, since a JSON string never holds a raw line break.

/** Where the text goes, a piece at a time (many small pieces: the sink buffers them). */
export type JsonSink = (text: string) => void;

/** A list longer than this is written item by item. */
const LONG = 32;
/** How deep `isLarge` looks for a long list inside a value. */
const PROBE_DEPTH = 4;

/** The text of `JSON.stringify(value, null, indent)` (with a final newline when `newline`), passed to `sink` in pieces. */
export function writeJson(value: unknown, sink: JsonSink, indent = 2, newline = true): void {
  const step = ' '.repeat(Math.max(0, Math.min(10, Math.floor(indent))));
  if (!writeValue(value, '', step, sink)) return;
  if (newline) sink('\n');
}

/** A value with a long list in it (within PROBE_DEPTH levels): written piece by piece. */
function isLarge(v: unknown, depth: number): boolean {
  if (v === null || typeof v !== 'object' || depth > PROBE_DEPTH) return false;
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return false;
  if (Array.isArray(v)) return v.length > LONG || v.some((x) => isLarge(x, depth + 1));
  for (const k of Object.keys(v)) if (isLarge((v as Record<string, unknown>)[k], depth + 1)) return true;
  return false;
}

/**
 * Writes `v` as JSON.stringify would at indentation `gap`; false when JSON.stringify
 * would leave it out (undefined, a function).
 */
function writeValue(v: unknown, gap: string, step: string, emit: (s: string) => void): boolean {
  if (!isLarge(v, 0)) {
    const s = JSON.stringify(v, null, step);
    if (s === undefined) return false;
    emit(gap && s.includes('\n') ? s.replace(/\n/g, `\n${gap}`) : s);
    return true;
  }
  const inner = gap + step;
  const open = step ? `\n${inner}` : '';
  const sep = step ? `,\n${inner}` : ',';
  if (Array.isArray(v)) {
    if (!v.length) {
      emit('[]');
      return true;
    }
    emit(`[${open}`);
    for (let i = 0; i < v.length; i++) {
      if (i) emit(sep);
      if (!writeValue(v[i], inner, step, emit)) emit('null');
    }
    emit(step ? `\n${gap}]` : ']');
    return true;
  }
  let first = true;
  for (const k of Object.keys(v as object)) {
    const x = (v as Record<string, unknown>)[k];
    if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
    emit(first ? `{${open}` : sep);
    first = false;
    emit(JSON.stringify(k) + (step ? ': ' : ':'));
    if (!writeValue(x, inner, step, emit)) emit('null');
  }
  emit(first ? '{}' : step ? `\n${gap}}` : '}');
  return true;
}
