// PDF with a text layer, read with pdfjs-dist (Mozilla's PDF engine: the most complete pure-JS
// text extraction, CJK CMaps included; legacy build for Node). Runs on the main thread with the
// worker module bundled in (no worker thread, no network, no eval, no font loading, no canvas).
// This module is its own bundle (dist/pdf.js), loaded only when a PDF is read.
//
// Text comes back as positioned runs. We rebuild lines by their baseline, drop page numbers and
// running headers/footers (short lines in the top/bottom band that repeat across pages or read
// as a page number), and rejoin hard-wrapped lines into paragraphs: a line starts a paragraph when
// it is indented, when the line before ended short of the right margin, after a larger gap, or
// when the font size changes. Wide gaps inside a line make it a table row (`| a | b |`).
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import * as pdfWorker from 'pdfjs-dist/legacy/build/pdf.worker.mjs';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { PlanReadError } from '../read';
import { SourceBuilder, type PlanSource } from './source';

// The "fake worker" runs in this thread when it finds the worker module here.
(globalThis as unknown as { pdfjsWorker?: unknown }).pdfjsWorker = pdfWorker;

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
}

const ASCII_WORD = /[A-Za-z0-9]/;

function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Appends a run to a line's text: explicit spaces kept (tidied later), a space for a wide gap between Latin words. */
function joinRun(prev: string, next: string, gap: number, size: number): string {
  if (!prev) return next.replace(/^\s+/, '');
  if (!next.trim()) return /\s$/.test(prev) ? prev : prev + ' ';
  if (/\s$/.test(prev)) return prev + next.trimStart();
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
      if (r.str.trim() || r.w > 0) end = Math.max(end, r.x + r.w);
    }
    const last = visible[visible.length - 1];
    lines.push({
      page,
      x: visible[0].x,
      xEnd: last.x + last.w,
      y: g[0].y,
      size,
      cells: cells.map(tidySpaces).filter(Boolean),
    });
  }
  return lines;
}

const PAGE_NUMBER =
  /^[\s\-—–－_·•]*(?:第\s*)?(?:\d{1,4}|[ivxlcdm]{1,6})(?:\s*页)?(?:\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[\s\-—–－_·•]*$/i;

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
    let starts = !cur || !prev;
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
    if (existsSync(d)) return d + '/';
  }
  return undefined;
}

/** Reads the text layer of a PDF. Throws a one-line PlanReadError for encrypted, damaged or text-less files. */
export async function readPdf(buf: Uint8Array, file: string, opts: { maxPages?: number } = {}): Promise<PlanSource> {
  const cMapUrl = cmapDir();
  const task = pdfjs.getDocument({
    data: new Uint8Array(buf),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    disableAutoFetch: true,
    disableStream: true,
    stopAtErrors: false,
    verbosity: 0,
    ...(cMapUrl ? { cMapUrl, cMapPacked: true } : {}),
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (name === 'PasswordException') {
      throw new PlanReadError(file, 'refused: the PDF is password-protected (encrypted); save an unprotected copy', {
        kind: 'encrypted',
        zh: '拒绝读取：此 PDF 已设置打开密码（加密），请另存一份未加密的副本',
      });
    }
    throw new PlanReadError(file, `damaged or unreadable file: not a valid PDF (${(e as Error).message})`, {
      kind: 'malformed',
      zh: `文件已损坏或无法读取：不是有效的 PDF（${(e as Error).message}）`,
    });
  }
  try {
    const pages: Array<{ lines: PdfLine[]; height: number }> = [];
    const n = Math.min(doc.numPages, opts.maxPages ?? 2000);
    let chars = 0;
    for (let p = 1; p <= n; p++) {
      const page = await doc.getPage(p);
      const height = page.view[3] - page.view[1];
      const tc = await page.getTextContent();
      const items: PdfItem[] = [];
      for (const it of tc.items as Array<{ str?: string; transform?: number[]; width?: number; height?: number }>) {
        if (typeof it.str !== 'string' || !it.transform) continue;
        const size = it.height || Math.hypot(it.transform[2], it.transform[3]) || 0;
        items.push({
          str: it.str,
          x: it.transform[4] - page.view[0],
          y: it.transform[5] - page.view[1],
          w: it.width ?? 0,
          h: size,
        });
        chars += it.str.replace(/\s+/g, '').length;
      }
      pages.push({ lines: pageLines(items, p), height });
      page.cleanup();
    }
    if (chars < Math.max(20, n * 5)) {
      throw new PlanReadError(
        file,
        `no text layer (a scanned PDF? ${n} page(s), ${chars} characters of text): run OCR on it first or use the Word file`,
        {
          kind: 'no-text',
          zh: `没有文字层（扫描版 PDF？共 ${n} 页，仅 ${chars} 个字符）：请先进行文字识别（OCR）或改用 Word 文件`,
        },
      );
    }
    return joinParagraphs(dropFurniture(pages));
  } catch (e) {
    if (e instanceof PlanReadError) throw e;
    throw new PlanReadError(file, `damaged or unreadable file: cannot read the PDF text (${(e as Error).message})`, {
      kind: 'malformed',
      zh: `文件已损坏或无法读取：无法读取 PDF 文字（${(e as Error).message}）`,
    });
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}
