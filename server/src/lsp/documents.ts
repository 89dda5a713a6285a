// The server's copy of the open documents: an exact model of the client's text, not the
// text-document library's (which keeps a broken line table after a change that starts past the
// end of the document, and then duplicates content).
//
// Every change is validated before it is applied:
//   - a change without a range replaces the whole text (a full resync);
//   - a position is clamped into the text as editors do: a line before the first → the start of the
//     document, a line after the last → the end of the document, a character past the end of its line →
//     the end of that line (line terminators excluded), non-integers and non-numbers → 0;
//   - a reversed range (end before start) is taken in order;
//   - a change whose text is not a string is dropped (logged).
// Versions: the client's version is kept as given (a version that does not increase is logged, the
// change is still applied: the stream order is the truth); `seq` increases on every change, so a
// snapshot (an immutable object per state) identifies one text exactly even if versions repeat.
// Pure: no I/O; the logger is passed in.

export interface DocSnapshot {
  readonly uri: string;
  readonly languageId: string;
  /** The client's version number of this state. */
  readonly version: number;
  /** Increases with every state of every document (never reused). */
  readonly seq: number;
  readonly text: string;
}

export interface Position {
  line: number;
  character: number;
}

export interface ContentChange {
  range?: { start: Position; end: Position };
  text: string;
}

/** Line start offsets of `text` (after CRLF, CR or LF); lineStarts[0] = 0. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) {
      starts.push(i + 1);
    }
  }
  return starts;
}

function int(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : 0;
}

/** The offset of a position clamped into the text (see the header). */
export function offsetAt(text: string, starts: readonly number[], p: Position | undefined): number {
  const line = int(p?.line);
  const character = int(p?.character);
  if (line < 0) return 0;
  if (line >= starts.length) return text.length;
  const start = starts[line];
  // the end of the line's content: before its terminator
  let end = line + 1 < starts.length ? starts[line + 1] : text.length;
  if (end > start && text.charCodeAt(end - 1) === 10) end--;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  return start + Math.max(0, Math.min(character, end - start));
}

/** The text after one change (clamped, ordered; a change without a range replaces everything). */
export function applyChange(text: string, change: ContentChange, starts?: readonly number[]): string {
  if (!change.range) return change.text;
  const ls = starts ?? lineStarts(text);
  let a = offsetAt(text, ls, change.range.start);
  let b = offsetAt(text, ls, change.range.end);
  if (b < a) [a, b] = [b, a];
  return text.slice(0, a) + change.text + text.slice(b);
}

export class DocumentStore {
  private docs = new Map<string, DocSnapshot>();
  private nextSeq = 1;

  constructor(private readonly log: (message: string) => void = () => undefined) {}

  get(uri: string): DocSnapshot | undefined {
    return this.docs.get(uri);
  }

  all(): DocSnapshot[] {
    return [...this.docs.values()];
  }

  open(uri: string, languageId: unknown, version: unknown, text: unknown): DocSnapshot | undefined {
    if (typeof uri !== 'string') return undefined;
    const snap: DocSnapshot = {
      uri,
      languageId: typeof languageId === 'string' ? languageId : '',
      version: int(version),
      seq: this.nextSeq++,
      text: typeof text === 'string' ? text : '',
    };
    if (typeof text !== 'string') this.log(`didOpen ${uri}: no text (taken as empty)`);
    this.docs.set(uri, snap);
    return snap;
  }

  /** Applies the changes in order; returns the new state, or undefined for a document that is not open. */
  change(uri: string, version: unknown, changes: unknown): DocSnapshot | undefined {
    const old = this.docs.get(uri);
    if (!old) {
      this.log(`didChange for ${uri}, which is not open: ignored`);
      return undefined;
    }
    const v = int(version);
    if (v <= old.version) this.log(`didChange ${uri}: version ${v} after ${old.version} (applied in arrival order)`);
    let text = old.text;
    let starts: number[] | undefined;
    for (const c of Array.isArray(changes) ? changes : []) {
      const change = c as ContentChange | null;
      if (!change || typeof change.text !== 'string') {
        this.log(`didChange ${uri}: a change without text: dropped`);
        continue;
      }
      if (!change.range) {
        text = change.text;
        starts = undefined;
        continue;
      }
      starts ??= lineStarts(text);
      text = applyChange(text, change, starts);
      starts = undefined;
    }
    const snap: DocSnapshot = { uri, languageId: old.languageId, version: v, seq: this.nextSeq++, text };
    this.docs.set(uri, snap);
    return snap;
  }

  close(uri: string): boolean {
    return this.docs.delete(uri);
  }
}
