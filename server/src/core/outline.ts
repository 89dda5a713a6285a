// Outline: the numbering marker (一、 （一） 1. （1） ①) and markdown heading of each line, and the
// regions that look like headings but are not body outline (目录, flattened tables).
// Invariant: never throws; every node's col/endCol lie inside its line.
import type { MarkerFamily, NoiseRegion, OutlineNode } from './types';
import { circledToNumber, cnToNumber, foldWidth, indentLength, isWrappedLine, wrapWidth } from './text';

const CN = '[一二三四五六七八九十百零〇两]{1,4}';
const RE_MD = /^(#{1,6})[ \t\u3000]+/;
const RE_CN = new RegExp(`^(${CN})[ \\t\\u3000]*([、．.，,])`);
const RE_PAREN_CN = new RegExp(`^([（(])[ \\t\\u3000]*(${CN})[ \\t\\u3000]*([）)])`);
const RE_PAREN_AR = /^([（(])[ \t\u3000]*(\d{1,3})[ \t\u3000]*([）)])/;
// "1." "1、" "1．" but not a decimal ("1.12名"); "8. 5岁以下…" is item 8; "1、5岁以下…" is item 1 ("、" is no decimal point).
const RE_ARABIC = /^(\d{1,3})[ \t\u3000]?([.．](?!\d)|、)/;
const RE_CIRCLED = /^([①-⑳])/;
const RE_HALF_PAREN_AR = /^(\d{1,3})[ \u3000]?[)）]/;
/**
 * A bullet that starts an item: dashes (——, —, －, -, –), Word and markdown bullets (• · ▪ ● ◆ ◇ ■ □ ○ ◦ ➢ ►,
 * * but not markdown bold **, +). The one definition: readMarker skips it before a typed marker,
 * paragraphs, lost-number candidates and fixes read it from PlanLine.bullet.
 */
export const RE_BULLET = /^(——|—|－|-|–|•|·|▪|●|◆|◇|■|□|○|◦|➢|►|\*(?!\*)|\+)/;
// A bullet in front of a typed marker ("- (1)", "• 2."): the list is the marker's.
const RE_BULLET_MARKER = new RegExp(
  `^(?:${RE_BULLET.source.slice(1)})[ \\t\\u3000]+(?=[（(]|[0-9０-９]{1,3}[ \\t\\u3000]?[.．、]|[一二三四五六七八九十]{1,3}[、．.]|[①-⑳])`,
);

const LEVEL: Record<MarkerFamily, number> = { cn: 1, 'paren-cn': 2, arabic: 3, 'paren-arabic': 4, circled: 5, md: 0 };

/** Reads the marker at the start of one line; null when the line has none and is not a markdown heading. */
export function readMarker(line: string, lineNo: number): OutlineNode | null {
  const lead = indentLength(line);
  let pos = lead;
  let mdDepth: number | null = null;
  const md = RE_MD.exec(line.slice(pos));
  if (md) {
    mdDepth = md[1].length;
    pos += md[0].length;
    pos += indentLength(line.slice(pos));
  }
  const bullet = RE_BULLET_MARKER.exec(line.slice(pos));
  if (bullet) pos += bullet[0].length;
  const rest = foldWidth(line.slice(pos));
  let family: MarkerFamily | null = null;
  let m: RegExpExecArray | null;
  let number: number | null = null;
  let style = '';
  if ((m = RE_PAREN_CN.exec(rest))) {
    family = 'paren-cn';
    number = cnToNumber(m[2]);
    style = bracketStyle(m[1], m[3]);
  } else if ((m = RE_PAREN_AR.exec(rest))) {
    family = 'paren-arabic';
    number = Number(m[2]);
    style = bracketStyle(m[1], m[3]);
  } else if ((m = RE_CN.exec(rest))) {
    // "一，" is a typo of "一、"; accept it as a marker (style shows it).
    family = 'cn';
    number = cnToNumber(m[1]);
    style = m[2];
  } else if ((m = RE_ARABIC.exec(rest))) {
    family = 'arabic';
    number = Number(m[1]);
    style = m[2];
  } else if ((m = RE_CIRCLED.exec(rest))) {
    family = 'circled';
    number = circledToNumber(m[1]);
    style = 'circled';
  }
  if (family && (number === null || Number.isNaN(number))) family = null;
  if (!family) {
    if (mdDepth === null) return null;
    const text = line.slice(pos).trim();
    if (!text) return null;
    return {
      line: lineNo,
      level: 0,
      family: 'md',
      marker: '',
      number: null,
      style: '',
      col: lead,
      endCol: pos,
      text,
      mdDepth,
      heading: true,
    };
  }
  const markerLen = m![0].length;
  const text = line.slice(pos + markerLen).trim();
  return {
    line: lineNo,
    level: LEVEL[family],
    family,
    marker: line.slice(pos, pos + markerLen).trim(),
    number,
    style,
    col: pos,
    endCol: pos + markerLen,
    text,
    mdDepth,
    heading: mdDepth !== null || isHeadingText(text),
  };
}

function bracketStyle(open: string, close: string): string {
  const o = open === '（' ? 'full' : 'half';
  const c = close === '）' ? 'full' : 'half';
  return o === c ? o : 'mixed';
}

const NOTE_PUNCT = '。：:.；;，,';

/** The text without trailing spaces (\\s, U+3000) and characters of `chars` (a loop: a regex …+$ scans every position). */
function trimEndOf(text: string, chars: string): string {
  let e = text.length;
  while (e > 0 && (chars.includes(text[e - 1]) || /\s/.test(text[e - 1]))) e--;
  return e === text.length ? text : text.slice(0, e);
}

/** A heading is a short title ("指导思想。", "儿童与健康"), not an item with a sentence body. */
export function isHeadingText(text: string): boolean {
  const t = trimEndOf(stripTrailingNotes(text), '。：:.');
  if (!t) return false;
  if (t.length > 24) return false;
  return !/[，,；;。]/.test(t);
}

/**
 * The text without trailing bracketed notes: "儿童与健康（牵头单位：区卫生健康局。责任单位：……）" → "儿童与健康".
 * A note is a (…) / （…） / 【…】 group (one nesting level) at the end, possibly followed by punctuation.
 */
export function stripTrailingNotes(text: string): string {
  let t = trimEndOf(text, NOTE_PUNCT);
  for (let k = 0; k < 3; k++) {
    const end = t.length - 1;
    const close = t[end];
    if (close !== '）' && close !== ')' && close !== '】') break;
    let depth = 0;
    let i = end;
    for (; i >= 0; i--) {
      const ch = t[i];
      if (ch === '）' || ch === ')' || ch === '】') depth++;
      else if (ch === '（' || ch === '(' || ch === '【') depth--;
      if (depth === 0) break;
    }
    if (i < 0) break;
    t = trimEndOf(t.slice(0, i), NOTE_PUNCT);
  }
  return t;
}

const RE_TOC_TITLE = /^[\s\u3000#]*目[\s\u3000]*录[\s\u3000]*$/;
/**
 * Where a trailing page number and its leader start ("第一章 总则……12", "总则\t3", "总则   3"), or -1:
 * the regex /(\t|[ \u3000]{2,}|[.…·．]{3,}|…+)[ \u3000]*\d{1,3}[ \u3000]*$/ (its leftmost match), read
 * backwards from the end of the line so that it stays linear: the regex itself backtracks
 * quadratically on a long run of spaces.
 */
function pageNumberStart(l: string, oneSpace = false): number {
  const sp = (c: string | undefined) => c === ' ' || c === '\u3000';
  let e = l.length;
  while (e > 0 && sp(l[e - 1])) e--;
  let d = e;
  while (d > 0 && l.charCodeAt(d - 1) >= 48 && l.charCodeAt(d - 1) <= 57) d--;
  if (d === e || e - d > 3) return -1;
  let s = d;
  while (s > 0 && sp(l[s - 1])) s--;
  const spaces = d - s;
  const dots = (c: string | undefined) => c === '.' || c === '…' || c === '·' || c === '．';
  if (l[s - 1] === '\t') return s - 1;
  if (dots(l[s - 1])) {
    let k = s;
    while (k > 0 && dots(l[k - 1])) k--;
    if (s - k >= 3) return k;
    if (l[s - 1] === '…') {
      let h = s;
      while (h > 0 && l[h - 1] === '…') h--;
      return h;
    }
  }
  return spaces >= 2 || (oneSpace && spaces === 1 && s > 0) ? s : -1;
}

const RE_PAGE_NO = { test: (l: string): boolean => pageNumberStart(l) >= 0 };

/** Finds 目录 (table of contents) blocks and flattened / pipe tables. */
export function findNoise(lines: string[]): NoiseRegion[] {
  const out: NoiseRegion[] = findFurniture(lines);
  const n = lines.length;
  // 1. Table of contents: a 目录 title, or a run of ≥ 3 entries ending with page numbers.
  for (let i = 0; i < n; i++) {
    if (inRegions(out, i + 1)) continue;
    const isTitle = RE_TOC_TITLE.test(lines[i]);
    if (!isTitle && !RE_PAGE_NO.test(lines[i])) continue;
    let j = i + (isTitle ? 1 : 0);
    let last = isTitle ? i : -1;
    let entries = 0;
    const firstEntries: string[] = [];
    const sameAsFirst = (t: string) =>
      firstEntries.length > 0 && stripPage(t).replace(/\s/g, '') === firstEntries[0].replace(/\s/g, '');
    while (j < n) {
      const l = lines[j];
      const t = l.trim();
      if (!t) {
        j++;
        continue;
      }
      // under a 目录 title: a page number on a line of its own ("总则" / "3") belongs to the entry above
      if (isTitle && entries > 0 && last === j - 1 - blanksBefore(lines, j) && /^\d{1,3}$/.test(t)) {
        last = j;
        j++;
        continue;
      }
      // … and one space before the page number is enough ("儿童与健康 12")
      if (RE_PAGE_NO.test(l) || (isTitle && pageNumberStart(l, true) >= 0 && !sameAsFirst(t))) {
        entries++;
        last = j;
        if (firstEntries.length < 1) firstEntries.push(stripPage(t));
        j++;
        continue;
      }
      // Entries without page numbers: short marker lines, until the body restarts; under a 目录 title, also a
      // short line whose page number stands on the next line.
      const node = isTitle && t.length <= 30 ? readMarker(l, j + 1) : null;
      const pageNext = isTitle && t.length <= 30 && /^\d{1,3}$/.test(nextText(lines, j));
      if ((node?.heading || pageNext) && !(sameAsFirst(t) && entries > 2)) {
        if (firstEntries.length < 1) firstEntries.push(t);
        entries++;
        last = j;
        j++;
        continue;
      }
      break;
    }
    if ((isTitle && entries >= 2) || (!isTitle && entries >= 3)) {
      out.push({ start: i + 1, end: last + 1, kind: 'toc' });
      i = last;
    }
  }
  // 2. Tables: pipe tables and tab-separated rows; runs of short cells flattened one per line.
  for (let i = 0; i < n; i++) {
    if (inRegions(out, i + 1)) continue;
    if (isTableRow(lines[i])) {
      let j = i;
      while (j + 1 < n && (isTableRow(lines[j + 1]) || (!lines[j + 1].trim() && j + 2 < n && isTableRow(lines[j + 2])))) j++;
      if (j > i) {
        out.push({ start: i + 1, end: j + 1, kind: 'table' });
        i = j;
        continue;
      }
    }
    if (isCell(lines[i])) {
      let j = i;
      let cells = 0;
      let numeric = 0;
      let k = i;
      while (k < n && (isCell(lines[k]) || !lines[k].trim())) {
        if (lines[k].trim()) {
          cells++;
          j = k;
          if (/\d/.test(lines[k])) numeric++;
        }
        k++;
      }
      if (cells >= 8 && numeric >= 3) {
        out.push({ start: i + 1, end: j + 1, kind: 'table' });
        i = j;
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

// Page numbers of a PDF or Word page foot: "— 12 —", "- 12 -", "第 3 页 共 41 页", "第3页", "12/41", "12 / 41".
const RE_FOLIO =
  /^(?:[—–\-－~～─]{1,2}[ \u3000]*\d{1,4}[ \u3000]*[—–\-－~～─]{1,2}|第[ \u3000]*\d{1,4}[ \u3000]*页(?:[ \u3000,，/]*共[ \u3000]*\d{1,4}[ \u3000]*页)?|\d{1,4}[ \u3000]*\/[ \u3000]*\d{1,4}|[Pp]age[ \u3000]*\d{1,4}(?:[ \u3000]*of[ \u3000]*\d{1,4})?)$/;

/** A page number line (page furniture, never content). */
export function isFolio(line: string): boolean {
  if (line.length > 40) return false;
  return RE_FOLIO.test(line.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''));
}

/**
 * Page furniture of text copied out of a PDF: page numbers, and running headers / footers (a short line that
 * recurs right next to page numbers, or the document's first line — its title — recurring later). One region per line.
 */
function findFurniture(lines: string[]): NoiseRegion[] {
  const n = lines.length;
  const folio: boolean[] = lines.map((l) => isFolio(l));
  const key = (l: string) => l.replace(/[\s\u3000]+/g, '');
  const firstLine = lines.findIndex((l) => l.trim());
  const title = firstLine >= 0 ? key(lines[firstLine]) : '';
  // short lines by text, with their positions
  const seen = new Map<string, number[]>();
  lines.forEach((l, i) => {
    if (l.length > 80) return;
    const k = key(l);
    // a header is a title line, not a sentence
    if (!k || k.length > 50 || folio[i] || /[，。；,;！？]/.test(k)) return;
    const at = seen.get(k);
    if (at) at.push(i);
    else seen.set(k, [i]);
  });
  // next to a page number: the nearest non-blank line before or after it is one
  const nearFolio = (i: number): boolean => {
    for (const dir of [-1, 1]) {
      let j = i + dir;
      while (j >= 0 && j < n && !lines[j].trim()) j += dir;
      if (j >= 0 && j < n && folio[j]) return true;
    }
    return false;
  };
  const out: NoiseRegion[] = [];
  const mark = new Array<boolean>(n).fill(false);
  folio.forEach((f, i) => (mark[i] = f));
  for (const [k, at] of seen) {
    if (at.length < 2) continue;
    const byFolio = at.filter(nearFolio);
    // a running header: the title again after the title block, or a line that recurs at page breaks
    if (k === title && at.length >= 3) at.slice(1).forEach((i) => (mark[i] = true));
    else if (byFolio.length >= 2 && byFolio.length * 3 >= at.length * 2 && readMarker(lines[at[0]], 0) === null)
      byFolio.forEach((i) => (mark[i] = true));
  }
  mark.forEach((m, i) => {
    if (m) out.push({ start: i + 1, end: i + 1, kind: 'page' });
  });
  return out;
}

/** Blank lines right before index j. */
function blanksBefore(lines: string[], j: number): number {
  let k = 0;
  while (j - 1 - k >= 0 && !lines[j - 1 - k].trim()) k++;
  return k;
}

/** The next non-blank line after index j, trimmed ('' when none within 3 lines). */
function nextText(lines: string[], j: number): string {
  for (let k = j + 1; k < lines.length && k <= j + 3; k++) if (lines[k].trim()) return lines[k].trim();
  return '';
}

function stripPage(t: string): string {
  const at = pageNumberStart(t, true);
  return (at >= 0 ? t.slice(0, at) : t).trim();
}

function isTableRow(l: string): boolean {
  const t = l.trim();
  if (/^\|.*\|$/.test(t)) return true;
  return t.includes('\t') && !RE_PAGE_NO.test(l) && t.split('\t').filter((c) => c.trim()).length >= 3;
}

/** A flattened table cell: short, no sentence punctuation, not a numbered item. */
function isCell(l: string): boolean {
  const t = l.trim();
  if (!t || t.length > 16) return false;
  if (/[，。；;：:]/.test(t)) return false;
  if (RE_MD.test(t)) return false;
  const node = readMarker(t, 0);
  return !node || node.family === 'md';
}

export function inRegions(regions: NoiseRegion[], line: number): boolean {
  return regions.some((r) => line >= r.start && line <= r.end);
}

// ---- an item number running into a numeral ------------------------------------------------
// "2.95%的城市社区…" in a list 1. 2. 3. is item 2 followed by 95 %; "8.5岁以下儿童…" is item 8 followed by
// "5岁以下"; "降至\n2.5‰" (a wrapped sentence) and "达到92.5%" stay decimals. Decided by structure: the
// line starts with "N.D", it does not continue an unfinished sentence, and its neighbours in the list
// are items N−1 / N+1 (or the decimal reading is an age, which plans never write with a decimal).

const RE_FUSED_START = /^[\s\u3000\u00a0\ufeff]*[0-9０-９]{1,3}[.．][0-9０-９]/;
export const RE_FUSED = /^(\d{1,3})[.．](?=\d)/;
/**
 * A list marker opening a sentence inside a paragraph (items run together: "主要目标：1.…。2.…。（3）…"): where the
 * sentence's words start (the marker and the spaces after it) and, for an arabic marker, its number. The
 * markers of readMarker, but for 一、 (a part never runs on inside a paragraph); null when none.
 */
export function inlineMarker(text: string): { end: number; arabic: number | null } | null {
  const node = readMarker(text, 0);
  if (node && node.family !== 'md' && node.family !== 'cn' && node.mdDepth === null)
    return { end: node.endCol + indentLength(text.slice(node.endCol)), arabic: node.family === 'arabic' ? node.number : null };
  // "1)": the half-bracket item number run-together items use (as a line's marker it is too loose to read)
  const lead = indentLength(text);
  const half = RE_HALF_PAREN_AR.exec(foldWidth(text.slice(lead)));
  if (!half) return null;
  const end = lead + half[0].length;
  return { end: end + indentLength(text.slice(end)), arabic: Number(half[1]) };
}

/** An item number fused to a numeral at the start of a text ("2.95%…"): its number and where it ends; null when none. */
export function fusedMarker(text: string): { number: number; end: number } | null {
  const lead = indentLength(text);
  const m = RE_FUSED.exec(text.slice(lead));
  return m ? { number: Number(m[1]), end: lead + m[0].length } : null;
}

/** A line's arabic item number: its marker's, or N of a fused "N.D…" start; null otherwise. */
function arabicAt(raw: string, ln: number): { n: number; fused: boolean; len: number } | null {
  const node = readMarker(raw, ln);
  if (node && node.family === 'arabic' && node.number !== null) return { n: node.number, fused: false, len: 0 };
  if (node) return null;
  const body = foldWidth(raw.slice(indentLength(raw)));
  const m = RE_FUSED.exec(body);
  return m ? { n: Number(m[1]), fused: true, len: m[0].length } : null;
}

/** The text before a line leaves a value pending ("…降至", "…保持在", "…不低于"): a numeral there continues it. */
function expectsValue(prev: string): boolean {
  const t = prev.replace(/[\s\u3000]+$/, '');
  if (!t || /[。；;！!？?：:）)]$/.test(t)) return false;
  return /(?:[达为在至到于约是过、和，,≥≤<>＜＞]|下降|降低|减少|提高|提升|增长|增加|保持|维持|稳定|实现|不足)$/.test(t);
}

/** Lines (1-based) in [start, end] that begin with an item number fused to a numeral; `skip`: lines that are no
 *  text (tables, page furniture), passed over as if absent. */
export function fusedItemLines(
  lines: string[],
  start: number,
  end: number,
  skip: (line: number) => boolean = () => false,
): Set<number> {
  const out = new Set<number>();
  // cheap guard: most texts have no line starting with "N.D"
  let any = false;
  for (let ln = Math.max(1, start); ln <= Math.min(end, lines.length) && !any; ln++)
    any = RE_FUSED_START.test(lines[ln - 1] ?? '');
  if (!any) return out;
  const items: Array<{ ln: number; n: number; fused: boolean; len: number }> = [];
  let prevText = '';
  for (let ln = start; ln <= end; ln++) {
    const raw = lines[ln - 1] ?? '';
    if (!raw.trim() || skip(ln)) continue;
    const a = arabicAt(raw, ln);
    if (a && !(a.fused && expectsValue(prevText))) items.push({ ln, ...a });
    prevText = raw;
  }
  items.forEach((it, k) => {
    if (!it.fused) return;
    const prev = items[k - 1];
    const next = items[k + 1];
    const body = foldWidth((lines[it.ln - 1] ?? '').slice(indentLength(lines[it.ln - 1] ?? '')));
    const decimalAge = /^\d+[.．]\d+[ \u3000]*(岁|周岁|月龄)/.test(body);
    if ((prev && prev.n === it.n - 1) || (next && next.n === it.n + 1) || decimalAge) out.add(it.ln);
  });
  return out;
}

/** What ends a line that is no part of a running sentence: a sentence, a label, a bracket, a quote. */
const RE_CLAUSE_END = /[。；;！!？?：:）)】”"」』]$/;

/** All outline nodes outside noise regions. */
export function readOutline(lines: string[], noise: NoiseRegion[]): OutlineNode[] {
  const out: OutlineNode[] = [];
  // In a hard-wrapped PDF copy, a marked line that fills the width goes on on the next line: not a title.
  const wrap = wrapWidth(lines);
  let prev = ''; // the previous non-blank line outside noise
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i] || inRegions(noise, i + 1)) continue;
    const node = readMarker(lines[i], i + 1);
    // a PDF copy wrapped mid-sentence: "…其中\n（1）…" goes on with the sentence above, it opens no item
    const continues = node !== null && node.mdDepth === null && isWrappedLine(prev, wrap) && !RE_CLAUSE_END.test(prev.trim());
    if (lines[i].trim()) prev = lines[i];
    if (!node || continues) continue;
    if (node.heading && node.mdDepth === null && isWrappedLine(lines[i], wrap)) node.heading = false;
    out.push(node);
  }
  // "2.95%的城市社区…" between items 1. and 3. is item 2 (see fusedItemLines)
  const fusedNodes: OutlineNode[] = [];
  for (const ln of fusedItemLines(lines, 1, lines.length, (l) => inRegions(noise, l))) {
    const raw = lines[ln - 1];
    const col = indentLength(raw);
    const m = RE_FUSED.exec(foldWidth(raw.slice(col)))!;
    const node: OutlineNode = {
      line: ln,
      level: LEVEL.arabic,
      family: 'arabic',
      marker: raw.slice(col, col + m[0].length),
      number: Number(m[1]),
      style: m[0].slice(-1),
      col,
      endCol: col + m[0].length,
      text: raw.slice(col + m[0].length).trim(),
      mdDepth: null,
      heading: false,
    };
    fusedNodes.push(node);
  }
  return fusedNodes.length ? [...out, ...fusedNodes].sort((a, b) => a.line - b.line) : out;
}
