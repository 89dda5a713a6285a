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
//
// Per-document server state (issue 16.4): each open document has one DocState holding everything the
// server keeps for it — the current snapshot, the analysis of one state (with its comparison), the
// settings and the once-per-version preparation, the requests in flight, the last semantic tokens,
// the debounce, the source map of a plan view. Closing the document drops the object and all of it.
// Whether a request may be answered is decided in one spot, `DocumentStore.admit`: from the snapshot it
// arrived with, or cancelled as stale (ContentModified) or as closed/cancelled (RequestCancelled).
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

/** A request in flight on one document: the state it arrived with, and whether it may still be answered. */
export interface PendingRequest {
  readonly snap: DocSnapshot;
  /** Set when the document closed while the request waited: it is answered with RequestCancelled. */
  closed: boolean;
  /** The client's cancellation. */
  readonly cancelled: () => boolean;
}

/** Why a request is not answered: its document changed (stale), or it was cancelled or its document closed. */
export type Refusal = 'stale' | 'cancelled';

/** The debounce of one document's push diagnostics (lsp/scheduler.ts). */
export interface RunState {
  /** Increases with every change; a run started for an older gen is stale. */
  gen: number;
  timer?: ReturnType<typeof setTimeout>;
  /** Date.now() of the last change (0: none since the document opened). */
  lastChange: number;
}

/**
 * Everything the server keeps for one open document. `A` is the server's analysis type, `M` what it
 * keeps for a plan view (its source map). Replaced by a fresh object when the document is reopened.
 */
export class DocState<A extends { seq: number } = { seq: number }, M = unknown, S = unknown> {
  /** The settings that apply to the document, asked of the client once per configuration generation. */
  settings?: { gen: number; value: Promise<S> };
  /** The analysis of one state of the document (the newest computed; its comparison inside). */
  analysis?: A;
  /** The settings and environment prepared for one state: once per version and configuration. */
  prepared?: { seq: number; gen: number; done: Promise<S> };
  /** Requests in flight. */
  readonly pending = new Set<PendingRequest>();
  /** The last semantic tokens sent (a delta request is answered against them). */
  tokens?: { resultId: string; data: number[] };
  /** The declared upstreams last offered to the client (planlint/offers), to offer once per change. */
  offered?: string;
  /** Source map of a plan view (Word/PDF/HTML read by the server). */
  source?: M;
  readonly run: RunState = { gen: 0, lastChange: 0 };

  constructor(public snap: DocSnapshot) {}

  get uri(): string {
    return this.snap.uri;
  }

  /** The analysis kept for `snap`, if it is the one computed. */
  analysisOf(snap: DocSnapshot): A | undefined {
    return this.analysis?.seq === snap.seq ? this.analysis : undefined;
  }
}

export class DocumentStore<A extends { seq: number } = { seq: number }, M = unknown, S = unknown> {
  private docs = new Map<string, DocState<A, M, S>>();
  private nextSeq = 1;

  constructor(private readonly log: (message: string) => void = () => undefined) {}

  /** The current snapshot of an open document. */
  get(uri: string): DocSnapshot | undefined {
    return this.docs.get(uri)?.snap;
  }

  /** The state of an open document. */
  state(uri: string): DocState<A, M, S> | undefined {
    return this.docs.get(uri);
  }

  all(): DocSnapshot[] {
    return [...this.docs.values()].map((d) => d.snap);
  }

  states(): DocState<A, M, S>[] {
    return [...this.docs.values()];
  }

  get size(): number {
    return this.docs.size;
  }

  /** Is `snap` the document's current state? */
  isCurrent(snap: DocSnapshot): boolean {
    return this.docs.get(snap.uri)?.snap === snap;
  }

  /** Registers a request that arrived now: it is answered from the current snapshot (or refused). */
  begin(uri: string, cancelled: () => boolean = () => false): PendingRequest | undefined {
    const st = this.docs.get(uri);
    if (!st) return undefined;
    const req: PendingRequest = { snap: st.snap, closed: false, cancelled };
    st.pending.add(req);
    return req;
  }

  end(req: PendingRequest): void {
    this.docs.get(req.snap.uri)?.pending.delete(req);
  }

  /**
   * The one place where a request's fate is decided: undefined when it may be answered from its snapshot,
   * else why not. Cancelled by the client or its document closed → 'cancelled'. Changed since it arrived →
   * 'stale', unless the policy is 'snapshot' and the analysis of the request's own state is kept (then the
   * answer, computed from that state, describes the text the request was sent against). 'current': only the
   * document's current state will do (pull diagnostics, edits for a client that cannot check versions).
   */
  admit(req: PendingRequest, policy: 'snapshot' | 'current'): Refusal | undefined {
    if (req.closed || req.cancelled()) return 'cancelled';
    const st = this.docs.get(req.snap.uri);
    if (!st) return 'cancelled';
    if (st.snap === req.snap) return undefined;
    return policy === 'snapshot' && st.analysisOf(req.snap) ? undefined : 'stale';
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
    this.drop(uri);
    this.docs.set(uri, new DocState<A, M, S>(snap));
    return snap;
  }

  /** Applies the changes in order; returns the new state, or undefined for a document that is not open. */
  change(uri: string, version: unknown, changes: unknown): DocSnapshot | undefined {
    const st = this.docs.get(uri);
    const old = st?.snap;
    if (!st || !old) {
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
    st.snap = snap;
    st.run.gen++;
    st.run.lastChange = Date.now();
    return snap;
  }

  /** Closes a document: its requests in flight are cancelled, its state (analysis, tokens, timer…) dropped. */
  close(uri: string): boolean {
    return this.drop(uri);
  }

  private drop(uri: string): boolean {
    const st = this.docs.get(uri);
    if (!st) return false;
    for (const req of st.pending) req.closed = true;
    st.pending.clear();
    if (st.run.timer) clearTimeout(st.run.timer);
    st.run.gen++;
    st.analysis = undefined;
    st.prepared = undefined;
    st.settings = undefined;
    st.tokens = undefined;
    st.source = undefined;
    return this.docs.delete(uri);
  }
}
