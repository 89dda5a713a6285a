// PDF with a text layer, read with pdfjs-dist (Mozilla's PDF engine: the most complete pure-JS
// text extraction, CJK CMaps included; legacy build for Node). We drive its document core
// directly (LocalPdfManager → Page.extractTextContent): no display layer, no pdfjs worker or fake
// worker, no network, no eval, no font loading, no canvas. Font programs are skipped for fonts with
// a ToUnicode map (the esbuild plugin in esbuild.mjs, which also exports the core classes from
// pdfjs' worker module). This module is its own bundle (dist/pdf.js), loaded only when a PDF is
// read; a long PDF may be read by this thread and our own page workers together (startPool).
//
// Text comes back as positioned runs. We rebuild lines by their baseline (in the page's reading
// orientation: a rotated page is turned upright first; text set in another direction is a block of
// its own), split a page laid out in columns (two or more) into its columns, drop page numbers and running headers/footers (short lines in the top/bottom band that
// repeat across pages or read as a page number), and rejoin hard-wrapped lines into paragraphs: a
// line starts a paragraph when it is indented, when the line before ended short of the right
// margin, after a larger gap, or when the font size changes. Wide gaps inside a line make it a
// table row (`| a | b |`).
import {
  LocalPdfManager,
  WorkerTask,
  XRefParseException,
  setVerbosityLevel,
  type PdfPage,
} from 'pdfjs-dist/legacy/build/pdf.worker.mjs';
import { join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { PlanReadError } from '../read';
import { message } from '../message';
import { SourceBuilder, type PlanSource } from './source';

export interface PdfItem {
  str: string;
  x: number;
  y: number;
  w: number;
  /** font size (height of the run) */
  h: number;
}

export interface PdfLine {
  page: number;
  x: number;
  xEnd: number;
  y: number;
  size: number;
  /** the text runs of the line, left to right, split where a wide gap separates them */
  cells: string[];
  /** the first line of a block read on its own (text set in another direction): starts a paragraph */
  breakBefore?: boolean;
}

const ASCII_WORD = /[A-Za-z0-9]/;

function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Whether a character code is JavaScript whitespace (what \\s matches). */
function isSpaceCode(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** `/\s$/.test(s)` without scanning the string (a line's text grows run by run). */
function endsWithSpace(s: string): boolean {
  return s.length > 0 && isSpaceCode(s.charCodeAt(s.length - 1));
}

/** Appends a run to a line's text: explicit spaces kept (tidied later), a space for a wide gap between Latin words. */
function joinRun(prev: string, next: string, gap: number, size: number): string {
  if (!prev) return next.trimStart();
  if (!next.trim()) return endsWithSpace(prev) ? prev : prev + ' ';
  if (endsWithSpace(prev)) return prev + next.trimStart();
  const a = prev[prev.length - 1];
  const b = next[0];
  if (gap > size * 0.25 && ASCII_WORD.test(a) && ASCII_WORD.test(b)) return prev + ' ' + next;
  return prev + next;
}

const HAN = '\\u2E80-\\u9FFF\\uF900-\\uFAFF\\u3000-\\u303F\\uFF01-\\uFF0F\\uFF1A-\\uFF20\\uFF3B-\\uFF40\\uFF5B-\\uFF65“”‘’—…';
const SPACE_BETWEEN_HAN = new RegExp(`([${HAN}])[ \\u00a0]+(?=[${HAN}A-Za-z0-9])`, 'g');
const SPACE_BEFORE_HAN = new RegExp(`([A-Za-z0-9])[ \\u00a0]+(?=[${HAN}])`, 'g');

/**
 * Spaces a PDF writer puts between Chinese and figures ("2025 年", autospace) or between Chinese
 * characters (justification) are not in the text; spaces elsewhere ("#### (四) 儿童…") are.
 */
export function tidySpaces(s: string): string {
  return s
    .replace(SPACE_BETWEEN_HAN, '$1')
    .replace(SPACE_BEFORE_HAN, '$1')
    .replace(/[ \u00a0]{2,}/g, ' ')
    .trim();
}

/**
 * Letter-spaced text (characters set apart one by one, as justified Chinese often is: the PDF has
 * one run per character, or a run with a space between every two): the spaces are spacing, not
 * words ("到 2 0 2 5 年" is 到2025年). A string is letter-spaced when nearly every pair of
 * neighbouring characters is one space apart and almost none touch.
 */
export function unspaceLetters(s: string): string {
  const t = s.trim();
  // n: non-space characters; spaced: /\S(?= \S)/ positions; touching: /\S(?=\S)/ positions
  // (counted in one pass: this runs on every line of every page)
  let n = 0;
  let spaced = 0;
  let touching = 0;
  for (let i = 0; i < t.length; i++) {
    if (isSpaceCode(t.charCodeAt(i))) continue;
    n++;
    if (i + 1 >= t.length) continue;
    const d = t.charCodeAt(i + 1);
    if (!isSpaceCode(d)) touching++;
    else if (d === 32 && i + 2 < t.length && !isSpaceCode(t.charCodeAt(i + 2))) spaced++;
  }
  if (n < 4) return s;
  if (spaced >= (n - 1) * 0.8 && touching <= (n - 1) * 0.2) return t.replace(/(\S) (?=\S)/g, '$1');
  return s;
}

/** Groups the runs of one page into lines (by baseline), top to bottom; wide gaps split cells. */
export function pageLines(items: PdfItem[], page: number): PdfLine[] {
  const runs = items.filter((i) => i.str.length > 0 && Number.isFinite(i.x) && Number.isFinite(i.y));
  const sized = runs.filter((r) => r.str.trim() && r.h > 0);
  const typical = median(sized.map((r) => r.h)) || 10;
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: PdfItem[][] = [];
  for (const r of sorted) {
    const g = groups[groups.length - 1];
    const tol = Math.max(r.h || typical, typical) * 0.45;
    if (g && Math.abs(g[0].y - r.y) <= tol) g.push(r);
    else groups.push([r]);
  }
  const lines: PdfLine[] = [];
  for (const g of groups) {
    g.sort((a, b) => a.x - b.x);
    const visible = g.filter((r) => r.str.trim());
    if (!visible.length) continue;
    const size = median(visible.map((r) => r.h)) || typical;
    const cells: string[] = [''];
    let end = visible[0].x;
    for (const r of g) {
      const gap = r.x - end;
      if (r.str.trim() && gap > size * 2 && cells[cells.length - 1].trim()) cells.push('');
      cells[cells.length - 1] = joinRun(cells[cells.length - 1], r.str, gap, size);
      // a blank run spans the gap it stands for (pdfjs emits one): it must not hide a cell boundary
      if (r.str.trim()) end = Math.max(end, r.x + r.w);
    }
    const last = visible[visible.length - 1];
    lines.push({
      page,
      x: visible[0].x,
      xEnd: last.x + last.w,
      y: g[0].y,
      size,
      cells: cells.map((c) => tidySpaces(unspaceLetters(c))).filter(Boolean),
    });
  }
  return lines;
}

// (written in \u escapes: the bundle stays ASCII, which pdf-load.ts reads and compiles faster; the
// pattern is ^[\s\-—–－_·•]*(?:第\s*)?(?:\d{1,4}|[ivxlcdm]{1,6})(?:\s*页)?(?:\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[\s\-—–－_·•]*$)
const PAGE_NUMBER =
  /^[\s\-\u2014\u2013\uff0d_\u00b7\u2022]*(?:\u7b2c\s*)?(?:\d{1,4}|[ivxlcdm]{1,6})(?:\s*\u9875)?(?:\s*[/\uff0f]\s*\d{1,4}|\s*\u5171\s*\d{1,4}\s*\u9875)?[\s\-\u2014\u2013\uff0d_\u00b7\u2022]*$/i;

function lineText(l: PdfLine): string {
  return l.cells.join(' ');
}

/** Removes page numbers and running headers/footers (top and bottom bands of each page). */
export function dropFurniture(pages: Array<{ lines: PdfLine[]; height: number }>): PdfLine[][] {
  const band = (l: PdfLine, height: number) => (l.y > height * 0.9 ? 'top' : l.y < height * 0.1 ? 'bottom' : null);
  const key = (l: PdfLine) => lineText(l).replace(/\d+/g, '#').replace(/\s+/g, '');
  const counts = new Map<string, number>();
  for (const p of pages) {
    const seen = new Set<string>();
    for (const l of p.lines) if (band(l, p.height)) seen.add(key(l));
    for (const k of seen) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const repeatMin = Math.max(2, Math.ceil(pages.length * 0.3));
  return pages.map((p) =>
    p.lines.filter((l, i) => {
      const b = band(l, p.height);
      const edge = i < 2 || i >= p.lines.length - 2;
      if (!b && !edge) return true;
      const text = lineText(l);
      if (PAGE_NUMBER.test(text)) return false;
      if (b && pages.length >= 3 && (counts.get(key(l)) ?? 0) >= repeatMin && text.length <= 60) return false;
      return true;
    }),
  );
}

/** Rejoins lines into paragraphs. */
export function joinParagraphs(pages: PdfLine[][]): PlanSource {
  const all = pages.flat();
  const out = new SourceBuilder();
  if (!all.length) return out.build('pdf');
  const body = all.filter((l) => l.cells.length === 1);
  const left = median(body.map((l) => l.x));
  const minLeft = Math.min(...body.map((l) => l.x), left);
  const rights = body.map((l) => l.xEnd).sort((a, b) => a - b);
  const right = rights.length ? rights[Math.floor(rights.length * 0.9)] : Math.max(...all.map((l) => l.xEnd));
  const gaps: number[] = [];
  for (const p of pages) for (let i = 1; i < p.length; i++) gaps.push(p[i - 1].y - p[i].y);
  const lineGap = median(gaps.filter((g) => g > 0)) || 14;
  const base = Math.min(left, minLeft + 2);

  let cur: { text: string; page: number } | null = null;
  let prev: PdfLine | null = null;
  const flush = () => {
    if (cur && cur.text.trim()) out.push(cur.text.trim(), { page: cur.page });
    cur = null;
  };
  for (const l of all) {
    if (l.cells.length > 1) {
      flush();
      out.push(`| ${l.cells.map((c) => c.replace(/\|/g, '｜')).join(' | ')} |`, { page: l.page });
      prev = null;
      continue;
    }
    const text = l.cells[0] ?? '';
    let starts = !cur || !prev || l.breakBefore === true;
    if (!starts && prev && cur) {
      const em = Math.max(l.size, prev.size);
      const indented = l.x > base + em * 0.8;
      const prevShort = prev.xEnd < right - em * 1.5;
      const samePage = l.page === prev.page;
      const bigGap = samePage && prev.y - l.y > lineGap * 1.6;
      const sizeChange = Math.abs(l.size - prev.size) > Math.min(l.size, prev.size) * 0.2;
      starts = indented || prevShort || bigGap || sizeChange;
    }
    if (starts) {
      flush();
      cur = { text, page: l.page };
    } else if (cur) {
      const c: { text: string; page: number } = cur;
      const a = c.text[c.text.length - 1] ?? '';
      const b = text[0] ?? '';
      c.text += ASCII_WORD.test(a) && ASCII_WORD.test(b) && !/\d/.test(a + b) ? ' ' + text : text;
    }
    prev = l;
  }
  flush();
  return out.build('pdf');
}

function cmapDir(): string | undefined {
  for (const d of [join(__dirname, 'cmaps'), join(__dirname, '..', 'node_modules', 'pdfjs-dist', 'cmaps')]) {
    if (existsSync(d)) return d;
  }
  return undefined;
}

/**
 * What pdfjs' core asks of its host: only the predefined CJK CMaps (read from dist/cmaps, by bare
 * file name); standard font data and everything else is refused (we never fetch anything).
 */
function coreHost(): { send: () => void; sendWithPromise: (action: string, data: unknown) => Promise<Uint8Array> } {
  const dir = cmapDir();
  return {
    send: () => undefined,
    async sendWithPromise(action, data) {
      const d = data as { kind?: string; filename?: string } | null;
      if (action === 'FetchBinaryData' && d?.kind === 'cMapUrl' && dir && typeof d.filename === 'string') {
        const name = d.filename.replace(/^.*[\\/]/, '');
        if (/^[\w.+-]+\.bcmap$/.test(name)) return new Uint8Array(readFileSync(join(dir, name)));
      }
      throw new Error(`not available: ${action} ${d?.kind ?? ''}`.trim());
    },
  };
}

interface RawItem {
  str?: string;
  transform?: number[];
  width?: number;
  height?: number;
}

/** A page's runs turned into one reading frame (origin bottom-left), with that frame's width and height. */
export interface PageFrame {
  items: PdfItem[];
  width: number;
  height: number;
}

// the quarter turn of a baseline direction (a, b): 0 → right, 1 → up, 2 → left, 3 → down
const quarter = (a: number, b: number) => (Math.abs(a) >= Math.abs(b) ? (a >= 0 ? 0 : 2) : b > 0 ? 1 : 3);

/** Turns runs by -q quarters, so that baseline direction q runs left to right. */
function turn(raw: RawItem[], view: number[], q: number): PageFrame {
  const [vx0, vy0, vx1, vy1] = view;
  const tx = (x: number, y: number) => (q === 1 ? y : q === 2 ? -x : q === 3 ? -y : x);
  const ty = (x: number, y: number) => (q === 1 ? -x : q === 2 ? -y : q === 3 ? x : y);
  const xs = [tx(vx0, vy0), tx(vx1, vy1), tx(vx0, vy1), tx(vx1, vy0)];
  const ys = [ty(vx0, vy0), ty(vx1, vy1), ty(vx0, vy1), ty(vx1, vy0)];
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  const width = Math.max(...xs) - minX;
  const height = Math.max(...ys) - minY;
  const items: PdfItem[] = [];
  for (const it of raw) {
    const t = it.transform as number[];
    const e = t[4];
    const f = t[5];
    if (!Number.isFinite(e) || !Number.isFinite(f)) continue;
    const size = it.height || Math.hypot(t[2], t[3]) || 0;
    items.push({
      str: it.str as string,
      x: tx(e, f) - minX,
      y: ty(e, f) - minY,
      w: it.width ?? 0,
      h: Number.isFinite(size) ? size : 0,
    });
  }
  return { items, width: width || 612, height: height || 792 };
}

/**
 * The text runs of one page in their reading frame: turned so that the page's dominant baseline
 * direction runs left to right (a page set sideways, by /Rotate or in its content, reads like an
 * upright one), origin bottom-left. Runs set in another direction than the dominant one (a label
 * up the margin, a table turned sideways on an upright page, upright text on a turned page) are
 * not mixed into its lines by position: each other direction is its own block (`others`), turned
 * into its own reading frame, read after the page; one of one or two characters only (a margin
 * label, a binding mark) is dropped.
 */
export function pageItems(raw: RawItem[], view: number[]): PageFrame & { others: PageFrame[] } {
  const ok = view.length === 4 && view.every(Number.isFinite);
  const box = ok ? view : [0, 0, 612, 792];
  const groups: RawItem[][] = [[], [], [], []];
  const votes = [0, 0, 0, 0];
  for (const it of raw) {
    const t = it.transform;
    if (typeof it.str !== 'string' || !t || t.length < 6) continue;
    const q = quarter(t[0], t[1]);
    groups[q].push(it);
    votes[q] += countVisible(it.str);
  }
  const q = votes.indexOf(Math.max(...votes));
  const others: PageFrame[] = [];
  for (let k = 0; k < 4; k++) {
    if (k === q || votes[k] === 0) continue;
    if (votes[k] <= 2) continue; // a margin label
    others.push(turn(groups[k], box, k));
  }
  // the dominant block: every run of its direction, and the blank runs of directions with no text (in
  // the page's order)
  const main = raw.filter((it) => {
    const t = it.transform;
    if (typeof it.str !== 'string' || !t || t.length < 6) return false;
    const k = quarter(t[0], t[1]);
    return k === q || votes[k] === 0;
  });
  return { ...turn(main, box, q), others };
}

/**
 * A page set in columns (two, three or more): split its runs at the vertical gutters no body run
 * crosses, so each column reads top to bottom before the next (not line by line across the
 * gutters). The gutters are found by a projection of the runs' x-extents over the body band (the
 * running header and footer bands left out: a centred header or page number must not fill a
 * gutter); runs that span a gutter (a title over the columns) stay whole, before the columns when
 * above them, after when below. Each later column is moved onto the first column's left edge, so
 * its indents and line ends read the same. A table is not split: its cells leave wide gaps (wider
 * than half a column), fill their column unevenly, and end short of its right edge; columns of
 * prose are full lines with a narrow gutter.
 */
export function splitColumns(items: PdfItem[], pageWidth: number, pageHeight = 0): PdfItem[][] {
  const inBand = (i: PdfItem) => pageHeight > 0 && (i.y > pageHeight * 0.92 || i.y < pageHeight * 0.08);
  const body = items.filter((i) => i.str.trim() && i.w > 0 && !inBand(i));
  if (body.length < 16) return [items];
  const typical = median(body.map((i) => i.h)) || 10;
  const left = Math.min(...body.map((i) => i.x));
  const right = Math.max(...body.map((i) => i.x + i.w));
  const span = right - left;
  if (span < pageWidth * 0.3) return [items];
  const size = Math.min(Math.ceil(span) + 1, 100_000);
  const minGutter = Math.max(typical * 1.2, 8);
  // coverage in 1-pt bins (a difference array: +1 where a run starts, -1 after it ends; the prefix
  // sums are the coverage); a gutter is a stretch of bins in the middle of the text that no run
  // covers but the few spanning a title across it
  const coverage = (runs: PdfItem[]) => {
    const bins = new Int32Array(size + 1);
    for (const i of runs) {
      bins[Math.min(size, Math.max(0, Math.floor(i.x - left)))]++;
      bins[Math.min(size, Math.max(0, Math.ceil(i.x + i.w - left)))]--;
    }
    for (let x = 1; x <= size; x++) bins[x] += bins[x - 1];
    return bins;
  };
  const stretches = (bins: Int32Array, from: number, to: number, allowed: number) => {
    const out: Array<[number, number]> = [];
    for (let x = Math.floor(from); x < to; x++) {
      if (bins[x] > allowed) continue;
      let e = x;
      while (e + 1 < size && bins[e + 1] <= allowed) e++;
      if (e - x >= minGutter) out.push([x, e]);
      x = e;
    }
    return out;
  };
  // three or more columns: every gutter across the body, a title or two may cross them
  const all = coverage(body);
  let peak = 0;
  for (let x = 0; x < size; x++) peak = Math.max(peak, all[x]);
  const allowed = Math.max(1, Math.floor(peak * 0.1));
  const many = stretches(all, span * 0.1, span * 0.9, allowed);
  if (many.length >= 2) {
    const split = columnsAt(
      items,
      body,
      many.map(([a, b]) => [left + a, left + b + 1]),
      left,
      right,
      typical,
      true,
    );
    if (split) return split;
  }
  // two columns: the widest gutter in the middle half, runs wider than 0.6 of the text left out
  const wide = (i: PdfItem) => i.w > span * 0.6;
  const bins = coverage(body.filter((i) => !wide(i)));
  let best: [number, number] | null = null;
  for (const g of stretches(bins, span * 0.25, span * 0.75, 0)) if (!best || g[1] - g[0] > best[1] - best[0]) best = g;
  if (!best) return [items];
  return columnsAt(items, body, [[left + best[0], left + best[1] + 1]], left, right, typical, false) ?? [items];
}

/**
 * Splits the page's runs at the given gutters ([left, right] x-ranges, left to right) when every
 * column between them reads as prose; null when not (a table, a form, a single column with a gap).
 * `flush`: each column's lines must also mostly run to its right edge (justified text; the test
 * that tells three or more columns of prose from a table of as many cells a row).
 */
function columnsAt(
  items: PdfItem[],
  body: PdfItem[],
  gutters: Array<[number, number]>,
  left: number,
  right: number,
  typical: number,
  flush: boolean,
): PdfItem[][] | null {
  const edges = [left, ...gutters.flatMap((g) => g), right];
  const cols = gutters.length + 1;
  // the column a run lies in: the first whose following gutter it starts before; -1 if it runs
  // across that gutter
  const colOf = (i: PdfItem): number => {
    for (let c = 0; c < cols - 1; c++) {
      if (i.x < gutters[c][0]) return i.x + i.w <= gutters[c][1] ? c : -1;
    }
    return cols - 1;
  };
  const sides: PdfItem[][] = Array.from({ length: cols }, () => []);
  let crossing = 0;
  for (const i of body) {
    const c = colOf(i);
    if (c < 0) crossing++;
    else sides[c].push(i);
  }
  if (crossing > Math.max(2, body.length * 0.05)) return null;
  // two columns of which one is not prose (a letterhead, a table of contents or a list of short lines
  // beside the text): still columns when that column is as dense as the prose one, a line at most of its
  // baselines (a table's label column is sparse: its cells stand beside the first line of a wrapped one)
  let shortColumn = -1;
  for (let c = 0; c < cols; c++) {
    const x0 = edges[2 * c];
    const x1 = edges[2 * c + 1];
    const gutter = c < cols - 1 ? gutters[c][1] - gutters[c][0] : 0;
    const prev = c > 0 ? gutters[c - 1][1] - gutters[c - 1][0] : 0;
    // gutters narrow beside their columns
    if (Math.max(gutter, prev) > (x1 - x0) * 0.5) return null;
    // several lines each, filling their column (table cells are short)
    const rows = new Map<number, { w: number; end: number; runs: PdfItem[] }>();
    for (const i of sides[c]) {
      const k = Math.round(i.y / (typical * 0.5));
      const r = rows.get(k) ?? { w: 0, end: -Infinity, runs: [] };
      r.w += i.w;
      r.end = Math.max(r.end, i.x + i.w);
      r.runs.push(i);
      rows.set(k, r);
    }
    if (rows.size < 6) return null;
    // a line of prose is one stretch of text; table cells leave wide gaps inside the "column"
    const gapped = [...rows.values()].filter((r) => {
      const xs = r.runs.sort((a, b) => a.x - b.x);
      for (let k = 1; k < xs.length; k++) if (xs[k].x - (xs[k - 1].x + xs[k - 1].w) > typical * 2) return true;
      return false;
    }).length;
    if (gapped > rows.size * 0.3) return null;
    const fills = [...rows.values()].map((r) => r.w / Math.max(1, x1 - x0));
    if (median(fills) < 0.6) {
      if (flush || cols !== 2 || shortColumn >= 0) return null;
      shortColumn = c;
      continue;
    }
    if (flush) {
      const colRight = Math.max(...[...rows.values()].map((r) => r.end));
      const full = [...rows.values()].filter((r) => r.end >= colRight - typical * 1.5).length;
      if (full < rows.size * 0.5) return null;
    }
  }
  if (shortColumn >= 0) {
    const lines = (side: PdfItem[]) => new Set(side.map((i) => Math.round(i.y / (typical * 0.5)))).size;
    if (lines(sides[shortColumn]) < lines(sides[1 - shortColumn]) * 0.7) return null;
  }
  const placed = sides.flat();
  const colTop = Math.max(...placed.map((i) => i.y));
  const colBottom = Math.min(...placed.map((i) => i.y));
  const firstLeft = Math.min(...sides[0].map((i) => i.x));
  const shifts = sides.map((side) => Math.min(...side.map((i) => i.x)) - firstLeft);
  const above: PdfItem[] = [];
  const below: PdfItem[] = [];
  const columns: PdfItem[][] = Array.from({ length: cols }, () => []);
  for (const i of items) {
    const c = colOf(i);
    const intoGutter = gutters.some((g) => i.x < g[0] && i.x + i.w > g[0]);
    if (c < 0 || (i.y > colTop && intoGutter)) (i.y >= colBottom ? above : below).push(i);
    else columns[c].push(c === 0 ? i : { ...i, x: i.x - shifts[c] });
  }
  return [above, ...columns, below].filter((g) => g.length);
}

function countVisible(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 32 && c !== 0xa0 && c !== 0x3000) n++;
  }
  return n;
}

type CoreHost = ReturnType<typeof coreHost>;

function openManager(bytes: Uint8Array, host: CoreHost): InstanceType<typeof LocalPdfManager> {
  return new LocalPdfManager({
    source: bytes,
    docId: 'planlint',
    enableXfa: false,
    handler: host,
    password: undefined,
    evaluatorOptions: {
      maxImageSize: -1,
      disableFontFace: true,
      ignoreErrors: true,
      isEvalSupported: false,
      isOffscreenCanvasSupported: false,
      isImageDecoderSupported: false,
      canvasMaxAreaInBytes: -1,
      fontExtraProperties: false,
      useSystemFonts: false,
      useWasm: false,
      useWorkerFetch: false,
      cMapUrl: null,
      cMapPacked: true,
      iccUrl: null,
      standardFontDataUrl: null,
      wasmUrl: null,
      enableWebGPU: false,
    },
  });
}

/** Parses the document's structure (header, cross-reference table, rebuilt when broken); returns its page count. */
async function openDocument(mgr: InstanceType<typeof LocalPdfManager>): Promise<number> {
  await mgr.ensureDoc('checkHeader');
  await mgr.ensureDoc('parseStartXRef');
  try {
    await mgr.ensureDoc('parse', [false]);
  } catch (e) {
    if (!(e instanceof XRefParseException)) throw e;
    await mgr.ensureDoc('parse', [true]);
  }
  const n = (await mgr.ensureDoc('numPages')) as number;
  if (!Number.isInteger(n) || n < 1) throw new Error('no pages');
  return n;
}

/**
 * One page as the later passes need it: its lines (runs grouped by baseline, columns split: see
 * pageLines and splitColumns, which look at this page only), its height, its count of visible
 * characters. A worker sends this back, so the main thread does no per-page work for its pages.
 */
export interface PageRead {
  lines: PdfLine[];
  height: number;
  chars: number;
}

async function readPage(mgr: InstanceType<typeof LocalPdfManager>, host: CoreHost, index: number): Promise<PageRead> {
  const page = (await mgr.getPage(index)) as PdfPage;
  const raw: RawItem[] = [];
  const sink = {
    desiredSize: Infinity,
    ready: Promise.resolve(),
    enqueue(chunk: { items?: RawItem[] }) {
      for (const it of chunk.items ?? []) raw.push(it);
    },
  };
  await page.extractTextContent({
    handler: host,
    task: new WorkerTask(`text ${index + 1}`),
    sink,
    includeMarkedContent: false,
    disableNormalization: false,
  });
  const { items, width, height, others } = pageItems(raw, page.view);
  let chars = 0;
  for (const it of items) chars += countVisible(it.str);
  const lines = splitColumns(items, width, height).flatMap((col) => pageLines(col, index + 1));
  for (const other of others) {
    for (const it of other.items) chars += countVisible(it.str);
    const block = pageLines(other.items, index + 1);
    if (block.length) block[0].breakBefore = true;
    lines.push(...block);
  }
  return { lines, height, chars };
}

/**
 * Claims the next free page for thread `me` (1 = the main thread, 2… the workers): pages are handed
 * out one at a time, whoever is free first takes the next, so a slow page never holds up the rest.
 * `state[i]` is 0 while page i is free, then its reader's id (set once, atomically). Every thread
 * scans upwards from its last claim: a page it passed was already taken, and stays taken.
 */
function claimPage(state: Int32Array, me: number, from: number): number {
  for (let i = from; i < state.length; i++) {
    if (Atomics.load(state, i) === 0 && Atomics.compareExchange(state, i, 0, me) === 0) return i;
  }
  return -1;
}

/** Pages at which reading in parallel can pay for a worker's start (≈ 0.2 s here: a thread, the bundle, its warm-up). */
const PARALLEL_MIN_PAGES = 8;
/**
 * A worker that needs more heap than this is stopped (its pages are then read in the main thread):
 * 512 MB, or PLANLINT_PDF_WORKER_HEAP_MB.
 */
function workerHeapMb(): number {
  const env = Number(process.env.PLANLINT_PDF_WORKER_HEAP_MB);
  return Number.isInteger(env) && env >= 16 ? env : 512;
}

/**
 * How many page workers to start for `count` pages: PLANLINT_PDF_WORKERS=N asks for N (at most three,
 * none for a short file); off by default. Measured on a 2-vCPU machine with the other vCPU idle: one
 * worker reading the pages took 1.10 s against 0.86 s for the main thread alone, two threads as long
 * as one (pdfjs' page pass allocates heavily; spin loops scaled, it did not), for half as much CPU
 * again. Until a machine shows a gain the main thread reads alone; the pool is tested (the same text
 * byte for byte, a failing worker's pages read by the main thread).
 */
function workerCount(count: number): number {
  if (count < PARALLEL_MIN_PAGES) return 0;
  const env = process.env.PLANLINT_PDF_WORKERS;
  if (env === undefined || !/^\d{1,2}$/.test(env)) return 0;
  return Math.max(0, Math.min(Number(env), 3, count - 1));
}

interface PagePool {
  /** pages read by the workers so far, by page index */
  results: Map<number, PageRead>;
  /** waits for the pages the live workers have claimed, then stops every worker */
  finish(): Promise<void>;
  /** stops every worker now */
  stop(): Promise<void>;
}

/**
 * Starts the page workers (dist/pdf-worker.js: the same bundle as this one, loaded with the same
 * code cache). Each gets a copy of the file's bytes and the shared page table; each posts back the
 * lines of every page it reads. A worker that fails in any way (an error, an exit, its heap limit)
 * is only marked dead: the pages it claimed and did not return are read by the main thread.
 */
function startPool(bytes: Uint8Array, state: Int32Array, n: number): PagePool | null {
  const script = join(__dirname, 'pdf-worker.js');
  if (n < 1 || !existsSync(script)) return null;
  const results = new Map<number, PageRead>();
  const workers: Array<{ worker: Worker; id: number; alive: boolean }> = [];
  let wake: (() => void) | null = null;
  const poke = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const shared = new SharedArrayBuffer(bytes.byteLength);
  new Uint8Array(shared).set(bytes);
  for (let k = 0; k < n; k++) {
    const id = k + 2;
    let worker: Worker;
    try {
      worker = new Worker(script, {
        workerData: { bytes: shared, state: state.buffer, id },
        resourceLimits: { maxOldGenerationSizeMb: workerHeapMb() },
        // no preloads or flags of the host process; the worker's output never reaches ours (a
        // language server's stdout is its protocol channel)
        execArgv: [],
        stdout: true,
        stderr: true,
      });
    } catch {
      break;
    }
    const entry = { worker, id, alive: true };
    worker.stdout.resume();
    worker.stderr.resume();
    worker.on('message', (m: { page?: number } & Partial<PageRead>) => {
      if (typeof m?.page === 'number' && Array.isArray(m.lines)) {
        results.set(m.page, { lines: m.lines, height: m.height ?? 0, chars: m.chars ?? 0 });
      }
      poke();
    });
    const dead = () => {
      entry.alive = false;
      poke();
    };
    worker.on('error', dead);
    worker.on('exit', dead);
    workers.push(entry);
  }
  if (!workers.length) return null;
  const stop = async () => {
    await Promise.all(workers.map((w) => w.worker.terminate().catch(() => undefined)));
  };
  return {
    results,
    stop,
    async finish() {
      // a page claimed by a live worker and not yet returned: wait for it (or for that worker's end)
      const waiting = () => {
        for (let i = 0; i < state.length; i++) {
          const owner = Atomics.load(state, i);
          if (owner > 1 && !results.has(i) && workers.some((w) => w.id === owner && w.alive)) return true;
        }
        return false;
      };
      // (test hook: with the main thread leaving pages to the workers, also wait while pages are free)
      const free = () => leaveToWorkers() && Array.from(state).some((o) => o === 0) && workers.some((w) => w.alive);
      while (waiting() || free()) await new Promise<void>((resolve) => (wake = resolve));
      await stop();
    },
  };
}

/**
 * The body of a page worker (run by dist/pdf-worker.js in a worker thread): opens its own copy of
 * the document, then claims and reads pages until none is left, posting each page's lines.
 */
export async function pdfWorkerMain(): Promise<void> {
  if (!parentPort || !workerData) return;
  setVerbosityLevel(0);
  const data = workerData as { bytes: SharedArrayBuffer; state: SharedArrayBuffer; id: number };
  const state = new Int32Array(data.state);
  const host = coreHost();
  const mgr = openManager(new Uint8Array(data.bytes).slice(), host);
  try {
    await openDocument(mgr);
    let from = 0;
    for (;;) {
      const i = claimPage(state, data.id, from);
      if (i < 0) break;
      from = i + 1;
      workerFault();
      parentPort.postMessage({ page: i, ...(await readPage(mgr, host, i)) });
    }
  } finally {
    await mgr.cleanup(true).catch(() => undefined);
  }
}

/** Test hook: PLANLINT_PDF_LEAVE_TO_WORKERS=1: the main thread reads only the pages no worker returned. */
function leaveToWorkers(): boolean {
  return process.env.PLANLINT_PDF_LEAVE_TO_WORKERS === '1';
}

/**
 * Test hook: PLANLINT_PDF_WORKER_FAULT makes a page worker fail after claiming its first page, the
 * way a worker can fail in use ('throw': an error; 'exit': the thread ends; 'oom': its heap limit).
 */
function workerFault(): void {
  const fault = process.env.PLANLINT_PDF_WORKER_FAULT;
  if (!fault) return;
  if (fault === 'throw') throw new Error('page worker fault (test)');
  if (fault === 'exit') process.exit(3);
  if (fault === 'oom') {
    const hog: number[][] = [];
    for (;;) hog.push(new Array(1 << 20).fill(hog.length));
  }
}

/**
 * Reads the text layer of a PDF. Throws a one-line PlanReadError for encrypted, damaged or text-less files.
 * A document of PARALLEL_MIN_PAGES pages or more may be read by the main thread and up to three page
 * workers together (see workerCount); the text is the same, byte for byte, as one thread's.
 */
export async function readPdf(buf: Uint8Array, file: string, opts: { maxPages?: number } = {}): Promise<PlanSource> {
  setVerbosityLevel(0);
  const host = coreHost();
  let mgr: InstanceType<typeof LocalPdfManager>;
  let n: number;
  try {
    mgr = openManager(new Uint8Array(buf), host);
    n = await openDocument(mgr);
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (name === 'PasswordException') {
      throw new PlanReadError(file, message('refused: the PDF is password-protected (encrypted); save an unprotected copy'), {
        kind: 'encrypted',
      });
    }
    const what = message('not a valid PDF ({0})', (e as Error).message);
    throw new PlanReadError(file, message('damaged or unreadable file: {0}', what), { kind: 'malformed' });
  }
  const count = Math.min(n, opts.maxPages ?? 2000);
  const state = new Int32Array(new SharedArrayBuffer(count * 4));
  let pool: PagePool | null = null;
  try {
    pool = startPool(buf, state, workerCount(count));
    const reads: Array<PageRead | undefined> = new Array(count);
    if (pool) {
      for (let from = 0; !leaveToWorkers();) {
        const i = claimPage(state, 1, from);
        if (i < 0) break;
        from = i + 1;
        reads[i] = await readPage(mgr, host, i);
      }
      await pool.finish();
      for (const [i, r] of pool.results) reads[i] ??= r;
    }
    // every page no worker returned (all of them without workers)
    for (let i = 0; i < count; i++) reads[i] ??= await readPage(mgr, host, i);
    const pages: Array<{ lines: PdfLine[]; height: number }> = [];
    let chars = 0;
    for (let i = 0; i < count; i++) {
      const { lines, height, chars: c } = reads[i] as PageRead;
      chars += c;
      pages.push({ lines, height });
    }
    if (chars < Math.max(20, count * 5)) {
      throw new PlanReadError(
        file,
        message(
          'no text layer (a scanned PDF? {0} page(s), {1} characters of text): run OCR on it first or use the Word file',
          count,
          chars,
        ),
        { kind: 'no-text' },
      );
    }
    return joinParagraphs(dropFurniture(pages));
  } catch (e) {
    if (e instanceof PlanReadError) throw e;
    const what = message('cannot read the PDF text ({0})', (e as Error).message);
    throw new PlanReadError(file, message('damaged or unreadable file: {0}', what), { kind: 'malformed' });
  } finally {
    await pool?.stop();
    await mgr.cleanup(true).catch(() => undefined);
  }
}
